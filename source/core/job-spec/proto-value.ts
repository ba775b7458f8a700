// JSON ⇄ google.protobuf.Value, in the same object form as `helpers.toValue` of
// @google-cloud/aiplatform (a `kind` discriminator next to the value field), so a request built
// here is what the official client would send. Also Duration helpers for the two wire forms.
import type {DurationLike, JsonValue, ProtoValue} from './request.js';

export function toProtoValue(value: JsonValue): ProtoValue {
  if (value === null) return {kind: 'nullValue', nullValue: 0};
  if (typeof value === 'boolean') return {kind: 'boolValue', boolValue: value};
  if (typeof value === 'number') return {kind: 'numberValue', numberValue: value};
  if (typeof value === 'string') return {kind: 'stringValue', stringValue: value};
  if (Array.isArray(value)) {
    return {kind: 'listValue', listValue: {values: value.map(toProtoValue)}};
  }
  const fields: Record<string, ProtoValue> = {};
  for (const [key, item] of Object.entries(value)) fields[key] = toProtoValue(item);
  return {kind: 'structValue', structValue: {fields}};
}

export class ProtoValueError extends Error {}

/** The JSON a protobuf Value stands for; accepts values with or without the `kind` key. */
export function fromProtoValue(value: ProtoValue): JsonValue {
  const v = value as Record<string, unknown>;
  const kind =
    typeof v.kind === 'string'
      ? v.kind
      : ['structValue', 'listValue', 'stringValue', 'numberValue', 'boolValue', 'nullValue'].find(
          (key) => v[key] !== undefined && v[key] !== null,
        );
  switch (kind) {
    case 'nullValue':
      return null;
    case 'boolValue':
      return Boolean(v.boolValue);
    case 'numberValue':
      return Number(v.numberValue);
    case 'stringValue':
      return String(v.stringValue);
    case 'listValue':
      return ((v.listValue as {values?: ProtoValue[]} | undefined)?.values ?? []).map(
        fromProtoValue,
      );
    case 'structValue': {
      const fields = (v.structValue as {fields?: Record<string, ProtoValue>} | undefined)?.fields;
      const out: {[key: string]: JsonValue} = {};
      for (const [key, item] of Object.entries(fields ?? {})) out[key] = fromProtoValue(item);
      return out;
    }
    default:
      throw new ProtoValueError('not a google.protobuf.Value: it has no value field');
  }
}

/** True when `value` looks like a google.protobuf.Value object rather than plain JSON. */
export function isProtoValue(value: unknown): value is ProtoValue {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const keys = Object.keys(value).filter((k) => k !== 'kind');
  return (
    keys.length === 1 &&
    ['structValue', 'listValue', 'stringValue', 'numberValue', 'boolValue', 'nullValue'].includes(
      keys[0] ?? '',
    )
  );
}

/** `"3600s"` (REST/YAML form) for a number of seconds. */
export function durationString(seconds: number): string {
  return `${seconds}s`;
}

export function durationObject(seconds: number): DurationLike {
  return {seconds};
}

/**
 * Seconds of a Duration in either wire form (`"3600s"`, `"1.5s"`, `{seconds: "3600"}`), or
 * undefined when it is not one.
 */
export function parseDuration(value: unknown): number | undefined {
  if (typeof value === 'string') {
    const match = /^(\d+(?:\.\d{1,9})?)s$/.exec(value.trim());
    return match ? Number(match[1]) : undefined;
  }
  if (typeof value === 'object' && value !== null && 'seconds' in value) {
    const {seconds, nanos} = value as {seconds?: unknown; nanos?: unknown};
    const whole = Number(seconds ?? 0);
    const fraction = Number(nanos ?? 0) / 1e9;
    return Number.isFinite(whole) && Number.isFinite(fraction) ? whole + fraction : undefined;
  }
  return undefined;
}
