// The proto3 JSON mapping (https://protobuf.dev/programming-guides/proto3/#json), driven by
// protobufjs reflection so it covers every message of every loaded .proto without per-type code:
// lowerCamelCase names (the proto name is accepted on input), enums as names, 64-bit integers as
// strings, bytes as base64, non-finite floats as "NaN"/"Infinity", and the well-known types in
// their JSON forms (Timestamp and Duration as strings, Struct/Value/ListValue as plain JSON,
// wrappers as their value, FieldMask as a comma-separated camelCase string, Any with "@type").
// Pure: no I/O, so the emulator's REST surface and the app can share it.
import protobuf from 'protobufjs';

export type Json = null | boolean | number | string | Json[] | {[key: string]: Json};

/** A JSON value that does not fit the message; `path` names the field (proto names, dotted). */
export class ProtoJsonError extends Error {
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(path ? `Invalid value at '${path}': ${message}` : message);
  }
}

/** The object form both directions walk: plain data with proto-loader's camelCase keys. */
const WALK_OPTIONS: protobuf.IConversionOptions = {
  longs: String,
  enums: String,
  bytes: String,
  defaults: false,
};

const LONG_TYPES = new Set(['int64', 'uint64', 'sint64', 'fixed64', 'sfixed64']);
const INT32_TYPES = new Set(['int32', 'uint32', 'sint32', 'fixed32', 'sfixed32']);
const FLOAT_TYPES = new Set(['double', 'float']);
const WRAPPERS = new Set(
  ['Double', 'Float', 'Int64', 'UInt64', 'Int32', 'UInt32', 'Bool', 'String', 'Bytes'].map(
    (name) => `google.protobuf.${name}Value`,
  ),
);

/** Proto field name → JSON name, as protoc derives json_name. */
export function jsonName(protoName: string): string {
  return protoName.replace(/_+([a-zA-Z0-9])/g, (_, c: string) => c.toUpperCase());
}

