// A full disk under the service's data folder, through the built CLI's real service (run
// `npm run build` first): twice, once on a real 2 MiB tmpfs (root only; skipped with the reason
// otherwise) and once with the injected ENOSPC of VTRAIN_EMULATOR_DISK_FULL (any user). Either
// way the log flush that fails ends the job with a clear error instead of crashing the service,
// new jobs and uploads are refused with "disk full (DIR): free space …" (RESOURCE_EXHAUSTED, the
// status google/rpc/code.proto names for "the entire file system is out of space"; HTTP 429 on
// Storage), every job record stays whole JSON, a restart on the full disk (persisting the crashed
// run's record) comes up, a script command says it in one line, and freeing space carries on.
import {spawnSync} from 'node:child_process';
import fs from 'node:fs/promises';
import {writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as grpc from '@grpc/grpc-js';
import {afterEach, describe, expect, it, type TestContext} from 'vitest';
import {liveService} from '../../source/services/backend/local-service.js';
import {stagePackageLocally} from '../../source/services/vertex/package-staging.js';
import type {Clients} from '../../source/services/vertex/clients.js';
import {diskFullMessage} from '../../source/emulator/contract/disk-full.js';
import {waitFor} from '../helpers/emulator.js';
import {connect, isAlive, pythonJob, runCli} from '../helpers/service.js';

const PACKAGE_URI = 'gs://disk-test/chatty-0.1.tar.gz';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
  cleanups.length = 0;
});

/** A replica that prints a 1000-character line every 5 ms until stopped. */
async function writeChattyPackage(root: string): Promise<string> {
  const folder = path.join(root, 'chatty');
  await fs.mkdir(path.join(folder, 'trainer'), {recursive: true});
  await fs.writeFile(path.join(folder, 'trainer', '__init__.py'), '');
  await fs.writeFile(
    path.join(folder, 'trainer', 'task.py'),
    'import time\nwhile True:\n    print("x" * 1000, flush=True)\n    time.sleep(0.005)\n',
  );
  return folder;
}

interface Disk {
  dataDir: string;
  env: Record<string, string>;
  fill(): Promise<void>;
  free(): Promise<void>;
}

async function grpcCode(call: Promise<unknown>): Promise<{code?: number; details?: string}> {
  try {
    await call;
    return {};
  } catch (error) {
    return error as {code?: number; details?: string};
  }
}

