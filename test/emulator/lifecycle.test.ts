// Job lifecycle as Vertex runs it, through the official JobServiceClient: the state sequence,
// RUNNING only once every replica has started, SUCCEEDED when the primary exits 0 (others
// stopped), FAILED for a worker with its traceback, scheduling.timeout, and container specs
// failing at once when no container engine answers.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {projectNumberOf} from '../../source/emulator/custom-job/project-number.js';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {
  processesMatching,
  startTestEmulator,
  waitFor,
  type TestEmulator,
} from '../helpers/emulator.js';
import {scenarioRequest, stageScenario} from '../helpers/scenario.js';

let env: TestEmulator;
const TERMINAL = ['JOB_STATE_SUCCEEDED', 'JOB_STATE_FAILED', 'JOB_STATE_CANCELLED'];

interface Job {
  name?: string | null;
  state?: unknown;
  error?: {code?: number | null; message?: string | null} | null;
  createTime?: {seconds?: unknown; nanos?: number | null} | null;
  startTime?: {seconds?: unknown; nanos?: number | null} | null;
  endTime?: {seconds?: unknown; nanos?: number | null} | null;
  updateTime?: {seconds?: unknown; nanos?: number | null} | null;
}

const ns = (t: Job['createTime']) =>
  t ? BigInt(String(t.seconds ?? 0)) * 1_000_000_000n + BigInt(t.nanos ?? 0) : undefined;

async function create(client: TestEmulator, request: ReturnType<typeof scenarioRequest>) {
  const [job] = await client.clients.jobs.createCustomJob(request as never);
  return job as Job & {name: string};
}

const get = async (name: string, on = env): Promise<Job> =>
  (await on.clients.jobs.getCustomJob({name}))[0] as Job;

const untilState = (name: string, states: string[], on = env) =>
  waitFor(
    async () => {
      const job = await get(name, on);
      return states.includes(String(job.state)) ? job : undefined;
    },
    40_000,
    `${name} to reach ${states.join('/')}`,
  );

async function serviceMessages(id: string): Promise<{message: string; severity: string}[]> {
  const [entries] = await env.clients.logging.listLogEntries(
    {
      resourceNames: ['projects/test-project'],
      filter: `resource.labels.job_id="${id}" AND resource.labels.task_name="service"`,
      orderBy: 'timestamp asc',
    },
    {autoPaginate: false},
  );
  return entries.map((e) => ({message: e.textPayload ?? '', severity: String(e.severity)}));
}

const idOf = (name: string) => name.split('/').pop() as string;

beforeAll(async () => {
  // Delays long enough that polling sees QUEUED and PENDING even on a loaded machine.
  env = await startTestEmulator({queueDelayMs: 1500, provisionDelayMs: 1500});
  await stageScenario(env);
});
afterAll(async () => env?.close());

