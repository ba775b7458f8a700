// The official Cloud Monitoring client (MetricServiceClient of @google-cloud/monitoring), created
// here and nowhere else, for both backends: Vertex mode talks to monitoring.googleapis.com (or its
// CLOUDSDK_API_ENDPOINT_OVERRIDES_MONITORING override) with Application Default Credentials, local
// mode to the emulator's gRPC port with the owner's key, through the same clientOptions as the
// Vertex and Logging clients (services/vertex/connection.ts). It is loaded lazily, on the first
// read, and only the one client module: the package index loads every Monitoring client.
import {clientOptions, type Backend} from '../vertex/connection.js';
import {quietOffGoogleCloud} from '../vertex/clients.js';
import {commonJsExports} from '../vertex/commonjs-exports.js';

import type * as MetricClientTypes from '@google-cloud/monitoring/build/src/v3/metric_service_client.js';

type MetricClientModule = typeof MetricClientTypes;
export type MetricServiceClient = InstanceType<MetricClientModule['MetricServiceClient']>;

export async function createMetricClient(backend: Backend): Promise<MetricServiceClient> {
  quietOffGoogleCloud(backend);
  // Through commonJsExports: in the bundle, a CommonJS module's import() gives only `default`.
  const {MetricServiceClient} = await commonJsExports<MetricClientModule>(
    import('@google-cloud/monitoring/build/src/v3/metric_service_client.js'),
  );
  const client = new MetricServiceClient(await clientOptions(backend, 'monitoring'));
  // The generated methods start with `this.initialize().catch(err => {throw err})`, a promise
  // nobody awaits: with no credentials (Vertex without ADC) every call would leave an unhandled
  // rejection. Initialising here turns that into one failed creation the reader reports.
  try {
    await client.initialize();
  } catch (error) {
    void client.close().catch(() => undefined);
    throw error;
  }
  return client;
}

/** Same backend, same client: a local service that restarted on another port needs a new one. */
export function sameBackend(a: Backend, b: Backend): boolean {
  if (a.kind === 'local' && b.kind === 'local')
    return a.host === b.host && a.port === b.port && a.key === b.key;
  if (a.kind === 'vertex' && b.kind === 'vertex')
    return (
      a.project === b.project &&
      a.endpoints.monitoring?.host === b.endpoints.monitoring?.host &&
      a.endpoints.monitoring?.port === b.endpoints.monitoring?.port
    );
  return false;
}
