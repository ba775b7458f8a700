// LoggingServiceV2 through the official low-level LoggingServiceV2Client: log fidelity (text and
// JSON payloads, severities, labels, insertId, timestamps), every filter form of the supported
// subset, order_by and paging on ListLogEntries, buffer_window and suppression_info on
// TailLogEntries.
import * as grpc from '@grpc/grpc-js';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {startTestEmulator, waitFor, type TestEmulator} from '../helpers/emulator.js';
import {scenarioRequest, stageScenario} from '../helpers/scenario.js';

let env: TestEmulator;

interface Entry {
  insertId?: string | null;
  logName?: string | null;
  severity?: unknown;
  textPayload?: string | null;
  jsonPayload?: {fields?: Record<string, {stringValue?: string; numberValue?: number}>} | null;
  labels?: Record<string, string> | null;
  resource?: {type?: string | null; labels?: Record<string, string> | null} | null;
  timestamp?: {seconds?: unknown; nanos?: number | null} | null;
}

const PROJECT = 'log-project';
const RESOURCE = [`projects/${PROJECT}`];
let jobId = '';
let all: Entry[] = [];

/** The primary's script: every payload and severity case, then a numbered burst. */
const SCRIPT = [
  'out:plain stdout line',
  'err:plain stderr line',
  'out:{"severity":"WARNING","message":"json warn","step":3}',
  'err:{"message":"json on stderr without severity"}',
  'err:{"severity":"INFO","message":"json info on stderr"}',
  'out:{"message":"labelled","logging.googleapis.com/labels":{"phase":"train"}}',
  'out:{not json',
  'burst:30',
];

const ns = (entry: Entry) =>
  BigInt(String(entry.timestamp?.seconds ?? 0)) * 1_000_000_000n +
  BigInt(entry.timestamp?.nanos ?? 0);
const iso = (entry: Entry) =>
  `${new Date(Number(ns(entry) / 1_000_000n)).toISOString().replace(/\.\d{3}Z$/, '')}.${(ns(entry) % 1_000_000_000n).toString().padStart(9, '0')}Z`;
const message = (entry: Entry) =>
  entry.textPayload || entry.jsonPayload?.fields?.message?.stringValue || '';

async function listAll(filter: string, orderBy = 'timestamp asc'): Promise<Entry[]> {
  const [entries] = await env.clients.logging.listLogEntries(
    {resourceNames: RESOURCE, filter, orderBy, pageSize: 1000},
    {autoPaginate: false},
  );
  return entries as Entry[];
}

async function runJob(args: string[], project = PROJECT): Promise<string> {
  const request = {
    ...scenarioRequest(args),
    parent: `projects/${project}/locations/us-central1`,
  };
  const [job] = await env.clients.jobs.createCustomJob(request as never);
  return (job.name as string).split('/').pop() as string;
}

async function finished(id: string, project = PROJECT): Promise<void> {
  const name = `projects/${project}/locations/us-central1/customJobs/${id}`;
  await waitFor(
    async () => {
      const [job] = await env.clients.jobs.getCustomJob({name});
      return ['JOB_STATE_SUCCEEDED', 'JOB_STATE_FAILED'].includes(String(job.state))
        ? true
        : undefined;
    },
    30_000,
    'the job to finish',
  );
}

beforeAll(async () => {
  // A tail client that stops reading may fall 5,000 entries behind here (200,000 by default),
  // so the NOT_CONSUMED test reaches that limit once its burst has filled the logging channel's
  // 8 MiB flow-control window (connection.ts): 60,000 lines of about 200 bytes.
  env = await startTestEmulator({
    queueDelayMs: 0,
    provisionDelayMs: 0,
    faults: {tailPendingEntries: 5000},
  });
  await stageScenario(env);
  jobId = await runJob(SCRIPT);
  await finished(jobId);
  all = await listAll(`resource.labels.job_id="${jobId}"`);
});
afterAll(async () => env?.close());

