// Each job's log records kept in (timestamp, insertId) order as they arrive, so ListLogEntries
// for a job finds a cursor by binary search and reads one page, instead of filtering and sorting
// the whole store on every page while the job is still writing. Arrival order is almost time
// order (every source's timestamps only go up; sources differ by under a millisecond), so a new
// record lands at or a few places before the end: an insert costs a short walk back from the tail.
import type {LogRecord} from './log-store.js';

/** Timestamp order, insertId breaking ties: the order Cloud Logging documents for order_by. */
export function compareRecords(
  a: Pick<LogRecord, 'timestampNs' | 'insertId'>,
  b: Pick<LogRecord, 'timestampNs' | 'insertId'>,
): number {
  if (a.timestampNs !== b.timestampNs) return a.timestampNs < b.timestampNs ? -1 : 1;
  return a.insertId < b.insertId ? -1 : a.insertId > b.insertId ? 1 : 0;
}

/** The job a record is indexed under (its resource's job_id label), if any. */
export function jobIdOf(record: LogRecord): string | undefined {
  return record.resource.labels.job_id;
}

/** How far back from the tail an insert walks before it switches to a binary search. */
const TAIL_WALK = 64;

export class JobLogIndex {
  private readonly byJob = new Map<string, LogRecord[]>();

  /** The job's records in (timestamp, insertId) order; empty when it has none. */
  forJob(jobId: string): readonly LogRecord[] {
    return this.byJob.get(jobId) ?? [];
  }

  add(record: LogRecord): void {
    const jobId = jobIdOf(record);
    if (jobId === undefined) return;
    let list = this.byJob.get(jobId);
    if (!list) {
      list = [];
      this.byJob.set(jobId, list);
    }
    let index = list.length;
    const stop = Math.max(0, list.length - TAIL_WALK);
    while (index > stop && compareRecords(list[index - 1]!, record) > 0) index--;
    if (index === stop && stop > 0 && compareRecords(list[index - 1]!, record) > 0)
      index = upperBound(list, record, 0, stop);
    if (index === list.length) list.push(record);
    else list.splice(index, 0, record);
  }

  /** Takes one record out (the in-memory store trimming its oldest). */
  remove(record: LogRecord): void {
    const jobId = jobIdOf(record);
    const list = jobId === undefined ? undefined : this.byJob.get(jobId);
    if (!list) return;
    const index = lowerBound(list, record, 0, list.length);
    if (list[index] !== record) return;
    if (index === 0) list.shift();
    else list.splice(index, 1);
    if (list.length === 0) this.byJob.delete(jobId!);
  }

  /** Rebuilds everything from `records` (after retention pruned some; rare). */
  rebuild(records: readonly LogRecord[]): void {
    this.byJob.clear();
    for (const record of records) {
      const jobId = jobIdOf(record);
      if (jobId === undefined) continue;
      let list = this.byJob.get(jobId);
      if (!list) this.byJob.set(jobId, (list = []));
      list.push(record);
    }
    for (const list of this.byJob.values()) list.sort(compareRecords);
  }
}

type Position = Pick<LogRecord, 'timestampNs' | 'insertId'>;

/** The first index in [low, high) whose record sorts at or after `probe`. */
export function lowerBound(
  list: readonly Position[],
  probe: Position,
  low = 0,
  high = list.length,
): number {
  while (low < high) {
    const middle = (low + high) >> 1;
    if (compareRecords(list[middle]!, probe) < 0) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** The first index in [low, high) whose record sorts strictly after `probe`. */
export function upperBound(
  list: readonly Position[],
  probe: Position,
  low = 0,
  high = list.length,
): number {
  while (low < high) {
    const middle = (low + high) >> 1;
    if (compareRecords(list[middle]!, probe) <= 0) low = middle + 1;
    else high = middle;
  }
  return low;
}
