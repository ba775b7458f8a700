// The flood that broke the old dashboard: 8 replicas printing 5,000 lines a second each for 20 s
// (800,000 lines). The engine runs as the dashboard runs it (newest first, following, the API
// worker of dist/, the shared emulator service in its own process) and must, within a few
// seconds of the job's end, hold the job's last lines and exact per-replica counts, while its
// store stays within its memory cap. The catch-up time is printed; bench/ reports figures.
import path from 'node:path';
import fs from 'node:fs/promises';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {JobLogEngine} from '../../source/services/logs/job-log-engine.js';
import {jobLogFilter} from '../../source/services/logs/log-filter.js';
import {cursorOf, type LogCursor, toLogLine} from '../../source/services/vertex/log-line.js';
import {LOCAL_READS, ReadBudget} from '../../source/services/logs/read-budget.js';
import type {VertexApi} from '../../source/services/vertex/api.js';
import type {Clients} from '../../source/services/vertex/clients.js';
import type {Backend} from '../../source/services/vertex/connection.js';
import {toJobSnapshot} from '../../source/services/vertex/job-snapshot.js';
import {stagePackageLocally} from '../../source/services/vertex/package-staging.js';
import {createWorkerApi} from '../../source/services/vertex/worker-api.js';
import {waitFor} from '../helpers/emulator.js';
import {scenarioRequest} from '../helpers/scenario.js';
import {connect, runCli, tempDataDir} from '../helpers/service.js';

const WORKER = path.resolve(import.meta.dirname, '../../dist/vertex-worker.js');
const SCENARIO_PACKAGE = path.resolve(import.meta.dirname, '../fixtures/scenario-package');
const REPLICAS = 8;
const RATE = 5000;
const SECONDS = Number(process.env.VTRAIN_FLOOD_SECONDS ?? 20);

let dataDir: string;
let clients: Clients;
let backend: Backend;
let api: VertexApi;

beforeAll(async () => {
  dataDir = await tempDataDir();
  const started = await runCli([
    'emulator',
    'start',
    '--data-dir',
    dataDir,
    '--log-max-entries',
    '2000000',
    '--log-max-mb',
    '2048',
  ]);
  expect(started.code).toBe(0);
  ({clients, backend} = await connect(dataDir));
  api = await createWorkerApi(backend, WORKER);
  await stagePackageLocally(
    SCENARIO_PACKAGE,
    'gs://staging/scenario-0.1.tar.gz',
    path.join(dataDir, 'buckets'),
  );
}, 60_000);

afterAll(async () => {
  await api?.close();
  await clients?.close();
  await runCli(['emulator', 'stop', '--data-dir', dataDir]);
  await fs.rm(dataDir, {recursive: true, force: true});
});

/** Per-replica counts and the newest entry of each replica, from the emulator's store. */
async function storedSummary(jobId: string) {
  const counts = new Map<string, number>();
  const newest = new Map<string, LogCursor>();
  let last = '';
  let pageToken = '';
  do {
    const [page, , response] = await clients.logging.listLogEntries(
      {
        resourceNames: ['projects/test-project'],
        filter: `${jobLogFilter(jobId)} AND timestamp>="2000-01-01T00:00:00Z"`,
        orderBy: 'timestamp asc',
        pageSize: 1000,
        pageToken,
      },
      {autoPaginate: false},
    );
    for (const entry of page) {
      const line = toLogLine(entry as never);
      counts.set(line.replica, (counts.get(line.replica) ?? 0) + 1);
      newest.set(line.replica, cursorOf(line));
      last = line.insertId;
    }
    pageToken = (response as {nextPageToken?: string} | undefined)?.nextPageToken ?? '';
  } while (pageToken);
  return {counts, newest, last};
}

describe('a flood of 8 replicas × 5,000 lines/s × 20 s', () => {
  it('shows the last lines within seconds of the end, with exact per-replica counts', async () => {
    const [created] = await clients.jobs.createCustomJob(
      scenarioRequest([`flood:${RATE}:${SECONDS}`, 'sleep:1'], {
        workers: {args: [`flood:${RATE}:${SECONDS}`], count: REPLICAS - 1},
      }) as never,
    );
    const job = toJobSnapshot(created as never);
    const engine = new JobLogEngine({
      logging: api.logging,
      budget: new ReadBudget(LOCAL_READS),
      project: 'test-project',
      jobId: job.id,
      jobCreateTimeMs: job.createTime!.getTime(),
      open: 'end',
      follow: true,
      latenessMs: 50,
      drainMs: 1000,
    });
    engine.start();
    let peakHeld = 0;
    const received: [number, number][] = [];
    const sampler = setInterval(() => {
      peakHeld = Math.max(peakHeld, engine.store.length);
      received.push([Date.now(), engine.store.received]);
    }, 100);
    const ended = await waitFor(
      async () => {
        const [current] = await clients.jobs.getCustomJob({name: job.name});
        const snapshot = toJobSnapshot(current as never);
        return snapshot.endTime ? snapshot : undefined;
      },
      180_000,
      'the flood job to end',
    );
    expect(ended.state).toBe('JOB_STATE_SUCCEEDED');
    engine.jobEnded();
    const summary = await storedSummary(job.id);
    const total = [...summary.counts.values()].reduce((a, b) => a + b, 0);
    const floodLines = [...summary.counts.entries()].filter(([name]) => name !== 'service');
    expect(floodLines).toHaveLength(REPLICAS);
    for (const [, count] of floodLines) expect(count).toBe(RATE * SECONDS);

    // Caught up: every replica's count exact and its newest line held.
    const caughtUp = await waitFor(
      async () => {
        const counters = engine.store.counters();
        for (const [replica, count] of summary.counts)
          if (counters.get(replica)?.lines !== count) return undefined;
        for (const [, cursor] of summary.newest) if (!engine.store.has(cursor)) return undefined;
        return true;
      },
      300_000,
      'the engine to catch up with the flood',
    );
    clearInterval(sampler);
    expect(caughtUp).toBe(true);
    const caughtUpAt = received.find(([, count]) => count >= total)?.[0] ?? Date.now();
    const lagMs = caughtUpAt - ended.endTime!.getTime();
    const ranMs = ended.endTime!.getTime() - ended.startTime!.getTime();
    console.log(
      `flood: ${total} entries; job ran ${ranMs} ms; caught up ${lagMs} ms after the job's end; peak lines held ${peakHeld}; reads ${engine.status().reads}; suppressed ${engine.status().suppressed}`,
    );
    expect(engine.store.received).toBe(total);
    expect(engine.store.length).toBeLessThanOrEqual(engine.store.maxLines);
    // The view's window ends with the job's very last entry. (How soon: bench/logs.mjs.)
    expect(engine.store.last()?.insertId).toBe(summary.last);
    await engine.ended();
    engine.stop();
  }, 600_000);
});
