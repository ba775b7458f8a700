// A log entry reduced to what the views show, from either the Logging API or the emulator, plus
// its position in Cloud Logging's documented order: timestamp (to the nanosecond), then insertId.
import type {LogEntryMessage} from './api.js';

export interface LogLine {
  insertId: string;
  /** Whole seconds since the epoch and the nanoseconds within that second (exact, for order). */
  seconds: number;
  nanos: number;
  /** Milliseconds since the epoch, for display and ages. */
  timestampMs: number;
  replica: string;
  severity: string;
  /** 0 (DEFAULT) … 800 (EMERGENCY), as LogSeverity numbers them. */
  level: number;
  message: string;
  /**
   * A jsonPayload with more in it than its message, as JSON text (the Struct decoded): the
   * dashboard shows its other fields and pretty-prints it on demand. Text, not an object graph,
   * so the store can count its size.
   */
  payloadJson?: string;
  /** The decoded entry, kept only when a consumer asked for it (`logs --json`). */
  raw?: LogEntryMessage;
}

/** A position in (timestamp, insertId) order. */
export interface LogCursor {
  seconds: number;
  nanos: number;
  insertId: string;
}

export const SEVERITY_NAMES = [
  'DEFAULT',
  'DEBUG',
  'INFO',
  'NOTICE',
  'WARNING',
  'ERROR',
  'CRITICAL',
  'ALERT',
  'EMERGENCY',
] as const;

export function severityLevel(name: string): number {
  const index = (SEVERITY_NAMES as readonly string[]).indexOf(name.toUpperCase());
  return index < 0 ? -1 : index * 100;
}

interface EntryMessage {
  insertId?: string | null;
  timestamp?:
    | {seconds?: number | string | {toString(): string} | null; nanos?: number | null}
    | string
    | null;
  severity?: unknown;
  resource?: {labels?: Record<string, string> | null} | null;
  labels?: Record<string, string> | null;
  textPayload?: string | null;
  jsonPayload?: {fields?: Record<string, StructValue> | null} | null;
}

/** A google.protobuf.Value as the clients decode it (`kind` names the field that is set). */
interface StructValue {
  kind?: string | null;
  nullValue?: unknown;
  numberValue?: number | null;
  stringValue?: string | null;
  boolValue?: boolean | null;
  structValue?: {fields?: Record<string, StructValue> | null} | null;
  listValue?: {values?: StructValue[] | null} | null;
}

function plainValue(value: StructValue): unknown {
  const kind = value.kind ?? Object.keys(value).find((key) => key.endsWith('Value'));
  if (kind === 'numberValue') return value.numberValue;
  if (kind === 'stringValue') return value.stringValue;
  if (kind === 'boolValue') return value.boolValue;
  if (kind === 'structValue') return plainStruct(value.structValue?.fields);
  if (kind === 'listValue') return (value.listValue?.values ?? []).map(plainValue);
  return null;
}

function plainStruct(fields: Record<string, StructValue> | null | undefined) {
  return Object.fromEntries(
    Object.entries(fields ?? {}).map(([key, value]) => [key, plainValue(value)]),
  );
}

// Every line of a replica names the same replica and one of nine severities: one string each,
// not one per line (a store of 100,000 lines from a structured clone would hold 200,000 copies).
const interned = new Map<string, string>();
const MAX_INTERNED = 10_000;

function intern(value: string): string {
  const known = interned.get(value);
  if (known !== undefined) return known;
  if (interned.size >= MAX_INTERNED) interned.clear();
  interned.set(value, value);
  return value;
}

function severityName(value: unknown): string {
  if (typeof value === 'string') return intern(value);
  if (typeof value === 'number') return SEVERITY_NAMES[Math.floor(value / 100)] ?? 'DEFAULT';
  return 'DEFAULT';
}

/** Seconds and nanos of a protobuf Timestamp or an RFC 3339 string. */
function timestampOf(value: EntryMessage['timestamp']): {seconds: number; nanos: number} {
  if (typeof value === 'string') {
    const match = /^(.*?)(?:\.(\d{1,9}))?(Z|[+-]\d\d:\d\d)$/.exec(value);
    const ms = match ? Date.parse(`${match[1]}${match[3]}`) : NaN;
    if (!match || Number.isNaN(ms)) return {seconds: 0, nanos: 0};
    return {seconds: Math.floor(ms / 1000), nanos: Number((match[2] ?? '').padEnd(9, '0'))};
  }
  return {seconds: Number(value?.seconds?.toString() ?? 0), nanos: value?.nanos ?? 0};
}

export function toLogLine(entry: EntryMessage, keepRaw = false): LogLine {
  const {seconds, nanos} = timestampOf(entry.timestamp);
  const jsonMessage = entry.jsonPayload?.fields?.message?.stringValue;
  const payload = entry.jsonPayload ? plainStruct(entry.jsonPayload.fields) : undefined;
  const payloadJson =
    payload && !(typeof jsonMessage === 'string' && Object.keys(payload).length === 1)
      ? JSON.stringify(payload)
      : undefined;
  const severity = severityName(entry.severity);
  return {
    insertId: entry.insertId ?? '',
    seconds,
    nanos,
    timestampMs: seconds * 1000 + Math.floor(nanos / 1e6),
    replica: intern(entry.resource?.labels?.task_name ?? entry.labels?.task_name ?? 'unknown_task'),
    severity,
    level: Math.max(0, severityLevel(severity)),
    message: jsonMessage ?? entry.textPayload ?? payloadJson ?? '',
    ...(payloadJson !== undefined && {payloadJson}),
    ...(keepRaw && {raw: entry as LogEntryMessage}),
  };
}

/**
 * A line that crossed a thread boundary (structured clone copies every string): its replica and
 * severity shared again, so a store of 100,000 lines holds one copy of each name.
 */
export function sharedStrings(line: LogLine): LogLine {
  line.replica = intern(line.replica);
  line.severity = intern(line.severity);
  return line;
}

/** Cloud Logging's order: timestamp, then insertId (code-unit order, as the emulator sorts). */
export function compareCursors(a: LogCursor, b: LogCursor): number {
  if (a.seconds !== b.seconds) return a.seconds - b.seconds;
  if (a.nanos !== b.nanos) return a.nanos - b.nanos;
  return a.insertId < b.insertId ? -1 : a.insertId > b.insertId ? 1 : 0;
}

export function cursorOf(line: LogCursor): LogCursor {
  return {seconds: line.seconds, nanos: line.nanos, insertId: line.insertId};
}

/** The cursor `ms` milliseconds earlier (insertId cleared, so it sorts before every entry then). */
export function cursorMinus(cursor: LogCursor, ms: number): LogCursor {
  const totalNanos = cursor.nanos - Math.round(ms * 1e6);
  const borrow = Math.floor(totalNanos / 1e9);
  return {seconds: cursor.seconds + borrow, nanos: totalNanos - borrow * 1e9, insertId: ''};
}

export function cursorFromMs(ms: number): LogCursor {
  const seconds = Math.floor(ms / 1000);
  return {seconds, nanos: Math.round((ms - seconds * 1000) * 1e6), insertId: ''};
}

/** RFC 3339 with all nine fraction digits, as filters and the REST shape write timestamps. */
export function cursorIso(cursor: Pick<LogCursor, 'seconds' | 'nanos'>): string {
  const base = new Date(cursor.seconds * 1000).toISOString().replace(/\.\d{3}Z$/, '');
  return `${base}.${String(cursor.nanos).padStart(9, '0')}Z`;
}
