// A decoded LogEntry message in the shape the Cloud Logging REST API (and `gcloud logging read
// --format=json`) writes it: RFC 3339 timestamps, severity by name, Structs as plain JSON, and
// unset fields left out.
import {cursorIso, SEVERITY_NAMES} from '../vertex/log-line.js';

type Message = Record<string, unknown>;

interface ProtoValue {
  nullValue?: unknown;
  numberValue?: number;
  stringValue?: string;
  boolValue?: boolean;
  structValue?: {fields?: Record<string, ProtoValue>};
  listValue?: {values?: ProtoValue[]};
  kind?: string;
}

function fromValue(value: ProtoValue): unknown {
  const kind = value.kind ?? Object.keys(value).find((key) => key.endsWith('Value'));
  switch (kind) {
    case 'numberValue':
      return value.numberValue;
    case 'stringValue':
      return value.stringValue;
    case 'boolValue':
      return value.boolValue;
    case 'structValue':
      return fromStruct(value.structValue ?? {});
    case 'listValue':
      return (value.listValue?.values ?? []).map(fromValue);
    default:
      return null;
  }
}

export function fromStruct(struct: {fields?: Record<string, ProtoValue> | null}): Message {
  return Object.fromEntries(
    Object.entries(struct.fields ?? {}).map(([key, value]) => [key, fromValue(value)]),
  );
}

function timestamp(value: unknown): string | undefined {
  if (!value || typeof value !== 'object') return typeof value === 'string' ? value : undefined;
  const {seconds, nanos} = value as {seconds?: unknown; nanos?: unknown};
  if (seconds === undefined || seconds === null) return undefined;
  return cursorIso({seconds: Number(String(seconds)), nanos: Number(nanos ?? 0)});
}

function severity(value: unknown): string {
  if (typeof value === 'number') return SEVERITY_NAMES[Math.floor(value / 100)] ?? 'DEFAULT';
  return typeof value === 'string' && value ? value : 'DEFAULT';
}

function isEmpty(value: unknown): boolean {
  if (value === null || value === undefined || value === '' || value === false) return true;
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value === 'object') return Object.keys(value).length === 0;
  return false;
}

/** Leaves out unset fields the way protobuf's JSON mapping does. */
function pruned(message: Message): Message {
  return Object.fromEntries(Object.entries(message).filter(([, value]) => !isEmpty(value)));
}

export function toRestEntry(entry: Message): Message {
  const {
    logName,
    resource,
    timestamp: time,
    receiveTimestamp,
    severity: level,
    insertId,
    labels,
    textPayload,
    jsonPayload,
    protoPayload,
    httpRequest,
    operation,
    trace,
    spanId,
    traceSampled,
    sourceLocation,
    split,
  } = entry;
  const resourceMessage = resource as {type?: string; labels?: Message} | undefined;
  return pruned({
    logName,
    resource:
      resourceMessage && pruned({type: resourceMessage.type, labels: resourceMessage.labels}),
    timestamp: timestamp(time),
    receiveTimestamp: timestamp(receiveTimestamp),
    severity: severity(level),
    insertId,
    labels,
    textPayload,
    jsonPayload: jsonPayload ? fromStruct(jsonPayload as never) : undefined,
    protoPayload,
    httpRequest: httpRequest ? pruned(httpRequest as Message) : undefined,
    operation: operation ? pruned(operation as Message) : undefined,
    trace,
    spanId,
    traceSampled,
    sourceLocation: sourceLocation ? pruned(sourceLocation as Message) : undefined,
    split: split ? pruned(split as Message) : undefined,
  });
}
