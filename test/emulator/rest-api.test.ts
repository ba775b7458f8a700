// The emulator's HTTP/JSON surface, driven with plain fetch as curl or a REST transport would:
// every annotated method it implements (custom jobs, operations, log entries), paging, filters,
// read_mask, long-running operation polling, the REST error body, and the owner's token.
import fs from 'node:fs';
import {createRequire} from 'node:module';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {loadEmulatorProtoRoot, loadEmulatorProtos} from '../../source/emulator/rpc/protos.js';
import {buildRoutes} from '../../source/emulator/rest/routes.js';
import {MIXIN_HTTP_RULES} from '../../source/emulator/rest/mixin-rules.js';
import {startTestEmulator, waitFor, type TestEmulator} from '../helpers/emulator.js';
import {PARENT, scenarioRequest, stageScenario} from '../helpers/scenario.js';

let env: TestEmulator;
let base: string;

/** The owner's key, which the REST surface takes as its bearer token. */
const ownerKey = (emulator: TestEmulator) => (emulator.backend as {key: string}).key;

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

async function call(
  method: string,
  path: string,
  body?: unknown,
  auth: {token: string | undefined} = {token: ownerKey(env)},
): Promise<{status: number; json: Json; headers: Headers}> {
  const {token} = auth;
  const response = await fetch(`${base}${path}`, {
    method,
    headers: {
      ...(token !== undefined && {authorization: `Bearer ${token}`}),
      ...(body !== undefined && {'content-type': 'application/json'}),
    },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  return {
    status: response.status,
    json: (await response.json()) as Json,
    headers: response.headers,
  };
}

const V1 = `/v1/${PARENT}`;
const TERMINAL = ['JOB_STATE_SUCCEEDED', 'JOB_STATE_FAILED', 'JOB_STATE_CANCELLED'];

async function createJob(args: string[], displayName = 'rest'): Promise<Json> {
  const {customJob} = scenarioRequest(args, {displayName, labels: {via: 'rest'}});
  const {status, json} = await call('POST', `${V1}/customJobs?alt=json`, customJob);
  expect(status).toBe(200);
  return json;
}

const untilState = (name: string, states: string[]) =>
  waitFor(
    async () => {
      const {json} = await call('GET', `/v1/${name}`);
      return states.includes(json.state as string) ? json : undefined;
    },
    30_000,
    `${name} to reach ${states.join('/')}`,
  );

beforeAll(async () => {
  env = await startTestEmulator({queueDelayMs: 0, provisionDelayMs: 0});
  await stageScenario(env);
  base = `http://127.0.0.1:${env.emulator.restPort}`;
});
afterAll(async () => env?.close());

describe('routes come from the protos', () => {
  it('derives a route from every google.api.http binding of every unary method served', () => {
    const protos = loadEmulatorProtos();
    const routes = buildRoutes(loadEmulatorProtoRoot(), [
      {definition: protos.jobService, handlers: {}},
      {definition: protos.operationsService, handlers: {}},
      {definition: protos.loggingService, handlers: {}},
    ]);
    const templates = routes.map((route) => `${route.binding.method} ${route.binding.template}`);
    expect(templates).toContain('post /v1/{parent=projects/*/locations/*}/customJobs');
    expect(templates).toContain('post /v1/{name=projects/*/locations/*/customJobs/*}:cancel');
    expect(templates).toContain('post /v2/entries:list');
    expect(templates).toContain('get /v1/{parent=projects/*/locations/*}/hyperparameterTuningJobs');
    // Bidirectional TailLogEntries has no HTTP/JSON form.
    expect(routes.some((route) => route.methodName === 'TailLogEntries')).toBe(false);
  });

  it("uses Vertex's operation bindings, as the installed aiplatform client lists them", () => {
    const client = fs.readFileSync(
      createRequire(import.meta.url).resolve(
        '@google-cloud/aiplatform/build/src/v1/job_service_client.js',
      ),
      'utf8',
    );
    for (const [selector, rule] of Object.entries(MIXIN_HTTP_RULES)) {
      const [verb, template] = Object.entries(rule)[0] as [string, string];
      const section = client.slice(client.indexOf(`selector: '${selector}'`));
      const end = section.indexOf('selector:', 10);
      expect(section.slice(0, end), selector).toContain(`${verb}: '${template}'`);
    }
  });
});

/** A concrete path for a template: sample ids for every wildcard (unknown resources). */
function samplePath(template: string): string {
  const filled = template.replace(
    /\{([^}=]+)(?:=([^}]*))?\}/g,
    (_, _field: string, pattern = '*') =>
      (pattern as string)
        .split('/')
        .map((segment, index, all) => {
          if (segment !== '*' && segment !== '**') return segment;
          const collection = all[index - 1];
          if (collection === 'projects') return 'test-project';
          if (collection === 'locations') return 'us-central1';
          return '424242';
        })
        .join('/'),
  );
  return filled.replace(/\/\*\*?(?=\/|:|$)/g, '/424242');
}

