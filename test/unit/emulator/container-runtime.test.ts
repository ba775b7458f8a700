import {describe, expect, it} from 'vitest';
import {
  configuredEngines,
  containerRunArgs,
  findContainerEngine,
  noEngineMessage,
} from '../../../source/emulator/custom-job/container-runtime.js';

const base = {
  name: 'vtrain-1-workerpool0-0',
  imageUri: 'us-docker.pkg.dev/p/r/trainer:1',
  envNames: ['CLUSTER_SPEC', 'TF_CONFIG'],
  mounts: [],
  labels: {'vtrain-job-id': '1'},
};

describe('containerRunArgs', () => {
  it('runs on the host network, passes env by name only, image then args', () => {
    const argv = containerRunArgs({...base, args: ['--epochs=2', '$(rm -rf /)']});
    expect(argv).toEqual([
      'run',
      '--rm',
      '--pull=never',
      '--name',
      'vtrain-1-workerpool0-0',
      '--network',
      'host',
      '--label',
      'vtrain-job-id=1',
      '--env',
      'CLUSTER_SPEC',
      '--env',
      'TF_CONFIG',
      'us-docker.pkg.dev/p/r/trainer:1',
      '--epochs=2',
      '$(rm -rf /)',
    ]);
    expect(argv.filter((arg) => arg.startsWith('CLUSTER_SPEC='))).toEqual([]);
  });

  it('maps command to --entrypoint plus leading args, and mounts output folders', () => {
    const argv = containerRunArgs({
      ...base,
      command: ['python3', '-m', 'trainer.task'],
      args: ['--lr=0.1'],
      mounts: ['/data/buckets/out'],
    });
    expect(argv).toContain('--entrypoint');
    expect(argv[argv.indexOf('--entrypoint') + 1]).toBe('python3');
    expect(argv.slice(-4)).toEqual([
      'us-docker.pkg.dev/p/r/trainer:1',
      '-m',
      'trainer.task',
      '--lr=0.1',
    ]);
    expect(argv[argv.indexOf('--volume') + 1]).toBe('/data/buckets/out:/data/buckets/out');
  });
});

describe('container engine lookup', () => {
  it('defaults to docker then podman, overridable by VTRAIN_EMULATOR_CONTAINER_ENGINES', () => {
    expect(configuredEngines({})).toEqual(['docker', 'podman']);
    expect(configuredEngines({VTRAIN_EMULATOR_CONTAINER_ENGINES: ' /opt/podman , docker'})).toEqual(
      ['/opt/podman', 'docker'],
    );
  });

  it('puts the probed engine flags before `run` (global) and among the run flags', () => {
    const argv = containerRunArgs(base, {
      globalArgs: ['--runtime', 'runc'],
      runArgs: ['--ulimit', 'nofile=1024:1024'],
    });
    expect(argv.slice(0, 4)).toEqual(['--runtime', 'runc', 'run', '--rm']);
    expect(argv.slice(argv.indexOf('host') + 1, argv.indexOf('host') + 3)).toEqual([
      '--ulimit',
      'nofile=1024:1024',
    ]);
  });

  it('tells a missing client from an engine that does not answer', async () => {
    const env = {PATH: process.env.PATH ?? '/usr/bin:/bin'};
    const probe = await findContainerEngine(['/nonexistent/docker', 'false'], env);
    expect(probe).toEqual({
      ok: false,
      tried: [
        {binary: '/nonexistent/docker', problem: 'is not installed'},
        {
          binary: 'false',
          problem: expect.stringMatching(/^is installed but its engine does not answer/),
        },
      ],
    });
    expect(await findContainerEngine(['true'], env)).toMatchObject({
      ok: true,
      engine: {binary: 'true', kind: 'docker', globalArgs: [], runArgs: []},
    });
    expect(noEngineMessage(1, 'img:1', probe)).toMatch(
      /^workerPoolSpecs\[1\] runs the container image img:1, but no container engine is available: \/nonexistent\/docker is not installed; false is installed/,
    );
  });
});
