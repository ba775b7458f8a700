// The official clients, configured for a backend. Loading @google-cloud/aiplatform costs seconds
// of synchronous work, so the app only does it inside the API worker (client-worker.ts); tests of
// the emulator use these clients directly.
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
 * in (resolved from @google-cloud/logging, wherever the install put it): the package's own index
 * also loads its Logging/Entry/Sink layer and costs about 15 MB more in the API worker.
 */
async function loggingClientModule(): Promise<LoggingClientModule> {
  const {createRequire} = await import('node:module');
  const logging = createRequire(import.meta.url).resolve('@google-cloud/logging');
  return createRequire(logging)(
    '@google-cloud/logging-api/build/src/v2/logging_service_v2_client.js',
  ) as LoggingClientModule;
}

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
    import('@google-cloud/aiplatform/build/src/v1/job_service_client.js') as Promise<JobServiceClientModule>,
    import('@google-cloud/aiplatform/build/src/v1/pipeline_service_client.js') as Promise<PipelineServiceClientModule>,
    import('@google-cloud/aiplatform/build/src/v1/dataset_service_client.js') as Promise<DatasetServiceClientModule>,
    import('@google-cloud/aiplatform/build/src/v1/persistent_resource_service_client.js') as Promise<PersistentResourceClientModule>,
    loggingClientModule(),
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
