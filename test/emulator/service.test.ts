// The shared background service as real processes of the built CLI (run `npm run build` first):
// start/status/stop, one service per data folder, idle stop, crash recovery after kill -9,
// restart with records and logs intact, the owner key, and the permission checks.
import fs from 'node:fs/promises';
import path from 'node:path';
import * as grpc from '@grpc/grpc-js';
import {afterEach, describe, expect, it} from 'vitest';
import {liveService} from '../../source/services/backend/local-service.js';
import {LOST_JOB_MESSAGE} from '../../source/emulator/custom-job/recovery.js';
import {stagePackageLocally} from '../../source/services/vertex/package-staging.js';
import {createClients, type Clients} from '../../source/services/vertex/clients.js';
import {EXAMPLE_PACKAGE, waitFor} from '../helpers/emulator.js';
import {
  connect,
  isAlive,
  PARENT,
  pythonJob,
  runCli,
  tempDataDir,
  writeSleeperPackage,
} from '../helpers/service.js';

let dataDirs: string[] = [];
let openClients: Clients[] = [];

async function newDataDir() {
  const dir = await tempDataDir();
  dataDirs.push(dir);
  return dir;
}

async function clientsFor(dataDir: string) {
  const {clients} = await connect(dataDir);
  openClients.push(clients);
  return clients;
}

afterEach(async () => {
  await Promise.all(openClients.map((clients) => clients.close()));
  openClients = [];
  for (const dir of dataDirs) {
    await runCli(['emulator', 'stop', '--data-dir', dir]);
    await fs.rm(dir, {recursive: true, force: true});
  }
  dataDirs = [];
});

const jobState = async (clients: Clients, name: string) => {
  const [job] = await clients.jobs.getCustomJob({name});
  return job;
};

