// HTTP request → request message, as google/api/http.proto specifies: the body (the whole message
// for `body: "*"`, else the named field), then path variables, then query parameters for the
// remaining fields (dotted paths, repeated by repetition). The result is proto3 JSON, converted
// by the shared mapping, so the handler receives exactly what a gRPC client's request decodes to.
import protobuf from 'protobufjs';
import {
  findField,
  jsonName,
  messageFromJson,
  ProtoJsonError,
} from '../../core/protocol/proto-json.js';
import type {RouteMatch} from './routes.js';

/** Standard query parameters every Google REST API accepts; none of them is a request field. */
const SYSTEM_PARAMETERS = new Set([
  'alt',
  '$alt',
  'prettyPrint',
  '$.xgafv',
  'fields',
  'key',
  'quotaUser',
  'callback',
  'upload_protocol',
  'uploadType',
  'access_token',
]);

/** Well-known message types whose JSON form is a string, so a query parameter can carry them. */
const STRING_MESSAGES = new Set([
  'google.protobuf.Timestamp',
  'google.protobuf.Duration',
  'google.protobuf.FieldMask',
  'google.protobuf.StringValue',
  'google.protobuf.BytesValue',
  'google.protobuf.Int64Value',
  'google.protobuf.UInt64Value',
  'google.protobuf.Int32Value',
  'google.protobuf.UInt32Value',
  'google.protobuf.DoubleValue',
  'google.protobuf.FloatValue',
  'google.protobuf.BoolValue',
]);

type JsonObject = Record<string, unknown>;

function setPath(target: JsonObject, segments: string[], value: unknown): void {
  let node = target;
  segments.slice(0, -1).forEach((segment) => {
    const next = node[segment];
    if (next === null || typeof next !== 'object' || Array.isArray(next)) node[segment] = {};
    node = node[segment] as JsonObject;
  });
  node[segments[segments.length - 1] as string] = value;
}

/** Resolves a dotted field path (proto or JSON names) to its fields, or explains the failure. */
function resolveFieldPath(type: protobuf.Type, path: string): protobuf.Field[] {
  const fields: protobuf.Field[] = [];
  let current: protobuf.Type | undefined = type;
  for (const segment of path.split('.')) {
    const field: protobuf.Field | undefined = current ? findField(current, segment) : undefined;
    if (!field) {
      throw new ProtoJsonError(
        '',
        `Invalid JSON payload received. Unknown name "${path}": Cannot bind query parameter. Field '${segment}' could not be found in request message.`,
      );
    }
    fields.push(field);
    current = field.resolvedType instanceof protobuf.Type ? field.resolvedType : undefined;
  }
  return fields;
}

/** A query value as the JSON its field expects (query strings are untyped). */
function queryValue(field: protobuf.Field, raw: string, name: string): unknown {
  const resolved = field.resolvedType;
  if (resolved instanceof protobuf.Type) {
    const typeName = resolved.fullName.replace(/^\./, '');
    if (!STRING_MESSAGES.has(typeName)) {
      throw new ProtoJsonError(
        '',
        `Invalid JSON payload received. Unknown name "${name}": Cannot bind query parameter. Field '${field.name}' is a message (${typeName}); send it in the request body.`,
      );
    }
    return typeName === 'google.protobuf.BoolValue' ? booleanValue(raw, name) : raw;
  }
  if (field.type === 'bool') return booleanValue(raw, name);
  if (resolved instanceof protobuf.Enum && /^-?\d+$/.test(raw)) return Number(raw);
  return raw;
}

function booleanValue(raw: string, name: string): boolean {
  if (raw === 'true' || raw === '1') return true;
  if (raw === 'false' || raw === '0') return false;
  throw new ProtoJsonError('', `Invalid value at '${name}' (TYPE_BOOL), "${raw}"`);
}

/** The request message for a matched route; throws ProtoJsonError on a malformed request. */
export function transcodeRequest(
  match: RouteMatch,
  query: URLSearchParams,
  body: unknown,
): protobuf.Message {
  const {binding, requestType} = match.route;
  let json: JsonObject = {};
  if (binding.body === '*') {
    if (body !== undefined) json = asObject(body, requestType.name);
  } else if (binding.body) {
    const field = findField(requestType, binding.body);
    if (body !== undefined && field) json[jsonName(field.name)] = body;
  } else if (body !== undefined && body !== null && Object.keys(body as object).length > 0) {
    throw new ProtoJsonError('', `this method takes no request body (${binding.template}).`);
  }
  if (binding.body !== '*') {
    const repeated = new Map<string, unknown[]>();
    for (const [name, raw] of query) {
      if (SYSTEM_PARAMETERS.has(name)) continue;
      const fields = resolveFieldPath(requestType, name);
      const leaf = fields[fields.length - 1] as protobuf.Field;
      const segments = fields.map((field) => jsonName(field.name));
      const value = queryValue(leaf, raw, name);
      if (leaf.repeated) {
        const list = repeated.get(segments.join('.')) ?? [];
        list.push(value);
        repeated.set(segments.join('.'), list);
        setPath(json, segments, list);
      } else {
        setPath(json, segments, value);
      }
    }
  }
  for (const [path, value] of Object.entries(match.variables)) {
    const fields = resolveFieldPath(requestType, path);
    setPath(
      json,
      fields.map((field) => jsonName(field.name)),
      value,
    );
  }
  return messageFromJson(requestType, json);
}

function asObject(body: unknown, typeName: string): JsonObject {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new ProtoJsonError(
      '',
      `Invalid JSON payload received: expected an object (${typeName}).`,
    );
  }
  return body as JsonObject;
}
