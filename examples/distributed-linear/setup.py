"""Example Vertex AI training package: data-parallel linear regression using only the stdlib."""
from setuptools import find_packages, setup

setup(
    name="trainer",
    version="0.1.0",
    packages=find_packages(),
    install_requires=[],
    description="vtrain-tui example: distributed linear regression over CLUSTER_SPEC",
)
