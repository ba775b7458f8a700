// The proto3 JSON mapping on the real Vertex and Logging messages the emulator serves.
import {describe, expect, it} from 'vitest';
import {loadEmulatorProtoRoot} from '../../source/emulator/rpc/protos.js';
import {
  messageFromJson,
  messageToJson,
  ProtoJsonError,
} from '../../source/core/protocol/proto-json.js';

const root = loadEmulatorProtoRoot();
const type = (name: string) => root.lookupType(name);
const CustomJob = type('google.cloud.aiplatform.v1.CustomJob');
const LogEntry = type('google.logging.v2.LogEntry');
const ListCustomJobsRequest = type('google.cloud.aiplatform.v1.ListCustomJobsRequest');
const Operation = type('google.longrunning.Operation');

/** What grpc-js hands a handler: the message as proto-loader's plain object. */
const asHandlerObject = (t: typeof CustomJob, json: unknown) =>
  t.toObject(messageFromJson(t, json), {longs: String, enums: String, defaults: false});

describe('proto3 JSON → message', () => {
  it('maps camelCase and proto names, enums, int64, Timestamp, Duration and maps', () => {
    const object = asHandlerObject(CustomJob, {
      displayName: 'x',
      state: 'JOB_STATE_RUNNING',
      create_time: '2026-05-18T12:00:01.5Z',
      labels: {team: 'ml'},
      jobSpec: {
        workerPoolSpecs: [
          {
            machineSpec: {machineType: 'n1-standard-4', acceleratorCount: '2'},
            replicaCount: '3',
            diskSpec: {bootDiskSizeGb: 100},
          },
        ],
        scheduling: {timeout: '3600.25s'},
      },
    });
    expect(object).toEqual({
      displayName: 'x',
      state: 'JOB_STATE_RUNNING',
      createTime: {seconds: '1779105601', nanos: 500_000_000},
      labels: {team: 'ml'},
      jobSpec: {
        workerPoolSpecs: [
          {
            machineSpec: {machineType: 'n1-standard-4', acceleratorCount: 2},
            replicaCount: '3',
            diskSpec: {bootDiskSizeGb: 100},
          },
        ],
        scheduling: {timeout: {seconds: '3600', nanos: 250_000_000}},
      },
    });
  });

  it('accepts enum numbers, offsets in timestamps and FieldMask strings', () => {
    expect(asHandlerObject(CustomJob, {state: 3}).state).toBe('JOB_STATE_RUNNING');
    expect(
      asHandlerObject(CustomJob, {createTime: '2026-05-18T14:00:00+02:00'}).createTime,
    ).toEqual({seconds: '1779105600', nanos: 0});
    expect(
      asHandlerObject(ListCustomJobsRequest, {readMask: 'displayName,jobSpec.workerPoolSpecs'})
        .readMask,
    ).toEqual({paths: ['display_name', 'job_spec.worker_pool_specs']});
  });

  it('turns Struct JSON into Struct fields', () => {
    const entry = asHandlerObject(LogEntry, {
      jsonPayload: {message: 'hi', n: 2, ok: true, l: [null]},
    });
    expect(entry.jsonPayload).toEqual({
      fields: {
        message: {stringValue: 'hi'},
        n: {numberValue: 2},
        ok: {boolValue: true},
        l: {listValue: {values: [{nullValue: 'NULL_VALUE'}]}},
      },
    });
  });

  it.each([
    [{nope: 1}, /Unknown name "nope"/],
    [{state: 'RUNNING'}, /not a value of JobState/],
    [
      {jobSpec: {workerPoolSpecs: [{replicaCount: 'three'}]}},
      /job_spec.worker_pool_specs\[0\].replica_count/,
    ],
    [{createTime: 'yesterday'}, /RFC 3339/],
    [{labels: ['a']}, /expected an object \(a map\)/],
    [{displayName: 5}, /expected a string/],
    [{jobSpec: {workerPoolSpecs: [{machineSpec: {acceleratorCount: 2 ** 40}}]}}, /out of range/],
    [{jobSpec: {workerPoolSpecs: [{containerSpec: {}, pythonPackageSpec: {}}]}}, /oneof/],
  ])('rejects %j naming the field and the rule', (json, message) => {
    expect(() => messageFromJson(CustomJob, json)).toThrow(ProtoJsonError);
    expect(() => messageFromJson(CustomJob, json)).toThrow(message);
  });
});