/** JSON/camelCase name → proto snake_case name (for FieldMask paths). */
export function protoName(camel: string): string {
  return camel.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

const fullName = (type: protobuf.Type) => type.fullName.replace(/^\./, '');

/** The field a JSON key names: its JSON name, its proto name, or protobufjs's camelCase key. */
export function findField(type: protobuf.Type, key: string): protobuf.Field | undefined {
  return (
    type.fields[key] ??
    type.fieldsArray.find((field) => jsonName(field.name) === key || protoName(field.name) === key)
  );
}

const joinPath = (base: string, name: string) => (base ? `${base}.${name}` : name);

// ---------------------------------------------------------------- message → JSON

/** A protobufjs message (or plain object that `type.fromObject` accepts) as proto3 JSON. */
export function messageToJson(type: protobuf.Type, message: object): {[key: string]: Json} {
  const normalised = type.toObject(
    message instanceof protobuf.Message ? message : type.fromObject(message),
    WALK_OPTIONS,
  );
  const json = objectToJson(type, normalised, '');
  if (json === null || typeof json !== 'object' || Array.isArray(json)) {
    // Only a well-known type maps to a non-object; callers asked for a message body.
    return {value: json};
  }
  return json;
}

function objectToJson(type: protobuf.Type, object: Record<string, unknown>, path: string): Json {
  const special = wellKnownToJson(type, object, path);
  if (special !== undefined) return special;
  const json: {[key: string]: Json} = {};
  for (const field of type.fieldsArray) {
    const value = object[field.name];
    if (value === undefined || value === null) continue;
    const fieldPath = joinPath(path, protoName(field.name));
    const name = field.options?.json_name ?? jsonName(field.name);
    if (field.map) {
      const entries = Object.entries(value as Record<string, unknown>);
      if (entries.length === 0) continue;
      json[name] = Object.fromEntries(
        entries.map(([key, item]) => [key, valueToJson(field, item, `${fieldPath}[${key}]`)]),
      );
    } else if (field.repeated) {
      const items = value as unknown[];
      if (items.length === 0) continue;
      json[name] = items.map((item, index) => valueToJson(field, item, `${fieldPath}[${index}]`));
    } else {
      // Implicit-presence proto3 scalars and enums at their default are omitted, as the mapping
      // says (a field in a oneof, or `optional`, has explicit presence and is kept).
      if (!field.partOf && !field.resolvedType && isDefaultScalar(value)) continue;
      const resolved = field.resolvedType;
      if (
        !field.partOf &&
        resolved instanceof protobuf.Enum &&
        resolved.values[value as string] === 0
      )
        continue;
      json[name] = valueToJson(field, value, fieldPath);
    }
  }
  return json;
}

function isDefaultScalar(value: unknown): boolean {
  return value === '' || value === 0 || value === false || value === '0';
}

function valueToJson(field: protobuf.Field, value: unknown, path: string): Json {
  const resolved = field.resolvedType;
  if (resolved instanceof protobuf.Type) {
    return objectToJson(resolved, value as Record<string, unknown>, path);
  }
  if (resolved instanceof protobuf.Enum) {
    if (fullName(resolved as unknown as protobuf.Type) === 'google.protobuf.NullValue') return null;
    return typeof value === 'number' ? (resolved.valuesById[value] ?? value) : String(value);
  }
  return scalarToJson(field.type, value);
}

function scalarToJson(type: string, value: unknown): Json {
  if (LONG_TYPES.has(type)) return String(value);
  if (FLOAT_TYPES.has(type)) {
    const number = Number(value);
    if (Number.isNaN(number)) return 'NaN';
    if (number === Infinity) return 'Infinity';
    if (number === -Infinity) return '-Infinity';
    return number;
  }
  return value as Json;
}

function wellKnownToJson(
  type: protobuf.Type,
  object: Record<string, unknown>,
  path: string,
): Json | undefined {
  const name = fullName(type);
  switch (name) {
    case 'google.protobuf.Timestamp':
      return timestampToJson(object, path);
    case 'google.protobuf.Duration':
      return durationToJson(object);
    case 'google.protobuf.FieldMask':
      return ((object.paths as string[] | undefined) ?? [])
        .map((p) => p.split('.').map(jsonName).join('.'))
        .join(',');
    case 'google.protobuf.Struct':
      return structToJson(type, object, path);
    case 'google.protobuf.ListValue':
      return listToJson(type, object, path);
    case 'google.protobuf.Value':
      return protoValueToJson(type, object, path);
    case 'google.protobuf.Any':
      return anyToJson(type, object, path);
    case 'google.protobuf.Empty':
      return {};
    default:
      if (WRAPPERS.has(name)) {
        const field = type.fields.value as protobuf.Field;
        const value = object.value ?? defaultWrapped(field.type);
        return scalarToJson(field.type, value);
      }
      return undefined;
  }
}

function defaultWrapped(type: string): unknown {
  if (type === 'bool') return false;
  if (type === 'string' || type === 'bytes') return '';
  return LONG_TYPES.has(type) ? '0' : 0;
}

const MIN_SECONDS = -62_135_596_800n; // 0001-01-01T00:00:00Z
const MAX_SECONDS = 253_402_300_799n; // 9999-12-31T23:59:59Z

function fraction(nanos: number): string {
  if (nanos === 0) return '';
  const digits = String(nanos).padStart(9, '0');
  // 0, 3, 6 or 9 fractional digits, as the mapping's encoders emit.
  if (digits.endsWith('000000')) return `.${digits.slice(0, 3)}`;
  if (digits.endsWith('000')) return `.${digits.slice(0, 6)}`;
  return `.${digits}`;
}

function timestampToJson(object: Record<string, unknown>, path: string): string {
  const seconds = BigInt(String(object.seconds ?? 0));
  const nanos = Number(object.nanos ?? 0);
  if (seconds < MIN_SECONDS || seconds > MAX_SECONDS || nanos < 0 || nanos > 999_999_999) {
    throw new ProtoJsonError(path, 'Timestamp is outside 0001-01-01 to 9999-12-31.');
  }
  const iso = new Date(Number(seconds) * 1000).toISOString().replace(/\.\d{3}Z$/, '');
  return `${iso}${fraction(nanos)}Z`;
}

function durationToJson(object: Record<string, unknown>): string {
  const seconds = BigInt(String(object.seconds ?? 0));
  const nanos = Number(object.nanos ?? 0);
  const negative = seconds < 0n || nanos < 0;
  const abs = (n: bigint) => (n < 0n ? -n : n);
  return `${negative ? '-' : ''}${abs(seconds)}${fraction(Math.abs(nanos))}s`;
}

const childType = (type: protobuf.Type, field: string) =>
  (type.fields[field] as protobuf.Field).resolvedType as protobuf.Type;

function structToJson(type: protobuf.Type, object: Record<string, unknown>, path: string): Json {
  const valueType = (type.fields.fields as protobuf.Field).resolvedType as protobuf.Type;
  const fields = (object.fields as Record<string, Record<string, unknown>> | undefined) ?? {};
  return Object.fromEntries(
    Object.entries(fields).map(([key, value]) => [
      key,
      protoValueToJson(valueType, value, `${path}[${key}]`),
    ]),
  );
}

function listToJson(type: protobuf.Type, object: Record<string, unknown>, path: string): Json {
  const valueType = childType(type, 'values');
  const values = (object.values as Record<string, unknown>[] | undefined) ?? [];
  return values.map((value, index) => protoValueToJson(valueType, value, `${path}[${index}]`));
}

function protoValueToJson(
  type: protobuf.Type,
  object: Record<string, unknown>,
  path: string,
): Json {
  if (object.structValue !== undefined && object.structValue !== null) {
    return structToJson(childType(type, 'structValue'), object.structValue as never, path);
  }
  if (object.listValue !== undefined && object.listValue !== null) {
    return listToJson(childType(type, 'listValue'), object.listValue as never, path);
  }
  if (object.numberValue !== undefined && object.numberValue !== null) {
    const number = Number(object.numberValue);
    if (!Number.isFinite(number)) {
      throw new ProtoJsonError(path, 'a Value cannot hold NaN or Infinity in JSON.');
    }
    return number;
  }
  if (typeof object.stringValue === 'string') return object.stringValue;
  if (typeof object.boolValue === 'boolean') return object.boolValue;
  return null;
}

function typeOfUrl(root: protobuf.Type, url: string, path: string): protobuf.Type {
  const name = url.slice(url.lastIndexOf('/') + 1);
  try {
    return root.root.lookupType(name);
  } catch {
    throw new ProtoJsonError(path, `Any holds "${url}", a type this server does not know.`);
  }
}

function anyToJson(type: protobuf.Type, object: Record<string, unknown>, path: string): Json {
  const url = String(object.type_url ?? object.typeUrl ?? '');
  if (!url) return {};
  const inner = typeOfUrl(type, url, path);
  const bytes = Buffer.from(String(object.value ?? ''), 'base64');
  const decoded = inner.toObject(inner.decode(bytes), WALK_OPTIONS);
  const body = objectToJson(inner, decoded, path);
  if (isWellKnownName(inner) || body === null || typeof body !== 'object' || Array.isArray(body)) {
    return {'@type': url, value: body};
  }
  return {'@type': url, ...body};
}

// ---------------------------------------------------------------- JSON → message

/** Proto3 JSON as a protobufjs message of `type`; throws ProtoJsonError naming the bad field. */
export function messageFromJson(type: protobuf.Type, json: unknown, path = ''): protobuf.Message {
  const plain = jsonToObject(type, json, path);
  try {
    return type.fromObject(plain as Record<string, unknown>);
  } catch (error) {
    throw new ProtoJsonError(path, (error as Error).message);
  }
}

const describe = (value: unknown) =>
  value === null
    ? 'null'
    : Array.isArray(value)
      ? 'an array'
      : `${typeof value} ${JSON.stringify(value)}`;

function jsonToObject(type: protobuf.Type, json: unknown, path: string): unknown {
  const special = wellKnownFromJson(type, json, path);
  if (special !== undefined) return special;
  if (json === null || typeof json !== 'object' || Array.isArray(json)) {
    throw new ProtoJsonError(
      path,
      `expected an object for ${fullName(type)}, got ${describe(json)}.`,
    );
  }
  const object: Record<string, unknown> = {};
  const seenOneofs = new Map<string, string>();
  for (const [key, value] of Object.entries(json)) {
    const field = findField(type, key);
    if (!field) {
      throw new ProtoJsonError(
        path,
        `Unknown name "${key}"${path ? '' : ` in ${fullName(type)}`}: Cannot find field.`,
      );
    }
    const fieldPath = joinPath(path, protoName(field.name));
    // null means "not set" for every field except a google.protobuf.Value.
    const isValue =
      field.resolvedType instanceof protobuf.Type &&
      fullName(field.resolvedType) === 'google.protobuf.Value';
    if (value === null && !(isValue && !field.repeated && !field.map)) continue;
    if (field.partOf && !field.partOf.name.startsWith('_')) {
      const other = seenOneofs.get(field.partOf.name);
      if (other) {
        throw new ProtoJsonError(
          fieldPath,
          `"${other}" and "${key}" are both set, but they are members of the oneof "${field.partOf.name}"; set only one.`,
        );
      }
      seenOneofs.set(field.partOf.name, key);
    }
    object[field.name] = fieldFromJson(field, value, fieldPath);
  }
  return object;
}

function fieldFromJson(field: protobuf.Field, value: unknown, path: string): unknown {
  if (field.map) {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      throw new ProtoJsonError(path, `expected an object (a map), got ${describe(value)}.`);
    }
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [
        key,
        singleFromJson(field, item, `${path}[${key}]`),
      ]),
    );
  }
  if (field.repeated) {
    if (!Array.isArray(value)) {
      throw new ProtoJsonError(path, `expected an array, got ${describe(value)}.`);
    }
    return value.map((item, index) => singleFromJson(field, item, `${path}[${index}]`));
  }
  return singleFromJson(field, value, path);
}

