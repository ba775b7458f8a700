// A real distributed framework across local replicas: PyTorch DistributedDataParallel over gloo,
// finding its peers through the MASTER_ADDR / MASTER_PORT / WORLD_SIZE / RANK the emulator sets
// for PyTorch images (as Vertex does). Needs torch for the interpreter in VTRAIN_TORCH_PYTHON
// (default /usr/bin/python3, where Debian's python3-torch installs it); .ci/run installs it and
// sets VTRAIN_REQUIRE_TORCH=1 so that CI fails rather than skips when torch is missing.
import {spawnSync} from 'node:child_process';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {isTerminalState} from '../../source/core/job-spec/index.js';
import {stagePackageLocally} from '../../source/services/vertex/package-staging.js';
import {jobLogLines, startTestEmulator, waitFor, type TestEmulator} from '../helpers/emulator.js';

const PYTHON = process.env.VTRAIN_TORCH_PYTHON ?? '/usr/bin/python3';
const DDP_PACKAGE = path.resolve(import.meta.dirname, '../../examples/pytorch-ddp');
const PACKAGE_URI = 'gs://staging/ddp/trainer-ddp-0.1.0.tar.gz';
const IMAGE = 'us-docker.pkg.dev/vertex-ai/training/pytorch-xla.2-4.py310:latest';
const PARENT = 'projects/test-project/locations/us-central1';

const hasTorch =
  spawnSync(PYTHON, ['-c', 'import torch.distributed as d; assert d.is_gloo_available()'], {
    stdio: 'ignore',
  }).status === 0;
if (!hasTorch && process.env.VTRAIN_REQUIRE_TORCH === '1')
  throw new Error(`VTRAIN_REQUIRE_TORCH=1 but ${PYTHON} cannot import torch with gloo`);

let env: TestEmulator;

describe.skipIf(!hasTorch)('PyTorch DDP across local replicas', () => {
  beforeAll(async () => {
    env = await startTestEmulator({python: PYTHON});
  });
  afterAll(async () => env?.close());

  it('trains with gloo across a primary and two workers and SUCCEEDS with replicas in sync', async () => {
    await stagePackageLocally(DDP_PACKAGE, PACKAGE_URI, env.bucketRoot);
    const pool = (replicaCount: number) => ({
      machineSpec: {machineType: 'n1-standard-4'},
      replicaCount,
      pythonPackageSpec: {
        executorImageUri: IMAGE,
        packageUris: [PACKAGE_URI],
        pythonModule: 'trainer.task',
        args: ['--epochs=30'],
      },
    });
    const [created] = await env.clients.jobs.createCustomJob({
      parent: PARENT,
      customJob: {displayName: 'ddp', jobSpec: {workerPoolSpecs: [pool(1), pool(2)]}},
    });
    const finished = await waitFor(
      async () => {
        const [job] = await env.clients.jobs.getCustomJob({name: created.name!});
        return isTerminalState(String(job.state) as never) ? job : undefined;
      },
      120_000,
      'the DDP job to finish',
    );
    const jobId = created.name!.split('/').pop()!;
    const lines = await jobLogLines(env.clients, jobId);
    const text = lines.map((line) => `[${line.replica}] ${line.message}`).join('\n');
    expect(finished.state, text).toBe('JOB_STATE_SUCCEEDED');
    for (const [replica, rank] of [
      ['workerpool0-0', 0],
      ['workerpool1-0', 1],
      ['workerpool1-1', 2],
    ] as const)
      expect(text).toMatch(
        new RegExp(`\\[${replica}\\] rank ${rank}/3 done: w=\\S+ b=\\S+ replicas_in_sync=True`),
      );
    // The JSON progress lines arrive as messages with their severity lifted out.
    const losses = lines
      .filter((line) => line.replica === 'workerpool0-0' && /epoch \d+ loss=/.test(line.message))
      .map((line) => Number(/loss=([\d.]+)/.exec(line.message)?.[1]));
    expect(losses.length).toBeGreaterThanOrEqual(3);
    expect(losses.at(-1)!).toBeLessThan(losses[0]! / 2);
  });
});
