// HttpRule templates and HTTP → request transcoding, on the real annotated methods of the
// installed protos (including ones the emulator does not serve yet, such as PATCH with a body
// field and an update mask), as google/api/http.proto specifies them.
import {describe, expect, it} from 'vitest';
import type protobuf from 'protobufjs';
import {
  EMULATOR_PROTO_FILES,
  HANDLER_OBJECT_OPTIONS,
  loadEmulatorProtoRoot,
} from '../../../source/emulator/rpc/protos.js';
import {
  compileTemplate,
  httpBindings,
  methodHttpRule,
} from '../../../source/emulator/rest/http-rule.js';
import type {RouteMatch} from '../../../source/emulator/rest/routes.js';
import {transcodeRequest} from '../../../source/emulator/rest/transcode.js';
import {ProtoJsonError} from '../../../source/core/protocol/proto-json.js';

const root = loadEmulatorProtoRoot([
  ...EMULATOR_PROTO_FILES,
  'google/cloud/aiplatform/v1/dataset_service.proto',
]);

function route(service: string, method: string, index = 0) {
  const found = root.lookupService(service).methods[method] as protobuf.Method;
  const binding = httpBindings(methodHttpRule(found))[index];
  if (!binding) throw new Error(`${method} has no binding ${index}`);
  return {
    binding,
    requestType: found.resolvedRequestType as protobuf.Type,
    match(path: string): RouteMatch {
      const variables = binding.match(path);
      if (!variables) throw new Error(`${binding.template} does not match ${path}`);
      return {
        route: {
          selector: `${service}.${method}`,
          methodName: method,
          binding,
          requestType: found.resolvedRequestType as protobuf.Type,
          responseType: found.resolvedResponseType as protobuf.Type,
          handler: undefined,
        },
        variables,
      };
    },
  };
}

const JOBS = 'google.cloud.aiplatform.v1.JobService';
const DATASETS = 'google.cloud.aiplatform.v1.DatasetService';

function transcode(
  r: ReturnType<typeof route>,
  path: string,
  query = '',
  body?: unknown,
): Record<string, unknown> {
  const message = transcodeRequest(r.match(path), new URLSearchParams(query), body);
  return r.requestType.toObject(message, HANDLER_OBJECT_OPTIONS);
}

describe('path templates', () => {
  it('matches wildcards, verbs and multi-segment variables, and decodes each segment', () => {
    const cancel = compileTemplate('/v1/{name=projects/*/locations/*/customJobs/*}:cancel');
    expect(cancel.match('/v1/projects/p/locations/l/customJobs/7:cancel')).toEqual({
      name: 'projects/p/locations/l/customJobs/7',
    });
    expect(cancel.match('/v1/projects/p/locations/l/customJobs/7')).toBeUndefined();
    expect(cancel.match('/v1/projects/p/locations/l/customJobs/7/x:cancel')).toBeUndefined();
    const deep = compileTemplate('/v1/{name=operations/**}');
    expect(deep.match('/v1/operations/a/b/c')).toEqual({name: 'operations/a/b/c'});
    const encoded = compileTemplate('/v2/{log_name=projects/*/logs/*}');
    expect(encoded.match('/v2/projects/p/logs/ml.googleapis.com%2Fjob')).toEqual({
      log_name: 'projects/p/logs/ml.googleapis.com/job',
    });
    expect(compileTemplate('/v2/entries:list').match('/v2/entries:list')).toEqual({});
  });

  it('reads additional_bindings from the method options', () => {
    const listLogs = root.lookupService('google.logging.v2.LoggingServiceV2').methods
      .ListLogs as protobuf.Method;
    const templates = httpBindings(methodHttpRule(listLogs)).map((b) => b.template);
    expect(templates[0]).toBe('/v2/{parent=*/*}/logs');
    expect(templates).toContain('/v2/{parent=projects/*/locations/*/buckets/*/views/*}/logs');
  });
});

describe('HTTP → request message', () => {
  it('puts the body in the named field and path variables at their paths', () => {
    const create = route(JOBS, 'CreateCustomJob');
    expect(create.binding.body).toBe('custom_job');
    const request = transcode(create, '/v1/projects/p/locations/l/customJobs', 'alt=json', {
      displayName: 'x',
    });
    expect(request).toEqual({parent: 'projects/p/locations/l', customJob: {displayName: 'x'}});
  });

  it('binds a nested path variable into the body field, and an update mask from the query', () => {
    const update = route(DATASETS, 'UpdateDataset');
    expect(update.binding.method).toBe('patch');
    const request = transcode(
      update,
      '/v1/projects/p/locations/l/datasets/9',
      'updateMask=displayName,labels',
      {displayName: 'renamed'},
    );
    expect(request).toEqual({
      dataset: {name: 'projects/p/locations/l/datasets/9', displayName: 'renamed'},
      updateMask: {paths: ['display_name', 'labels']},
    });
  });

  it('reads query parameters by JSON or proto name, typed by their fields', () => {
    const list = route(JOBS, 'ListCustomJobs');
    const request = transcode(
      list,
      '/v1/projects/p/locations/l/customJobs',
      'page_size=5&pageToken=t&filter=state%3D%22JOB_STATE_RUNNING%22&readMask=name,jobSpec.workerPoolSpecs&prettyPrint=false&%24.xgafv=2',
    );
    expect(request).toEqual({
      parent: 'projects/p/locations/l',
      pageSize: 5,
      pageToken: 't',
      filter: 'state="JOB_STATE_RUNNING"',
      readMask: {paths: ['name', 'job_spec.worker_pool_specs']},
    });
  });

  it('collects a repeated query parameter given more than once', () => {
    const listLogs = route('google.logging.v2.LoggingServiceV2', 'ListLogs');
    const request = transcode(
      listLogs,
      '/v2/projects/p/logs',
      'resourceNames=projects/a&resourceNames=projects/b&pageSize=2',
    );
    expect(request).toEqual({
      parent: 'projects/p',
      resourceNames: ['projects/a', 'projects/b'],
      pageSize: 2,
    });
  });

  it('takes the whole body for body "*", path variables winning', () => {
    const entries = route('google.logging.v2.LoggingServiceV2', 'ListLogEntries');
    expect(
      transcode(entries, '/v2/entries:list', '', {resourceNames: ['projects/p'], pageSize: 3}),
    ).toEqual({resourceNames: ['projects/p'], pageSize: 3});
    const cancel = route('google.longrunning.Operations', 'CancelOperation');
    expect(transcode(cancel, '/v1/operations/1:cancel', '', {name: 'operations/other'})).toEqual({
      name: 'operations/1',
    });
  });

  it('rejects a message-typed field in the query', () => {
    const update = route(DATASETS, 'UpdateDataset');
    const call = () =>
      transcode(update, '/v1/projects/p/locations/l/datasets/9', 'dataset.metadata=x', {});
    expect(call).toThrow(/is a message \(google.protobuf.Value\); send it in the request body/);
  });

  it.each([
    ['an unknown query parameter', 'colour=red', undefined, /Cannot bind query parameter/],
    ['a bad integer', 'pageSize=ten', undefined, /page_size/],
    ['a body on a bodyless method', '', {x: 1}, /takes no request body/],
  ])('rejects %s', (_, query, body, message) => {
    const list = route(JOBS, 'ListCustomJobs');
    const call = () => transcode(list, '/v1/projects/p/locations/l/customJobs', query, body);
    expect(call).toThrow(ProtoJsonError);
    expect(call).toThrow(message);
  });
});