describe('every implemented binding', () => {
  it('answers from its handler (never a route miss or UNIMPLEMENTED), in the REST shape', async () => {
    const implemented = env.emulator.restRoutes.filter((route) => route.implemented);
    // Today: 5 CustomJob methods, 5 Operations methods and entries:list; services added to the
    // gRPC server later (tuning jobs, pipelines, datasets) join this list by themselves.
    expect(implemented.length).toBeGreaterThanOrEqual(11);
    for (const route of implemented) {
      const path = samplePath(route.template);
      const {status, json} = await call(route.method.toUpperCase(), path);
      const what = `${route.method.toUpperCase()} ${path} (${route.selector}): ${JSON.stringify(json)}`;
      expect(status, what).not.toBe(501);
      expect(status, what).not.toBe(405);
      if (status !== 200) {
        expect(json.error, what).toMatchObject({code: status, details: []});
        expect(json.error.message, what).not.toMatch(/requested URL/);
        expect(['NOT_FOUND', 'INVALID_ARGUMENT', 'FAILED_PRECONDITION'], what).toContain(
          json.error.status,
        );
      }
    }
  });

  it('names the annotated methods it does not implement as UNIMPLEMENTED (501)', async () => {
    const missing = env.emulator.restRoutes.filter((route) => !route.implemented);
    expect(missing.map((route) => route.selector)).toContain(
      'google.logging.v2.LoggingServiceV2.WriteLogEntries',
    );
    for (const route of missing.slice(0, 20)) {
      const path = samplePath(route.template);
      const {status, json} = await call(route.method.toUpperCase(), path);
      expect(status, `${route.selector} ${path}`).toBe(501);
      expect(json.error.message).toContain(route.selector);
    }
  });
});

