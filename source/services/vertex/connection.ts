// Where the official clients connect. Vertex mode and local mode differ only here: the endpoint
// (regional Vertex host, or its override, vs the emulator's loopback port) and the credentials
// (Application Default Credentials over TLS vs the emulator owner's key sent as call metadata
// over a loopback-only insecure channel).
import type {ChannelCredentials} from '@grpc/grpc-js';
import {EMULATOR_KEY_HEADER} from '../../core/job-spec/index.js';
import type {VertexEndpoints} from './endpoints.js';
import {commonJsExports} from './commonjs-exports.js';

export {vertexApiHost} from './endpoints.js';

export type Backend =
  | {
      kind: 'vertex';
      project: string;
      region: string;
      /** Resolved by services/vertex/endpoints.ts (regional host or CLOUDSDK_API_ENDPOINT_OVERRIDES_*). */
      endpoints: Pick<VertexEndpoints, 'aiplatform' | 'logging'> &
        Partial<Pick<VertexEndpoints, 'storage' | 'monitoring'>>;
    }
  | {kind: 'local'; project: string; region: string; host: string; port: number; key: string};

export interface ClientOptions {
  [option: string]: string | number | object | undefined;
  apiEndpoint: string;
  port: number;
  sslCreds?: ChannelCredentials;
  'grpc.callInvocationTransformer'?: (properties: {
    metadata: {set(key: string, value: string): void};
  }) => unknown;
}

/**
 * The HTTP/2 flow-control window of the logging channel. grpc-js starts at 64 KiB, so a tail
 * moves at most 64 KiB per round trip of two event loops; on a busy machine that fell behind a
 * job writing 20,000 lines a second (a steady 3.3 s lag in bench/logs.mjs; 86 ms with 8 MiB).
 * The worker still applies backpressure when it falls behind.
 */
const LOG_STREAM_WINDOW = {'grpc-node.flow_control_window': 8 << 20};

/**
 * Options for an aiplatform or logging client. In Vertex mode the clients keep their defaults:
 * TLS with the system roots (or GRPC_DEFAULT_SSL_ROOTS_FILE_PATH) and google-auth-library's ADC.
 */
export async function clientOptions(
  backend: Backend,
  api: 'aiplatform' | 'logging' | 'monitoring',
): Promise<ClientOptions> {
  const window = api === 'logging' ? LOG_STREAM_WINDOW : {};
  if (backend.kind === 'vertex') {
    // Monitoring's default host is gcloud's (monitoring.googleapis.com) when none was resolved.
    const endpoint = backend.endpoints[api] ?? {host: 'monitoring.googleapis.com', port: 443};
    // A known project keeps google-auth-library from looking one up (gcloud, the metadata
    // server, Cloud Resource Manager): seconds off Google Cloud, and network calls we never need.
    return {apiEndpoint: endpoint.host, port: endpoint.port, projectId: backend.project, ...window};
  }
  const grpc = await commonJsExports(import('@grpc/grpc-js'));
  const key = backend.key;
  return {
    ...window,
    apiEndpoint: backend.host,
    port: backend.port,
    sslCreds: grpc.credentials.createInsecure(),
    'grpc.callInvocationTransformer': (properties) => {
      properties.metadata.set(EMULATOR_KEY_HEADER, key);
      return properties;
    },
  };
}
