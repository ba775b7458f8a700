// Where the official clients connect. Vertex mode and local mode differ only here: the endpoint
// (regional Vertex host vs the emulator's loopback port) and the credentials (Google ADC vs the
// emulator owner's key sent as call metadata over a loopback-only insecure channel).
import type {ChannelCredentials} from '@grpc/grpc-js';
import {EMULATOR_KEY_HEADER} from '../job-spec/index.js';

export type Backend =
  | {kind: 'vertex'; project: string; region: string}
  | {kind: 'local'; project: string; region: string; host: string; port: number; key: string};

/** The regional Vertex AI host gcloud and the docs use: `{region}-aiplatform.googleapis.com`. */
export function vertexApiHost(region: string): string {
  return `${region}-aiplatform.googleapis.com`;
}

export interface ClientOptions {
  [option: string]: string | number | object | undefined;
  apiEndpoint: string;
  port: number;
  sslCreds?: ChannelCredentials;
  'grpc.callInvocationTransformer'?: (properties: {
    metadata: {set(key: string, value: string): void};
  }) => unknown;
}

/** Options for an aiplatform or logging client, given the endpoint host for Vertex mode. */
export async function clientOptions(backend: Backend, vertexHost: string): Promise<ClientOptions> {
  if (backend.kind === 'vertex') return {apiEndpoint: vertexHost, port: 443};
  const grpc = await import('@grpc/grpc-js');
  const key = backend.key;
  return {
    apiEndpoint: backend.host,
    port: backend.port,
    sslCreds: grpc.credentials.createInsecure(),
    'grpc.callInvocationTransformer': (properties) => {
      properties.metadata.set(EMULATOR_KEY_HEADER, key);
      return properties;
    },
  };
}
