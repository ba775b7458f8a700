"""A small PyTorch DistributedDataParallel trainer, packaged as Vertex AI expects."""
from setuptools import find_packages, setup

setup(
    name="trainer-ddp",
    version="0.1.0",
    packages=find_packages(),
    description="PyTorch DDP over gloo across Vertex AI worker pools (or the local emulator)",
)
