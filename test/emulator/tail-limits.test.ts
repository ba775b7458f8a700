// Live tails as Cloud Logging limits them, checked with the official Node logging client, and
// late ingestion as Cloud Logging has it:
// - "Number of open live-tailing sessions: 10 per Google Cloud project"
//   (https://cloud.google.com/logging/quotas): the 11th TailLogEntries session of a project ends
//   with RESOURCE_EXHAUSTED and quota details (gcloud: "There are too many tail sessions open.",
//   googlecloudsdk/api_lib/logging/tailing.py); closing one frees its place.
// - Entries can reach Logging seconds after their timestamp (gcloud's streaming allows 5 s,
//   googlecloudsdk/command_lib/logs/stream.py): with one replica's entries ingested late and the
//   tail dropped now and then, the log engine with its default (Google's) margins still writes
//   every entry once, in (timestamp, insertId) order, none late.
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {JobLogEngine} from '../../source/services/logs/job-log-engine.js';
import {OrderedWriter} from '../../source/services/logs/ordered-writer.js';
import {jobLogFilter} from '../../source/services/logs/log-filter.js';
import {LOCAL_READS, ReadBudget} from '../../source/services/logs/read-budget.js';
import {officialLoggingApi} from '../../source/services/vertex/official-api.js';
import {toJobSnapshot} from '../../source/services/vertex/job-snapshot.js';
import {isTerminalState} from '../../source/core/job-spec/index.js';
import {startTestEmulator, waitFor, type TestEmulator} from '../helpers/emulator.js';
import {scenarioRequest, stageScenario} from '../helpers/scenario.js';

const RETENTION = {maxEntriesPerJob: 1_000_000, maxTotalBytes: 2 ** 31, maxAgeDays: 0};
let env: TestEmulator;

function startWith(faults: NonNullable<Parameters<typeof startTestEmulator>[0]>['faults']) {
  beforeAll(async () => {
    env = await startTestEmulator({
      queueDelayMs: 0,
      provisionDelayMs: 0,
      retention: RETENTION,
      ...(faults && {faults}),
    });
    await stageScenario(env);
  });
  afterAll(async () => env?.close());
}

interface Tail {
  data: number;
  error: (Error & {code?: number; statusDetails?: unknown[]}) | undefined;
  close(): void;
}

function openTail(project: string): Tail {
  const stream = env.clients.logging.tailLogEntries();
  const tail: Tail = {data: 0, error: undefined, close: () => stream.cancel()};
  stream.on('data', () => tail.data++);
  stream.on('error', (error: Tail['error']) => (tail.error ??= error));
  stream.write({resourceNames: [`projects/${project}`], filter: 'resource.type="ml_job"'});
  return tail;
}

async function runJob(args: string[], workers?: {args: string[]; count: number}) {
  const [created] = await env.clients.jobs.createCustomJob(
    scenarioRequest(args, workers ? {workers} : {}) as never,
  );
  return toJobSnapshot(created as never);
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

describe('the number of open live tails', () => {
  startWith(undefined);

  it('is 10 per project: the 11th is refused with RESOURCE_EXHAUSTED and quota details', async () => {
    const tails = Array.from({length: 10}, () => openTail('test-project'));
    // A job whose lines reach every tail proves all ten are subscribed.
    await runJob(['out:hello tails']);
    await waitFor(
      async () => tails.every((tail) => tail.data > 0) || undefined,
      60_000,
      'ten tails',
    );
    expect(tails.every((tail) => tail.error === undefined)).toBe(true);

    const refused = openTail('test-project');
    const error = await waitFor(async () => refused.error, 30_000, 'the refusal');
    expect(error.code).toBe(8);
    expect(error.message).toMatch(/10 open live-tailing sessions/);
    const types = (error.statusDetails ?? []).map((detail) => (detail as object).constructor.name);
    expect(JSON.stringify(error.statusDetails)).toMatch(/RATE_LIMIT_EXCEEDED/);
    expect(types.length).toBe(2);

    // Another project has its own ten.
    const elsewhere = openTail('other-project');
    // Closing one frees its place: a new tail of the project gets the next job's lines.
    tails[0]!.close();
    await new Promise((resolve) => setTimeout(resolve, 200));
    const again = openTail('test-project');
    await runJob(['out:hello again']);
    await waitFor(async () => again.data > 0 || again.error || undefined, 60_000, 'a tail again');
    expect(again.error).toBeUndefined();
    expect(elsewhere.error).toBeUndefined();
    for (const tail of [...tails, refused, elsewhere, again]) tail.close();
  }, 120_000);
});

describe('late ingestion of one replica', () => {
  startWith({lateLogEntries: {replica: 'workerpool1-0', ms: 3000}, dropTailAfterEntries: 400});

  it('loses nothing and writes every entry in order with the default margins', async () => {
    const job = await runJob(['flood:200:5', 'sleep:1', 'err:primary done'], {
      args: ['flood:200:5', 'err:worker done'],
      count: 2,
    });
    const engine = new JobLogEngine({
      logging: officialLoggingApi(env.clients.logging),
      budget: new ReadBudget(LOCAL_READS),
      project: 'test-project',
      jobId: job.id,
      jobCreateTimeMs: job.createTime!.getTime(),
      open: 'start',
      follow: true,
    });
    const written: string[] = [];
    const writer = new OrderedWriter({
      engine,
      write: async (lines) => void written.push(...lines.map((line) => line.insertId)),
    });
    writer.start();
    engine.start();
    const done = await finished(job.name);
    expect(done.state).toBe('JOB_STATE_SUCCEEDED');
    engine.jobEnded();
    await engine.ended();
    await writer.finish();
    const status = engine.status();
    engine.stop();

    const [entries] = await env.clients.logging.listLogEntries(
      {
        resourceNames: ['projects/test-project'],
        filter: `${jobLogFilter(job.id)} AND timestamp>="2000-01-01T00:00:00Z"`,
        orderBy: 'timestamp asc',
        pageSize: 1000,
      },
      {autoPaginate: true},
    );
    const stored = entries.map((entry) => entry.insertId as string);
    const late = entries.filter((entry) => entry.resource?.labels?.task_name === 'workerpool1-0');
    expect(late.length).toBeGreaterThan(500);
    expect(status.reconnects).toBeGreaterThan(0);
    expect(writer.late).toBe(0);
    expect(written).toEqual(stored);
  }, 180_000);
});
