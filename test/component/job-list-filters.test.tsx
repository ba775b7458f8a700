// The job list at 80 columns says which filters hide jobs: the project's path takes half the title
// row there, and the filters at its end were cut off, so a list showing fewer jobs did not say why.
// They get the row under the title.
import {afterEach, beforeAll, describe, expect, it} from 'vitest';
import {loadScreens} from '../../source/ui/app/screens.js';
import type {Session} from '../../source/services/backend/session.js';
import type {JobKind, ResourceMessage} from '../../source/services/vertex/api.js';
import {renderAppOnJobs} from '../helpers/app-on-jobs.js';
import {tick, until} from '../helpers/frames.js';

const PARENT = 'projects/local-project/locations/us-central1';
const job = (id: number, name: string): ResourceMessage => ({
  name: `${PARENT}/customJobs/${id}`,
  displayName: name,
  state: 'JOB_STATE_SUCCEEDED',
  createTime: {seconds: String(Math.floor(Date.now() / 1000) - 600), nanos: 0},
  jobSpec: {workerPoolSpecs: [{machineSpec: {machineType: 'n1-standard-4'}, replicaCount: 1}]},
});

let unmount: (() => void) | undefined;
afterEach(() => unmount?.());
beforeAll(() => loadScreens(['jobs']));

describe('the job list at 80 columns', () => {
  it('shows the filter in force under the title', async () => {
    const session = {
      label: 'fake backend',
      api: {
        jobs: {
          listJobs: async (kind: JobKind) => ({
            items: kind === 'custom' ? [job(2, 'nightly-eval'), job(1, 'baseline-train')] : [],
            nextPageToken: '',
          }),
        },
      },
      close: async () => undefined,
    } as unknown as Session;
    const app = renderAppOnJobs(session);
    unmount = app.unmount;
    Object.defineProperty(app.stdout, 'columns', {value: 80});
    app.stdout.emit('resize');
    await until(app.lastFrame, /baseline-train/);
    app.stdin.write('/');
    await until(app.lastFrame, /Filter loaded jobs/);
    app.stdin.write('nightly');
    await tick(100);
    app.stdin.write('\r');
    const filtered = await until(app.lastFrame, /^Jobs.*1 shown/m);
    expect(filtered).not.toMatch(/baseline-train/);
    const rows = filtered.split('\n');
    expect(rows[1]).toBe('filtered: /nightly');
    for (const row of rows) expect(row.length).toBeLessThanOrEqual(80);
  });
});
