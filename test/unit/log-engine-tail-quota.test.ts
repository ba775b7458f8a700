// The log engine when Cloud Logging refuses a live tail. A project may hold 10 open live-tailing
// sessions (https://cloud.google.com/logging/quotas); gcloud reads RESOURCE_EXHAUSTED on a tail
// as "There are too many tail sessions open." (googlecloudsdk/api_lib/logging/tailing.py). What
// details come with it is not documented, so both a bare code and one with QuotaFailure and
// ErrorInfo details are covered. A refused engine must poll entries.list, say so in its state,
// lose nothing, take a tail again once one is free, and give its tail back while hidden.
import {describe, expect, it} from 'vitest';
import {JobLogEngine} from '../../source/services/logs/job-log-engine.js';
import {LOCAL_READS, ReadBudget} from '../../source/services/logs/read-budget.js';
import type {TailEndError} from '../../source/services/vertex/api.js';
import {entryAt, FakeTailLogging} from '../helpers/fake-tail-logging.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until `probe` holds (the test's own timeout bounds it). */
async function until(probe: () => boolean): Promise<void> {
  while (!probe()) await sleep(5);
}

const QUOTA_DETAILS: TailEndError = {
  code: 8,
  statusDetails: [
    {
      '@type': 'type.googleapis.com/google.rpc.QuotaFailure',
      violations: [{subject: 'projects/p', description: 'open live-tailing sessions'}],
    },
    {
      '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
      reason: 'RATE_LIMIT_EXCEEDED',
      domain: 'googleapis.com',
      metadata: {service: 'logging.googleapis.com'},
    },
  ],
};

function engineFor(
  logging: FakeTailLogging,
  extra: Partial<ConstructorParameters<typeof JobLogEngine>[0]> = {},
) {
  return new JobLogEngine({
    logging,
    budget: new ReadBudget(LOCAL_READS),
    project: 'p',
    jobId: '123',
    jobCreateTimeMs: Date.now() - 1000,
    open: 'start',
    follow: true,
    latenessMs: 40,
    tailBufferMs: 10,
    settleMs: 10,
    pollMs: 20,
    tailRetryMs: 60,
    hideGraceMs: 0,
    ...extra,
  });
}

/** Writes `count` entries stamped now, a few milliseconds apart. */
async function produce(logging: FakeTailLogging, prefix: string, count: number) {
  for (let index = 0; index < count; index++) {
    logging.write(entryAt(`${prefix}${String(index).padStart(4, '0')}`, Date.now()));
    await sleep(3);
  }
}

const ids = (engine: JobLogEngine) => [...engine.store.lines()].map((line) => line.insertId);
const storedIds = (logging: FakeTailLogging) => logging.stored.map((entry) => entry.insertId);

describe('a refused live tail', () => {
  for (const [shape, refusal] of [
    ['a bare RESOURCE_EXHAUSTED', {code: 8}],
    ['RESOURCE_EXHAUSTED with QuotaFailure and ErrorInfo details', QUOTA_DETAILS],
  ] as const) {
    it(`polls entries.list, says so, and loses nothing (${shape})`, async () => {
      const logging = new FakeTailLogging(0, refusal);
      const engine = engineFor(logging);
      const states = new Map<string, string | undefined>();
      engine.subscribe(() => states.set(engine.status().state, engine.status().detail));
      engine.start();
      await produce(logging, 'a', 60);
      engine.jobEnded();
      await engine.ended();
      expect(ids(engine)).toEqual(storedIds(logging));
      expect(engine.status().state).toBe('ended');
      expect(engine.status().refusals).toBeGreaterThan(0);
      expect(states.get('polling')).toMatch(
        /live tail refused: Cloud Logging allows 10 per project/,
      );
      engine.stop();
    });
  }

  it('takes a tail again once another engine gives its one back', async () => {
    const logging = new FakeTailLogging(1);
    const first = engineFor(logging);
    const second = engineFor(logging);
    first.start();
    await until(() => logging.open.size === 1);
    second.start();
    await until(() => second.status().state === 'polling');
    await produce(logging, 'b', 20);
    first.stop();
    await until(() => second.status().state === 'live');
    await produce(logging, 'c', 20);
    second.jobEnded();
    await second.ended();
    expect(ids(second)).toEqual(storedIds(logging));
    expect(second.status().refusals).toBeGreaterThan(0);
    second.stop();
  });
});

describe('a hidden screen', () => {
  it('closes its tail, reads nothing while hidden, and catches up when shown again', async () => {
    const logging = new FakeTailLogging(10);
    const engine = engineFor(logging);
    engine.start();
    await produce(logging, 'd', 10);
    engine.setVisible(false);
    await until(() => logging.open.size === 0);
    expect(engine.status().state).toBe('paused');
    const readsWhileHidden = engine.status().reads;
    await produce(logging, 'e', 20);
    expect(engine.status().reads).toBe(readsWhileHidden);
    engine.setVisible(true);
    await until(() => logging.open.size === 1);
    await produce(logging, 'f', 10);
    engine.jobEnded();
    await engine.ended();
    expect(ids(engine)).toEqual(storedIds(logging));
    engine.stop();
  });
});

describe('the tail rollover before the one-hour limit', () => {
  it('opens the new session before closing the old one, and keeps what the old one delivers', async () => {
    const logging = new FakeTailLogging(10);
    const engine = engineFor(logging, {tailMaxMs: 150});
    engine.start();
    await until(() => logging.events.includes('open 2'));
    await produce(logging, 'g', 20);
    await until(() => logging.events.includes('close 1'));
    expect(logging.events.indexOf('open 2')).toBeLessThan(logging.events.indexOf('close 1'));
    engine.jobEnded();
    await engine.ended();
    expect(ids(engine)).toEqual(storedIds(logging));
    engine.stop();
  });
});

describe('margins', () => {
  it("default to Google's: a 2 s buffer_window and a 5 s lateness, drained before the end", async () => {
    const requests: unknown[] = [];
    const logging = new FakeTailLogging(10);
    const tail = logging.tailLogEntries.bind(logging);
    logging.tailLogEntries = (request, handlers) => {
      requests.push(request);
      return tail(request, handlers);
    };
    const engine = new JobLogEngine({
      logging,
      budget: new ReadBudget(LOCAL_READS),
      project: 'p',
      jobId: '123',
      jobCreateTimeMs: Date.now(),
      open: 'start',
      follow: true,
    });
    engine.start();
    expect(requests[0]).toMatchObject({bufferWindow: {seconds: 2, nanos: 0}});
    // 5 s for an entry to reach Logging, then up to the 2 s buffer on the tail.
    expect(engine.latenessMs).toBe(7000);
    engine.stop();
  });
});