describe('log fidelity', () => {
  const replica = () => all.filter((e) => e.resource?.labels?.task_name === 'workerpool0-0');
  const byMessage = (text: string) => {
    const entry = replica().find((e) => message(e) === text);
    if (!entry) throw new Error(`no entry "${text}"`);
    return entry;
  };

  it('turns each output line into an ml_job entry with job_id, task_name and project_id', () => {
    expect(replica()).toHaveLength(SCRIPT.length - 1 + 30);
    for (const entry of all) {
      expect(entry.resource?.type).toBe('ml_job');
      expect(entry.resource?.labels?.job_id).toBe(jobId);
      expect(entry.resource?.labels?.project_id).toBe(PROJECT);
    }
  });

  it('keeps plain lines as textPayload: stdout INFO, stderr ERROR', () => {
    const stdout = byMessage('plain stdout line');
    expect(stdout.severity).toBe('INFO');
    expect(stdout.jsonPayload ?? null).toBeNull();
    expect(byMessage('plain stderr line').severity).toBe('ERROR');
    expect(byMessage('{not json').textPayload).toBe('{not json');
  });

  it('turns a single-line JSON log into jsonPayload with severity lifted out', () => {
    const warn = byMessage('json warn');
    expect(warn.severity).toBe('WARNING');
    expect(warn.textPayload).toBeFalsy();
    expect(warn.jsonPayload?.fields?.step?.numberValue).toBe(3);
    expect(warn.jsonPayload?.fields).not.toHaveProperty('severity');
    expect(byMessage('json on stderr without severity').severity).toBe('ERROR');
    expect(byMessage('json info on stderr').severity).toBe('INFO');
    const labelled = byMessage('labelled');
    expect(labelled.labels).toEqual({phase: 'train'});
    expect(labelled.jsonPayload?.fields).not.toHaveProperty('logging.googleapis.com/labels');
  });

  it('gives every entry a unique insertId and per-replica timestamps that only go forward', () => {
    expect(new Set(all.map((e) => e.insertId)).size).toBe(all.length);
    const burst = replica().filter((e) => message(e).startsWith('burst line'));
    expect(burst.map(message)).toEqual(Array.from({length: 30}, (_, i) => `burst line ${i}`));
    for (let i = 1; i < burst.length; i++) expect(ns(burst[i]!) > ns(burst[i - 1]!)).toBe(true);
  });

  it('writes the service entries Vertex writes, in order', () => {
    const service = all.filter((e) => e.resource?.labels?.task_name === 'service').map(message);
    expect(service).toEqual([
      'Waiting for job to be provisioned.',
      'Waiting for training program to start.',
      'Job is running.',
      'Job completed successfully.',
    ]);
  });
});