describe('emulator start | status | stop', () => {
  it('starts one detached service, reports it, refuses a second one, and stops it', async () => {
    const dataDir = await newDataDir();
    const before = await runCli(['emulator', 'status', '--data-dir', dataDir]);
    expect(before.code).toBe(3);
    expect(before.stdout).toMatch(/not running/);

    const started = await runCli(['emulator', 'start', '--data-dir', dataDir]);
    expect(started.code).toBe(0);
    const match = /started, listening on 127\.0\.0\.1:(\d+) \(pid (\d+)/.exec(started.stdout);
    expect(match).not.toBeNull();
    const pid = Number(match?.[2]);
    expect(isAlive(pid)).toBe(true);

    const again = await runCli(['emulator', 'start', '--data-dir', dataDir]);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(
      new RegExp(`already running, listening on 127\\.0\\.0\\.1:${match?.[1]} \\(pid ${pid}`),
    );

    const status = await runCli(['emulator', 'status', '--data-dir', dataDir]);
    expect(status.code).toBe(0);
    expect(status.stdout).toMatch(new RegExp(`pid\\s+${pid}\\n`));
    expect(status.stdout).toMatch(new RegExp(`listening\\s+127\\.0\\.0\\.1:${match?.[1]}`));
    expect(status.stdout).toMatch(/uptime\s+\d+s/);
    expect(status.stdout).toMatch(/running jobs\s+0/);
    expect(status.stdout).toContain(dataDir);
    expect(status.stdout).toMatch(/idle stop\s+after 15 min/);

    const second = await runCli(['emulator', 'serve', '--data-dir', dataDir]);
    expect(second.code).toBe(4);
    expect(second.stderr).toMatch(
      new RegExp(`another emulator service \\(pid ${pid}\\) already uses this data folder`),
    );

    const stat = await fs.stat(path.join(dataDir, 'emulator'));
    expect(stat.mode & 0o777).toBe(0o700);
    expect((await fs.stat(path.join(dataDir, 'emulator', 'service.json'))).mode & 0o777).toBe(
      0o600,
    );

    const stopped = await runCli(['emulator', 'stop', '--data-dir', dataDir]);
    expect(stopped.code).toBe(0);
    expect(stopped.stdout).toMatch(new RegExp(`stopped \\(pid ${pid}\\)`));
    expect(isAlive(pid)).toBe(false);
    expect((await runCli(['emulator', 'status', '--data-dir', dataDir])).code).toBe(3);
    const stopAgain = await runCli(['emulator', 'stop', '--data-dir', dataDir]);
    expect(stopAgain.stdout).toMatch(/not running/);
  });

  it('lets concurrent starters share the one service that wins the lock', async () => {
    const dataDir = await newDataDir();
    const results = await Promise.all(
      [0, 1, 2].map(() => runCli(['emulator', 'start', '--data-dir', dataDir])),
    );
    expect(results.map((result) => result.code)).toEqual([0, 0, 0]);
    const pids = results.map((result) => /\(pid (\d+)/.exec(result.stdout)?.[1]);
    expect(new Set(pids).size).toBe(1);
    expect(pids[0]).toBe(String(liveService(dataDir)?.pid));
  });

  it('does not start without the python interpreter, and says so', async () => {
    const dataDir = await newDataDir();
    const started = await runCli([
      'emulator',
      'start',
      '--data-dir',
      dataDir,
      '--python',
      'no-such-python3',
    ]);
    expect(started.code).toBe(1);
    // The reason is on the first line: clients show only that one.
    expect(started.stderr.split('\n')[0]).toMatch(
      /exited \(code 3\) before it was ready: replicas run with "no-such-python3", which was not found on PATH\. Install Python 3 or pass --python\.; see \S+service\.log$/,
    );
    const served = await runCli([
      'emulator',
      'serve',
      '--data-dir',
      dataDir,
      '--python',
      'no-such-python3',
    ]);
    expect(served.code).toBe(3);
    expect((await runCli(['emulator', 'status', '--data-dir', dataDir])).code).toBe(3);
  });

  it('takes over a stale lock left by a killed service', async () => {
    const dataDir = await newDataDir();
    await runCli(['emulator', 'start', '--data-dir', dataDir]);
    const first = liveService(dataDir);
    process.kill(first!.pid, 'SIGKILL');
    await waitFor(async () => (isAlive(first!.pid) ? undefined : true), 5000, 'the kill');
    expect((await runCli(['emulator', 'status', '--data-dir', dataDir])).code).toBe(3);
    const restarted = await runCli(['emulator', 'start', '--data-dir', dataDir]);
    expect(restarted.code).toBe(0);
    expect(restarted.stdout).toMatch(/started/);
    expect(liveService(dataDir)?.pid).not.toBe(first!.pid);
  });

  it('stops by itself after the idle period when no job runs and nobody calls', async () => {
    const dataDir = await newDataDir();
    const started = await runCli([
      'emulator',
      'start',
      '--data-dir',
      dataDir,
      '--idle-minutes',
      '0.02',
    ]);
    expect(started.code).toBe(0);
    const pid = liveService(dataDir)!.pid;
    await waitFor(async () => (isAlive(pid) ? undefined : true), 15_000, 'the idle stop');
    const log = await fs.readFile(path.join(dataDir, 'emulator', 'service.log'), 'utf8');
    expect(log).toMatch(/stopping \(idle for 0\.02 min/);
  });
});

describe('idle stop', () => {
  it('waits while a job is unfinished, then stops once it has ended and nobody calls', async () => {
    const dataDir = await newDataDir();
    // 12 s: room to load the clients and submit on a loaded machine before the service may idle.
    const idle = ['--idle-minutes', '0.2'];
    expect((await runCli(['emulator', 'start', '--data-dir', dataDir, ...idle])).code).toBe(0);
    const pid = liveService(dataDir)!.pid;
    const uri = 'gs://vtrain-test/sleeper.tar.gz';
    await stagePackageLocally(
      await writeSleeperPackage(dataDir),
      uri,
      path.join(dataDir, 'buckets'),
    );
    const clients = await clientsFor(dataDir);
    const [created] = await clients.jobs.createCustomJob(pythonJob('sleeper', uri));
    await clients.close();
    openClients = [];
    // Past the idle period, the unfinished job keeps the service up.
    await new Promise((resolve) => setTimeout(resolve, 15_000));
    expect(isAlive(pid)).toBe(true);
    const again = await clientsFor(dataDir);
    await again.jobs.cancelCustomJob({name: created.name as string});
    await again.close();
    openClients = [];
    await waitFor(async () => (isAlive(pid) ? undefined : true), 30_000, 'the idle stop');
  }, 90_000);
});

describe('persistence and crash recovery', () => {
  it('after kill -9: the replica ends with its service; after the restart the record is intact and the job FAILED with the explanation', async () => {
    const dataDir = await newDataDir();
    expect((await runCli(['emulator', 'start', '--data-dir', dataDir])).code).toBe(0);
    const servicePid = liveService(dataDir)!.pid;
    const uri = 'gs://vtrain-test/sleeper.tar.gz';
    await stagePackageLocally(
      await writeSleeperPackage(dataDir),
      uri,
      path.join(dataDir, 'buckets'),
    );
    let clients = await clientsFor(dataDir);
    const [created] = await clients.jobs.createCustomJob(pythonJob('sleeper', uri));
    const name = created.name as string;
    const id = name.split('/').pop() as string;
    await waitFor(async () =>
      (await jobState(clients, name)).state === 'JOB_STATE_RUNNING' ? true : undefined,
    );
    const recordFile = path.join(dataDir, 'emulator', 'jobs', `${id}.json`);
    const replicas = await waitFor(async () => {
      const stored = JSON.parse(await fs.readFile(recordFile, 'utf8')) as {
        replicas: Array<{pid: number; pgid: number; startTime: string}>;
      };
      return stored.replicas.length === 1 ? stored.replicas : undefined;
    });
    const replicaPid = replicas[0]!.pid;
    // Killing the service before the replica's first print would break its pipe and end it;
    // wait until the line is on disk, so the replica is asleep when the service dies.
    const logFile = path.join(dataDir, 'emulator', 'logs', `${id}.ndjson`);
    await waitFor(async () =>
      (await fs.readFile(logFile, 'utf8').catch(() => '')).includes('sleeper started')
        ? true
        : undefined,
    );
    expect(replicas[0]!.pgid).toBe(replicaPid);
    expect(isAlive(replicaPid)).toBe(true);

    process.kill(servicePid, 'SIGKILL');
    await waitFor(async () => (isAlive(servicePid) ? undefined : true), 5000, 'the service to die');
    // The replica's supervisor ends its group once the service is gone (issue #23), though the
    // replica prints nothing that a broken pipe could end it with.
    await waitFor(
      async () => (isAlive(replicaPid) ? undefined : true),
      20_000,
      'the replica to end with its service',
    );
    const record = JSON.parse(await fs.readFile(recordFile, 'utf8')) as {
      job: {state: string; displayName: string};
    };
    expect(record.job).toMatchObject({state: 'JOB_STATE_RUNNING', displayName: 'sleeper'});

    expect((await runCli(['emulator', 'start', '--data-dir', dataDir])).code).toBe(0);
    await clients.close();
    clients = await clientsFor(dataDir);
    const job = await jobState(clients, name);
    expect(job.state).toBe('JOB_STATE_FAILED');
    expect(job.error).toMatchObject({code: 13, message: LOST_JOB_MESSAGE});
    expect(job.displayName).toBe('sleeper');
    expect(Number(job.endTime?.seconds)).toBeGreaterThan(0);
    const [entries] = await clients.logging.listLogEntries(
      {
        resourceNames: ['projects/test-project'],
        filter: `resource.labels.job_id="${id}"`,
        pageSize: 100,
      },
      {autoPaginate: false},
    );
    const texts = entries.map((entry) => entry.textPayload);
    expect(texts).toContain('sleeper started');
    expect(texts).toContain(LOST_JOB_MESSAGE);
    const log = await fs.readFile(path.join(dataDir, 'emulator', 'service.log'), 'utf8');
    expect(log).toMatch(/now FAILED .*, 0 leftover replica\(s\) killed/);
  });

  it('keeps SUCCEEDED jobs and their logs across a restart', async () => {
    const dataDir = await newDataDir();
    expect((await runCli(['emulator', 'start', '--data-dir', dataDir])).code).toBe(0);
    const uri = 'gs://vtrain-test/example.tar.gz';
    await stagePackageLocally(EXAMPLE_PACKAGE, uri, path.join(dataDir, 'buckets'));
    let clients = await clientsFor(dataDir);
    const request = pythonJob('single', uri, ['--epochs=2']);
    const [created] = await clients.jobs.createCustomJob(request);
    const name = created.name as string;
    const id = name.split('/').pop() as string;
    const done = await waitFor(async () => {
      const job = await jobState(clients, name);
      return job.state === 'JOB_STATE_SUCCEEDED' || job.state === 'JOB_STATE_FAILED'
        ? job
        : undefined;
    }, 45_000);
    expect(done.state).toBe('JOB_STATE_SUCCEEDED');
    const listLogs = async () => {
      const [entries] = await clients.logging.listLogEntries(
        {
          resourceNames: ['projects/test-project'],
          filter: `resource.labels.job_id="${id}"`,
          orderBy: 'timestamp asc',
          pageSize: 1000,
        },
        {autoPaginate: false},
      );
      return entries.map(
        (entry) =>
          `${entry.insertId} ${entry.timestamp?.seconds}.${entry.timestamp?.nanos} ${entry.textPayload ?? JSON.stringify(entry.jsonPayload)}`,
      );
    };
    const before = await listLogs();
    expect(before.length).toBeGreaterThan(3);

    expect((await runCli(['emulator', 'stop', '--data-dir', dataDir])).code).toBe(0);
    expect((await runCli(['emulator', 'start', '--data-dir', dataDir])).code).toBe(0);
    await clients.close();
    clients = await clientsFor(dataDir);
    const after = await jobState(clients, name);
    expect(after.state).toBe('JOB_STATE_SUCCEEDED');
    expect(after.createTime).toEqual(done.createTime);
    expect(after.endTime).toEqual(done.endTime);
    expect(after.jobSpec?.workerPoolSpecs?.[0]?.pythonPackageSpec?.args).toEqual(['--epochs=2']);
    expect(await listLogs()).toEqual(before);
    const [listed] = await clients.jobs.listCustomJobs({parent: PARENT}, {autoPaginate: false});
    expect(listed.map((job) => job.name)).toContain(name);
  });
});

describe('log retention', () => {
  it('prunes a chatty job to the --log-max-entries given to start, and keeps it so across a restart', async () => {
    const dataDir = await newDataDir();
    const limit = ['--log-max-entries', '30'];
    expect((await runCli(['emulator', 'start', '--data-dir', dataDir, ...limit])).code).toBe(0);
    const folder = path.join(dataDir, 'chatty');
    await fs.mkdir(path.join(folder, 'trainer'), {recursive: true});
    await fs.writeFile(path.join(folder, 'trainer', '__init__.py'), '');
    await fs.writeFile(
      path.join(folder, 'trainer', 'task.py'),
      'for i in range(200):\n    print(f"line {i}", flush=True)\n',
    );
    const uri = 'gs://vtrain-test/chatty.tar.gz';
    await stagePackageLocally(folder, uri, path.join(dataDir, 'buckets'));
    let clients = await clientsFor(dataDir);
    const [created] = await clients.jobs.createCustomJob(pythonJob('chatty', uri));
    const name = created.name as string;
    const id = name.split('/').pop() as string;
    await waitFor(async () =>
      (await jobState(clients, name)).state === 'JOB_STATE_SUCCEEDED' ? true : undefined,
    );
    const texts = async () => {
      const [entries] = await clients.logging.listLogEntries(
        {
          resourceNames: ['projects/test-project'],
          filter: `resource.labels.job_id="${id}"`,
          orderBy: 'timestamp asc',
          pageSize: 1000,
        },
        {autoPaginate: false},
      );
      return entries.map((entry) => entry.textPayload);
    };
    const live = await texts();
    // 200 replica lines plus service entries, pruned to 30 with at most 10 lines of slack.
    expect(live.length).toBeGreaterThanOrEqual(30);
    expect(live.length).toBeLessThanOrEqual(40);
    expect(live).toContain('line 199');
    expect(live).not.toContain('line 0');
    // The pruning is visible to clients, as a service entry in the job's log.
    const notice = /^\d+ older log entries of this job were removed by the emulator/;
    expect(live.some((text) => notice.test(text ?? ''))).toBe(true);

    expect((await runCli(['emulator', 'stop', '--data-dir', dataDir])).code).toBe(0);
    expect((await runCli(['emulator', 'start', '--data-dir', dataDir, ...limit])).code).toBe(0);
    await clients.close();
    clients = await clientsFor(dataDir);
    const reloaded = await texts();
    expect(reloaded.length).toBeLessThanOrEqual(30);
    // Pruning again on reopen adds its own notice at the end; the rest is the newest live entries.
    const kept = notice.test(reloaded.at(-1) ?? '') ? reloaded.slice(0, -1) : reloaded;
    expect(kept).toEqual(live.slice(-kept.length));
  });
});

describe('only the owner can use the service', () => {
  it('answers UNAUTHENTICATED without the key and with a wrong key', async () => {
    const dataDir = await newDataDir();
    expect((await runCli(['emulator', 'start', '--data-dir', dataDir])).code).toBe(0);
    const info = liveService(dataDir)!;
    const {v1} = await import('@google-cloud/aiplatform');
    const noKey = new v1.JobServiceClient({
      apiEndpoint: '127.0.0.1',
      port: info.port,
      sslCreds: grpc.credentials.createInsecure(),
    });
    await expect(
      noKey.listCustomJobs({parent: PARENT}, {autoPaginate: false}),
    ).rejects.toMatchObject({code: grpc.status.UNAUTHENTICATED});
    await noKey.close();
    const wrong = await createClients({
      kind: 'local',
      project: 'test-project',
      region: 'us-central1',
      host: '127.0.0.1',
      port: info.port,
      key: `${info.key.slice(0, -1)}x`,
    });
    openClients.push(wrong);
    await expect(
      wrong.jobs.listCustomJobs({parent: PARENT}, {autoPaginate: false}),
    ).rejects.toMatchObject({code: grpc.status.UNAUTHENTICATED});
    await expect(
      wrong.logging.listLogEntries(
        {resourceNames: ['projects/test-project']},
        {autoPaginate: false},
      ),
    ).rejects.toMatchObject({code: grpc.status.UNAUTHENTICATED});
    const owner = await clientsFor(dataDir);
    await expect(
      owner.jobs.listCustomJobs({parent: PARENT}, {autoPaginate: false}),
    ).resolves.toBeDefined();
  });

  it('never lets an object name escape the bucket store', async () => {
    const dataDir = await newDataDir();
    expect((await runCli(['emulator', 'start', '--data-dir', dataDir])).code).toBe(0);
    // A real archive just outside the bucket store: the job must not be able to reach it.
    const outside = path.join(dataDir, 'x');
    await stagePackageLocally(EXAMPLE_PACKAGE, 'gs://vtrain-test/x', dataDir);
    await fs.rename(path.join(dataDir, 'vtrain-test', 'x'), outside);
    const clients = await clientsFor(dataDir);
    // Refused at the API with the field path, before anything runs (the runner's own check of
    // object paths is covered by the bucket-path unit test).
    for (const uri of ['gs://b/../../x', 'gs://vtrain-test/../../x']) {
      const refused = await clients.jobs.createCustomJob(pythonJob('escape', uri)).then(
        () => undefined,
        (error: {code?: number; message?: string}) => error,
      );
      expect(refused?.code).toBe(3);
      expect(refused?.message).toMatch(
        /package_uris\[0\].*(invalid bucket name|may not contain "\.", "\.\." segments|\.\.)/,
      );
    }
    const [listed] = await clients.jobs.listCustomJobs({parent: PARENT});
    expect(listed).toEqual([]);
  });

  it('refuses a service file or folder that others can read, or that another user owns', async () => {
    const dataDir = await newDataDir();
    expect((await runCli(['emulator', 'start', '--data-dir', dataDir])).code).toBe(0);
    const serviceFile = path.join(dataDir, 'emulator', 'service.json');
    await fs.chmod(serviceFile, 0o644);
    const loose = await runCli(['emulator', 'status', '--data-dir', dataDir]);
    expect(loose.code).toBe(2);
    expect(loose.stderr).toMatch(
      /service\.json is accessible to other users \(mode 0644\).*chmod 600/,
    );
    expect((await runCli(['emulator', 'start', '--data-dir', dataDir])).code).toBe(2);
    await fs.chmod(serviceFile, 0o600);

    await fs.chmod(path.join(dataDir, 'emulator'), 0o755);
    const looseDir = await runCli(['emulator', 'status', '--data-dir', dataDir]);
    expect(looseDir.code).toBe(2);
    expect(looseDir.stderr).toMatch(
      /emulator is accessible to other users \(mode 0755\).*chmod 700/,
    );
    await fs.chmod(path.join(dataDir, 'emulator'), 0o700);

    if (process.getuid?.() === 0) {
      // Only root can hand a file to another user; elsewhere this branch cannot be set up.
      await fs.chown(serviceFile, 65534, 65534);
      const foreign = await runCli(['emulator', 'status', '--data-dir', dataDir]);
      expect(foreign.code).toBe(2);
      expect(foreign.stderr).toMatch(/service\.json belongs to user id 65534, not to you/);
      await fs.chown(serviceFile, 0, 0);
    }
    expect((await runCli(['emulator', 'status', '--data-dir', dataDir])).code).toBe(0);
  });
});
