// The app's path to the API: the official clients inside the API worker (dist/vertex-worker.js,
// built by `npm run build`), driven from this thread through createWorkerApi.
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {
  buildCreateCustomJobRequest,
  exampleDraft,
  isTerminalState,
} from '../../source/core/job-spec/index.js';
import {JobLogEngine} from '../../source/services/logs/job-log-engine.js';
import {ReadBudget, LOCAL_READS} from '../../source/services/logs/read-budget.js';
import {ApiError, type VertexApi} from '../../source/services/vertex/api.js';
import {JobService} from '../../source/services/vertex/job-service.js';
import {stagePackageLocally} from '../../source/services/vertex/package-staging.js';
import {createWorkerApi} from '../../source/services/vertex/worker-api.js';
import {
  EXAMPLE_PACKAGE,
  startTestEmulator,
  waitFor,
  type TestEmulator,
} from '../helpers/emulator.js';

const WORKER = path.resolve(import.meta.dirname, '../../dist/vertex-worker.js');

let env: TestEmulator;
let api: VertexApi;

beforeAll(async () => {
  env = await startTestEmulator();
  api = await createWorkerApi(env.backend, WORKER);
});
afterAll(async () => {
  await api?.close();
  await env?.close();
});

describe('the API worker', () => {
  it('creates, reads, lists and streams the logs of a job through the worker', async () => {
    const draft = exampleDraft({
      project: 'test-project',
      region: 'us-central1',
      packagePath: EXAMPLE_PACKAGE,
      stagingBucket: 'staging',
    });
    const primary = draft.workerPools[0].task;
    if (primary.kind !== 'python-package') throw new Error('example must be a python package');
    await stagePackageLocally(EXAMPLE_PACKAGE, primary.packageUris[0]!, env.bucketRoot);
    const jobs = new JobService(api.jobs);
    const created = await jobs.create(buildCreateCustomJobRequest(draft));
    expect(created.name).toMatch(/^projects\/.+\/locations\/us-central1\/customJobs\/\d+$/);

    const engine = new JobLogEngine({
      logging: api.logging,
      budget: new ReadBudget(LOCAL_READS),
      project: 'test-project',
      jobId: created.id,
      jobCreateTimeMs: created.createTime!.getTime(),
      open: 'start',
      follow: true,
      latenessMs: 50,
    });
    engine.start();
    const finished = await waitFor(
      async () => {
        const job = await jobs.get(created.name);
        return isTerminalState(job.state) ? job : undefined;
      },
      45_000,
      'the job to finish',
    );
    expect(finished.state).toBe('JOB_STATE_SUCCEEDED');
    const lines = await waitFor(
      async () => {
        const lines = [...engine.store.lines()];
        return lines.some((line) => line.replica === 'workerpool1-1') ? lines : undefined;
      },
      10_000,
      'log lines of every replica',
    );
    engine.stop();
    const replicas = new Set(lines.map((line) => line.replica));
    for (const replica of ['workerpool0-0', 'workerpool1-0', 'workerpool1-1'])
      expect(replicas).toContain(replica);
    const listed = await jobs.list('projects/test-project/locations/us-central1');
    expect(listed.map((job) => job.name)).toContain(created.name);
  });

  it('passes gRPC failures across with their status code', async () => {
    const failure = await api.jobs
      .getCustomJob('projects/test-project/locations/us-central1/customJobs/404')
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ApiError);
    expect((failure as ApiError).code).toBe(5);
    expect((failure as ApiError).message).toMatch(/NOT_FOUND|not found/i);
  });
});

describe('closing the API worker', () => {
  it('closes once however often it is asked (a replaced session is closed again at exit)', async () => {
    const second = await createWorkerApi(env.backend, WORKER);
    // A close that waited for an exit already past would never settle (the test times out).
    await Promise.all([second.close(), second.close()]);
    await second.close();
  });
});
