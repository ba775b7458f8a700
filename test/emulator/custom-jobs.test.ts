// The emulator through the official @google-cloud/aiplatform and logging clients.
import * as grpc from '@grpc/grpc-js';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {
  buildCreateCustomJobRequest,
  exampleDraft,
  isTerminalState,
  type JobDraft,
} from '../../source/core/job-spec/index.js';
import {JobService} from '../../source/services/vertex/job-service.js';
import {officialJobsApi} from '../../source/services/vertex/official-api.js';
import {stagePackageLocally} from '../../source/services/vertex/package-staging.js';
import {toLogLine} from '../../source/services/vertex/log-line.js';
import {jobLogFilter} from '../../source/services/logs/log-filter.js';
import {
  EXAMPLE_PACKAGE,
  jobLogLines,
  processesMatching,
  startTestEmulator,
  waitFor,
  type TestEmulator,
} from '../helpers/emulator.js';

let env: TestEmulator;
let jobs: JobService;

const draftWith = (args: string[]): JobDraft => {
  const base = exampleDraft({
    project: 'test-project',
    region: 'us-central1',
    packagePath: EXAMPLE_PACKAGE,
    stagingBucket: 'staging',
  });
  const setArgs = (pool: JobDraft['workerPools'][number]) =>
    pool && pool.task.kind === 'python-package' ? {...pool, task: {...pool.task, args}} : pool;
  return {...base, workerPools: base.workerPools.map(setArgs) as JobDraft['workerPools']};
};

async function submit(draft: JobDraft) {
  const primary = draft.workerPools[0].task;
  if (primary.kind === 'python-package') {
    await stagePackageLocally(EXAMPLE_PACKAGE, primary.packageUris[0] as string, env.bucketRoot);
  }
  return jobs.create(buildCreateCustomJobRequest(draft));
}

const logLines = (jobId: string) => jobLogLines(env.clients, jobId);

const finished = (name: string) =>
  waitFor(
    async () => {
      const job = await jobs.get(name);
      return isTerminalState(job.state) ? job : undefined;
    },
    45_000,
    'the job to finish',
  );

beforeAll(async () => {
  env = await startTestEmulator();
  jobs = new JobService(officialJobsApi(env.clients.jobs, env.clients.pipelines));
});
afterAll(async () => env?.close());

