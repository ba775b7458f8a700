// Plain JSON ↔ google.protobuf.Struct/Value in the object form @grpc/proto-loader expects.
export type ProtoValue =
  | {nullValue: 'NULL_VALUE'}
  | {numberValue: number}
  | {stringValue: string}
  | {boolValue: boolean}
  | {structValue: ProtoStruct}
  | {listValue: {values: ProtoValue[]}};

export interface ProtoStruct {
  fields: Record<string, ProtoValue>;
}

export function toProtoValue(value: unknown): ProtoValue {
  if (value === null || value === undefined) return {nullValue: 'NULL_VALUE'};
  if (typeof value === 'number') return {numberValue: value};
  if (typeof value === 'string') return {stringValue: value};
  if (typeof value === 'boolean') return {boolValue: value};
  if (Array.isArray(value)) return {listValue: {values: value.map(toProtoValue)}};
  return {structValue: toProtoStruct(value as Record<string, unknown>)};
}

export function toProtoStruct(object: Record<string, unknown>): ProtoStruct {
  const fields: Record<string, ProtoValue> = {};
  for (const [key, value] of Object.entries(object)) fields[key] = toProtoValue(value);
  return {fields};
}
