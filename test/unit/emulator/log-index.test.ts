// The emulator's per-job log index and the ListLogEntries pages read from it, checked against the
// naive answer (filter the whole store, sort by timestamp then insertId) on random stores.
import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {compileLogFilter} from '../../../source/emulator/logging/log-filter.js';
import {compareRecords, JobLogIndex} from '../../../source/emulator/logging/log-index.js';
import {
  LogQueryRunner,
  matchesQuery,
  planJobQuery,
  type LogQuery,
  type LogSource,
} from '../../../source/emulator/logging/log-query.js';
import {LogStore, type LogRecord} from '../../../source/emulator/logging/log-store.js';
import {nsToIso} from '../../../source/emulator/rpc/clock.js';

const BASE_NS = 1_800_000_000_000_000_000n;

interface RecordSpec {
  job: number;
  replica: number;
  offsetNs: number;
  id: number;
}

const recordSpec = fc.record({
  job: fc.integer({min: 1, max: 3}),
  replica: fc.integer({min: 0, max: 3}),
  // A narrow range, so timestamps tie often and insertId must break the ties.
  offsetNs: fc.integer({min: 0, max: 40}),
  id: fc.integer({min: 0, max: 1_000_000}),
});

function toRecord(spec: RecordSpec, serial: number): LogRecord {
  return {
    insertId: `${spec.id.toString(36)}-${serial}`,
    timestampNs: BASE_NS + BigInt(spec.offsetNs),
    logName: 'projects/p/logs/workerpool0',
    resource: {
      type: 'ml_job',
      labels: {job_id: String(spec.job), task_name: `workerpool0-${spec.replica}`},
    },
    labels: {},
    severity: 'INFO',
    textPayload: `line ${serial}`,
  };
}

const ids = (records: readonly LogRecord[]) => records.map((record) => record.insertId);

describe('JobLogIndex', () => {
  it('keeps each job in (timestamp, insertId) order whatever order records arrive in', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(recordSpec, fc.boolean()), {maxLength: 300}), (specs) => {
        const index = new JobLogIndex();
        const held: LogRecord[] = [];
        specs.forEach(([spec, removeOldest], serial) => {
          const record = toRecord(spec, serial);
          index.add(record);
          held.push(record);
          if (removeOldest && held.length > 5) index.remove(held.shift()!);
        });
        for (const job of ['1', '2', '3']) {
          const naive = held
            .filter((record) => record.resource.labels.job_id === job)
            .sort(compareRecords);
          expect(ids(index.forJob(job))).toEqual(ids(naive));
        }
      }),
      {numRuns: 200},
    );
  });

  it('inserts far from the tail correctly (past the short walk back)', () => {
    const index = new JobLogIndex();
    const records = Array.from({length: 500}, (_, i) =>
      toRecord({job: 1, replica: 0, offsetNs: 0, id: 0}, i),
    ).map((record, i) => ({...record, timestampNs: BASE_NS + BigInt(i * 10)}));
    for (const record of records.slice(100)) index.add(record);
    for (const record of records.slice(0, 100).reverse()) index.add(record);
    expect(ids(index.forJob('1'))).toEqual(ids(records));
  });

  it('rebuilds from a store after pruning', () => {
    const index = new JobLogIndex();
    const records = [3, 1, 2].map((offset, i) =>
      toRecord({job: 1, replica: 0, offsetNs: offset, id: i}, i),
    );
    index.rebuild(records);
    expect(index.forJob('1').map((record) => record.timestampNs - BASE_NS)).toEqual([1n, 2n, 3n]);
    index.rebuild([]);
    expect(index.forJob('1')).toEqual([]);
  });
});

/** A store given as a list: `all()` in arrival order, `forJob` through a JobLogIndex. */
function sourceOf(records: LogRecord[]): LogSource & {push(record: LogRecord): void} {
  const index = new JobLogIndex();
  for (const record of records) index.add(record);
  return {
    all: () => records,
    forJob: (jobId) => index.forJob(jobId),
    push(record) {
      records.push(record);
      index.add(record);
    },
  };
}

function queryOf(filter: string, descending: boolean): LogQuery {
  return {
    resourceNames: ['projects/p'],
    filterText: filter,
    expr: compileLogFilter(filter),
    descending,
  };
}

function readAll(
  runner: LogQueryRunner,
  source: LogSource,
  query: LogQuery,
  pageSize: number,
  between?: () => void,
): LogRecord[] {
  const out: LogRecord[] = [];
  let token: string | undefined;
  for (let pages = 0; pages < 10_000; pages++) {
    const page = runner.page(source, query, pageSize, token);
    expect(page.entries.length).toBeLessThanOrEqual(pageSize);
    out.push(...page.entries);
    if (!page.nextPageToken) return out;
    token = page.nextPageToken;
    between?.();
  }
  throw new Error('paging never ended');
}