describe('message → proto3 JSON', () => {
  it('writes camelCase names, enum names, int64 strings, RFC 3339 and Struct as plain JSON', () => {
    const json = messageToJson(CustomJob, {
      name: 'projects/p/locations/l/customJobs/1',
      state: 'JOB_STATE_SUCCEEDED',
      createTime: {seconds: '1779105601', nanos: 120_000_000},
      jobSpec: {
        workerPoolSpecs: [{replicaCount: '2', machineSpec: {machineType: 'n1-standard-4'}}],
        scheduling: {timeout: {seconds: '90', nanos: 0}},
      },
      error: {code: 0, message: ''},
    });
    expect(json).toEqual({
      name: 'projects/p/locations/l/customJobs/1',
      state: 'JOB_STATE_SUCCEEDED',
      createTime: '2026-05-18T12:00:01.120Z',
      jobSpec: {
        workerPoolSpecs: [{replicaCount: '2', machineSpec: {machineType: 'n1-standard-4'}}],
        scheduling: {timeout: '90s'},
      },
      error: {},
    });
    const entry = messageToJson(LogEntry, {
      jsonPayload: {fields: {message: {stringValue: 'hi'}, n: {numberValue: 1.5}}},
      severity: 'ERROR',
    });
    expect(entry).toEqual({jsonPayload: {message: 'hi', n: 1.5}, severity: 'ERROR'});
  });

  it('expands Any with its @type, for the Operation metadata and response', () => {
    const metadata = type('google.cloud.aiplatform.v1.DeleteOperationMetadata');
    const value = Buffer.from(
      metadata
        .encode(
          metadata.fromObject({genericMetadata: {createTime: {seconds: 1779105601, nanos: 0}}}),
        )
        .finish(),
    );
    const json = messageToJson(Operation, {
      name: 'projects/p/locations/l/operations/9',
      done: true,
      metadata: {
        type_url: 'type.googleapis.com/google.cloud.aiplatform.v1.DeleteOperationMetadata',
        value,
      },
      response: {type_url: 'type.googleapis.com/google.protobuf.Empty', value: Buffer.alloc(0)},
    });
    expect(json).toEqual({
      name: 'projects/p/locations/l/operations/9',
      done: true,
      metadata: {
        '@type': 'type.googleapis.com/google.cloud.aiplatform.v1.DeleteOperationMetadata',
        genericMetadata: {createTime: '2026-05-18T12:00:01Z'},
      },
      response: {'@type': 'type.googleapis.com/google.protobuf.Empty', value: {}},
    });
  });

  it('round-trips: JSON → message → JSON is the identity on canonical JSON', () => {
    const canonical = {
      displayName: 'round trip',
      state: 'JOB_STATE_FAILED',
      labels: {a: 'b'},
      startTime: '2026-01-02T03:04:05.000006Z',
      jobSpec: {
        workerPoolSpecs: [
          {
            replicaCount: '9007199254740993',
            containerSpec: {imageUri: 'img', args: ['--x=1', ''], env: [{name: 'A', value: 'B'}]},
          },
        ],
        scheduling: {timeout: '-1.500s', restartJobOnWorkerRestart: true},
      },
      error: {code: 13, message: 'boom'},
    };
    expect(messageToJson(CustomJob, messageFromJson(CustomJob, canonical))).toEqual(canonical);
  });
});
