// Protobuf wire encoding of TailLogEntries and ListLogEntries responses, written straight into one
// buffer. The generic encoder (protobufjs through proto-loader) first copies every entry into
// message objects, then records each field as an operation node and joins them: for a chatty job
// that was the emulator's largest cost after the garbage collector, and most of its garbage.
// Like the generic encoder, every field present in the object is written, defaults included.
// Only what logRecordToProto produces for text entries is handled here (log name, resource,
// timestamps, severity, insert id, labels, text payload); a response with any other field (a
// jsonPayload Struct) returns undefined and goes through the generic encoder.
import {SEVERITY_LEVELS} from './severity.js';

interface ProtoTimestamp {
  seconds: number | string;
  nanos: number;
}

interface TextEntry {
  logName: string;
  resource: {type: string; labels: Record<string, string>};
  timestamp: ProtoTimestamp;
  receiveTimestamp: ProtoTimestamp;
  severity: string;
  insertId: string;
  labels: Record<string, string>;
  textPayload: string;
}

const ENTRY_KEYS = new Set([
  'logName',
  'resource',
  'timestamp',
  'receiveTimestamp',
  'severity',
  'insertId',
  'labels',
  'textPayload',
]);

const REASONS: Record<string, number> = {REASON_UNSPECIFIED: 0, RATE_LIMIT: 1, NOT_CONSUMED: 2};

function isTextEntry(entry: Record<string, unknown>): entry is Record<string, unknown> & TextEntry {
  for (const key in entry) if (!ENTRY_KEYS.has(key)) return false;
  const resource = entry.resource as TextEntry['resource'] | undefined;
  return (
    typeof entry.textPayload === 'string' &&
    typeof entry.logName === 'string' &&
    typeof entry.insertId === 'string' &&
    typeof entry.severity === 'string' &&
    entry.severity in SEVERITY_LEVELS &&
    typeof resource?.type === 'string' &&
    stringMap(resource.labels) &&
    stringMap(entry.labels) &&
    isTimestamp(entry.timestamp) &&
    isTimestamp(entry.receiveTimestamp)
  );
}

function stringMap(value: unknown): boolean {
  if (!value || typeof value !== 'object') return false;
  for (const key in value)
    if (typeof (value as Record<string, unknown>)[key] !== 'string') return false;
  return true;
}

function isTimestamp(value: unknown): value is ProtoTimestamp {
  const time = value as ProtoTimestamp | undefined;
  return typeof time?.nanos === 'number' && Number(time.seconds) >= 0;
}

const varintSize = (value: number): number => {
  let size = 1;
  while (value >= 128) {
    value = Math.floor(value / 128);
    size++;
  }
  return size;
};

/** Sizes first (strings measured once), then one pass of writes into an exact buffer. */
class SizedWriter {
  private buffer: Buffer = Buffer.alloc(0);
  private offset = 0;

  start(size: number): void {
    this.buffer = Buffer.allocUnsafe(size);
    this.offset = 0;
  }

  finish(): Buffer {
    if (this.offset !== this.buffer.length) throw new Error('log entry encoding size mismatch');
    return this.buffer;
  }

  varint(value: number): void {
    while (value >= 128) {
      this.buffer[this.offset++] = (value % 128) | 128;
      value = Math.floor(value / 128);
    }
    this.buffer[this.offset++] = value;
  }

  /** A length-delimited field's tag and length. */
  header(field: number, length: number): void {
    this.varint(field * 8 + 2);
    this.varint(length);
  }

  string(field: number, value: string, bytes: number): void {
    this.header(field, bytes);
    this.offset += this.buffer.write(value, this.offset, bytes, 'utf8');
  }

  number(field: number, value: number): void {
    this.varint(field * 8);
    this.varint(value);
  }
}

const stringField = (field: number, bytes: number) =>
  varintSize(field * 8 + 2) + varintSize(bytes) + bytes;
const messageField = (field: number, size: number) =>
  varintSize(field * 8 + 2) + varintSize(size) + size;
const numberField = (field: number, value: number) => varintSize(field * 8) + varintSize(value);

function timestampSize(time: ProtoTimestamp): number {
  return numberField(1, Number(time.seconds)) + numberField(2, time.nanos);
}

/** Map entries (key = 1, value = 2), each with its size, in iteration order. */
function mapSizes(map: Record<string, string>): [string, number, string, number, number][] {
  const out: [string, number, string, number, number][] = [];
  for (const key in map) {
    const value = map[key]!;
    const keyBytes = Buffer.byteLength(key);
    const valueBytes = Buffer.byteLength(value);
    out.push([
      key,
      keyBytes,
      value,
      valueBytes,
      stringField(1, keyBytes) + stringField(2, valueBytes),
    ]);
  }
  return out;
}