describe('job lifecycle', () => {
  it('goes QUEUED → PENDING → RUNNING (all replicas started) → SUCCEEDED, setting every time', async () => {
    const job = await create(
      env,
      scenarioRequest(['sleep:2'], {workers: {args: ['sleep:30'], count: 2}}),
    );
    const seen: string[] = [String(job.state)];
    let processesAtRunning = -1;
    const updates: bigint[] = [];
    let last: Job = job;
    while (!TERMINAL.includes(String(last.state))) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      last = await get(job.name);
      const state = String(last.state);
      if (state !== seen.at(-1)) {
        seen.push(state);
        updates.push(ns(last.updateTime)!);
        if (state === 'JOB_STATE_RUNNING')
          processesAtRunning = (await processesMatching(idOf(job.name))).length;
      }
    }
    expect(seen).toEqual([
      'JOB_STATE_QUEUED',
      'JOB_STATE_PENDING',
      'JOB_STATE_RUNNING',
      'JOB_STATE_SUCCEEDED',
    ]);
    expect(processesAtRunning).toBeGreaterThanOrEqual(3);
    // The primary exited 0 while the workers still slept: they were stopped, none is left.
    expect(await processesMatching(idOf(job.name))).toEqual([]);
    expect(updates).toEqual([...updates].sort((a, b) => (a < b ? -1 : 1)));
    const created = ns(last.createTime)!;
    const started = ns(last.startTime)!;
    const ended = ns(last.endTime)!;
    expect(created < started && started < ended).toBe(true);
    expect(ns(last.updateTime)! >= ended).toBe(true);
    expect(last.error ?? null).toBeNull();
    expect((await serviceMessages(idOf(job.name))).map((e) => e.message)).toEqual([
      'Waiting for job to be provisioned.',
      'Waiting for training program to start.',
      'Job is running.',
      'Job completed successfully.',
    ]);
  });

  it('FAILS with the worker replica named, its exit status and traceback tail', async () => {
    const job = await create(
      env,
      scenarioRequest(['sleep:30'], {
        workers: {
          args: [
            'role:workerpool1:err:Traceback (most recent call last):',
            'role:workerpool1:err:  File "train.py", line 3, in <module>',
            'role:workerpool1:err:ValueError: boom',
            'role:workerpool1:exit:7',
          ],
          count: 1,
        },
      }),
    );
    const done = await untilState(job.name, TERMINAL);
    expect(done.state).toBe('JOB_STATE_FAILED');
    expect(done.error?.code).toBe(3);
    expect(done.error?.message).toMatch(
      /^The replica workerpool1-0 exited with a non-zero status of 7\. Termination reason: Error\.\nTraceback \(most recent call last\):\n {2}File "train\.py".*\nValueError: boom$/,
    );
    expect(await processesMatching(idOf(job.name))).toEqual([]);
    const service = await serviceMessages(idOf(job.name));
    expect(service.at(-3)).toEqual({message: done.error?.message, severity: 'ERROR'});
    expect(service.at(-2)?.message).toBe('Job failed.');
    // As on Vertex, the log ends with where to find out more, naming the numeric project.
    const id = idOf(job.name);
    const projectNumber = projectNumberOf('test-project');
    expect(projectNumber).toMatch(/^[1-9]\d{11}$/);
    expect(service.at(-1)?.message).toBe(
      `To find out more about why your job exited please check the logs: https://console.cloud.google.com/logs/viewer?project=${projectNumber}&resource=ml_job%2Fjob_id%2F${id}&advancedFilter=resource.type%3D%22ml_job%22%0Aresource.labels.job_id%3D%22${id}%22`,
    );
  });

  it('enforces scheduling.timeout from the start of RUNNING and stops every replica', async () => {
    const job = await create(env, scenarioRequest(['sleep:60'], {timeoutSeconds: 1}));
    const done = await untilState(job.name, TERMINAL);
    expect(done.state).toBe('JOB_STATE_FAILED');
    expect(done.error?.code).toBe(4);
    expect(done.error?.message).toContain('scheduling.timeout of 1s');
    // Queue + provisioning (3 s) do not count against the timeout.
    expect(ns(done.endTime)! - ns(done.startTime)!).toBeGreaterThanOrEqual(1_000_000_000n);
    expect(await processesMatching(idOf(job.name))).toEqual([]);
  });

  it('writes "Job was cancelled." as the last service entry of a cancelled job', async () => {
    const job = await create(env, scenarioRequest(['sleep:60']));
    await untilState(job.name, ['JOB_STATE_RUNNING']);
    await env.clients.jobs.cancelCustomJob({name: job.name});
    await untilState(job.name, ['JOB_STATE_CANCELLED']);
    const service = await serviceMessages(idOf(job.name));
    expect(service.map((e) => e.message).slice(-2)).toEqual([
      'Job is being cancelled.',
      'Job was cancelled.',
    ]);
  });
});