function singleFromJson(field: protobuf.Field, value: unknown, path: string): unknown {
  const resolved = field.resolvedType;
  if (resolved instanceof protobuf.Type) return jsonToObject(resolved, value, path);
  if (resolved instanceof protobuf.Enum) return enumFromJson(resolved, value, path);
  return scalarFromJson(field.type, value, path);
}

function enumFromJson(type: protobuf.Enum, value: unknown, path: string): unknown {
  if (type.fullName.replace(/^\./, '') === 'google.protobuf.NullValue') return 0;
  if (typeof value === 'string' && value in type.values) return value;
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  throw new ProtoJsonError(
    path,
    `${describe(value)} is not a value of ${type.name}; use one of ${Object.keys(type.values).join(', ')}.`,
  );
}

function scalarFromJson(type: string, value: unknown, path: string): unknown {
  if (type === 'string') {
    if (typeof value !== 'string')
      throw new ProtoJsonError(path, `expected a string, got ${describe(value)}.`);
    return value;
  }
  if (type === 'bool') {
    if (typeof value !== 'boolean')
      throw new ProtoJsonError(path, `expected true or false, got ${describe(value)}.`);
    return value;
  }
  if (type === 'bytes') {
    if (typeof value !== 'string' || !/^[A-Za-z0-9+/_-]*={0,2}$/.test(value)) {
      throw new ProtoJsonError(path, `expected base64 bytes, got ${describe(value)}.`);
    }
    return Buffer.from(value, 'base64');
  }
  if (FLOAT_TYPES.has(type)) {
    if (value === 'NaN' || value === 'Infinity' || value === '-Infinity') return Number(value);
    const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
    if (typeof number !== 'number' || !Number.isFinite(number)) {
      throw new ProtoJsonError(path, `expected a number, got ${describe(value)}.`);
    }
    return number;
  }
  return integerFromJson(type, value, path);
}

