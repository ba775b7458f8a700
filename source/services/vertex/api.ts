// The narrow surface of the Vertex and Cloud Logging APIs that the app uses. Two implementations:
// official-api.ts calls the official Google clients in-process; worker-api.ts forwards
// every call to those same clients running in a worker thread, so that loading them (seconds of
// synchronous protobuf work) and decoding log streams never freeze the UI.
//
// Every method takes and returns structured-cloneable plain data, so the worker boundary, the
// reconnecting wrapper and test fakes can forward calls generically by name (API_METHODS).
import type {
  CreateCustomJobRequest,
  CreateHyperparameterTuningJobRequest,
  CreateTrainingPipelineRequest,
} from '../../core/job-spec/index.js';
import type {LogLine} from './log-line.js';
import type {CustomJobMessage} from './job-snapshot.js';

export type {CustomJobMessage};

export type LogEntryMessage = Record<string, unknown>;
/** A Vertex resource as the official client decodes it (camelCase, enum names, string longs). */
export type ResourceMessage = Record<string, unknown>;

/** The three job resources of Vertex training, each served by its own List/Get/Cancel calls. */
export type JobKind = 'custom' | 'hptuning' | 'pipeline';
export const JOB_KINDS: readonly JobKind[] = ['custom', 'hptuning', 'pipeline'];

export interface ListRequest {
  parent: string;
  /** AIP-160 filter as the List call of that resource accepts it. */
  filter?: string;
  pageSize?: number;
  pageToken?: string;
}

export interface ListPage {
  items: ResourceMessage[];
  /** Empty when this was the last page. */
  nextPageToken: string;
}

export interface JobsApi {
  createCustomJob(request: CreateCustomJobRequest): Promise<CustomJobMessage>;
  createHyperparameterTuningJob(
    request: CreateHyperparameterTuningJobRequest,
  ): Promise<ResourceMessage>;
  createTrainingPipeline(request: CreateTrainingPipelineRequest): Promise<ResourceMessage>;
  getCustomJob(name: string): Promise<CustomJobMessage>;
  /** Every custom job of `parent` (all pages). Prefer listJobs for anything user-sized. */
  listCustomJobs(parent: string, filter?: string): Promise<CustomJobMessage[]>;
  cancelCustomJob(name: string): Promise<void>;
  /** One page of custom jobs, tuning jobs or training pipelines. */
  listJobs(kind: JobKind, request: ListRequest): Promise<ListPage>;
  getJob(kind: JobKind, name: string): Promise<ResourceMessage>;
  cancelJob(kind: JobKind, name: string): Promise<void>;
  /** A cheap authenticated call (one job of a one-item page): keeps the local service awake. */
  ping(parent: string): Promise<void>;
}

export interface DatasetsApi {
  listDatasets(request: ListRequest): Promise<ListPage>;
  getDataset(name: string): Promise<ResourceMessage>;
}

/**
 * `asLines`: answer with `lines` (entries already reduced to log lines, where they are decoded)
 * and no `entries`. A line is one object of four strings; a decoded entry is a dozen objects and
 * strings, each cloned across the worker boundary and then garbage on the UI thread. Callers that
 * need the whole entry (`logs --json`) leave it off. Implementations may ignore it and send
 * `entries` (test fakes do), so callers handle both.
 */
/**
 * PersistentResourceService (persistent_resource_service.proto). Create and delete return once
 * Vertex accepted them (their operations run for minutes there); the list shows the state.
 */
export interface PersistentResourcesApi {
  listPersistentResources(parent: string): Promise<ResourceMessage[]>;
  getPersistentResource(name: string): Promise<ResourceMessage>;
  /** Returns the operation's name. */
  createPersistentResource(
    parent: string,
    persistentResourceId: string,
    persistentResource: ResourceMessage,
  ): Promise<string>;
  deletePersistentResource(name: string): Promise<string>;
}

export interface ListLogEntriesRequest {
  resourceNames: string[];
  filter: string;
  orderBy: 'timestamp asc' | 'timestamp desc';
  pageSize: number;
  pageToken: string;
  asLines?: boolean;
}

export interface TailLogEntriesRequest {
  resourceNames: string[];
  filter: string;
  bufferWindow: {seconds: number; nanos: number};
  asLines?: boolean;
}

export interface TailResponse {
  entries: LogEntryMessage[];
  /** The entries as log lines, when the request asked for them. */
  lines?: LogLine[];
  suppressedCount: number;
}

export interface TailHandlers {
  onData(response: TailResponse): void;
  /**
   * The stream failed or ended; no more events follow. `error` carries the gRPC status when the
   * stream failed with one (RESOURCE_EXHAUSTED: Cloud Logging refused the tail session).
   */
  onEnd(reason: string, error?: TailEndError): void;
}

/** How a tail stream failed: its gRPC code and decoded google.rpc details, when it had them. */
export interface TailEndError {
  code?: number;
  statusDetails?: ApiErrorStatus['statusDetails'];
}