interface SizedEntry {
  entry: TextEntry;
  logName: number;
  insertId: number;
  text: number;
  type: number;
  resourceLabels: ReturnType<typeof mapSizes>;
  resource: number;
  labels: ReturnType<typeof mapSizes>;
  timestamp: number;
  receive: number;
  severity: number;
  size: number;
}

function sizeEntry(entry: TextEntry): SizedEntry {
  const logName = Buffer.byteLength(entry.logName);
  const insertId = Buffer.byteLength(entry.insertId);
  const text = Buffer.byteLength(entry.textPayload);
  const type = Buffer.byteLength(entry.resource.type);
  const resourceLabels = mapSizes(entry.resource.labels);
  const labels = mapSizes(entry.labels);
  let resource = stringField(1, type);
  for (const item of resourceLabels) resource += messageField(2, item[4]);
  const timestamp = timestampSize(entry.timestamp);
  const receive = timestampSize(entry.receiveTimestamp);
  const severity = SEVERITY_LEVELS[entry.severity]!;
  let size =
    stringField(12, logName) +
    messageField(8, resource) +
    messageField(9, timestamp) +
    messageField(24, receive) +
    numberField(10, severity) +
    stringField(4, insertId) +
    stringField(3, text);
  for (const item of labels) size += messageField(11, item[4]);
  return {
    entry,
    logName,
    insertId,
    text,
    type,
    resourceLabels,
    resource,
    labels,
    timestamp,
    receive,
    severity,
    size,
  };
}

function writeMap(writer: SizedWriter, field: number, map: ReturnType<typeof mapSizes>): void {
  for (const [key, keyBytes, value, valueBytes, size] of map) {
    writer.header(field, size);
    writer.string(1, key, keyBytes);
    writer.string(2, value, valueBytes);
  }
}

function writeTimestamp(writer: SizedWriter, field: number, time: ProtoTimestamp, size: number) {
  writer.header(field, size);
  writer.number(1, Number(time.seconds));
  writer.number(2, time.nanos);
}

function writeEntry(writer: SizedWriter, sized: SizedEntry): void {
  const {entry} = sized;
  writer.header(1, sized.size);
  writer.string(12, entry.logName, sized.logName);
  writer.header(8, sized.resource);
  writer.string(1, entry.resource.type, sized.type);
  writeMap(writer, 2, sized.resourceLabels);
  writeTimestamp(writer, 9, entry.timestamp, sized.timestamp);
  writeTimestamp(writer, 24, entry.receiveTimestamp, sized.receive);
  writer.number(10, sized.severity);
  writer.string(4, entry.insertId, sized.insertId);
  writeMap(writer, 11, sized.labels);
  writer.string(3, entry.textPayload, sized.text);
}

function sizeEntries(entries: readonly Record<string, unknown>[]): SizedEntry[] | undefined {
  const sized: SizedEntry[] = [];
  for (const entry of entries) {
    if (!isTextEntry(entry)) return undefined;
    sized.push(sizeEntry(entry));
  }
  return sized;
}

const entriesSize = (sized: SizedEntry[]) =>
  sized.reduce((total, item) => total + messageField(1, item.size), 0);

/** A TailLogEntriesResponse, or undefined when it holds an entry this encoder does not cover. */
export function encodeTailResponse(response: {
  entries?: Record<string, unknown>[];
  suppressionInfo?: {reason: string; suppressedCount: number}[];
}): Buffer | undefined {
  const sized = sizeEntries(response.entries ?? []);
  if (!sized) return undefined;
  const infos = (response.suppressionInfo ?? []).map((info) => {
    const reason = REASONS[info.reason] ?? 0;
    const size = numberField(1, reason) + numberField(2, info.suppressedCount);
    return {reason, count: info.suppressedCount, size};
  });
  const writer = new SizedWriter();
  writer.start(
    entriesSize(sized) + infos.reduce((total, info) => total + messageField(2, info.size), 0),
  );
  for (const item of sized) writeEntry(writer, item);
  for (const info of infos) {
    writer.header(2, info.size);
    writer.number(1, info.reason);
    writer.number(2, info.count);
  }
  return writer.finish();
}

/** A ListLogEntriesResponse, or undefined when it holds an entry this encoder does not cover. */
export function encodeListResponse(response: {
  entries?: Record<string, unknown>[];
  nextPageToken?: string;
}): Buffer | undefined {
  const sized = sizeEntries(response.entries ?? []);
  if (!sized) return undefined;
  const token = response.nextPageToken ?? '';
  const tokenBytes = Buffer.byteLength(token);
  const writer = new SizedWriter();
  const withToken = response.nextPageToken !== undefined;
  writer.start(entriesSize(sized) + (withToken ? stringField(2, tokenBytes) : 0));
  for (const item of sized) writeEntry(writer, item);
  if (withToken) writer.string(2, token, tokenBytes);
  return writer.finish();
}