const INT_LIMITS: Record<string, [bigint, bigint]> = {
  int32: [-(2n ** 31n), 2n ** 31n - 1n],
  sint32: [-(2n ** 31n), 2n ** 31n - 1n],
  sfixed32: [-(2n ** 31n), 2n ** 31n - 1n],
  uint32: [0n, 2n ** 32n - 1n],
  fixed32: [0n, 2n ** 32n - 1n],
  int64: [-(2n ** 63n), 2n ** 63n - 1n],
  sint64: [-(2n ** 63n), 2n ** 63n - 1n],
  sfixed64: [-(2n ** 63n), 2n ** 63n - 1n],
  uint64: [0n, 2n ** 64n - 1n],
  fixed64: [0n, 2n ** 64n - 1n],
};

function integerFromJson(type: string, value: unknown, path: string): unknown {
  let integer: bigint | undefined;
  if (typeof value === 'number' && Number.isInteger(value)) integer = BigInt(value);
  else if (typeof value === 'string' && /^-?\d+$/.test(value.trim()))
    integer = BigInt(value.trim());
  // Exponent or fractional forms that still denote an integer ("1e3", "2.0") are allowed too.
  else if (typeof value === 'string' && Number.isInteger(Number(value)) && value.trim() !== '')
    integer = BigInt(Number(value));
  const limits = INT_LIMITS[type];
  if (integer === undefined || !limits) {
    throw new ProtoJsonError(path, `expected an integer (${type}), got ${describe(value)}.`);
  }
  if (integer < limits[0] || integer > limits[1]) {
    throw new ProtoJsonError(path, `${integer} is out of range for ${type}.`);
  }
  return INT32_TYPES.has(type) ? Number(integer) : integer.toString();
}