describe('custom jobs on the emulator', () => {
  it('runs the distributed example: replicas exchange gradients over CLUSTER_SPEC addresses and it SUCCEEDS', async () => {
    const created = await submit(draftWith(['--epochs=5', '--learning-rate=0.3']));
    expect(created.state).toBe('JOB_STATE_QUEUED');
    expect(created.name).toMatch(
      /^projects\/test-project\/locations\/us-central1\/customJobs\/\d+$/,
    );
    const job = await finished(created.name);
    expect(job.state).toBe('JOB_STATE_SUCCEEDED');
    expect(job.startTime).toBeDefined();
    expect(job.endTime!.getTime()).toBeGreaterThanOrEqual(job.startTime!.getTime());
    const lines = await logLines(job.id);
    expect(new Set(lines.map((l) => l.replica))).toEqual(
      new Set(['service', 'workerpool0-0', 'workerpool1-0', 'workerpool1-1']),
    );
    expect(
      lines.some(
        (l) => l.replica === 'workerpool0-0' && /epoch 5\/5 .* replicas=3/.test(l.message),
      ),
    ).toBe(true);
    expect(lines.filter((l) => /worker rank \d done after 5 steps/.test(l.message))).toHaveLength(
      2,
    );
    const finale = lines.find((l) => l.message.startsWith('training finished'));
    expect(finale?.severity).toBe('NOTICE'); // JSON line: severity lifted into the entry
    expect(lines.filter((l) => l.replica === 'service').map((l) => l.message)).toContain(
      'Job is running.',
    );
  });

  it('fails the job with the Vertex-shaped error when a replica exits non-zero', async () => {
    const created = await submit(draftWith(['--epochs=notanumber']));
    const job = await finished(created.name);
    expect(job.state).toBe('JOB_STATE_FAILED');
    expect(job.error?.code).toBe(3);
    expect(job.error?.message).toMatch(
      /^The replica workerpool\d-\d exited with a non-zero status of 2\. Termination reason: Error\./,
    );
    expect(job.error?.message).toMatch(/invalid int value/);
  });

  it('cancels a running job and leaves no replica process behind', async () => {
    const created = await submit(draftWith(['--epochs=1000', '--epoch-delay=0.2']));
    await waitFor(
      async () => ((await jobs.get(created.name)).state === 'JOB_STATE_RUNNING' ? true : undefined),
      20_000,
      'RUNNING',
    );
    // python3 may be a shim (pyenv) that adds short-lived helper processes: at least one per replica.
    expect((await processesMatching(created.id)).length).toBeGreaterThanOrEqual(3);
    await jobs.cancel(created.name);
    const job = await finished(created.name);
    expect(job.state).toBe('JOB_STATE_CANCELLED');
    expect(job.error?.code).toBe(1);
    expect(await processesMatching(created.id)).toEqual([]);
    await expect(jobs.cancel(created.name)).rejects.toMatchObject({
      code: grpc.status.FAILED_PRECONDITION,
    });
  });

  it('lists jobs with a filter and pages', async () => {
    const all = await jobs.list('projects/test-project/locations/us-central1');
    expect(all.length).toBeGreaterThanOrEqual(3);
    const succeeded = await jobs.list(
      'projects/test-project/locations/us-central1',
      'state="JOB_STATE_SUCCEEDED" AND labels.created-by="vtrain-tui"',
    );
    expect(succeeded.length).toBeGreaterThanOrEqual(1);
    expect(succeeded.every((j) => j.state === 'JOB_STATE_SUCCEEDED')).toBe(true);
    const [page, , response] = await env.clients.jobs.listCustomJobs(
      {parent: 'projects/test-project/locations/us-central1', pageSize: 1},
      {autoPaginate: false},
    );
    expect(page).toHaveLength(1);
    expect(response?.nextPageToken).toBeTruthy();
  });

  it('answers NOT_FOUND for an unknown job and INVALID_ARGUMENT for a bad spec', async () => {
    await expect(
      jobs.get('projects/test-project/locations/us-central1/customJobs/123'),
    ).rejects.toMatchObject({code: grpc.status.NOT_FOUND});
    const bad = buildCreateCustomJobRequest(draftWith([]));
    bad.customJob.jobSpec.workerPoolSpecs[0]!.replicaCount = 2;
    await expect(jobs.create(bad)).rejects.toMatchObject({
      code: grpc.status.INVALID_ARGUMENT,
      details: expect.stringMatching(/worker_pool_specs\[0\]\.replica_count/),
    });
  });

  it('rejects calls without the owner key as UNAUTHENTICATED', async () => {
    const {v1} = await import('@google-cloud/aiplatform');
    const stranger = new v1.JobServiceClient({
      apiEndpoint: '127.0.0.1',
      port: env.emulator.port,
      sslCreds: grpc.credentials.createInsecure(),
    });
    await expect(
      stranger.getCustomJob({name: 'projects/test-project/locations/us-central1/customJobs/1'}),
    ).rejects.toMatchObject({code: grpc.status.UNAUTHENTICATED});
    await stranger.close();
  });

  it('streams new entries through TailLogEntries', async () => {
    const created = await submit(draftWith(['--epochs=8', '--epoch-delay=0.1']));
    const stream = env.clients.logging.tailLogEntries();
    const received: string[] = [];
    stream.on('data', (response: {entries?: unknown[]}) => {
      for (const entry of response.entries ?? []) received.push(toLogLine(entry as never).message);
    });
    stream.on('error', () => undefined);
    stream.write({
      resourceNames: ['projects/test-project'],
      filter: jobLogFilter(created.id),
      bufferWindow: {nanos: 100_000_000},
    });
    await finished(created.name);
    await waitFor(
      async () => (received.some((m) => m.startsWith('training finished')) ? true : undefined),
      10_000,
      'the last line on the tail',
    );
    expect(received.some((m) => m.startsWith('epoch 1/8'))).toBe(true);
    stream.cancel();
  });
});
