// The emulator's direct encoder of log responses against the generic one (proto-loader over the
// official .proto files): both encodings of random responses decode to the same message.
import fc from 'fast-check';
import type * as grpc from '@grpc/grpc-js';
import {describe, expect, it} from 'vitest';
import {
  encodeListResponse,
  encodeTailResponse,
} from '../../../source/emulator/logging/log-entry-encoder.js';
import type {LogRecord} from '../../../source/emulator/logging/log-store.js';
import {
  logRecordToProto,
  withFastLogEncoding,
} from '../../../source/emulator/logging/logging-service.js';
import {loadEmulatorProtos} from '../../../source/emulator/rpc/protos.js';
import {SEVERITY_LEVELS} from '../../../source/emulator/logging/severity.js';

const service = loadEmulatorProtos().loggingService;
const method = (name: string) => service[name] as grpc.MethodDefinition<unknown, unknown>;
const tail = method('TailLogEntries');
const list = method('ListLogEntries');

const text = fc.string({unit: 'binary', maxLength: 40});
const labels = fc.dictionary(text, text, {maxKeys: 4});

const record: fc.Arbitrary<LogRecord> = fc.record({
  insertId: text,
  timestampNs: fc.bigInt({min: 0n, max: 4_000_000_000n * 1_000_000_000n}),
  logName: text,
  resource: fc.record({type: text, labels}),
  labels,
  severity: fc.constantFrom(...Object.keys(SEVERITY_LEVELS)),
  textPayload: text,
});

const suppression = fc.record({
  reason: fc.constantFrom('RATE_LIMIT', 'NOT_CONSUMED', 'REASON_UNSPECIFIED'),
  suppressedCount: fc.integer({min: 0, max: 2 ** 31 - 1}),
});

const TEXT: LogRecord = {
  insertId: 'b',
  timestampNs: 2n,
  logName: 'projects/p/logs/x',
  resource: {type: 'ml_job', labels: {}},
  labels: {},
  severity: 'INFO',
  textPayload: 'hello',
};

describe('log response encoder', () => {
  it('encodes tail responses to the same message as the generic encoder', () => {
    fc.assert(
      fc.property(
        fc.array(record, {maxLength: 8}),
        fc.array(suppression, {maxLength: 2}),
        (records, suppressionInfo) => {
          const response = {entries: records.map(logRecordToProto), suppressionInfo};
          const fast = encodeTailResponse(response as never);
          expect(fast).toBeInstanceOf(Buffer);
          expect(tail.responseDeserialize(fast!)).toEqual(
            tail.responseDeserialize(tail.responseSerialize(response)),
          );
        },
      ),
      {numRuns: 300},
    );
  });

  it('encodes list pages (with or without a next page token) the same way', () => {
    fc.assert(
      fc.property(fc.array(record, {maxLength: 8}), text, (records, nextPageToken) => {
        const response = {entries: records.map(logRecordToProto), nextPageToken};
        const fast = encodeListResponse(response as never);
        expect(list.responseDeserialize(fast!)).toEqual(
          list.responseDeserialize(list.responseSerialize(response)),
        );
      }),
      {numRuns: 300},
    );
  });

  it('leaves a response with a JSON payload or a non-string label to the generic encoder', () => {
    const json = logRecordToProto({
      insertId: 'a',
      timestampNs: 1n,
      logName: 'projects/p/logs/x',
      resource: {type: 'ml_job', labels: {}},
      labels: {},
      severity: 'INFO',
      jsonPayload: {message: 'hi', step: 3},
    });
    expect(encodeTailResponse({entries: [json]} as never)).toBeUndefined();
    const oddLabel = {...logRecordToProto({...TEXT, labels: {step: 3 as never}})};
    expect(encodeListResponse({entries: [oddLabel]} as never)).toBeUndefined();
    const served = withFastLogEncoding(service).TailLogEntries as grpc.MethodDefinition<
      unknown,
      unknown
    >;
    const bytes = served.responseSerialize({entries: [json], suppressionInfo: []});
    expect(tail.responseDeserialize(bytes)).toEqual(
      tail.responseDeserialize(tail.responseSerialize({entries: [json], suppressionInfo: []})),
    );
  });
});
