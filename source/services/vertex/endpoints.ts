// Where Vertex mode connects: the regional Vertex AI host, Cloud Logging and Cloud Storage, each
// overridable the way gcloud (CLOUDSDK_API_ENDPOINT_OVERRIDES_<API>) and the Storage client
// (STORAGE_EMULATOR_HOST) do it. Pure: takes the environment, returns hosts with their source.
/** Environment variables as process.env has them (a parameter, so tests pass their own). */
export type Env = Record<string, string | undefined>;

export interface GrpcEndpoint {
  host: string;
  port: number;
  /** e.g. "default (regional host)" or "env CLOUDSDK_API_ENDPOINT_OVERRIDES_AIPLATFORM". */
  source: string;
}

export interface HttpEndpoint {
  /**
   * The Storage client's apiEndpoint: origin plus any path prefix, without a trailing slash or a
   * gcloud-style `/storage/v1` suffix, e.g. https://storage.googleapis.com.
   */
  url: string;
  source: string;
}

export interface VertexEndpoints {
  aiplatform: GrpcEndpoint;
  logging: GrpcEndpoint;
  /** Cloud Monitoring (per-replica utilisation): monitoring.googleapis.com, like gcloud's default. */
  monitoring: GrpcEndpoint;
  storage: HttpEndpoint;
}

export class EndpointError extends Error {}

/** The regional Vertex AI host gcloud and the docs use: `{region}-aiplatform.googleapis.com`. */
export function vertexApiHost(region: string): string {
  return `${region}-aiplatform.googleapis.com`;
}

function parseUrl(name: string, raw: string): URL {
  const text = /^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `https://${raw}`;
  try {
    return new URL(text);
  } catch {
    throw new EndpointError(
      `${name}="${raw}" is not a URL; set it like https://us-central1-aiplatform.googleapis.com/ (or unset it).`,
    );
  }
}

function grpcOverride(env: Env, name: string): GrpcEndpoint | undefined {
  const raw = env[name]?.trim();
  if (!raw) return undefined;
  const url = parseUrl(name, raw);
  // The official clients send OAuth tokens, which gRPC only allows over TLS.
  if (url.protocol !== 'https:')
    throw new EndpointError(
      `${name}="${raw}" must be an https:// URL: the gRPC clients send credentials only over TLS.`,
    );
  return {
    host: url.hostname.replace(/^\[|\]$/g, ''),
    port: Number(url.port || 443),
    source: `env ${name}`,
  };
}

/** Keeps a path prefix (an emulator's `/t/TOKEN`), drops gcloud's `/storage/v1/` suffix. */
function apiEndpoint(url: URL): string {
  const prefix = url.pathname.replace(/\/+$/, '').replace(/\/storage\/v1$/, '');
  return `${url.origin}${prefix}`;
}

function storageEndpoint(env: Env): HttpEndpoint {
  const override = env.CLOUDSDK_API_ENDPOINT_OVERRIDES_STORAGE?.trim();
  if (override) {
    const url = parseUrl('CLOUDSDK_API_ENDPOINT_OVERRIDES_STORAGE', override);
    return {url: apiEndpoint(url), source: 'env CLOUDSDK_API_ENDPOINT_OVERRIDES_STORAGE'};
  }
  const emulator = env.STORAGE_EMULATOR_HOST?.trim();
  if (emulator) {
    // The Storage client takes a bare host:port as http (an emulator), as here.
    const text = /^[a-z]+:\/\//i.test(emulator) ? emulator : `http://${emulator}`;
    const url = parseUrl('STORAGE_EMULATOR_HOST', text);
    return {url: apiEndpoint(url), source: 'env STORAGE_EMULATOR_HOST'};
  }
  return {url: 'https://storage.googleapis.com', source: 'default'};
}

export function resolveEndpoints(region: string, env: Env): VertexEndpoints {
  return {
    aiplatform: grpcOverride(env, 'CLOUDSDK_API_ENDPOINT_OVERRIDES_AIPLATFORM') ?? {
      host: vertexApiHost(region),
      port: 443,
      source: `default (regional host of ${region})`,
    },
    logging: grpcOverride(env, 'CLOUDSDK_API_ENDPOINT_OVERRIDES_LOGGING') ?? {
      host: 'logging.googleapis.com',
      port: 443,
      source: 'default',
    },
    monitoring: grpcOverride(env, 'CLOUDSDK_API_ENDPOINT_OVERRIDES_MONITORING') ?? {
      host: 'monitoring.googleapis.com',
      port: 443,
      source: 'default',
    },
    storage: storageEndpoint(env),
  };
}
