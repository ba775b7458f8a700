// ListLogEntries paging. Page tokens are cursors (the timestamp and insertId of the last entry
// returned), so pages stay correct while new entries arrive. A query for one job (a top-level
// `resource.labels.job_id="…"` clause, as every Vertex log query has) reads that job's
// time-ordered index: its timestamp clauses and the cursor become a binary search, and a page
// costs the entries it scans, however fast the job is writing. Other queries filter and sort the
// store, cached while the store is unchanged, so a large read back sorts once, not per page.
import {createHash} from 'node:crypto';
import {evaluateFilter, type FilterExpr} from '../rpc/filter.js';
import {invalidArgument} from '../rpc/grpc-errors.js';
import {compareRecords, lowerBound, upperBound} from './log-index.js';
import {logRecordResolver, type LogRecord} from './log-store.js';
import {isoToNs} from '../rpc/clock.js';
import {isLogOf} from '../rpc/resource-names.js';

export {compareRecords} from './log-index.js';

/** What a query reads: the whole store, and one job's records in order. */
export interface LogSource {
  all(): readonly LogRecord[];
  forJob(jobId: string): readonly LogRecord[];
}

export interface LogQuery {
  resourceNames: string[];
  filterText: string;
  expr: FilterExpr;
  descending: boolean;
}

function inProjects(record: LogRecord, resourceNames: string[]): boolean {
  return resourceNames.some((name) => isLogOf(record.logName, name));
}

export function matchesQuery(record: LogRecord, query: Pick<LogQuery, 'resourceNames' | 'expr'>) {
  return (
    inProjects(record, query.resourceNames) && evaluateFilter(query.expr, logRecordResolver(record))
  );
}

const queryKey = (query: LogQuery) =>
  createHash('sha256')
    .update(JSON.stringify([query.resourceNames, query.filterText, query.descending]))
    .digest('base64url')
    .slice(0, 16);

interface Cursor {
  key: string;
  timestampNs: bigint;
  insertId: string;
}

function encodeCursor(key: string, record: LogRecord): string {
  return Buffer.from(
    JSON.stringify({k: key, t: record.timestampNs.toString(), i: record.insertId}),
  ).toString('base64url');
}

function decodeCursor(token: string, key: string): Cursor {
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64url').toString()) as {
      k: string;
      t: string;
      i: string;
    };
    if (parsed.k === key && /^\d+$/.test(parsed.t) && typeof parsed.i === 'string') {
      return {key, timestampNs: BigInt(parsed.t), insertId: parsed.i};
    }
  } catch {
    // fall through
  }
  throw invalidArgument(
    'page_token is invalid or was issued for a different filter, order_by or resource_names.',
  );
}

interface CachedResult {
  /** The store's size and last insertId when computed: any append or trim changes one of them. */
  stamp: string;
  sorted: LogRecord[];
}

const CACHE_SIZE = 8;

export interface LogPage {
  entries: LogRecord[];
  nextPageToken: string;
}

export class LogQueryRunner {
  private readonly cache = new Map<string, CachedResult>();

  page(
    source: LogSource,
    query: LogQuery,
    pageSize: number,
    pageToken: string | undefined,
  ): LogPage {
    const key = queryKey(query);
    const cursor = pageToken ? decodeCursor(pageToken, key) : undefined;
    const plan = planJobQuery(query.expr);
    if (plan) return indexedPage(source.forJob(plan.jobId), plan, query, key, pageSize, cursor);
    const sorted = this.sorted(source.all(), query, key);
    const start = cursor ? firstAfter(sorted, cursor, query.descending) : 0;
    const entries = sorted.slice(start, start + pageSize);
    const last = entries.at(-1);
    const more = start + pageSize < sorted.length;
    return {entries, nextPageToken: more && last ? encodeCursor(key, last) : ''};
  }

  private sorted(records: readonly LogRecord[], query: LogQuery, key: string): LogRecord[] {
    const stamp = `${records.length}:${records.at(-1)?.insertId ?? ''}`;
    const cached = this.cache.get(key);
    if (cached?.stamp === stamp) return cached.sorted;
    const sorted = records.filter((record) => matchesQuery(record, query)).sort(compareRecords);
    if (query.descending) sorted.reverse();
    this.cache.delete(key);
    this.cache.set(key, {stamp, sorted});
    if (this.cache.size > CACHE_SIZE) this.cache.delete(this.cache.keys().next().value as string);
    return sorted;
  }
}

