// ListLogEntries paging. Page tokens are cursors (the timestamp and insertId of the last entry
// returned), so pages stay correct while new entries arrive. The sorted match list of a query is
// cached while the store is unchanged, so reading a large job back page by page (the app's
// backfill) sorts once instead of once per page.
import {createHash} from 'node:crypto';
import {evaluateFilter, type FilterExpr} from './filter.js';
import {invalidArgument} from './grpc-errors.js';
import {logRecordResolver, type LogRecord} from './log-store.js';

export interface LogQuery {
  resourceNames: string[];
  filterText: string;
  expr: FilterExpr;
  descending: boolean;
}

/** Timestamp order, insertId breaking ties: the order Cloud Logging documents for order_by. */
export function compareRecords(a: LogRecord, b: LogRecord): number {
  if (a.timestampNs !== b.timestampNs) return a.timestampNs < b.timestampNs ? -1 : 1;
  return a.insertId < b.insertId ? -1 : a.insertId > b.insertId ? 1 : 0;
}

function inProjects(record: LogRecord, resourceNames: string[]): boolean {
  return resourceNames.some((name) => record.logName.startsWith(`${name}/logs/`));
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

export class LogQueryRunner {
  private readonly cache = new Map<string, CachedResult>();

  page(
    records: readonly LogRecord[],
    query: LogQuery,
    pageSize: number,
    pageToken: string | undefined,
  ): {entries: LogRecord[]; nextPageToken: string} {
    const key = queryKey(query);
    const cursor = pageToken ? decodeCursor(pageToken, key) : undefined;
    const sorted = this.sorted(records, query, key);
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