describe('filter forms', () => {
  const job = () => `resource.labels.job_id="${jobId}"`;
  const count = async (filter: string) => (await listAll(filter)).length;
  const replicaCount = SCRIPT.length - 1 + 30;

  it('resource.type and resource.labels.* with = != and :', async () => {
    expect(await count(`resource.type="ml_job" AND ${job()}`)).toBe(all.length);
    expect(await count(`resource.type="gce_instance" AND ${job()}`)).toBe(0);
    expect(await count(`${job()} resource.labels.task_name="service"`)).toBe(4);
    expect(await count(`${job()} resource.labels.task_name!="service"`)).toBe(replicaCount);
    expect(await count(`${job()} resource.labels.task_name:"workerpool"`)).toBe(replicaCount);
  });

  it('labels.* with = and :*', async () => {
    expect(await count(`${job()} labels.phase="train"`)).toBe(1);
    expect(await count(`${job()} labels.phase:*`)).toBe(1);
    expect(await count(`${job()} labels.phase="eval"`)).toBe(0);
  });

  it('severity with ordering', async () => {
    expect((await listAll(`${job()} severity>=ERROR`)).map(message).sort()).toEqual([
      'json on stderr without severity',
      'plain stderr line',
    ]);
    expect(await count(`${job()} severity=WARNING`)).toBe(1);
    expect(await count(`${job()} severity>WARNING`)).toBe(2);
    expect(await count(`${job()} severity<=INFO`)).toBe(all.length - 3);
    expect(await count(`${job()} severity<INFO`)).toBe(0);
    expect(await count(`${job()} severity!=INFO`)).toBe(3);
  });

  it('timestamp comparisons in RFC 3339, to the nanosecond', async () => {
    const pivot = all[10]!;
    expect(await count(`${job()} timestamp>="${iso(pivot)}"`)).toBe(all.length - 10);
    expect(await count(`${job()} timestamp>"${iso(pivot)}"`)).toBe(all.length - 11);
    expect(await count(`${job()} timestamp<"${iso(pivot)}"`)).toBe(10);
    expect(await count(`${job()} timestamp="${iso(pivot)}"`)).toBe(1);
  });

  it('insertId and logName', async () => {
    const pivot = all[5]!;
    expect((await listAll(`insertId="${pivot.insertId}"`)).map((e) => e.insertId)).toEqual([
      pivot.insertId,
    ]);
    // gcloud's paging form: same timestamp and a later insertId, or a later timestamp.
    const after = await listAll(
      `${job()} ((timestamp="${iso(pivot)}" AND insertId>"${pivot.insertId}") OR timestamp>"${iso(pivot)}")`,
    );
    expect(after).toHaveLength(all.length - 6);
    expect(await count(`${job()} logName="projects/${PROJECT}/logs/workerpool0-0"`)).toBe(
      replicaCount,
    );
  });

  it('AND, OR, NOT, implicit AND, parentheses, quoted strings and : on payloads', async () => {
    expect(await count(`${job()} AND NOT severity>=ERROR`)).toBe(all.length - 2);
    expect(
      await count(
        `${job()} (severity=WARNING OR labels.phase="train") resource.labels.task_name="workerpool0-0"`,
      ),
    ).toBe(2);
    expect(await count(`${job()} textPayload:"PLAIN STDOUT"`)).toBe(1);
    expect(await count(`${job()} jsonPayload.message:"json"`)).toBe(3);
    expect(
      await count(`${job()} NOT (resource.labels.task_name="service" OR severity>=ERROR)`),
    ).toBe(replicaCount - 2);
    expect(await count(`${job()} textPayload="burst line 7"`)).toBe(1);
  });

  it.each([
    ['httpRequest.status=200', '"httpRequest.status"'],
    ['severity>=LOUD', '"LOUD"'],
    ['timestamp>"soon"', '"soon"'],
    ['resource.type~"x"', '"~"'],
    ['(severity=ERROR', 'end of filter'],
    ['severity=ERROR and resource.type="ml_job"', '"and"'],
  ])('rejects %s as INVALID_ARGUMENT naming %s', async (filter, token) => {
    await expect(listAll(filter)).rejects.toMatchObject({
      code: grpc.status.INVALID_ARGUMENT,
      details: expect.stringContaining(token),
    });
  });
});