/** Index of the first record strictly after the cursor in the list's order (binary search). */
function firstAfter(sorted: LogRecord[], cursor: Cursor, descending: boolean): number {
  const probe = {timestampNs: cursor.timestampNs, insertId: cursor.insertId} as LogRecord;
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    const order = compareRecords(sorted[middle] as LogRecord, probe);
    const afterCursor = descending ? order < 0 : order > 0;
    if (afterCursor) high = middle;
    else low = middle + 1;
  }
  return low;
}

// ---- one job's index ----

interface JobQueryPlan {
  jobId: string;
  /** Timestamp clauses the index range applies exactly (op and nanoseconds). */
  bounds: {op: '<' | '<=' | '>' | '>='; ns: bigint}[];
  /** The other top-level clauses, checked on every record scanned. */
  residual: FilterExpr[];
}

function conjuncts(expr: FilterExpr, out: FilterExpr[] = []): FilterExpr[] {
  if (expr.kind === 'and') {
    conjuncts(expr.left, out);
    conjuncts(expr.right, out);
  } else if (expr.kind !== 'true') out.push(expr);
  return out;
}

/** A plan when the filter is ANDed with `resource.labels.job_id = "…"`, otherwise undefined. */
export function planJobQuery(expr: FilterExpr): JobQueryPlan | undefined {
  let jobId: string | undefined;
  const bounds: JobQueryPlan['bounds'] = [];
  const residual: FilterExpr[] = [];
  for (const clause of conjuncts(expr)) {
    if (
      clause.kind === 'compare' &&
      clause.field === 'resource.labels.job_id' &&
      clause.op === '='
    ) {
      if (jobId === undefined) {
        jobId = clause.value;
        continue;
      }
    }
    if (clause.kind === 'compare' && clause.field === 'timestamp') {
      const ns = isoToNs(clause.value);
      const op = clause.op;
      if (ns !== undefined && (op === '<' || op === '<=' || op === '>' || op === '>=')) {
        bounds.push({op, ns});
        continue;
      }
    }
    residual.push(clause);
  }
  return jobId === undefined ? undefined : {jobId, bounds, residual};
}

/** The first index whose timestamp is above `ns` (or at/above it when `inclusive`). */
function firstByTime(list: readonly LogRecord[], ns: bigint, inclusive: boolean): number {
  let low = 0;
  let high = list.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    const t = list[middle]!.timestampNs;
    if (inclusive ? t < ns : t <= ns) low = middle + 1;
    else high = middle;
  }
  return low;
}

function indexedPage(
  list: readonly LogRecord[],
  plan: JobQueryPlan,
  query: LogQuery,
  key: string,
  pageSize: number,
  cursor: Cursor | undefined,
): LogPage {
  // The records the timestamp clauses allow are list[low, high).
  let low = 0;
  let high = list.length;
  for (const {op, ns} of plan.bounds) {
    if (op === '>') low = Math.max(low, firstByTime(list, ns, false));
    else if (op === '>=') low = Math.max(low, firstByTime(list, ns, true));
    else if (op === '<') high = Math.min(high, firstByTime(list, ns, true));
    else high = Math.min(high, firstByTime(list, ns, false));
  }
  if (cursor) {
    if (query.descending) high = Math.min(high, lowerBound(list, cursor));
    else low = Math.max(low, upperBound(list, cursor));
  }
  const matches = (record: LogRecord) =>
    inProjects(record, query.resourceNames) &&
    plan.residual.every((clause) => evaluateFilter(clause, logRecordResolver(record)));
  const entries: LogRecord[] = [];
  let more = false;
  const step = query.descending ? -1 : 1;
  for (let i = query.descending ? high - 1 : low; i >= low && i < high; i += step) {
    const record = list[i]!;
    if (!matches(record)) continue;
    if (entries.length === pageSize) {
      more = true;
      break;
    }
    entries.push(record);
  }
  const last = entries.at(-1);
  return {entries, nextPageToken: more && last ? encodeCursor(key, last) : ''};
}