function wellKnownFromJson(type: protobuf.Type, json: unknown, path: string): unknown {
  const name = fullName(type);
  switch (name) {
    case 'google.protobuf.Timestamp':
      return timestampFromJson(json, path);
    case 'google.protobuf.Duration':
      return durationFromJson(json, path);
    case 'google.protobuf.FieldMask':
      if (typeof json !== 'string') {
        throw new ProtoJsonError(
          path,
          `expected a FieldMask string such as "displayName,state", got ${describe(json)}.`,
        );
      }
      return {
        paths: json
          .split(',')
          .map((p) => p.trim())
          .filter(Boolean)
          .map((p) => p.split('.').map(protoName).join('.')),
      };
    case 'google.protobuf.Struct':
      if (json === null || typeof json !== 'object' || Array.isArray(json)) {
        throw new ProtoJsonError(path, `expected a JSON object, got ${describe(json)}.`);
      }
      return {fields: mapValues(json, path)};
    case 'google.protobuf.ListValue':
      if (!Array.isArray(json))
        throw new ProtoJsonError(path, `expected an array, got ${describe(json)}.`);
      return {values: json.map((item, index) => plainToValue(item, `${path}[${index}]`))};
    case 'google.protobuf.Value':
      return plainToValue(json, path);
    case 'google.protobuf.Any':
      return anyFromJson(type, json, path);
    case 'google.protobuf.Empty':
      if (json === null || typeof json !== 'object' || Object.keys(json).length > 0) {
        throw new ProtoJsonError(path, 'expected {} for google.protobuf.Empty.');
      }
      return {};
    default:
      if (WRAPPERS.has(name)) {
        return {value: scalarFromJson((type.fields.value as protobuf.Field).type, json, path)};
      }
      return undefined;
  }
}

function mapValues(object: object, path: string): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(object).map(([key, item]) => [key, plainToValue(item, `${path}[${key}]`)]),
  );
}