describe('ListLogEntries order_by and paging', () => {
  it('orders by timestamp asc and desc', async () => {
    const asc = await listAll(`resource.labels.job_id="${jobId}"`, 'timestamp asc');
    const desc = await listAll(`resource.labels.job_id="${jobId}"`, 'timestamp desc');
    expect(desc.map((e) => e.insertId)).toEqual([...asc].reverse().map((e) => e.insertId));
    for (let i = 1; i < asc.length; i++) expect(ns(asc[i]!) >= ns(asc[i - 1]!)).toBe(true);
  });

  it('pages with page_size and page_token in either order', async () => {
    for (const orderBy of ['timestamp asc', 'timestamp desc']) {
      const ids: string[] = [];
      let pageToken = '';
      do {
        const [entries, , response] = await env.clients.logging.listLogEntries(
          {
            resourceNames: RESOURCE,
            filter: `resource.labels.job_id="${jobId}"`,
            orderBy,
            pageSize: 7,
            pageToken,
          },
          {autoPaginate: false},
        );
        expect(entries.length).toBeLessThanOrEqual(7);
        ids.push(...entries.map((e) => e.insertId as string));
        pageToken = (response as {nextPageToken?: string}).nextPageToken ?? '';
      } while (pageToken);
      const expected = (await listAll(`resource.labels.job_id="${jobId}"`, orderBy)).map(
        (e) => e.insertId,
      );
      expect(ids).toEqual(expected);
    }
  });

  it('keeps pages consistent while new entries arrive (cursor page tokens)', async () => {
    const filter = `resource.labels.task_name:"workerpool"`;
    const page = async (pageToken: string) => {
      const [entries, , response] = await env.clients.logging.listLogEntries(
        {resourceNames: RESOURCE, filter, orderBy: 'timestamp desc', pageSize: 5, pageToken},
        {autoPaginate: false},
      );
      return {
        entries: entries as Entry[],
        next: (response as {nextPageToken?: string}).nextPageToken ?? '',
      };
    };
    const first = await page('');
    // Newer entries land at the head of a descending list while the client is paging.
    await finished(await runJob(['burst:12']));
    const second = await page(first.next);
    const ids = [...first.entries, ...second.entries].map((e) => e.insertId);
    expect(new Set(ids).size).toBe(10);
    expect(ns(second.entries[0]!) < ns(first.entries.at(-1)!)).toBe(true);
    const before = await listAll(filter, 'timestamp desc');
    const position = before.findIndex((e) => e.insertId === first.entries.at(-1)!.insertId);
    expect(second.entries.map((e) => e.insertId)).toEqual(
      before.slice(position + 1, position + 6).map((e) => e.insertId),
    );
  });

  it('rejects a bad order_by, page_size or missing resource_names', async () => {
    await expect(listAll('', 'severity desc')).rejects.toMatchObject({
      code: grpc.status.INVALID_ARGUMENT,
      details: expect.stringContaining('order_by'),
    });
    await expect(
      env.clients.logging.listLogEntries(
        {resourceNames: RESOURCE, pageSize: 1001},
        {autoPaginate: false},
      ),
    ).rejects.toMatchObject({
      code: grpc.status.INVALID_ARGUMENT,
      details: expect.stringContaining('page_size'),
    });
    await expect(
      env.clients.logging.listLogEntries({filter: 'severity>=ERROR'}, {autoPaginate: false}),
    ).rejects.toMatchObject({
      code: grpc.status.INVALID_ARGUMENT,
      details: expect.stringContaining('resource_names'),
    });
  });
});

interface TailResponse {
  entries?: Entry[];
  suppressionInfo?: {reason?: unknown; suppressedCount?: number}[];
}

/** Opens a tail and records every response until `stop()`. */
function openTail(filter: string, bufferMs: number) {
  const stream = env.clients.logging.tailLogEntries();
  const responses: TailResponse[] = [];
  const errors: Error[] = [];
  stream.on('data', (response: TailResponse) => responses.push(response));
  stream.on('error', (error: Error) => errors.push(error));
  stream.write({
    resourceNames: RESOURCE,
    filter,
    bufferWindow: {seconds: Math.floor(bufferMs / 1000), nanos: (bufferMs % 1000) * 1e6},
  });
  return {
    stream,
    responses,
    errors,
    entries: () => responses.flatMap((r) => r.entries ?? []),
    suppressed: (reason: string) =>
      responses
        .flatMap((r) => r.suppressionInfo ?? [])
        .filter((info) => info.reason === reason)
        .reduce((sum, info) => sum + Number(info.suppressedCount ?? 0), 0),
  };
}

