// Log entries with live subscribers (for TailLogEntries). Entries get a unique insertId and a
// nanosecond timestamp that never goes backwards within a source (replica). Opened on a folder,
// entries persist per job (logging/log-files.ts) and old ones are pruned by the retention limits.
import {randomBytes} from 'node:crypto';
import {compareSeverity} from './severity.js';
import type {FieldResolver} from '../rpc/filter.js';
import {JobLogIndex} from './log-index.js';
import {DEFAULT_LOG_RETENTION, type LogRetention} from '../contract/log-retention.js';
import {LogFiles} from './log-files.js';
import {isoToNs, nowNs, nsToIso} from '../rpc/clock.js';
import {logName} from '../rpc/resource-names.js';

export interface LogRecord {
  insertId: string;
  timestampNs: bigint;
  logName: string;
  resource: {type: string; labels: Record<string, string>};
  labels: Record<string, string>;
  severity: string;
  textPayload?: string;
  jsonPayload?: Record<string, unknown>;
}

export type NewLogRecord = Omit<LogRecord, 'insertId' | 'timestampNs'>;

type Listener = (record: LogRecord) => void;

export {DEFAULT_LOG_RETENTION, type LogRetention} from '../contract/log-retention.js';

/** The entry a job's log gets when retention removed some of it, so clients can say so. */
export const PRUNED_NOTICE = 'older log entries of this job were removed by the emulator';

const OTHER_KEY = '_other';
const AGE_CHECK_MS = 60 * 60 * 1000;
const SECOND_NS = 1_000_000_000n;

/** The file a record belongs to: its job, or a shared file for entries of no job. */
function keyOf(record: LogRecord): string {
  const jobId = record.resource.labels.job_id;
  return jobId && /^\d+$/.test(jobId) ? jobId : OTHER_KEY;
}

export class LogStore {
  private records: LogRecord[] = [];
  /** Each job's records in (timestamp, insertId) order, for ListLogEntries. */
  private readonly index = new JobLogIndex();
  private readonly listeners = new Set<Listener>();
  private readonly lastNsBySource = new Map<string, bigint>();
  private readonly countByKey = new Map<string, number>();
  private readonly lastNsByKey = new Map<string, bigint>();
  private sequence = 0;
  private readonly idPrefix = randomBytes(4).toString('hex');
  private files: LogFiles | undefined;
  private retention: LogRetention | undefined;
  private ageTimer: NodeJS.Timeout | undefined;
  /** Test fault (faults.lateLogEntries): how long after its timestamp a record is ingested. */
  private ingestDelay: ((record: LogRecord) => number) | undefined;
  private readonly late = new Map<NodeJS.Timeout, LogRecord>();

  /** In memory only, keeping at most `maxRecords` entries overall. */
  constructor(private readonly maxRecords = 200_000) {}

  /** A store persisted under `folder` (one NDJSON file per job), loaded and pruned. */
  static open(folder: string, retention: LogRetention = DEFAULT_LOG_RETENTION): LogStore {
    const store = new LogStore(Number.POSITIVE_INFINITY);
    store.files = new LogFiles(folder);
    store.retention = retention;
    for (const [key, records] of store.files.load()) {
      store.records.push(...records);
      store.countByKey.set(key, records.length);
      const last = records.at(-1);
      if (last) store.lastNsByKey.set(key, last.timestampNs);
    }
    store.records.sort((a, b) => (a.timestampNs < b.timestampNs ? -1 : 1));
    store.pruneByAge();
    for (const [key, count] of store.countByKey)
      if (retention.maxEntriesPerJob > 0 && count > retention.maxEntriesPerJob)
        store.pruneJob(key, retention.maxEntriesPerJob);
    store.pruneBytes(undefined);
    store.index.rebuild(store.records);
    store.ageTimer = setInterval(() => store.pruneByAge(), AGE_CHECK_MS);
    store.ageTimer.unref();
    return store;
  }