describe('container specs without a container engine', () => {
  let noEngine: TestEmulator;
  beforeAll(async () => {
    noEngine = await startTestEmulator({
      queueDelayMs: 60_000, // failing "at once" must not wait for the queue
      provisionDelayMs: 0,
      containerEngines: ['/nonexistent/docker', '/nonexistent/podman'],
    });
  });
  afterAll(async () => noEngine?.close());

  it('fails the job at once with a message naming the engines tried and the fix', async () => {
    const request = scenarioRequest([]);
    request.customJob.jobSpec.workerPoolSpecs = [
      {
        machineSpec: {machineType: 'n1-standard-4'},
        replicaCount: 1,
        containerSpec: {imageUri: 'us-docker.pkg.dev/my-project/train/trainer:1', args: ['--x']},
      },
    ];
    const job = await create(noEngine, request);
    const done = await untilState(job.name, TERMINAL, noEngine);
    expect(done.state).toBe('JOB_STATE_FAILED');
    expect(done.startTime ?? null).toBeNull();
    expect(done.error?.code).toBe(3);
    expect(done.error?.message).toContain('Termination reason: StartError');
    expect(done.error?.message).toContain('us-docker.pkg.dev/my-project/train/trainer:1');
    expect(done.error?.message).toContain('/nonexistent/docker is not installed');
    expect(done.error?.message).toContain('/nonexistent/podman is not installed');
    expect(done.error?.message).toContain('Start the Docker daemon');
  });
});

describe('container specs with an engine', () => {
  // A stand-in engine that reports what it was asked to run (no real Docker needed).
  const fakeEngine = path.resolve(import.meta.dirname, '../fixtures/fake-container-engine.py');
  const engineLog = path.join(os.tmpdir(), `vtrain-fake-engine-${process.pid}.log`);
  let withEngine: TestEmulator;
  beforeAll(async () => {
    withEngine = await startTestEmulator({
      queueDelayMs: 0,
      provisionDelayMs: 0,
      containerEngines: ['/nonexistent/docker', fakeEngine],
      baseEnv: {
        PATH: process.env.PATH ?? '/usr/bin:/bin',
        HOME: os.homedir(),
        FAKE_ENGINE_LOG: engineLog,
      },
    });
  });
  afterAll(async () => {
    await withEngine?.close();
    await fs.rm(engineLog, {force: true});
  });

  it('removes the container through the engine when the job is cancelled', async () => {
    const request = scenarioRequest([]);
    request.customJob.jobSpec.workerPoolSpecs = [
      {
        machineSpec: {machineType: 'n1-standard-4'},
        replicaCount: 1,
        containerSpec: {imageUri: 'img:1', args: ['--fake-sleep=60']},
      },
    ];
    const job = await create(withEngine, request);
    await untilState(job.name, ['JOB_STATE_RUNNING'], withEngine);
    await withEngine.clients.jobs.cancelCustomJob({name: job.name});
    await untilState(job.name, ['JOB_STATE_CANCELLED'], withEngine);
    const calls = (await fs.readFile(engineLog, 'utf8')).split('\n');
    expect(calls).toContain(`rm --force vtrain-${idOf(job.name)}-workerpool0-0`);
    expect(await processesMatching(idOf(job.name))).toEqual([]);
  });

  it('runs each replica through the first engine that answers, env by name, host network', async () => {
    const request = scenarioRequest([]);
    const container = {
      machineSpec: {machineType: 'n1-standard-4'},
      replicaCount: 1,
      containerSpec: {
        imageUri: 'us-docker.pkg.dev/p/r/trainer:1',
        command: ['python3', '-m', 'trainer.task'],
        args: ['--epochs=1', '$(touch /tmp/pwned)'],
        env: [{name: 'SECRET_LOOKING', value: 'a value; with spaces'}],
      },
    };
    request.customJob.jobSpec.workerPoolSpecs = [container, {...container, replicaCount: 1}];
    const job = await create(withEngine, request);
    const done = await untilState(job.name, TERMINAL, withEngine);
    expect(done.state).toBe('JOB_STATE_SUCCEEDED');
    const [entries] = await withEngine.clients.logging.listLogEntries(
      {
        resourceNames: ['projects/test-project'],
        filter: `resource.labels.job_id="${idOf(job.name)}" AND jsonPayload.message="fake engine run"`,
      },
      {autoPaginate: false},
    );
    expect(entries.map((e) => e.resource?.labels?.task_name).sort()).toEqual([
      'workerpool0-0',
      'workerpool1-0',
    ]);
    for (const entry of entries) {
      const run = JSON.parse(JSON.stringify(entry.jsonPayload)) as {
        fields: Record<
          string,
          {stringValue?: string; listValue?: {values: {stringValue: string}[]}}
        >;
      };
      const argv = run.fields.argv?.listValue?.values.map((v) => v.stringValue) ?? [];
      expect(run.fields.image?.stringValue).toBe('us-docker.pkg.dev/p/r/trainer:1');
      expect(run.fields.network?.stringValue).toBe('host');
      expect(run.fields.entrypoint?.stringValue).toBe('python3');
      expect(argv.slice(-5)).toEqual([
        'us-docker.pkg.dev/p/r/trainer:1',
        '-m',
        'trainer.task',
        '--epochs=1',
        '$(touch /tmp/pwned)',
      ]);
      // Values never appear on the command line; the engine finds them in its environment.
      expect(argv.join(' ')).not.toContain('a value; with spaces');
      const envFields = JSON.parse(JSON.stringify(run.fields.env)) as {
        structValue: {fields: Record<string, {stringValue?: string}>};
      };
      const env = envFields.structValue.fields;
      expect(env.SECRET_LOOKING?.stringValue).toBe('a value; with spaces');
      expect(JSON.parse(env.CLUSTER_SPEC?.stringValue ?? '{}').task.type).toBe(
        entry.resource?.labels?.task_name?.split('-')[0],
      );
      expect(env.TF_CONFIG?.stringValue).toBeTruthy();
      expect(env.CLOUD_ML_JOB_ID?.stringValue).toBe(idOf(job.name));
      expect(env).not.toHaveProperty('PATH');
    }
  });
});