describe('TailLogEntries', () => {
  it('honours buffer_window: batches sorted entries per window; 0 sends each at once', async () => {
    const filter = 'resource.labels.task_name="workerpool0-0" AND textPayload:"tick"';
    const immediate = openTail(filter, 0);
    const batched = openTail(filter, 1500);
    await new Promise((resolve) => setTimeout(resolve, 300)); // both sessions are configured
    const ticks = Array.from({length: 8}, (_, i) => [`out:tick ${i}`, 'sleep:0.15']).flat();
    // The replica waits a moment first, so both tail sessions are surely configured.
    const id = await runJob(['sleep:1', ...ticks]);
    await finished(id);
    await waitFor(
      async () => (batched.entries().length >= 8 ? true : undefined),
      10_000,
      'the batched tail',
    );
    expect(immediate.entries().map(message)).toEqual(
      ticks.filter((t) => t.startsWith('out:')).map((t) => t.slice(4)),
    );
    expect(batched.entries().map(message)).toEqual(immediate.entries().map(message));
    // Each entry alone without a window; far fewer responses than entries with one.
    expect(immediate.responses.filter((r) => r.entries?.length).length).toBe(8);
    expect(batched.responses.filter((r) => r.entries?.length).length).toBeLessThan(8);
    for (const response of batched.responses) {
      const times = (response.entries ?? []).map(ns);
      expect(times).toEqual([...times].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    }
    immediate.stream.cancel();
    batched.stream.cancel();
  });

  it('rejects an unsupported filter on the tail with INVALID_ARGUMENT naming the token', async () => {
    const tail = openTail('sourceLocation.line>3', 0);
    await waitFor(async () => (tail.errors.length ? true : undefined), 10_000, 'the error');
    expect(tail.errors[0]).toMatchObject({
      code: grpc.status.INVALID_ARGUMENT,
      details: expect.stringContaining('"sourceLocation.line"'),
    });
  });

  it('rejects a buffer_window over 60 s with INVALID_ARGUMENT', async () => {
    const tail = openTail('severity>=ERROR', 61_000);
    await waitFor(async () => (tail.errors.length ? true : undefined), 10_000, 'the error');
    expect(tail.errors[0]).toMatchObject({code: grpc.status.INVALID_ARGUMENT});
  });

  it('reports NOT_CONSUMED suppressions when the client stops reading; nothing is lost uncounted', async () => {
    const tail = openTail(
      'resource.labels.task_name="workerpool0-0" AND textPayload:"burst line"',
      0,
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    tail.stream.pause();
    const id = await runJob(['sleep:1', 'burst:60000']);
    await finished(id);
    await new Promise((resolve) => setTimeout(resolve, 500));
    tail.stream.resume();
    // One more line after the client catches up carries the suppression count.
    await runJob(['burst:1']);
    await waitFor(
      async () =>
        tail.entries().length + tail.suppressed('NOT_CONSUMED') >= 60_001 ? true : undefined,
      30_000,
      'every line delivered or counted',
    );
    expect(tail.suppressed('NOT_CONSUMED')).toBeGreaterThan(0);
    expect(tail.entries().length + tail.suppressed('NOT_CONSUMED')).toBe(60_001);
    tail.stream.cancel();
  });
});

describe('TailLogEntries rate limit', () => {
  let limited: TestEmulator;
  beforeAll(async () => {
    limited = await startTestEmulator({
      queueDelayMs: 0,
      provisionDelayMs: 0,
      faults: {tailEntriesPerSecond: 50},
    });
    await stageScenario(limited);
  });
  afterAll(async () => limited?.close());

  it('suppresses entries over the rate as RATE_LIMIT and counts them', async () => {
    const stream = limited.clients.logging.tailLogEntries();
    const responses: TailResponse[] = [];
    stream.on('data', (response: TailResponse) => responses.push(response));
    stream.on('error', () => undefined);
    stream.write({
      resourceNames: RESOURCE,
      filter: 'textPayload:"burst line"',
      bufferWindow: {nanos: 200_000_000},
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    const [job] = await limited.clients.jobs.createCustomJob({
      ...scenarioRequest(['sleep:1', 'burst:500', 'sleep:1.5', 'burst:1']),
      parent: `projects/${PROJECT}/locations/us-central1`,
    } as never);
    const delivered = () => responses.flatMap((r) => r.entries ?? []).length;
    const rateLimited = () =>
      responses
        .flatMap((r) => r.suppressionInfo ?? [])
        .filter((info) => info.reason === 'RATE_LIMIT')
        .reduce((sum, info) => sum + Number(info.suppressedCount ?? 0), 0);
    await waitFor(
      async () => (delivered() + rateLimited() >= 501 ? true : undefined),
      30_000,
      'all lines delivered or counted',
    );
    expect(rateLimited()).toBeGreaterThan(0);
    expect(delivered() + rateLimited()).toBe(501);
    expect(job.name).toBeTruthy();
    stream.cancel();
  });
});