describe('authentication', () => {
  it.each([
    ['no token', undefined],
    ['a wrong token', 'not-the-key'],
  ])('refuses a call with %s: 401 UNAUTHENTICATED in the REST error shape', async (_, token) => {
    const {status, json, headers} = await call('GET', `${V1}/customJobs`, undefined, {token});
    expect(status).toBe(401);
    expect(headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(json.error).toMatchObject({code: 401, status: 'UNAUTHENTICATED', details: []});
    expect(json.error.message).toMatch(/env-init/);
  });

  it('listens on loopback only', () => {
    expect(env.emulator.restPort).toBeGreaterThan(0);
    expect(env.emulator.restPort).not.toBe(env.emulator.port);
  });
});

describe('custom jobs', () => {
  it('creates, gets and lists a job in proto3 JSON, visible to the gRPC client too', async () => {
    const job = await createJob(['out:hello from rest'], 'created-over-rest');
    expect(job.name).toMatch(/^projects\/test-project\/locations\/us-central1\/customJobs\/\d+$/);
    expect(job.displayName).toBe('created-over-rest');
    expect(job.state).toBe('JOB_STATE_QUEUED');
    expect(job.createTime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);
    // int64 as a string, enums by name, camelCase everywhere.
    expect(job.jobSpec.workerPoolSpecs[0].replicaCount).toBe('1');
    expect(job.labels).toEqual({via: 'rest'});

    const [viaGrpc] = await env.clients.jobs.getCustomJob({name: job.name});
    expect(viaGrpc.displayName).toBe('created-over-rest');
    const done = await untilState(job.name, TERMINAL);
    expect(done.state).toBe('JOB_STATE_SUCCEEDED');
    expect(done.endTime).toMatch(/Z$/);
  });

  it('pages with pageSize/pageToken, filters and applies read_mask', async () => {
    for (const index of [1, 2, 3]) await createJob(['out:x'], `page-${index}`);
    const filter = encodeURIComponent('display_name:"page-"');
    const first = await call('GET', `${V1}/customJobs?pageSize=2&filter=${filter}`);
    expect(first.status).toBe(200);
    expect(first.json.customJobs).toHaveLength(2);
    expect(first.json.nextPageToken).toBeTruthy();
    const second = await call(
      'GET',
      `${V1}/customJobs?pageSize=2&filter=${filter}&pageToken=${first.json.nextPageToken}`,
    );
    expect(second.json.customJobs).toHaveLength(1);
    expect(second.json.nextPageToken).toBeUndefined();
    const names = [...first.json.customJobs, ...second.json.customJobs].map(
      (job: Json) => job.displayName,
    );
    expect(names.sort()).toEqual(['page-1', 'page-2', 'page-3']);

    const masked = await call(
      'GET',
      `${V1}/customJobs?filter=${filter}&readMask=displayName,state`,
    );
    for (const job of masked.json.customJobs as Json[]) {
      expect(Object.keys(job).sort()).toEqual(['displayName', 'state']);
    }
    // The proto name works in the mask and in the parameter name too.
    const snake = await call('GET', `${V1}/customJobs?filter=${filter}&read_mask=display_name`);
    expect(Object.keys(snake.json.customJobs[0])).toEqual(['displayName']);

    const token = await call(
      'GET',
      `${V1}/customJobs?pageSize=2&pageToken=${first.json.nextPageToken}`,
    );
    expect(token.status).toBe(400);
    expect(token.json.error.status).toBe('INVALID_ARGUMENT');
    const badFilter = await call(
      'GET',
      `${V1}/customJobs?filter=${encodeURIComponent('colour="red"')}`,
    );
    expect(badFilter.status).toBe(400);
    expect(badFilter.json.error.message).toMatch(/colour/);
  });

  it('cancels a running job; cancelling again is FAILED_PRECONDITION (400)', async () => {
    const job = await createJob(['out:started', 'sleep:60']);
    await untilState(job.name, ['JOB_STATE_RUNNING']);
    const cancelled = await call('POST', `/v1/${job.name}:cancel`, {});
    expect(cancelled).toMatchObject({status: 200, json: {}});
    await untilState(job.name, ['JOB_STATE_CANCELLED']);
    const again = await call('POST', `/v1/${job.name}:cancel`);
    expect(again.status).toBe(400);
    expect(again.json.error).toMatchObject({code: 400, status: 'FAILED_PRECONDITION'});
  });

  it('deletes through a long-running operation that GetOperation/List/Wait/Cancel/Delete serve', async () => {
    const job = await createJob(['out:bye']);
    const running = await call('DELETE', `/v1/${job.name}`);
    if (running.status !== 200) expect(running.json.error.status).toBe('FAILED_PRECONDITION');
    await untilState(job.name, TERMINAL);
    const deleted = await call('DELETE', `/v1/${job.name}`);
    expect(deleted.status).toBe(200);
    const operation = deleted.json;
    expect(operation.name).toMatch(
      /^projects\/test-project\/locations\/us-central1\/operations\/\d+$/,
    );
    expect(operation.done).toBe(true);
    expect(operation.metadata['@type']).toBe(
      'type.googleapis.com/google.cloud.aiplatform.v1.DeleteOperationMetadata',
    );
    expect(operation.metadata.genericMetadata.createTime).toMatch(/Z$/);
    expect(operation.response).toEqual({
      '@type': 'type.googleapis.com/google.protobuf.Empty',
      value: {},
    });

    // Polling as gcloud does: GET the operation until done.
    const polled = await call('GET', `/v1/${operation.name}`);
    expect(polled.json).toEqual(operation);
    const waited = await call('POST', `/v1/${operation.name}:wait?timeout=5s`);
    expect(waited.json.done).toBe(true);
    const listed = await call('GET', `${V1}/operations`);
    expect(listed.json.operations.map((op: Json) => op.name)).toContain(operation.name);
    expect((await call('POST', `/v1/${operation.name}:cancel`)).status).toBe(200);
    expect((await call('DELETE', `/v1/${operation.name}`)).json).toEqual({});
    const gone = await call('GET', `/v1/${operation.name}`);
    expect(gone.status).toBe(404);
    expect(gone.json.error.status).toBe('NOT_FOUND');

    const missing = await call('GET', `/v1/${job.name}`);
    expect(missing.status).toBe(404);
    expect(missing.json.error).toMatchObject({code: 404, status: 'NOT_FOUND', details: []});
    expect(missing.json.error.message).toContain(job.name);
  });
});

describe('log entries', () => {
  it('lists a job’s entries in pages, with the Logging JSON shapes gcloud reads', async () => {
    const job = await createJob([
      'out:line one',
      'err:line two',
      'out:{"message": "three", "n": 3}',
    ]);
    await untilState(job.name, TERMINAL);
    const id = (job.name as string).split('/').pop();
    const request = {
      resourceNames: ['projects/test-project'],
      filter: `resource.type="ml_job" AND resource.labels.job_id="${id}" AND timestamp>="1970-01-01T01:00:00.000000000Z"`,
      orderBy: 'timestamp asc',
      pageSize: 2,
    };
    const first = await call('POST', '/v2/entries:list?alt=json', request);
    expect(first.status).toBe(200);
    expect(first.json.entries).toHaveLength(2);
    expect(first.json.nextPageToken).toBeTruthy();
    const rest = await call('POST', '/v2/entries:list', {
      ...request,
      pageSize: 1000,
      pageToken: first.json.nextPageToken,
    });
    const entries = [...first.json.entries, ...rest.json.entries] as Json[];
    const messages = entries.map((entry) => entry.textPayload ?? entry.jsonPayload?.message);
    expect(messages).toEqual(expect.arrayContaining(['line one', 'line two', 'three']));
    const tasks = new Set(entries.map((entry) => entry.resource.labels.task_name));
    expect(tasks).toContain('workerpool0-0');
    const json = entries.find((entry) => entry.jsonPayload);
    expect(json?.jsonPayload).toEqual({message: 'three', n: 3});
    for (const entry of entries) {
      expect(entry.timestamp).toMatch(/^\d{4}-.*Z$/);
      expect(entry.resource).toMatchObject({type: 'ml_job', labels: {job_id: id}});
      expect(entry.severity).toMatch(/^[A-Z]+$/);
    }
    const bad = await call('POST', '/v2/entries:list', {resourceNames: ['nope']});
    expect(bad.status).toBe(400);
    expect(bad.json.error.message).toMatch(/resource_names/);
  });
});

describe('errors', () => {
  it('answers malformed requests with 400 naming the field and the rule', async () => {
    const notJson = await call('POST', `${V1}/customJobs`, '{"displayName": ');
    expect(notJson.status).toBe(400);
    expect(notJson.json.error.message).toMatch(/Invalid JSON payload/);
    const unknown = await call('POST', `${V1}/customJobs`, {displayName: 'x', colour: 'red'});
    expect(unknown.status).toBe(400);
    expect(unknown.json.error.message).toMatch(/Unknown name "colour"/);
    const badEnum = await call('GET', `${V1}/customJobs?pageSize=ten`);
    expect(badEnum.status).toBe(400);
    expect(badEnum.json.error.message).toMatch(/page_size/);
    const unknownParam = await call('GET', `${V1}/customJobs?colour=red`);
    expect(unknownParam.status).toBe(400);
    expect(unknownParam.json.error.message).toMatch(/Cannot bind query parameter/);
    const invalid = await call('POST', `${V1}/customJobs`, {displayName: 'x', jobSpec: {}});
    expect(invalid.status).toBe(400);
    expect(invalid.json.error.status).toBe('INVALID_ARGUMENT');
  });

  it('answers unknown paths 404, wrong verbs 405, and unimplemented annotated methods 501', async () => {
    const unknown = await call('GET', '/v1/projects/p/locations/l/nothingHere');
    expect(unknown.status).toBe(404);
    expect(unknown.json.error.status).toBe('NOT_FOUND');
    const verb = await call('PUT', `${V1}/customJobs`);
    expect(verb.status).toBe(405);
    expect(verb.headers.get('allow')).toMatch(/GET/);
    const write = await call('POST', '/v2/entries:write', {entries: []});
    expect(write.status).toBe(501);
    expect(write.json.error).toMatchObject({status: 'UNIMPLEMENTED'});
    expect(write.json.error.message).toMatch(/WriteLogEntries/);
  });

  it('passes calls through the same fault injector as gRPC, with the same status', async () => {
    const faulty = await startTestEmulator({
      faults: {errors: [{method: 'ListCustomJobs', code: 'UNAVAILABLE', times: 1}]},
    });
    try {
      const url = `http://127.0.0.1:${faulty.emulator.restPort}${V1}/customJobs`;
      const headers = {authorization: `Bearer ${ownerKey(faulty)}`};
      const first = await fetch(url, {headers});
      expect(first.status).toBe(503);
      expect(((await first.json()) as Json).error.status).toBe('UNAVAILABLE');
      expect((await fetch(url, {headers})).status).toBe(200);
    } finally {
      await faulty.close();
    }
  });
});