describe('python packages', () => {
  it('installs a staged folder and several package URIs, all importable', async () => {
    // A package staged as a folder (not an archive) next to the scenario sdist.
    const folder = path.join(env.bucketRoot, 'staging', 'extra-folder');
    await fs.cp(path.resolve(import.meta.dirname, '../fixtures/extra-package'), folder, {
      recursive: true,
    });
    const request = scenarioRequest([]);
    const pool = request.customJob.jobSpec.workerPoolSpecs[0]!;
    pool.pythonPackageSpec!.packageUris = [
      'gs://staging/scenario-0.1.tar.gz',
      'gs://staging/extra-folder',
    ];
    pool.pythonPackageSpec!.pythonModule = 'extra.hello';
    const job = await create(env, request);
    const done = await untilState(job.name, TERMINAL);
    expect(done.error?.message ?? '').toBe('');
    expect(done.state).toBe('JOB_STATE_SUCCEEDED');
    const [entries] = await env.clients.logging.listLogEntries(
      {
        resourceNames: ['projects/test-project'],
        filter: `resource.labels.job_id="${idOf(job.name)}" AND resource.labels.task_name="workerpool0-0"`,
      },
      {autoPaginate: false},
    );
    expect(entries.map((e) => e.textPayload)).toEqual(['hello from extra, scenario importable']);
  });

  it('refuses a package folder holding a symbolic link', async () => {
    const folder = path.join(env.bucketRoot, 'staging', 'linked-folder');
    await fs.mkdir(path.join(folder, 'pkg'), {recursive: true});
    await fs.writeFile(path.join(folder, 'pkg', '__init__.py'), '');
    await fs.symlink('/etc/passwd', path.join(folder, 'pkg', 'leak.txt'));
    const request = scenarioRequest([]);
    request.customJob.jobSpec.workerPoolSpecs[0]!.pythonPackageSpec!.packageUris = [
      'gs://staging/linked-folder',
    ];
    const job = await create(env, request);
    const done = await untilState(job.name, TERMINAL);
    expect(done.state).toBe('JOB_STATE_FAILED');
    expect(done.error?.message).toContain('pkg/leak.txt are symbolic links');
  });
});
