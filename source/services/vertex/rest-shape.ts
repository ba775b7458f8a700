// A resource as the official Node client decodes it (protobuf objects: Long or string int64s,
// {seconds, nanos} timestamps, Value/Struct wrappers, empty defaults) turned into the shape the
// REST API and `gcloud --format=json` show: RFC 3339 times, "Ns" durations, plain JSON values,
// unset fields left out. Used for `jobs describe`, `--json` output and the describe view.

type Json = null | boolean | number | string | Json[] | {[key: string]: Json};

const VALUE_KINDS = [
  'nullValue',
  'numberValue',
  'stringValue',
  'boolValue',
  'structValue',
  'listValue',
] as const;

function isLong(
  value: object,
): value is {low: number; high: number; unsigned: boolean; toString(): string} {
  return 'low' in value && 'high' in value && 'unsigned' in value;
}

function isTimestampLike(value: Record<string, unknown>): boolean {
  const keys = Object.keys(value).filter((key) => value[key] !== undefined && value[key] !== null);
  return keys.length > 0 && keys.every((key) => key === 'seconds' || key === 'nanos');
}

function secondsOf(value: Record<string, unknown>): {seconds: number; nanos: number} {
  const raw = value.seconds as unknown;
  const seconds = Number(typeof raw === 'object' && raw !== null ? String(raw) : (raw ?? 0));
  return {seconds, nanos: Number(value.nanos ?? 0)};
}

/** `{seconds, nanos}` as a timestamp or a duration, decided by the field name. */
function timeValue(field: string, value: Record<string, unknown>): string {
  const {seconds, nanos} = secondsOf(value);
  if (/(Time|time)$/.test(field) || field === 'timestamp' || field === 'receiveTimestamp') {
    const date = new Date(seconds * 1000 + Math.floor(nanos / 1e6));
    const fraction = nanos ? `.${String(nanos).padStart(9, '0').replace(/0+$/, '')}` : '';
    return date.toISOString().replace(/\.\d{3}Z$/, `${fraction}Z`);
  }
  const fraction = nanos ? `.${String(nanos).padStart(9, '0').replace(/0+$/, '')}` : '';
  return `${seconds}${fraction}s`;
}

function isValueMessage(value: Record<string, unknown>): boolean {
  const set = VALUE_KINDS.filter((kind) => value[kind] !== undefined && value[kind] !== null);
  const others = Object.keys(value).filter(
    (key) => key !== 'kind' && !VALUE_KINDS.includes(key as never) && value[key] != null,
  );
  return set.length === 1 && others.length === 0;
}

function valueToJson(value: Record<string, unknown>): Json {
  if (value.nullValue !== undefined && value.nullValue !== null) return null;
  if (value.numberValue !== undefined && value.numberValue !== null)
    return Number(value.numberValue);
  if (value.stringValue !== undefined && value.stringValue !== null)
    return String(value.stringValue);
  if (value.boolValue !== undefined && value.boolValue !== null) return Boolean(value.boolValue);
  if (value.structValue) return structToJson(value.structValue as Record<string, unknown>);
  const list = (value.listValue as {values?: unknown[]} | undefined)?.values ?? [];
  return list.map((item) => valueToJson(item as Record<string, unknown>));
}

function structToJson(struct: Record<string, unknown>): Json {
  const fields = (struct.fields ?? {}) as Record<string, Record<string, unknown>>;
  const out: {[key: string]: Json} = {};
  for (const [key, value] of Object.entries(fields)) out[key] = valueToJson(value);
  return out;
}

function convert(field: string, value: unknown): Json | undefined {
  if (value === null || value === undefined) return undefined;
  // Enum defaults (`*_UNSPECIFIED`) are unset in proto3 JSON, like empty strings.
  if (typeof value === 'string')
    return value === '' || /^[A-Z_]+_UNSPECIFIED$/.test(value) ? undefined : value;
  if (typeof value === 'number') return value === 0 ? undefined : value;
  if (typeof value === 'boolean') return value ? true : undefined;
  if (typeof value === 'bigint') return value === 0n ? undefined : value.toString();
  if (value instanceof Uint8Array)
    return value.length ? Buffer.from(value).toString('base64') : undefined;
  if (Array.isArray(value)) {
    const items = value.map((item) => convert(field, item)).filter((item) => item !== undefined);
    return items.length ? (items as Json[]) : undefined;
  }
  if (typeof value !== 'object') return undefined;
  if (isLong(value)) {
    const text = value.toString();
    return text === '0' ? undefined : text;
  }
  const record = value as Record<string, unknown>;
  if (isTimestampLike(record)) return timeValue(field, record);
  if (isValueMessage(record)) return valueToJson(record);
  if ('fields' in record && Object.keys(record).every((key) => key === 'fields'))
    return structToJson(record);
  const out: {[key: string]: Json} = {};
  for (const [key, item] of Object.entries(record)) {
    const converted = convert(key, item);
    if (converted !== undefined) out[key] = converted;
  }
  return Object.keys(out).length ? out : undefined;
}

const LEADING_FIELDS = [
  'name',
  'displayName',
  'state',
  'createTime',
  'startTime',
  'endTime',
  'updateTime',
];

/** The REST (proto3 JSON) shape of a decoded resource; `{}` when nothing is set. */
export function toRestShape(resource: unknown): {[key: string]: Json} {
  const converted = convert('', resource);
  if (!converted || typeof converted !== 'object' || Array.isArray(converted)) return {};
  // Identity and state first, as gcloud's describe reads best.
  const ordered: {[key: string]: Json} = {};
  for (const key of LEADING_FIELDS) if (key in converted) ordered[key] = converted[key]!;
  for (const [key, value] of Object.entries(converted)) if (!(key in ordered)) ordered[key] = value;
  return ordered;
}
