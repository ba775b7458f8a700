// The bundle's official clients carry protobuf descriptors pruned to client-manifest.ts
// (scripts/prune-descriptors.mjs). A method the app calls outside the manifest would exist in the
// tests' clients (full descriptors) and fail only in the published app, so this test runs every
// method of the app's API against recording clients and requires each RPC they call to be in the
// manifest; then it builds the real generated clients on the pruned descriptors and checks each
// manifest RPC has its stub.
import {createRequire} from 'node:module';
import * as grpc from '@grpc/grpc-js';
import {describe, expect, it} from 'vitest';
import {pruneDescriptors} from '../../scripts/prune-descriptors.mjs';
import {API_METHODS, JOB_KINDS, type VertexApi} from '../../source/services/vertex/api.js';
import {CLIENT_MANIFEST} from '../../source/services/vertex/client-manifest.js';
import {
  officialDatasetsApi,
  officialJobsApi,
  officialLoggingApi,
  officialPersistentResourcesApi,
} from '../../source/services/vertex/official-api.js';

const require = createRequire(import.meta.url);
// The clients never ask a metadata server for credentials here (they never call out).
process.env.METADATA_SERVER_DETECTION = 'none';
const SERVICE_OF = {
  jobs: 'google.cloud.aiplatform.v1.JobService',
  pipelines: 'google.cloud.aiplatform.v1.PipelineService',
  datasets: 'google.cloud.aiplatform.v1.DatasetService',
  persistentResources: 'google.cloud.aiplatform.v1.PersistentResourceService',
  logging: 'google.logging.v2.LoggingServiceV2',
} as const;
type ClientName = keyof typeof SERVICE_OF;

const manifestServices = Object.assign(
  {},
  ...CLIENT_MANIFEST.map((entry) => entry.services),
) as Record<string, readonly string[]>;
/** The generated clients' method name of an RPC (ListCustomJobs → listCustomJobs). */
const camel = (rpc: string) => rpc[0]!.toLowerCase() + rpc.slice(1);

/** A client that records each method called and answers as an empty page or a bare stream. */
function recordingClient(name: ClientName, calls: Set<string>) {
  return new Proxy(
    {},
    {
      get: (_target, method) => {
        if (typeof method !== 'string' || method === 'then') return undefined;
        return () => {
          calls.add(`${SERVICE_OF[name]}.${method}`);
          if (method === 'tailLogEntries') return {on() {}, write() {}, destroy() {}};
          return Promise.resolve([[], null, {nextPageToken: ''}]);
        };
      },
    },
  ) as never;
}

/** The RPCs (as service.method, camelCase) that every method of the app's API calls. */
async function rpcsTheAppCalls(): Promise<Set<string>> {
  const calls = new Set<string>();
  const client = (name: ClientName) => recordingClient(name, calls);
  const api: Omit<VertexApi, 'close'> = {
    jobs: officialJobsApi(client('jobs'), client('pipelines')),
    datasets: officialDatasetsApi(client('datasets')),
    persistentResources: officialPersistentResourcesApi(client('persistentResources')),
    logging: officialLoggingApi(client('logging')),
  };
  const request = {parent: 'projects/p/locations/l', name: 'x'};
  for (const [namespace, methods] of Object.entries(API_METHODS)) {
    for (const method of methods) {
      const call = (api as unknown as Record<string, Record<string, (...a: unknown[]) => unknown>>)[
        namespace
      ]![method]!;
      if (['listJobs', 'getJob', 'cancelJob'].includes(method)) {
        for (const kind of JOB_KINDS) await call(kind, method === 'listJobs' ? request : 'x');
      } else if (method === 'createPersistentResource') await call('p', 'x', {});
      else await call(method.startsWith('list') ? (namespace === 'logging' ? {} : request) : 'x');
    }
  }
  api.logging
    .tailLogEntries(
      {resourceNames: [], filter: '', bufferWindow: {seconds: 0, nanos: 0}},
      {onData() {}, onEnd() {}},
    )
    .close();
  return calls;
}

describe('the client manifest (pruned descriptors)', () => {
  it('holds every RPC the app calls through the official clients', async () => {
    const calls = await rpcsTheAppCalls();
    expect(calls.size).toBeGreaterThan(10);
    const manifest = new Set(
      Object.entries(manifestServices).flatMap(([service, rpcs]) =>
        rpcs.map((rpc) => `${service}.${camel(rpc)}`),
      ),
    );
    expect([...calls].filter((call) => !manifest.has(call))).toEqual([]);
  });

  it('fails the build, naming it, when an RPC is not in the package', () => {
    const json = require('@google-cloud/logging-api/build/protos/protos.json') as object;
    expect(() =>
      pruneDescriptors(json, {'google.logging.v2.LoggingServiceV2': ['ListLogEntriez']}),
    ).toThrow('google.logging.v2.LoggingServiceV2.ListLogEntriez');
  });

  it.each(Object.keys(SERVICE_OF) as ClientName[])(
    'builds the real %s client on the pruned descriptors, with a stub for each manifest RPC',
    async (name) => {
      const service = SERVICE_OF[name];
      const entry = CLIENT_MANIFEST.find((item) => service in item.services)!;
      const jsonPath = require.resolve(`${entry.package}/build/protos/protos.json`);
      const json = require(jsonPath) as {nested: unknown};
      const whole = json.nested;
      const pruned = pruneDescriptors(json, entry.services) as {nested: unknown};
      expect(JSON.stringify(pruned).length).toBeLessThan(JSON.stringify(json).length / 5);
      // The generated client requires this same module-cached object.
      json.nested = pruned.nested;
      try {
        const modules = {
          jobs: '@google-cloud/aiplatform/build/src/v1/job_service_client.js',
          pipelines: '@google-cloud/aiplatform/build/src/v1/pipeline_service_client.js',
          datasets: '@google-cloud/aiplatform/build/src/v1/dataset_service_client.js',
          persistentResources:
            '@google-cloud/aiplatform/build/src/v1/persistent_resource_service_client.js',
          logging: '@google-cloud/logging-api/build/src/v2/logging_service_v2_client.js',
        };
        const module = require(modules[name]) as Record<string, new (options: object) => never>;
        const className = service.split('.').pop()!;
        const Client =
          module[
            className === 'LoggingServiceV2' ? 'LoggingServiceV2Client' : `${className}Client`
          ]!;
        const client = new Client({
          apiEndpoint: '127.0.0.1',
          port: 9,
          sslCreds: grpc.credentials.createInsecure(),
        }) as unknown as {initialize(): Promise<Record<string, unknown>>; close(): Promise<void>};
        const stub = await client.initialize();
        for (const rpc of entry.services[service]!)
          expect(typeof stub[camel(rpc)]).toBe('function');
        await client.close();
      } finally {
        json.nested = whole;
      }
    },
  );
});
