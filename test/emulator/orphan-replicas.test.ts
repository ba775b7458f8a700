// Issue #23 item 4: a service killed with SIGKILL runs no cleanup, yet its replicas (one that
// prints nothing, so no broken pipe ends it) and the children they fork must end on their own
// within seconds. A child that leaves the replica's process group (setsid) escapes that; `emulator
// status` and `doctor` then report it and `emulator stop` ends it. Bounds are generous and only
// poll: no timing is asserted.
import fs from 'node:fs/promises';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {liveService} from '../../source/services/backend/local-service.js';
import {stagePackageLocally} from '../../source/services/vertex/package-staging.js';
import {waitFor} from '../helpers/emulator.js';
import {connect, isAlive, pythonJob, runCli, tempDataDir} from '../helpers/service.js';

/** The replica forks a child (which calls setsid() with "escape"), writes both pids, and sleeps. */
const SILENT_TASK = `
import os, sys, time
mode, pids = sys.argv[1], sys.argv[2]
child = os.fork()
if child == 0:
    if mode == "escape":
        os.setsid()
    time.sleep(300)
    os._exit(0)
with open(pids + ".tmp", "w") as f:
    f.write("%d %d" % (os.getpid(), child))
os.rename(pids + ".tmp", pids)
time.sleep(300)
`;

let dataDir: string;
const uri = 'gs://vtrain-test/silent.tar.gz';

beforeAll(async () => {
  dataDir = await tempDataDir();
  const folder = path.join(dataDir, 'silent');
  await fs.mkdir(path.join(folder, 'trainer'), {recursive: true});
  await fs.writeFile(path.join(folder, 'trainer', '__init__.py'), '');
  await fs.writeFile(path.join(folder, 'trainer', 'task.py'), SILENT_TASK);
  await stagePackageLocally(folder, uri, path.join(dataDir, 'buckets'));
});
afterAll(async () => {
  await runCli(['emulator', 'stop', '--data-dir', dataDir]);
  await fs.rm(dataDir, {recursive: true, force: true});
});

/** Starts the service, runs the silent job, SIGKILLs the service; returns the two pids. */
async function runAndKill(mode: 'stay' | 'escape'): Promise<{replica: number; child: number}> {
  expect((await runCli(['emulator', 'start', '--data-dir', dataDir])).code).toBe(0);
  const servicePid = liveService(dataDir)!.pid;
  const pidsFile = path.join(dataDir, `pids-${mode}`);
  const {clients} = await connect(dataDir);
  try {
    await clients.jobs.createCustomJob(pythonJob(`silent-${mode}`, uri, [mode, pidsFile]));
  } finally {
    await clients.close();
  }
  const [replica, child] = await waitFor(
    async () =>
      (await fs.readFile(pidsFile, 'utf8').catch(() => undefined))?.split(' ').map(Number),
    30_000,
    'the replica to write its pids',
  );
  expect(isAlive(replica!)).toBe(true);
  expect(isAlive(child!)).toBe(true);
  process.kill(servicePid, 'SIGKILL');
  await waitFor(async () => (isAlive(servicePid) ? undefined : true), 10_000, 'the service to die');
  return {replica: replica!, child: child!};
}

describe('replicas of a SIGKILLed service', () => {
  it('end on their own, with the children they forked', async () => {
    const {replica, child} = await runAndKill('stay');
    await waitFor(
      async () => (isAlive(replica) || isAlive(child) ? undefined : true),
      20_000,
      'the replica and its child to end after their service died',
    );
    const status = await runCli(['emulator', 'status', '--data-dir', dataDir]);
    expect(status.code).toBe(3);
    expect(status.stdout).not.toMatch(/still running/);
  });

  it('a child that left the group is reported by status and doctor, and ended by stop', async () => {
    const {replica, child} = await runAndKill('escape');
    await waitFor(async () => (isAlive(replica) ? undefined : true), 20_000, 'the replica to end');
    expect(isAlive(child)).toBe(true);

    const status = await runCli(['emulator', 'status', '--data-dir', dataDir]);
    expect(status.code).toBe(3);
    expect(status.stdout).toMatch(/not running/);
    expect(status.stdout).toMatch(
      new RegExp(
        `1 replica process of a stopped emulator service still running \\(pid ${child}: job \\d+ workerpool0-0`,
      ),
    );
    const json = await runCli(['emulator', 'status', '--json', '--data-dir', dataDir]);
    expect(JSON.parse(json.stdout)).toMatchObject({
      running: false,
      leftoverReplicas: [{pid: child, replica: 'workerpool0-0'}],
    });
    const doctor = await runCli(['doctor', '--json', '--backend', 'local', '--data-dir', dataDir]);
    const report = JSON.parse(doctor.stdout) as {
      checks: Array<{id: string; status: string; detail: string}>;
    };
    expect(doctor.code).not.toBe(0);
    expect(report.checks.find((check) => check.id === 'leftover-replicas')).toMatchObject({
      status: 'fail',
      detail: expect.stringContaining(`pid ${child}`),
    });

    const stop = await runCli(['emulator', 'stop', '--data-dir', dataDir]);
    expect(stop.code).toBe(0);
    expect(stop.stdout).toMatch(/ended 1 leftover replica process/);
    await waitFor(async () => (isAlive(child) ? undefined : true), 10_000, 'stop to end it');
  });
});
