// google.rpc.Status details on gRPC errors, as Google APIs send them: the encoded Status (code,
// message, details as Any) in the `grpc-status-details-bin` trailer, which google-gax decodes
// into `statusDetails`, `reason` and `errorInfoMetadata`. Encoded with the schema google-gax
// itself decodes with (its build/protos/status.json), so both sides agree by construction.
import {createRequire} from 'node:module';
import path from 'node:path';
import * as grpc from '@grpc/grpc-js';
import {protoIncludeDirs} from './protos.js';

const require = createRequire(import.meta.url);

export type RpcDetail =
  | {type: 'ErrorInfo'; reason: string; domain: string; metadata: Record<string, string>}
  | {type: 'QuotaFailure'; violations: Array<{subject: string; description: string}>}
  | {type: 'BadRequest'; fieldViolations: Array<{field: string; description: string}>};

interface ProtobufType {
  create(value: object): unknown;
  encode(message: unknown): {finish(): Uint8Array};
}

let types: {status: ProtobufType; detail(name: string): ProtobufType} | undefined;

function loadTypes() {
  if (types) return types;
  const {protobuf} = require('google-gax') as {
    protobuf: {Root: {fromJSON(json: unknown): {lookupType(name: string): ProtobufType}}};
  };
  const gaxProtos = protoIncludeDirs().find((dir) => dir.includes('google-gax'))!;
  const root = protobuf.Root.fromJSON(require(path.join(gaxProtos, 'status.json')));
  types = {
    status: root.lookupType('google.rpc.Status'),
    detail: (name) => root.lookupType(`google.rpc.${name}`),
  };
  return types;
}

/** Trailing metadata carrying `grpc-status-details-bin` for these details. */
export function statusDetailsMetadata(
  code: grpc.status,
  message: string,
  details: RpcDetail[],
): grpc.Metadata {
  const {status, detail} = loadTypes();
  const anys = details.map(({type, ...fields}) => {
    const messageType = detail(type);
    return {
      type_url: `type.googleapis.com/google.rpc.${type}`,
      value: messageType.encode(messageType.create(fields)).finish(),
    };
  });
  const encoded = status.encode(status.create({code, message, details: anys})).finish();
  const metadata = new grpc.Metadata();
  metadata.set('grpc-status-details-bin', Buffer.from(encoded));
  return metadata;
}
