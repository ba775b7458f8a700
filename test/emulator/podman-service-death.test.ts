// Containers do not outlive the emulator service that started them, whatever ends it: after a
// kill -9 of the service, its watcher removes the job's containers (their engine would keep them
// running); if the watcher died too, the next start removes them. Runs the built CLI's background
// service (`npm run build` first) under a real Podman, with a busybox image imported here.
import {createHash} from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import {liveService} from '../../source/services/backend/local-service.js';
import {LOST_JOB_MESSAGE} from '../../source/emulator/custom-job/recovery.js';
import {
  buildBusyboxImage,
  containerSkipReason,
  containersNamed,
  containersOfEmulator,
  ENGINE,
  removeImage,
  testImageTag,
} from '../helpers/container-image.js';
import {processesMatching, waitFor} from '../helpers/emulator.js';
import {connect, isAlive, PARENT, runCli, tempDataDir} from '../helpers/service.js';

const IMAGE = testImageTag('death');
let dataDirs: string[] = [];

/** Starts the service, runs a one-replica container job that sleeps, returns once it runs. */
async function runningContainerJob() {
  const dataDir = await tempDataDir();
  dataDirs.push(dataDir);
  const env = {VTRAIN_EMULATOR_CONTAINER_ENGINES: ENGINE};
  expect((await runCli(['emulator', 'start', '--data-dir', dataDir], env)).code).toBe(0);
  const {clients} = await connect(dataDir);
  const [created] = await clients.jobs.createCustomJob({
    parent: PARENT,
    customJob: {
      displayName: 'sleeping container',
      jobSpec: {
        workerPoolSpecs: [
          {
            machineSpec: {machineType: 'n1-standard-4'},
            replicaCount: 1,
            containerSpec: {imageUri: IMAGE, command: ['/bin/sh', '-c', 'echo up; sleep 600']},
          },
        ],
      },
    },
  });
  const name = created.name as string;
  const id = name.split('/').pop() as string;
  await waitFor(
    async () => (containersNamed(`vtrain-${id}-`).length === 1 ? true : undefined),
    60_000,
    'the container to run',
  );
  await clients.close();
  return {dataDir, env, name, id, servicePid: liveService(dataDir)!.pid};
}

async function jobAfterRestart(dataDir: string, env: Record<string, string>, name: string) {
  expect((await runCli(['emulator', 'start', '--data-dir', dataDir], env)).code).toBe(0);
  const {clients} = await connect(dataDir);
  try {
    const [job] = await clients.jobs.getCustomJob({name});
    return job;
  } finally {
    await clients.close();
  }
}

describe.skipIf(containerSkipReason !== undefined)('containers after the service dies', () => {
  beforeAll(() => buildBusyboxImage(IMAGE), 120_000);
  afterAll(() => removeImage(IMAGE));
  afterEach(async () => {
    // Only these services' containers count: other test files may run containers meanwhile.
    for (const dir of dataDirs) {
      await runCli(['emulator', 'stop', '--data-dir', dir]);
      expect(await processesMatching(dir)).toEqual([]);
      expect(containersOfEmulator(dir)).toEqual([]);
      await fs.rm(dir, {recursive: true, force: true});
    }
    dataDirs = [];
  });

  it('kill -9 of the service: its watcher removes the containers, no client is left', async () => {
    const {dataDir, env, name, id, servicePid} = await runningContainerJob();
    process.kill(servicePid, 'SIGKILL');
    await waitFor(
      async () => (containersNamed(`vtrain-${id}-`).length === 0 ? true : undefined),
      60_000,
      'the watcher to remove the container',
    );
    await waitFor(
      async () => ((await processesMatching(`vtrain-${id}`)).length === 0 ? true : undefined),
      30_000,
      'the podman client to end',
    );
    const job = await jobAfterRestart(dataDir, env, name);
    expect(job.state).toBe('JOB_STATE_FAILED');
    expect(job.error).toMatchObject({code: 13, message: LOST_JOB_MESSAGE});
  });

  it('service and watcher killed: the next start removes the leftover containers', async () => {
    const {dataDir, env, name, id, servicePid} = await runningContainerJob();
    // The watcher's command line carries this data folder's label (container-replicas.ts).
    const label = createHash('sha256').update(path.resolve(dataDir)).digest('hex').slice(0, 16);
    const watchers = await processesMatching(`vtrain-emulator=${label}`);
    expect(watchers.length).toBeGreaterThan(0);
    for (const pid of [servicePid, ...watchers]) process.kill(pid, 'SIGKILL');
    await waitFor(async () => (isAlive(servicePid) ? undefined : true), 5000, 'the service to die');
    expect(containersNamed(`vtrain-${id}-`)).toHaveLength(1);
    const job = await jobAfterRestart(dataDir, env, name);
    expect(job.state).toBe('JOB_STATE_FAILED');
    await waitFor(
      async () => (containersNamed(`vtrain-${id}-`).length === 0 ? true : undefined),
      60_000,
      'the restarted service to remove the leftover container',
    );
  });
});