async function scenario(disk: Disk): Promise<void> {
  const {dataDir, env} = disk;
  const cli = (args: string[]) => runCli([...args, '--data-dir', dataDir], env);
  cleanups.push(async () => void (await cli(['emulator', 'stop'])));
  expect((await cli(['emulator', 'start'])).code).toBe(0);
  const code = await writeChattyPackage(path.dirname(dataDir));
  await stagePackageLocally(code, PACKAGE_URI, path.join(dataDir, 'buckets'));
  let clients: Clients = (await connect(dataDir)).clients;
  cleanups.push(() => clients.close());
  const [job] = await clients.jobs.createCustomJob(pythonJob('chatty', PACKAGE_URI));
  await waitFor(
    async () =>
      (await clients.jobs.getCustomJob({name: job.name!}))[0].state === 'JOB_STATE_RUNNING'
        ? true
        : undefined,
    30_000,
    'the chatty job to run',
  );

  await disk.fill();
  // The log flush fails: the job ends with the reason, the service stays up.
  const [failed] = await waitFor(async () => {
    const got = await clients.jobs.getCustomJob({name: job.name!});
    return got[0].state === 'JOB_STATE_FAILED' ? got : undefined;
  }, 30_000);
  expect(failed.error?.code).toBe(grpc.status.RESOURCE_EXHAUSTED);
  expect(failed.error?.message).toContain("could not write this job's logs");
  expect(failed.error?.message).toContain(diskFullMessage(dataDir));
  const service = liveService(dataDir);
  expect(service).toBeDefined();
  expect(isAlive(service!.pid)).toBe(true);

  // New work is refused with the one line, on gRPC and on the Cloud Storage API.
  const refused = await grpcCode(clients.jobs.createCustomJob(pythonJob('more', PACKAGE_URI)));
  expect(refused.code).toBe(grpc.status.RESOURCE_EXHAUSTED);
  expect(refused.details).toBe(diskFullMessage(dataDir));
  // The HTTP/JSON surface (gcloud) refuses with 429 RESOURCE_EXHAUSTED, code.proto's mapping.
  const rest = await fetch(
    `http://127.0.0.1:${service!.restPort}/v1/projects/test-project/locations/us-central1/customJobs`,
    {
      method: 'POST',
      headers: {authorization: `Bearer ${service!.key}`, 'content-type': 'application/json'},
      body: JSON.stringify(pythonJob('rest', PACKAGE_URI).customJob),
    },
  );
  expect(rest.status).toBe(429);
  expect(await rest.json()).toMatchObject({
    error: {status: 'RESOURCE_EXHAUSTED', message: diskFullMessage(dataDir)},
  });
  const upload = await fetch(
    `http://127.0.0.1:${service!.storagePort}/upload/storage/v1/b/disk-test/o?uploadType=media&name=more.tar.gz`,
    {method: 'POST', headers: {authorization: `Bearer ${service!.key}`}, body: 'x'.repeat(300_000)},
  );
  expect(upload.status).toBe(429);
  const body = (await upload.json()) as {error: {message: string}};
  expect(body.error.message).toBe(diskFullMessage(dataDir));

  // A script command says so in one line, without a stack.
  const config = path.join(await fs.mkdtemp(path.join(os.tmpdir(), 'vtrain-job-')), 'job.yaml');
  cleanups.push(() => fs.rm(path.dirname(config), {recursive: true, force: true}));
  writeFileSync(
    config,
    `workerPoolSpecs:\n  - machineSpec:\n      machineType: n1-standard-4\n    replicaCount: 1\n    pythonPackageSpec:\n      executorImageUri: us-docker.pkg.dev/vertex-ai/training/pytorch-xla.2-4.py310:latest\n      packageUris: [${PACKAGE_URI}]\n      pythonModule: trainer.task\n`,
  );
  const submit = await cli(['submit', '--config', config, '--project', 'test-project']);
  expect(submit.code).toBe(1);
  expect(submit.stderr.split('\n').filter((line) => /disk full/.test(line))).toEqual([
    `vtrain-tui: ${diskFullMessage(dataDir)}`,
  ]);
  expect(submit.stderr).not.toMatch(/quota|\n\s+at /);

  // Every record on disk is whole JSON.
  const records = path.join(dataDir, 'emulator', 'jobs');
  for (const name of await fs.readdir(records))
    if (name.endsWith('.json')) JSON.parse(await fs.readFile(path.join(records, name), 'utf8'));

  // A crash and a restart on the full disk: recovery persists the lost run's record, which fails.
  await clients.close();
  process.kill(service!.pid, 'SIGKILL');
  await waitFor(async () => (isAlive(service!.pid) ? undefined : true), 5000, 'the kill');
  const restarted = await cli(['emulator', 'start']);
  expect(restarted.stderr).toBe('');
  expect(restarted.code).toBe(0);
  clients = (await connect(dataDir)).clients;
  cleanups.push(() => clients.close());
  const [afterRestart] = await clients.jobs.getCustomJob({name: job.name!});
  expect(afterRestart.state).toBe('JOB_STATE_FAILED');
  expect((await grpcCode(clients.jobs.createCustomJob(pythonJob('more', PACKAGE_URI)))).code).toBe(
    grpc.status.RESOURCE_EXHAUSTED,
  );
  for (const name of await fs.readdir(records))
    if (name.endsWith('.json')) JSON.parse(await fs.readFile(path.join(records, name), 'utf8'));

  // Space is freed: the service carries on, and the held-back record is written.
  await disk.free();
  const [next] = await clients.jobs.createCustomJob(pythonJob('after', PACKAGE_URI));
  expect(next.name).toMatch(/customJobs\/\d+$/);
  await clients.jobs.cancelCustomJob({name: next.name!});
  const id = job.name!.split('/').at(-1)!;
  await waitFor(
    async () => {
      const text = await fs.readFile(path.join(records, `${id}.json`), 'utf8');
      return /JOB_STATE_FAILED/.test(text) ? true : undefined;
    },
    10_000,
    'the held-back record',
  );
}

describe('a full disk under the service', () => {
  it('with an injected ENOSPC (any user)', async () => {
    const root = await fs.mkdtemp(path.join(os.tmpdir(), 'vtrain-disk-'));
    cleanups.push(() => fs.rm(root, {recursive: true, force: true}));
    const flag = path.join(root, 'disk-is-full');
    await scenario({
      dataDir: path.join(root, 'data'),
      env: {VTRAIN_EMULATOR_DISK_FULL: flag},
      fill: () => fs.writeFile(flag, ''),
      free: () => fs.rm(flag, {force: true}),
    });
  });

  it('on a real 2 MiB tmpfs (root only)', async (context: TestContext) => {
    if (process.getuid?.() !== 0) return context.skip('mounting a tmpfs needs root');
    const root = await fs.mkdtemp(path.join(os.tmpdir(), 'vtrain-tmpfs-'));
    const mount = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=2m,mode=0700', 'tmpfs', root]);
    if (mount.status !== 0) {
      await fs.rm(root, {recursive: true, force: true});
      return context.skip(`mount -t tmpfs failed: ${String(mount.stderr).trim() || mount.error}`);
    }
    cleanups.push(async () => {
      spawnSync('umount', ['-l', root]);
      await fs.rm(root, {recursive: true, force: true});
    });
    const filler = path.join(root, 'filler');
    await scenario({
      dataDir: path.join(root, 'data'),
      env: {},
      // Leave ~200 KiB: the chatty job's log fills the rest within a second or so.
      fill: async () => {
        const {bavail, bsize} = await fs.statfs(root);
        await fs.writeFile(filler, Buffer.alloc(Math.max(0, bavail * bsize - 200 * 1024)));
      },
      free: () => fs.rm(filler, {force: true}),
    });
  });
});