function plainToValue(json: unknown, path: string): unknown {
  if (json === null) return {nullValue: 0};
  if (typeof json === 'number') return {numberValue: json};
  if (typeof json === 'string') return {stringValue: json};
  if (typeof json === 'boolean') return {boolValue: json};
  if (Array.isArray(json)) {
    return {
      listValue: {values: json.map((item, index) => plainToValue(item, `${path}[${index}]`))},
    };
  }
  if (typeof json === 'object') return {structValue: {fields: mapValues(json, path)}};
  throw new ProtoJsonError(path, `${describe(json)} is not JSON.`);
}

const RFC3339 =
  /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?([Zz]|[+-]\d{2}:\d{2})$/;

function timestampFromJson(json: unknown, path: string) {
  const match = typeof json === 'string' ? RFC3339.exec(json) : null;
  if (!match) {
    throw new ProtoJsonError(
      path,
      `expected an RFC 3339 timestamp such as "2026-05-18T12:00:00Z", got ${describe(json)}.`,
    );
  }
  const [, year, month, day, hour, minute, second, digits = '', zone = 'Z'] = match;
  // Date.UTC maps years 0-99 to 1900-1999; setUTCFullYear takes the year as given.
  const date = new Date(0);
  date.setUTCFullYear(Number(year), Number(month) - 1, Number(day));
  date.setUTCHours(Number(hour), Number(minute), Number(second), 0);
  const ms = date.getTime();
  let seconds = BigInt(Math.floor(ms / 1000));
  if (zone.toUpperCase() !== 'Z') {
    const sign = zone.startsWith('-') ? -1n : 1n;
    const [h, m] = zone.slice(1).split(':').map(BigInt) as [bigint, bigint];
    seconds -= sign * (h * 3600n + m * 60n);
  }
  if (seconds < MIN_SECONDS || seconds > MAX_SECONDS) {
    throw new ProtoJsonError(path, 'Timestamp is outside 0001-01-01 to 9999-12-31.');
  }
  return {seconds: seconds.toString(), nanos: Number(digits.padEnd(9, '0'))};
}

function durationFromJson(json: unknown, path: string) {
  const match = typeof json === 'string' ? /^(-)?(\d+)(?:\.(\d{1,9}))?s$/.exec(json) : null;
  if (!match)
    throw new ProtoJsonError(path, `expected a duration such as "3.5s", got ${describe(json)}.`);
  const [, minus, whole = '0', digits = ''] = match;
  const sign = minus ? -1n : 1n;
  const seconds = sign * BigInt(whole);
  if (seconds > 315_576_000_000n || seconds < -315_576_000_000n) {
    throw new ProtoJsonError(path, 'Duration is longer than 10000 years.');
  }
  const nanos = Number(digits.padEnd(9, '0')) * (minus ? -1 : 1);
  return {seconds: seconds.toString(), nanos};
}

function anyFromJson(type: protobuf.Type, json: unknown, path: string) {
  if (json === null || typeof json !== 'object' || Array.isArray(json)) {
    throw new ProtoJsonError(path, `expected an object with "@type", got ${describe(json)}.`);
  }
  const {'@type': url, ...rest} = json as Record<string, unknown>;
  if (typeof url !== 'string' || !url) {
    throw new ProtoJsonError(
      path,
      'an Any needs "@type", e.g. "type.googleapis.com/google.protobuf.Empty".',
    );
  }
  const inner = typeOfUrl(type, url, path);
  const body = isWellKnownName(inner) ? rest.value : rest;
  const message = messageFromJson(inner, body, path);
  return {type_url: url, value: Buffer.from(inner.encode(message).finish())};
}

function isWellKnownName(type: protobuf.Type): boolean {
  const name = fullName(type);
  return (
    WRAPPERS.has(name) ||
    [
      'google.protobuf.Timestamp',
      'google.protobuf.Duration',
      'google.protobuf.FieldMask',
      'google.protobuf.Struct',
      'google.protobuf.ListValue',
      'google.protobuf.Value',
      'google.protobuf.Any',
      'google.protobuf.Empty',
    ].includes(name)
  );
}
