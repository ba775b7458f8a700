// google.rpc.Status details on gRPC errors, as Google APIs send them: the encoded Status (code,
// message, details as Any) in the `grpc-status-details-bin` trailer, which google-gax decodes
// into `statusDetails`, `reason` and `errorInfoMetadata`. Encoded with the schema google-gax
// itself decodes with (its build/protos/status.json), so both sides agree by construction.
import fs from 'node:fs';
import path from 'node:path';
import * as grpc from '@grpc/grpc-js';
import protobuf from 'protobufjs';
import {packageProtoDir} from './protos.js';

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
  const statusJson = path.join(packageProtoDir('google-gax'), 'status.json');
  const root = protobuf.Root.fromJSON(JSON.parse(fs.readFileSync(statusJson, 'utf8')) as never);
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
