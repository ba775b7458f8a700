// The official clients, configured for a backend. Loading a client costs synchronous protobuf
// work, so the app only does it inside the API worker (client-worker.ts), one service at a time
// when first called (lazyClients); tests of the emulator use createClients directly.
//
// Adding a client (e.g. Monitoring's MetricServiceClient): add its module to CLIENT_MODULES below,
// its RPCs to client-manifest.ts (the build prunes its package's descriptors to them and
// test/unit/client-manifest.test.ts checks the app calls nothing else), a getter in LazyClients,
// and its package to the `devDependencies` (the build bundles it).
import {commonJsExports} from './commonjs-exports.js';
import {clientOptions, type Backend} from './connection.js';
import {dropUnusedAiplatformVersions} from './prune-protos.js';

import type * as JobServiceClientTypes from '@google-cloud/aiplatform/build/src/v1/job_service_client.js';
import type * as PipelineServiceClientTypes from '@google-cloud/aiplatform/build/src/v1/pipeline_service_client.js';
import type * as DatasetServiceClientTypes from '@google-cloud/aiplatform/build/src/v1/dataset_service_client.js';
import type * as PersistentResourceClientTypes from '@google-cloud/aiplatform/build/src/v1/persistent_resource_service_client.js';
import type * as LoggingClientTypes from '@google-cloud/logging-api/build/src/v2/logging_service_v2_client.js';

type JobServiceClientModule = typeof JobServiceClientTypes;
type PipelineServiceClientModule = typeof PipelineServiceClientTypes;
type DatasetServiceClientModule = typeof DatasetServiceClientTypes;
type LoggingClientModule = typeof LoggingClientTypes;
type PersistentResourceClientModule = typeof PersistentResourceClientTypes;

export type JobServiceClient = InstanceType<JobServiceClientModule['JobServiceClient']>;
export type PipelineServiceClient = InstanceType<
  PipelineServiceClientModule['PipelineServiceClient']
>;
export type DatasetServiceClient = InstanceType<DatasetServiceClientModule['DatasetServiceClient']>;
export type PersistentResourceServiceClient = InstanceType<
  PersistentResourceClientModule['PersistentResourceServiceClient']
>;
export type LoggingServiceClient = InstanceType<LoggingClientModule['LoggingServiceV2Client']>;

export interface Clients {
  jobs: JobServiceClient;
  pipelines: PipelineServiceClient;
  datasets: DatasetServiceClient;
  persistentResources: PersistentResourceServiceClient;
  logging: LoggingServiceClient;
  close(): Promise<void>;
}

/**
 * Keeps the auth library off the network when it has nothing to find there. Local mode needs no
 * Google credentials at all. Vertex mode without a credentials file would otherwise probe the
 * metadata server (a DNS lookup and retries that take seconds off Google Cloud, plus a
 * MetadataLookupWarning on the screen); `bios-only` asks it only when the machine's BIOS or
 * runtime says it is on Google Cloud, where the metadata server answers at once.
 */
export function quietOffGoogleCloud(backend: Backend): void {
  process.env.METADATA_SERVER_DETECTION ??= backend.kind === 'local' ? 'none' : 'bios-only';
}

/**
 * The Cloud Logging gRPC client alone, from the generated package @google-cloud/logging ships it
 * in (@google-cloud/logging-api, hoisted beside it by npm): the package's own index also loads its
 * Logging/Entry/Sink layer and costs about 15 MB more in the API worker. A static specifier, so
 * the build bundles it.
 */
const loggingClientModule = () =>
  commonJsExports(
    import('@google-cloud/logging-api/build/src/v2/logging_service_v2_client.js') as Promise<LoggingClientModule>,
  );