export interface TailHandle {
  close(): void;
}

export interface LoggingApi {
  listLogEntries(
    request: ListLogEntriesRequest,
  ): Promise<{entries: LogEntryMessage[]; lines?: LogLine[]; nextPageToken: string}>;
  tailLogEntries(request: TailLogEntriesRequest, handlers: TailHandlers): TailHandle;
}

export interface VertexApi {
  jobs: JobsApi;
  datasets: DatasetsApi;
  persistentResources: PersistentResourcesApi;
  logging: LoggingApi;
  close(): Promise<void>;
}

/**
 * The unary methods of each namespace, by name. The worker, the reconnecting wrapper and fakes
 * forward exactly these; adding a method to an interface above means adding its name here (the
 * `satisfies` checks make a missing or misspelt name a type error).
 */
export const API_METHODS = {
  jobs: [
    'createCustomJob',
    'createHyperparameterTuningJob',
    'createTrainingPipeline',
    'getCustomJob',
    'listCustomJobs',
    'cancelCustomJob',
    'listJobs',
    'getJob',
    'cancelJob',
    'ping',
  ] as const satisfies ReadonlyArray<keyof JobsApi>,
  datasets: ['listDatasets', 'getDataset'] as const satisfies ReadonlyArray<keyof DatasetsApi>,
  persistentResources: [
    'listPersistentResources',
    'getPersistentResource',
    'createPersistentResource',
    'deletePersistentResource',
  ] as const satisfies ReadonlyArray<keyof PersistentResourcesApi>,
  logging: ['listLogEntries'] as const satisfies ReadonlyArray<keyof LoggingApi>,
} as const;

type MissingJobs = Exclude<keyof JobsApi, (typeof API_METHODS.jobs)[number]>;
type MissingDatasets = Exclude<keyof DatasetsApi, (typeof API_METHODS.datasets)[number]>;
type MissingResources = Exclude<
  keyof PersistentResourcesApi,
  (typeof API_METHODS.persistentResources)[number]
>;
// A compile-time check that API_METHODS lists every unary method.
const everyMethodListed: [MissingJobs, MissingDatasets, MissingResources] extends [
  never,
  never,
  never,
]
  ? true
  : never = true;
void everyMethodListed;

export type ApiNamespace = keyof typeof API_METHODS;
export type ApiMethod = {
  [N in ApiNamespace]: `${N}.${(typeof API_METHODS)[N][number]}`;
}[ApiNamespace];

/** The unary part of each namespace: what forwardingNamespace builds. */
export interface UnaryNamespaces {
  jobs: JobsApi;
  datasets: DatasetsApi;
  persistentResources: PersistentResourcesApi;
  logging: Pick<LoggingApi, 'listLogEntries'>;
}

/** Builds a namespace object whose every method forwards to `forward("ns.method", args)`. */
export function forwardingNamespace<N extends ApiNamespace>(
  namespace: N,
  forward: (method: ApiMethod, args: unknown[]) => Promise<unknown>,
): UnaryNamespaces[N] {
  const target: Record<string, (...args: unknown[]) => Promise<unknown>> = {};
  for (const name of API_METHODS[namespace])
    target[name] = (...args) => forward(`${namespace}.${name}` as ApiMethod, args);
  return target as unknown as UnaryNamespaces[N];
}

/** Calls `api`'s method named "ns.method" (the receiving side of forwardingNamespace). */
export function invokeApiMethod(api: VertexApi, method: string, args: unknown[]): Promise<unknown> {
  const [namespace, name] = method.split('.') as [ApiNamespace, string];
  const known = (API_METHODS[namespace] as readonly string[] | undefined)?.includes(name);
  if (!known) return Promise.reject(new Error(`unknown client method ${method}`));
  const target = api[namespace] as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>;
  return target[name]!(...args);
}

/** The structured google.rpc details of a failure (see worker-protocol.ts SerializedError). */
export interface ApiErrorStatus {
  statusDetails?: Array<{'@type': string; [field: string]: unknown}>;
  reason?: string;
  domain?: string;
  errorInfoMetadata?: Record<string, string>;
}

/**
 * A gRPC failure as the UI needs it, whichever side of the worker boundary it came from. It keeps
 * the status details, so explainApiError (explain-error.ts) reads the same fields either way.
 */
export class ApiError extends Error {
  readonly statusDetails: ApiErrorStatus['statusDetails'];
  readonly reason: string | undefined;
  readonly domain: string | undefined;
  readonly errorInfoMetadata: Record<string, string> | undefined;

  constructor(
    message: string,
    readonly code: number | undefined,
    readonly details: string | undefined,
    status: ApiErrorStatus = {},
  ) {
    super(message);
    this.name = 'ApiError';
    this.statusDetails = status.statusDetails;
    this.reason = status.reason;
    this.domain = status.domain;
    this.errorInfoMetadata = status.errorInfoMetadata;
  }
}