  append(entry: NewLogRecord, source: string): LogRecord {
    let ns = nowNs();
    const last = this.lastNsBySource.get(source);
    if (last !== undefined && ns <= last) ns = last + 1n;
    this.lastNsBySource.set(source, ns);
    const record: LogRecord = {
      ...entry,
      insertId: `${this.idPrefix}${(++this.sequence).toString(36).padStart(8, '0')}`,
      timestampNs: ns,
    };
    const delay = this.ingestDelay?.(record) ?? 0;
    if (delay > 0) {
      const timer = setTimeout(() => {
        this.late.delete(timer);
        this.ingest(record);
      }, delay);
      this.late.set(timer, record);
    } else this.ingest(record);
    return record;
  }

  /**
   * Ingests records `delayOf(record)` ms after they were stamped, so they reach readers and tails
   * late with their original timestamp (faults.lateLogEntries, rpc/faults.ts).
   */
  delayIngestion(delayOf: (record: LogRecord) => number): void {
    this.ingestDelay = delayOf;
  }

  private ingest(record: LogRecord): void {
    const ns = record.timestampNs;
    this.records.push(record);
    this.index.add(record);
    const key = keyOf(record);
    this.countByKey.set(key, (this.countByKey.get(key) ?? 0) + 1);
    if (!((this.lastNsByKey.get(key) ?? -1n) > ns)) this.lastNsByKey.set(key, ns);
    if (this.files && this.retention) {
      this.files.append(key, record);
      this.enforceLimits(key, this.retention);
    } else if (this.records.length > this.maxRecords) {
      for (const old of this.records.splice(0, this.records.length - this.maxRecords))
        this.index.remove(old);
    }
    for (const listener of this.listeners) listener(record);
  }

  /** Every record, in arrival order. */
  all(): readonly LogRecord[] {
    return this.records;
  }

