// The home list on a returning run, in the whole app against a fake backend whose opening and first
// list answer the test releases: the first frame shows the cached rows marked as cached with their
// age, before the backend exists; a key on a cached row waits for the backend and re-reads the job
// (a cancel on a job that has ended since sends no cancel); the live rows then replace the cached
// ones, keeping the selected job, the filter, and showing the new states.
import {render} from 'ink-testing-library';
import React from 'react';
import {afterEach, beforeAll, describe, expect, it, vi} from 'vitest';
import {App} from '../../source/ui/app/App.js';
import {loadScreens} from '../../source/ui/app/screens.js';
import {exampleDraft} from '../../source/core/job-spec/index.js';
import {BUILTIN_CATALOG} from '../../source/core/job-spec/index.js';
import type {Session} from '../../source/services/backend/session.js';
import type {
  CachedJobList,
  JobListCacheAccess,
  JobListCacheKey,
} from '../../source/services/jobs/job-list-cache.js';
import {summarise, type JobSummary} from '../../source/services/jobs/job-summary.js';
import type {JobKind, ListRequest, ResourceMessage} from '../../source/services/vertex/api.js';

const PARENT = 'projects/p/locations/us-central1';
const MINUTE = 60_000;
const created = Date.now() - 30 * MINUTE;
const seconds = (ms: number) => ({seconds: String(Math.floor(ms / 1000)), nanos: 0});

function custom(id: number, name: string, state: string, minute: number): ResourceMessage {
  return {
    name: `${PARENT}/customJobs/${id}`,
    displayName: name,
    state,
    createTime: seconds(created + minute * MINUTE),
    jobSpec: {workerPoolSpecs: [{machineSpec: {machineType: 'n1-standard-4'}, replicaCount: 1}]},
  };
}

// What the last run saw: three jobs, two running.
const before = [
  custom(3, 'third-run', 'JOB_STATE_RUNNING', 3),
  custom(2, 'second-run', 'JOB_STATE_RUNNING', 2),
  custom(1, 'first-run', 'JOB_STATE_SUCCEEDED', 1),
];
// The backend now: a new job on top, and second-run was cancelled in between.
const now = [
  custom(4, 'fourth-run', 'JOB_STATE_PENDING', 4),
  before[0]!,
  {...before[1]!, state: 'JOB_STATE_CANCELLED', endTime: seconds(Date.now())},
  before[2]!,
];

function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((done) => (resolve = done));
  return {promise, resolve};
}

const tick = (ms = 30) => new Promise((resolve) => setTimeout(resolve, ms));
async function until(frame: () => string | undefined, pattern: RegExp, ms = 10_000) {
  const deadline = Date.now() + ms;
  while (!pattern.test(frame() ?? '')) {
    if (Date.now() > deadline) throw new Error(`never showed ${pattern}:\n${frame()}`);
    await tick(20);
  }
  return frame() ?? '';
}

let unmount: (() => void) | undefined;
afterEach(() => unmount?.());

// As start.tsx does: the home screen's code is loaded before the app's first frame.
beforeAll(() => loadScreens(['jobs']));

describe('the cached job list', () => {
  it('shows the last rows at once, re-reads before acting, then swaps in the live rows', async () => {
    const opened = deferred<Session>();
    const listed = deferred<void>();
    const cancelJob = vi.fn(async () => undefined);
    const getJob = vi.fn(async (_kind: JobKind, name: string) =>
      now.find((job) => job.name === name)!,
    );
    const listJobs = vi.fn(async (kind: JobKind, _request: ListRequest) => {
      await listed.promise;
      return {items: kind === 'custom' ? now : [], nextPageToken: ''};
    });
    const session = {
      label: 'fake backend',
      api: {jobs: {listJobs, getJob, cancelJob}},
      close: async () => undefined,
    } as unknown as Session;
    const saved: JobSummary[][] = [];
    const keys: JobListCacheKey[] = [];
    const cachedList: CachedJobList = {
      savedAt: Date.now() - 3 * MINUTE,
      rows: before.map((job) => ({...summarise('custom', job), cachedAt: Date.now() - 3 * MINUTE})),
    };
    const cache = (key: JobListCacheKey): JobListCacheAccess => {
      keys.push(key);
      return {key, load: () => cachedList, save: (rows) => void saved.push([...rows])};
    };
    const app = render(
      <App
        initialDraft={exampleDraft({
          project: 'p',
          region: 'us-central1',
          packagePath: '/nowhere',
          stagingBucket: 'b',
        })}
        home="jobs"
        project="p"
        region="us-central1"
        backend="vertex"
        jobListCache={cache}
        openSession={() => opened.promise}
        onSession={() => undefined}
        loadCatalog={async () => ({catalog: BUILTIN_CATALOG, errors: []})}
        onExit={() => undefined}
      />,
    );
    unmount = app.unmount;

    // The first frame: the cached rows, marked with their age, before any backend.
    const first = app.lastFrame() ?? '';
    expect(first).toMatch(/Jobs\s+cached 3m0\ds ago — refreshing…/);
    expect(first).toMatch(/third-run.*RUNNING/);
    expect(first).toMatch(/second-run.*RUNNING/);
    expect(first).not.toMatch(/Loading jobs/);
    expect(keys).toEqual([{backend: 'vertex', project: 'p', region: 'us-central1'}]);

    // Select second-run and filter on "run"; cancel it while the backend is still starting.
    app.stdin.write('\x1b[B');
    await until(app.lastFrame, /❯ second-run/);
    app.stdin.write('x');
    await until(
      app.lastFrame,
      /second-run is from the cached list: re-reading it once the backend/,
    );
    expect(getJob).not.toHaveBeenCalled();

    // The backend opens; the list has not answered yet: the cached rows stay, the key's command
    // re-reads the job, finds it cancelled since, and sends no cancel.
    opened.resolve(session);
    await until(app.lastFrame, /second-run is CANCELLED now: the job has already ended; no cancel/);
    expect(getJob).toHaveBeenCalledWith('custom', `${PARENT}/customJobs/2`);
    expect(cancelJob).not.toHaveBeenCalled();
    expect(app.lastFrame()).toMatch(/cached 3m0\ds ago/);
    expect(saved).toEqual([]);

    // d on the still cached row: the description is the job as read now.
    app.stdin.write('d');
    await until(app.lastFrame, /state: JOB_STATE_CANCELLED/);
    app.stdin.write('q');
    await until(app.lastFrame, /❯ second-run/);

    // The live rows arrive: no more cached mark, the new job on top, the same job selected,
    // showing its new state; the list is saved for the next run.
    listed.resolve();
    const live = await until(app.lastFrame, /fourth-run/);
    expect(live).not.toMatch(/cached \d/);
    expect(live).toMatch(/^Jobs {2}projects\/p\/locations\/us-central1 · 4 shown/);
    expect(live).toMatch(/❯ second-run.*CANCELLED/);
    expect(live).toMatch(/third-run.*RUNNING/);
    await until(() => String(saved.length), /^1$/);
    expect(saved[0]!.map((job) => job.displayName)).toEqual([
      'fourth-run',
      'third-run',
      'second-run',
      'first-run',
    ]);
    expect(saved[0]!.every((job) => !('cachedAt' in job))).toBe(true);

    // Live rows are acted on directly: x on a running job asks to confirm, no re-read.
    getJob.mockClear();
    app.stdin.write('\x1b[A');
    await until(app.lastFrame, /❯ third-run/);
    app.stdin.write('x');
    await until(app.lastFrame, /Cancel custom job "third-run"\?/);
    expect(getJob).not.toHaveBeenCalled();
  }, 30_000);
});
