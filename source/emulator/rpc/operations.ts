// google.longrunning.Operations for the emulator's long-running methods (DeleteCustomJob). The
// work is done before the Operation is returned, so every Operation is already `done`; clients
// still poll GetOperation (checkDeleteCustomJobProgress, operationsClient) and get the same answer.
import {randomInt} from 'node:crypto';
import {notFound} from './grpc-errors.js';
import {parseResourceName} from './resource-names.js';

// google.protobuf.Any comes from protobufjs's built-in definition, whose field keeps the proto
// name `type_url` even when proto-loader camel-cases everything else.
export interface OperationRecord {
  name: string;
  done: true;
  metadata?: {type_url: string; value: Buffer};
  response?: {type_url: string; value: Buffer};
}

/** Protobuf wire helpers, enough for a Timestamp inside GenericOperationMetadata. */
function varint(value: bigint): Buffer {
  const bytes: number[] = [];
  let rest = value;
  do {
    let byte = Number(rest & 0x7fn);
    rest >>= 7n;
    if (rest > 0n) byte |= 0x80;
    bytes.push(byte);
  } while (rest > 0n);
  return Buffer.from(bytes);
}

const field = (number: number, body: Buffer) =>
  Buffer.concat([varint(BigInt((number << 3) | 2)), varint(BigInt(body.length)), body]);

const intField = (number: number, value: bigint) =>
  value === 0n ? Buffer.alloc(0) : Buffer.concat([varint(BigInt(number << 3)), varint(value)]);

function timestampBytes(ns: bigint): Buffer {
  return Buffer.concat([intField(1, ns / 1_000_000_000n), intField(2, ns % 1_000_000_000n)]);
}

/**
 * An operation metadata message whose field 1 is generic_metadata{create_time, update_time}:
 * DeleteOperationMetadata, CreateDatasetOperationMetadata, ImportDataOperationMetadata, ...
 */
export function genericOperationMetadata(type: string, createNs: bigint, updateNs: bigint) {
  return {...deleteOperationMetadata(createNs, updateNs), type_url: `type.googleapis.com/${type}`};
}

/** google.cloud.aiplatform.v1.DeleteOperationMetadata{generic_metadata{create_time,update_time}}. */
export function deleteOperationMetadata(createNs: bigint, updateNs: bigint) {
  const generic = Buffer.concat([
    field(2, timestampBytes(createNs)),
    field(3, timestampBytes(updateNs)),
  ]);
  return {
    type_url: 'type.googleapis.com/google.cloud.aiplatform.v1.DeleteOperationMetadata',
    value: field(1, generic),
  };
}

export const EMPTY_RESPONSE = {
  type_url: 'type.googleapis.com/google.protobuf.Empty',
  value: Buffer.alloc(0),
};

export class OperationStore {
  private readonly operations = new Map<string, OperationRecord>();

  /** Records a finished operation under `projects/P/locations/L/operations/ID`, as Vertex names them. */
  addDone(parent: string, result: Pick<OperationRecord, 'metadata' | 'response'>): OperationRecord {
    const id = `${Date.now()}${randomInt(1_000_000).toString().padStart(6, '0')}`;
    const operation: OperationRecord = {name: `${parent}/operations/${id}`, done: true, ...result};
    this.operations.set(operation.name, operation);
    return operation;
  }

  handlers() {
    const find = (name: string | undefined): OperationRecord => {
      parseResourceName(name ?? '', 'operations', '\\d+');
      const operation = this.operations.get(name as string);
      if (!operation) throw notFound(`The Operation ${name} does not exist.`);
      return operation;
    };
    return {
      getOperation: (request: {name?: string}) => find(request.name),
      // Every operation is already done, so waiting returns at once.
      waitOperation: (request: {name?: string}) => find(request.name),
      deleteOperation: (request: {name?: string}) => {
        this.operations.delete(find(request.name).name);
        return {};
      },
      cancelOperation: (request: {name?: string}) => {
        find(request.name);
        return {}; // Cancelling a finished operation has no effect, as in AIP-151.
      },
      listOperations: (request: {name?: string; pageSize?: number}) => {
        const prefix = `${request.name ?? ''}/operations/`;
        const operations = [...this.operations.values()].filter((op) => op.name.startsWith(prefix));
        return {operations, nextPageToken: ''};
      },
    };
  }
}