/** One client module per service, loaded on first use (never the package index). */
const CLIENT_MODULES = {
  jobs: () =>
    commonJsExports(
      import('@google-cloud/aiplatform/build/src/v1/job_service_client.js') as Promise<JobServiceClientModule>,
    ),
  pipelines: () =>
    commonJsExports(
      import('@google-cloud/aiplatform/build/src/v1/pipeline_service_client.js') as Promise<PipelineServiceClientModule>,
    ),
  datasets: () =>
    commonJsExports(
      import('@google-cloud/aiplatform/build/src/v1/dataset_service_client.js') as Promise<DatasetServiceClientModule>,
    ),
  persistentResources: () =>
    commonJsExports(
      import('@google-cloud/aiplatform/build/src/v1/persistent_resource_service_client.js') as Promise<PersistentResourceClientModule>,
    ),
  logging: loggingClientModule,
};

/** The clients of one backend, each created when first asked for; close() closes those made. */
export interface LazyClients {
  jobs(): Promise<JobServiceClient>;
  pipelines(): Promise<PipelineServiceClient>;
  datasets(): Promise<DatasetServiceClient>;
  persistentResources(): Promise<PersistentResourceServiceClient>;
  logging(): Promise<LoggingServiceClient>;
  close(): Promise<void>;
}

/**
 * The app's clients (in the API worker): a screen that never reads logs never loads Cloud
 * Logging's client, a job list never loads the dataset client. In the bundle each client's
 * descriptors are already pruned to the RPCs the app calls (scripts/prune-descriptors.mjs).
 */
export function lazyClients(backend: Backend): LazyClients {
  quietOffGoogleCloud(backend);
  const made: Array<Promise<{close(): Promise<void>}>> = [];
  const once = <T extends {close(): Promise<void>}>(create: () => Promise<T>) => {
    let client: Promise<T> | undefined;
    return () => {
      if (!client) {
        client = create();
        made.push(client);
      }
      return client;
    };
  };
  return {
    jobs: once(
      async () =>
        new (await CLIENT_MODULES.jobs()).JobServiceClient(
          await clientOptions(backend, 'aiplatform'),
        ),
    ),
    pipelines: once(
      async () =>
        new (await CLIENT_MODULES.pipelines()).PipelineServiceClient(
          await clientOptions(backend, 'aiplatform'),
        ),
    ),
    datasets: once(
      async () =>
        new (await CLIENT_MODULES.datasets()).DatasetServiceClient(
          await clientOptions(backend, 'aiplatform'),
        ),
    ),
    persistentResources: once(
      async () =>
        new (await CLIENT_MODULES.persistentResources()).PersistentResourceServiceClient(
          await clientOptions(backend, 'aiplatform'),
        ),
    ),
    logging: once(
      async () =>
        new (await CLIENT_MODULES.logging()).LoggingServiceV2Client(
          await clientOptions(backend, 'logging'),
        ),
    ),
    async close() {
      await Promise.allSettled(made.map(async (client) => (await client).close()));
    },
  };
}

/** Every client at once, with the packages' full descriptors (tests of the emulator). */
export async function createClients(backend: Backend): Promise<Clients> {
  quietOffGoogleCloud(backend);
  dropUnusedAiplatformVersions();
  // Only the client modules used: the package index loads every Vertex client (slow).
  const [
    {JobServiceClient},
    {PipelineServiceClient},
    {DatasetServiceClient},
    {PersistentResourceServiceClient},
    logging,
  ] = await Promise.all([
    CLIENT_MODULES.jobs(),
    CLIENT_MODULES.pipelines(),
    CLIENT_MODULES.datasets(),
    CLIENT_MODULES.persistentResources(),
    CLIENT_MODULES.logging(),
  ]);
  const {LoggingServiceV2Client} = logging;
  const vertexOptions = await clientOptions(backend, 'aiplatform');
  const jobs = new JobServiceClient(vertexOptions);
  const pipelines = new PipelineServiceClient(vertexOptions);
  const datasets = new DatasetServiceClient(vertexOptions);
  const persistentResources = new PersistentResourceServiceClient(vertexOptions);
  const loggingClient = new LoggingServiceV2Client(await clientOptions(backend, 'logging'));
  return {
    jobs,
    pipelines,
    datasets,
    persistentResources,
    logging: loggingClient,
    async close() {
      await Promise.allSettled([
        jobs.close(),
        pipelines.close(),
        datasets.close(),
        persistentResources.close(),
        loggingClient.close(),
      ]);
    },
  };
}