const filterSpec = fc.record({
  job: fc.integer({min: 1, max: 4}),
  replica: fc.option(fc.integer({min: 0, max: 3}), {nil: undefined}),
  lower: fc.option(fc.tuple(fc.constantFrom('>', '>='), fc.integer({min: -1, max: 41})), {
    nil: undefined,
  }),
  upper: fc.option(fc.tuple(fc.constantFrom('<', '<='), fc.integer({min: -1, max: 41})), {
    nil: undefined,
  }),
  descending: fc.boolean(),
  pageSize: fc.integer({min: 1, max: 7}),
});

type FilterSpec = typeof filterSpec extends fc.Arbitrary<infer T> ? T : never;

function filterText(spec: FilterSpec): string {
  const clauses = ['resource.type="ml_job"', `resource.labels.job_id="${spec.job}"`];
  if (spec.replica !== undefined)
    clauses.push(`resource.labels.task_name="workerpool0-${spec.replica}"`);
  if (spec.lower)
    clauses.push(`timestamp${spec.lower[0]}"${nsToIso(BASE_NS + BigInt(spec.lower[1]))}"`);
  if (spec.upper)
    clauses.push(`timestamp${spec.upper[0]}"${nsToIso(BASE_NS + BigInt(spec.upper[1]))}"`);
  return clauses.join(' AND ');
}

describe('ListLogEntries pages from the job index', () => {
  it('plans job queries and leaves the rest to the full scan', () => {
    const plan = planJobQuery(
      compileLogFilter(
        'resource.type="ml_job" AND resource.labels.job_id="7" AND timestamp>="2026-01-01T00:00:00Z"',
      ),
    );
    expect(plan?.jobId).toBe('7');
    expect(plan?.bounds).toHaveLength(1);
    expect(plan?.residual).toHaveLength(1);
    expect(planJobQuery(compileLogFilter('resource.labels.job_id="7" OR severity>=ERROR'))).toBe(
      undefined,
    );
    expect(planJobQuery(compileLogFilter('NOT resource.labels.job_id="7"'))).toBe(undefined);
  });

  it('returns exactly the naive filter-and-sort answer, page by page', () => {
    fc.assert(
      fc.property(fc.array(recordSpec, {maxLength: 200}), filterSpec, (specs, spec) => {
        const records = specs.map(toRecord);
        const query = queryOf(filterText(spec), spec.descending);
        const naive = records.filter((record) => matchesQuery(record, query)).sort(compareRecords);
        if (spec.descending) naive.reverse();
        const got = readAll(new LogQueryRunner(), sourceOf([...records]), query, spec.pageSize);
        expect(ids(got)).toEqual(ids(naive));
      }),
      {numRuns: 300},
    );
  });

  it('never repeats or skips a stored entry while new ones arrive between pages', () => {
    fc.assert(
      fc.property(
        fc.array(recordSpec, {maxLength: 120}),
        fc.array(recordSpec, {maxLength: 60}),
        fc.integer({min: 1, max: 9}),
        (before, during, pageSize) => {
          const source = sourceOf(before.map(toRecord));
          const query = queryOf('resource.labels.job_id="1"', false);
          const stored = ids(source.all().filter((record) => matchesQuery(record, query)));
          const arriving = during.map((spec, i) =>
            // New entries come later in time, as a live job's do.
            toRecord({...spec, job: 1, offsetNs: 100 + spec.offsetNs}, 10_000 + i),
          );
          const got = readAll(new LogQueryRunner(), source, query, pageSize, () => {
            const next = arriving.shift();
            if (next) source.push(next);
          });
          expect(new Set(ids(got)).size).toBe(got.length);
          expect(ids(got)).toEqual(ids([...got].sort(compareRecords)));
          for (const id of stored) expect(ids(got)).toContain(id);
        },
      ),
      {numRuns: 200},
    );
  });

  it('serves a LogStore: its index follows appends and in-memory trimming', () => {
    const store = new LogStore(50);
    for (let i = 0; i < 120; i++) {
      store.append(
        {
          logName: 'projects/p/logs/workerpool0',
          resource: {type: 'ml_job', labels: {job_id: String(1 + (i % 2)), task_name: 'w-0'}},
          labels: {},
          severity: 'INFO',
          textPayload: `line ${i}`,
        },
        `source-${i % 3}`,
      );
    }
    for (const job of ['1', '2']) {
      const naive = store
        .all()
        .filter((record) => record.resource.labels.job_id === job)
        .sort(compareRecords);
      expect(ids(store.forJob(job))).toEqual(ids(naive));
    }
    const query = queryOf('resource.labels.job_id="1"', false);
    expect(readAll(new LogQueryRunner(), store, query, 7)).toHaveLength(25);
  });
});
