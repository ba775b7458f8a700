// In-memory store of log entries with live subscribers (for TailLogEntries). Entries get a unique
// insertId and a nanosecond timestamp that never goes backwards within a source (replica).
import {randomBytes} from 'node:crypto';
import {compareSeverity} from './severity.js';
import type {FieldResolver} from './filter.js';

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

export function nowNs(): bigint {
  return BigInt(Date.now()) * 1_000_000n + (process.hrtime.bigint() % 1_000_000n);
}

export function nsToIso(ns: bigint): string {
  const ms = Number(ns / 1_000_000n);
  const nanos = (ns % 1_000_000_000n).toString().padStart(9, '0');
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, `.${nanos}Z`);
}

export function isoToNs(iso: string): bigint | undefined {
  const match = /^(.*?)(?:\.(\d{1,9}))?(Z|[+-]\d\d:\d\d)$/.exec(iso.trim());
  if (!match) return undefined;
  const seconds = Date.parse(`${match[1]}${match[3]}`);
  if (Number.isNaN(seconds)) return undefined;
  const fraction = (match[2] ?? '').padEnd(9, '0');
  return BigInt(seconds) * 1_000_000n + BigInt(fraction);
}

export class LogStore {
  private readonly records: LogRecord[] = [];
  private readonly listeners = new Set<Listener>();
  private readonly lastNsBySource = new Map<string, bigint>();
  private sequence = 0;
  private readonly idPrefix = randomBytes(4).toString('hex');

  constructor(private readonly maxRecords = 200_000) {}

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
    this.records.push(record);
    if (this.records.length > this.maxRecords)
      this.records.splice(0, this.records.length - this.maxRecords);
    for (const listener of this.listeners) listener(record);
    return record;
  }

  all(): readonly LogRecord[] {
    return this.records;
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
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
