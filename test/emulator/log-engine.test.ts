// The log engine against the real emulator through the official logging client, with the faults
// a live job meets: tails dropped every few hundred entries, RESOURCE_EXHAUSTED on reads, and
// tail suppression (rate limit). Whatever happens, the engine's store must end identical to the
// emulator's own log store: every entry once, in (timestamp, insertId) order.
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {JobLogEngine} from '../../source/services/logs/job-log-engine.js';
import {jobLogFilter} from '../../source/services/logs/log-filter.js';
import {LOCAL_READS, ReadBudget} from '../../source/services/logs/read-budget.js';
import {officialLoggingApi} from '../../source/services/vertex/official-api.js';
import {toJobSnapshot} from '../../source/services/vertex/job-snapshot.js';
import {isTerminalState} from '../../source/core/job-spec/index.js';
import {startTestEmulator, waitFor, type TestEmulator} from '../helpers/emulator.js';
import {scenarioRequest, stageScenario} from '../helpers/scenario.js';

let env: TestEmulator;
const RETENTION = {maxEntriesPerJob: 1_000_000, maxTotalBytes: 2 ** 31, maxAgeDays: 0};

function startWithFaults(faults: NonNullable<Parameters<typeof startTestEmulator>[0]>['faults']) {
  beforeAll(async () => {
    env = await startTestEmulator({
      queueDelayMs: 0,
      provisionDelayMs: 0,
      retention: RETENTION,
      faults,
    });
    await stageScenario(env);
  });
  afterAll(async () => env?.close());
}

/** Every stored entry of the job, in the emulator's (timestamp, insertId) order. */
async function storedIds(jobId: string): Promise<string[]> {
  const ids: string[] = [];
  let pageToken = '';
  do {
    const [entries, , response] = await env.clients.logging.listLogEntries(
      {
        resourceNames: ['projects/test-project'],
        filter: `${jobLogFilter(jobId)} AND timestamp>="2000-01-01T00:00:00Z"`,
        orderBy: 'timestamp asc',
        pageSize: 1000,
        pageToken,
      },
      {autoPaginate: false, retry: {retryCodes: [8, 14]} as never},
    );
    ids.push(...entries.map((entry) => entry.insertId as string));
    pageToken = (response as {nextPageToken?: string} | undefined)?.nextPageToken ?? '';
  } while (pageToken);
  return ids;
}

async function finished(name: string) {
  return waitFor(
    async () => {
      const [job] = await env.clients.jobs.getCustomJob({name});
      const snapshot = toJobSnapshot(job as never);
      return isTerminalState(snapshot.state) ? snapshot : undefined;
    },
    120_000,
    'the job to finish',
  );
}

/** Runs a chatty 4-replica job while the engine follows it; checks the engine's store is exact. */
async function followChattyJob() {
  {
    const [created] = await env.clients.jobs.createCustomJob(
      scenarioRequest(['out:primary up', 'flood:300:6', 'sleep:2', 'err:primary done'], {
        workers: {args: ['flood:300:6', 'sleep:0.3', 'burst:800', 'err:worker done'], count: 3},
      }) as never,
    );
    const job = toJobSnapshot(created as never);
    const engine = new JobLogEngine({
      logging: officialLoggingApi(env.clients.logging),
      budget: new ReadBudget(LOCAL_READS),
      project: 'test-project',
      jobId: job.id,
      jobCreateTimeMs: job.createTime!.getTime(),
      open: 'start',
      follow: true,
      latenessMs: 50,
      tailBufferMs: 250,
      drainMs: 500,
      settleMs: 300,
    });
    const states = new Set<string>();
    engine.subscribe(() => states.add(engine.status().state));
    engine.start();
    const done = await finished(job.name);
    expect(done.state).toBe('JOB_STATE_SUCCEEDED');
    engine.jobEnded();
    await engine.ended();
    const status = engine.status();
    engine.stop();

    const expected = await storedIds(job.id);
    const received = [...engine.store.lines()].map((line) => line.insertId);
    expect(expected.length).toBeGreaterThan(4 * 2000);
    expect(received.length).toBe(expected.length);
    expect(received).toEqual(expected);
    expect(engine.store.received).toBe(expected.length);
    // Per-replica counts are exact.
    const counts = engine.store.counters();
    expect(counts.get('workerpool0-0')?.lines).toBe(2 + 1800);
    for (const worker of ['workerpool1-0', 'workerpool1-1', 'workerpool1-2'])
      expect(counts.get(worker)?.lines).toBe(1800 + 800 + 1);
    return {status, states};
  }
}

describe('the log engine with dropped tails and RESOURCE_EXHAUSTED reads', () => {
  startWithFaults({
    errors: [{method: 'ListLogEntries', code: 'RESOURCE_EXHAUSTED', times: 2}],
    dropTailAfterEntries: 1000,
  });
  it('ends identical to the emulator log store: nothing lost, nothing twice, order kept', async () => {
    const {status, states} = await followChattyJob();
    expect(status.reconnects).toBeGreaterThan(3);
    expect(states).toContain('reconnecting');
  }, 180_000);
});

describe('the log engine with a suppressing tail', () => {
  startWithFaults({tailEntriesPerSecond: 400});
  it('re-reads every suppressed range: the store ends identical to the emulator log store', async () => {
    const {status, states} = await followChattyJob();
    expect(status.reconnects).toBe(0);
    expect(status.suppressed).toBeGreaterThan(2000);
    expect(states).toContain('backfilling');
  }, 180_000);
});