  /** One job's records (by its job_id label) in (timestamp, insertId) order. */
  forJob(jobId: string): readonly LogRecord[] {
    return this.index.forJob(jobId);
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Called when entries could not be written (a full disk), with the jobs that lost some, so the
   * service can fail them (a job whose logs cannot be kept). Entries of no job count as none.
   */
  onWriteFailed(handler: (jobIds: string[], error: unknown) => void): void {
    if (!this.files) return;
    this.files.onWriteFailed = (keys, error) =>
      handler(
        keys.filter((key) => key !== OTHER_KEY),
        error,
      );
  }

  /** Writes everything to disk (fsync) and stops the timers. */
  close(): void {
    if (this.ageTimer) clearInterval(this.ageTimer);
    // Records still on their way are kept, not lost, when the emulator stops.
    for (const [timer, record] of this.late) {
      clearTimeout(timer);
      this.ingest(record);
    }
    this.late.clear();
    this.files?.close();
  }

  /** Drops entries older than the retention age, rewriting the files they were in. */
  pruneByAge(nowNsValue = nowNs()): void {
    if (!this.retention || this.retention.maxAgeDays <= 0) return;
    const cutoff = nowNsValue - BigInt(Math.round(this.retention.maxAgeDays * 86_400)) * SECOND_NS;
    const affected = new Set<string>();
    for (const record of this.records) {
      if (record.timestampNs >= cutoff) break; // sorted by time
      affected.add(keyOf(record));
    }
    if (affected.size === 0) return;
    this.records = this.records.filter((record) => record.timestampNs >= cutoff);
    this.index.rebuild(this.records);
    for (const key of affected) this.rewriteKey(key);
  }

  // Hysteresis (prune a little below the limit) so a chatty job does not rewrite its file on
  // every new line once it reaches the limit.
  private enforceLimits(key: string, retention: LogRetention): void {
    const count = this.countByKey.get(key) ?? 0;
    const slack = Math.max(10, Math.floor(retention.maxEntriesPerJob / 10));
    if (retention.maxEntriesPerJob > 0 && count > retention.maxEntriesPerJob + slack)
      this.pruneJob(key, retention.maxEntriesPerJob);
    const files = this.files as LogFiles;
    if (files.totalBytes() > retention.maxTotalBytes * 1.1) this.pruneBytes(key);
  }

  /** Keeps the newest `keep` entries of one job, and says in the job's log that it did. */
  private pruneJob(key: string, keep: number): void {
    let excess = (this.countByKey.get(key) ?? 0) - keep;
    if (excess <= 0) return;
    // One more goes, to make room for the notice, so a reopened store is within the limit.
    if (key !== OTHER_KEY) excess++;
    const removed = excess;
    let sample: LogRecord | undefined;
    this.records = this.records.filter((record) => {
      if (excess > 0 && keyOf(record) === key) {
        excess--;
        sample ??= record;
        return false;
      }
      return true;
    });
    this.index.rebuild(this.records);
    this.rewriteKey(key);
    if (sample && key !== OTHER_KEY) this.noticePruned(sample, removed);
  }

  /** A WARNING `service` entry: retention is visible to every client listing or tailing the job. */
  private noticePruned(sample: LogRecord, removed: number): void {
    const project = sample.resource.labels.project_id ?? '';
    this.append(
      {
        logName: logName(project, 'service'),
        resource: {type: 'ml_job', labels: {...sample.resource.labels, task_name: 'service'}},
        labels: {},
        severity: 'WARNING',
        textPayload: `${removed} ${PRUNED_NOTICE} (retention: --log-max-mb, --log-max-entries, --log-max-age-days).`,
      },
      `pruned${keyOf(sample)}`,
    );
  }

  /** Removes whole jobs' logs, least recently written first, until under the byte limit. */
  private pruneBytes(protectedKey: string | undefined): void {
    const files = this.files;
    const limit = this.retention?.maxTotalBytes;
    if (!files || limit === undefined) return;
    while (files.totalBytes() > limit) {
      const victims = [...this.lastNsByKey.entries()]
        .filter(([key]) => key !== protectedKey)
        .sort((a, b) => (a[1] < b[1] ? -1 : 1));
      const victim = victims[0]?.[0];
      if (victim === undefined) {
        // Only the job being written is left: drop its oldest quarter.
        const count = this.countByKey.get(protectedKey ?? '') ?? 0;
        if (protectedKey === undefined || count < 2) return;
        this.pruneJob(protectedKey, Math.floor((count * 3) / 4));
        continue;
      }
      this.records = this.records.filter((record) => keyOf(record) !== victim);
      this.index.rebuild(this.records);
      this.countByKey.delete(victim);
      this.lastNsByKey.delete(victim);
      files.remove(victim);
    }
  }

  private rewriteKey(key: string): void {
    const kept = this.records.filter((record) => keyOf(record) === key);
    this.countByKey.set(key, kept.length);
    if (kept.length === 0) {
      this.countByKey.delete(key);
      this.lastNsByKey.delete(key);
    }
    this.files?.rewrite(key, kept);
  }
}

const byTimestamp = (a: string, b: string): number => {
  const left = isoToNs(a);
  const right = isoToNs(b);
  if (left === undefined || right === undefined) return a < b ? -1 : a > b ? 1 : 0;
  return left < right ? -1 : left > right ? 1 : 0;
};

/** Field lookup for filters over log entries. */
export function logRecordResolver(record: LogRecord): FieldResolver {
  return (field) => {
    if (field === 'resource.type') return {value: record.resource.type};
    if (field.startsWith('resource.labels.')) {
      return {value: record.resource.labels[field.slice('resource.labels.'.length)]};
    }
    if (field.startsWith('labels.')) return {value: record.labels[field.slice('labels.'.length)]};
    if (field === 'severity') return {value: record.severity, order: compareSeverity};
    if (field === 'timestamp') return {value: nsToIso(record.timestampNs), order: byTimestamp};
    if (field === 'insertId') return {value: record.insertId};
    if (field === 'logName') return {value: record.logName};
    if (field === 'textPayload') return {value: record.textPayload};
    if (field.startsWith('jsonPayload.')) {
      const value = record.jsonPayload?.[field.slice('jsonPayload.'.length)];
      return {value: value === undefined ? undefined : String(value)};
    }
    return undefined;
  };
}
