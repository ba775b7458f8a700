// The built CLI's emulator commands as a new user meets them (run `npm run build` first):
// `status --json` with the Cloud Storage URL, a `start --python` or `--packages-in-image` that
// differs from the running service, and a busy port.
import fs from 'node:fs/promises';
import net from 'node:net';
import {Storage} from '@google-cloud/storage';
import {afterEach, describe, expect, it} from 'vitest';
import {liveService} from '../../source/services/backend/local-service.js';
import {storageClientOptions} from '../../source/emulator/contract/storage-access.js';
import path from 'node:path';
import {stagePackageLocally} from '../../source/services/vertex/package-staging.js';
import {waitFor} from '../helpers/emulator.js';
import {
  connect,
  PARENT,
  pythonJob,
  runCli,
  tempDataDir,
  writeSleeperPackage,
} from '../helpers/service.js';

let dataDirs: string[] = [];

async function newDataDir() {
  const dir = await tempDataDir();
  dataDirs.push(dir);
  return dir;
}

afterEach(async () => {
  for (const dir of dataDirs) {
    await runCli(['emulator', 'stop', '--data-dir', dir]);
    await fs.rm(dir, {recursive: true, force: true});
  }
  dataDirs = [];
});

describe('emulator commands', () => {
  it('status --json reports pid, gRPC and Cloud Storage addresses, data dir, python and running jobs', async () => {
    const dataDir = await newDataDir();
    const notRunning = await runCli(['emulator', 'status', '--json', '--data-dir', dataDir]);
    expect(notRunning.code).toBe(3);
    expect(JSON.parse(notRunning.stdout)).toEqual({running: false, dataDir});

    expect((await runCli(['emulator', 'start', '--data-dir', dataDir])).code).toBe(0);
    const status = await runCli(['emulator', 'status', '--json', '--data-dir', dataDir]);
    expect(status.code).toBe(0);
    const report = JSON.parse(status.stdout) as Record<string, unknown>;
    expect(Object.keys(report).sort()).toEqual(
      [
        'dataDir',
        'grpc',
        'packagesInImage',
        'pid',
        'python',
        'rest',
        'runningJobs',
        'storage',
      ].sort(),
    );
    const info = liveService(dataDir)!;
    expect(report).toMatchObject({
      pid: info.pid,
      grpc: `127.0.0.1:${info.port}`,
      rest: `http://127.0.0.1:${info.restPort}/`,
      storage: `http://127.0.0.1:${info.storagePort}`,
      dataDir,
      python: 'python3',
      runningJobs: 0,
      packagesInImage: false,
    });
    // The advertised storage port serves the JSON API to the owner's client.
    const storage = new Storage(storageClientOptions(info, 'p'));
    await storage.createBucket('from-status');
    expect(await storage.bucket('from-status').exists()).toEqual([true]);
    // env-init's STORAGE_EMULATOR_HOST carries the path token: the same port after a restart, but
    // a new token (issue #23: whatever the old one reached while the service was down is void).
    const exported = async () =>
      (
        JSON.parse(
          (await runCli(['emulator', 'env-init', '--json', '--data-dir', dataDir])).stdout,
        ) as Record<string, string>
      ).STORAGE_EMULATOR_HOST!;
    const host = await exported();
    expect(host).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${info.storagePort}/t/[\\w-]{32,}$`));
    expect((await fetch(`${host}/storage/v1/b/from-status`)).status).toBe(200);
    expect((await runCli(['emulator', 'stop', '--data-dir', dataDir])).code).toBe(0);
    expect((await runCli(['emulator', 'start', '--data-dir', dataDir])).code).toBe(0);
    const next = await exported();
    expect(new URL(next).port).toBe(new URL(host).port);
    expect(next).not.toBe(host);
    expect((await fetch(`${host}/b/from-status/o`)).status).toBe(401);
    expect((await fetch(`${next}/b/from-status/o`)).status).toBe(200);
    const table = await runCli(['emulator', 'status', '--data-dir', dataDir]);
    expect(table.stdout).toMatch(/python\s+python3\n/);
    expect(table.stdout).toMatch(
      new RegExp(`storage\\s+http://127\\.0\\.0\\.1:${liveService(dataDir)!.storagePort}`),
    );
  });

  it('start --python with another interpreter than the running service says so and how to restart', async () => {
    const dataDir = await newDataDir();
    expect((await runCli(['emulator', 'start', '--data-dir', dataDir])).code).toBe(0);
    const other = await runCli([
      'emulator',
      'start',
      '--data-dir',
      dataDir,
      '--python',
      '/usr/bin/python3',
    ]);
    expect(other.code).toBe(1);
    expect(other.stderr).toContain('uses the interpreter "python3", not "/usr/bin/python3"');
    expect(other.stderr).toContain(`vtrain-tui emulator stop --data-dir ${dataDir}`);
    // The same interpreter is not a mismatch.
    const same = await runCli(['emulator', 'start', '--data-dir', dataDir, '--python', 'python3']);
    expect(same.code).toBe(0);
    expect(same.stdout).toMatch(/already running/);
  });

  it('start --packages-in-image: the service keeps the setting, status shows it, a service without it says how to switch', async () => {
    const dataDir = await newDataDir();
    expect((await runCli(['emulator', 'start', '--data-dir', dataDir])).code).toBe(0);
    // A running service without the setting: asking for it is not silently ignored.
    for (const [args, env] of [
      [['--packages-in-image'], {}],
      [[], {VTRAIN_EMULATOR_PACKAGES_IN_IMAGE: '1'}],
    ] as const) {
      const asked = await runCli(['emulator', 'start', '--data-dir', dataDir, ...args], env);
      expect(asked.code).toBe(1);
      expect(asked.stderr).toContain(
        `runs Python packages with the local Python, not inside their pre-built image (--packages-in-image). To switch, run \`vtrain-tui emulator stop --data-dir ${dataDir}\``,
      );
    }
    expect((await runCli(['emulator', 'stop', '--data-dir', dataDir])).code).toBe(0);
    const started = await runCli([
      'emulator',
      'start',
      '--data-dir',
      dataDir,
      '--packages-in-image',
    ]);
    expect(started.code, started.stderr).toBe(0);
    expect(liveService(dataDir)?.packagesInImage).toBe(true);
    const report = JSON.parse(
      (await runCli(['emulator', 'status', '--json', '--data-dir', dataDir])).stdout,
    ) as Record<string, unknown>;
    expect(report.packagesInImage).toBe(true);
    const table = await runCli(['emulator', 'status', '--data-dir', dataDir]);
    expect(table.stdout).toMatch(
      /packages\s+inside their pre-built image when it is local \(--packages-in-image\)\n/,
    );
    // Asking again, or not asking, is no mismatch.
    expect(
      (await runCli(['emulator', 'start', '--data-dir', dataDir, '--packages-in-image'])).code,
    ).toBe(0);
    expect((await runCli(['emulator', 'start', '--data-dir', dataDir])).code).toBe(0);
    const bad = await runCli(['emulator', 'start', '--data-dir', dataDir], {
      VTRAIN_EMULATOR_PACKAGES_IN_IMAGE: 'yes',
    });
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim()).toBe(
      'vtrain-tui emulator: VTRAIN_EMULATOR_PACKAGES_IN_IMAGE must be 1 or 0; got "yes".',
    );
  });

  it('serve --port, --storage-port or --rest-port on a busy port prints one clear line, no stack trace', async () => {
    const dataDir = await newDataDir();
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as net.AddressInfo).port;
    try {
      for (const flag of ['--port', '--storage-port', '--rest-port']) {
        const result = await runCli([
          'emulator',
          'serve',
          '--data-dir',
          dataDir,
          flag,
          String(port),
        ]);
        expect(result.code).toBe(1);
        const lines = result.stderr.trim().split('\n');
        expect(lines).toHaveLength(1);
        expect(lines[0]).toContain(`port ${port} on 127.0.0.1 is already in use`);
        expect(lines[0]).toContain(flag);
        expect(result.stderr).not.toMatch(/\n\s+at /);
      }
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });

  it('refuses a data folder, bucket folder or staged package that other users can write, with the fix', async () => {
    const dataDir = await newDataDir();
    await fs.chmod(dataDir, 0o777);
    const open = await runCli(['emulator', 'serve', '--data-dir', dataDir]);
    expect(open.code).toBe(2);
    expect(open.stderr).toContain(`${dataDir} can be written by other users (mode 0777)`);
    expect(open.stderr).toContain(`chmod go-w ${dataDir}`);
    await fs.chmod(dataDir, 0o700);

    expect((await runCli(['emulator', 'start', '--data-dir', dataDir])).code).toBe(0);
    for (const folder of ['buckets', 'jobs'])
      expect((await fs.stat(path.join(dataDir, folder))).mode & 0o777).toBe(0o700);
    const uri = 'gs://vtrain-test/sleeper.tar.gz';
    await stagePackageLocally(
      await writeSleeperPackage(dataDir),
      uri,
      path.join(dataDir, 'buckets'),
    );
    await fs.chmod(path.join(dataDir, 'buckets', 'vtrain-test', 'sleeper.tar.gz'), 0o666);
    const {clients} = await connect(dataDir);
    try {
      const [created] = await clients.jobs.createCustomJob(pythonJob('tampered', uri));
      const job = await waitFor(async () => {
        const [current] = await clients.jobs.getCustomJob({name: created.name as string});
        return current.state === 'JOB_STATE_FAILED' ? current : undefined;
      });
      expect(job.error?.message).toContain(
        'sleeper.tar.gz can be written by other users (mode 0666)',
      );
      expect(job.error?.message).toContain('chmod go-w');
    } finally {
      await clients.close();
    }
    // A bucket folder others can write stops the next start.
    await runCli(['emulator', 'stop', '--data-dir', dataDir]);
    await fs.chmod(path.join(dataDir, 'buckets', 'vtrain-test'), 0o777);
    const again = await runCli(['emulator', 'serve', '--data-dir', dataDir]);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('vtrain-test can be written by other users');
  });

  it('keeps a corrupt job record visible: moved aside, logged, listed as FAILED', async () => {
    const dataDir = await newDataDir();
    expect((await runCli(['emulator', 'start', '--data-dir', dataDir])).code).toBe(0);
    const uri = 'gs://vtrain-test/sleeper.tar.gz';
    await stagePackageLocally(
      await writeSleeperPackage(dataDir),
      uri,
      path.join(dataDir, 'buckets'),
    );
    let {clients} = await connect(dataDir);
    const names: string[] = [];
    for (const label of ['a', 'b']) {
      const [created] = await clients.jobs.createCustomJob(pythonJob(label, uri));
      names.push(created.name as string);
      await clients.jobs.cancelCustomJob({name: created.name as string});
    }
    await clients.close();
    await runCli(['emulator', 'stop', '--data-dir', dataDir]);
    const id = names[0]!.split('/').pop()!;
    const record = path.join(dataDir, 'emulator', 'jobs', `${id}.json`);
    const text = await fs.readFile(record, 'utf8');
    await fs.writeFile(record, text.slice(0, Math.floor(text.length / 2)));

    expect((await runCli(['emulator', 'start', '--data-dir', dataDir])).code).toBe(0);
    ({clients} = await connect(dataDir));
    try {
      const [jobs] = await clients.jobs.listCustomJobs({parent: PARENT});
      expect(jobs.map((job) => job.name).sort()).toEqual([...names].sort());
      const [broken] = await clients.jobs.getCustomJob({name: names[0]!});
      expect(broken.state).toBe('JOB_STATE_FAILED');
      expect(broken.error?.message).toMatch(
        /^record unreadable \(.*\): moved to .*\.json\.unreadable-\d+/,
      );
      const moved = /moved to (\S+)\./.exec(broken.error?.message ?? '')![1]!;
      expect(await fs.readFile(moved, 'utf8')).toBe(text.slice(0, Math.floor(text.length / 2)));
      const serviceLog = await fs.readFile(path.join(dataDir, 'emulator', 'service.log'), 'utf8');
      expect(serviceLog).toContain(`the job record ${record} is unreadable`);
    } finally {
      await clients.close();
    }
  });
});
