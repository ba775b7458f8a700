// The official clients behind the narrow API of api.ts. The app runs this module inside the API
// worker (client-worker.ts) so that loading the clients never blocks the UI thread.
import type {
  CustomJobMessage,
  DatasetsApi,
  JobKind,
  JobsApi,
  ListPage,
  ListRequest,
  LogEntryMessage,
  LoggingApi,
  PersistentResourcesApi,
  ResourceMessage,
  TailEndError,
  TailResponse,
  VertexApi,
} from './api.js';
import {serializeError} from './worker-protocol.js';
import {
  lazyClients,
  type DatasetServiceClient,
  type JobServiceClient,
  type LoggingServiceClient,
  type PersistentResourceServiceClient,
  type PipelineServiceClient,
} from './clients.js';
import type {Backend} from './connection.js';
import type {TailHandle} from './api.js';
import {toLogLine} from './log-line.js';

interface DuplexLike {
  write(message: unknown): void;
  on(event: string, listener: (...args: never[]) => void): unknown;
  cancel?: () => void;
  destroy(): void;
}

/** A client, or the promise of one created on first use (clients.ts lazyClients). */
export type ClientSource<T> = T | (() => Promise<T>);

const resolveClient = <T>(source: ClientSource<T>): Promise<T> =>
  typeof source === 'function' ? (source as () => Promise<T>)() : Promise.resolve(source);

type PageCall = (
  request: ListRequest,
  options: {autoPaginate: false},
) => Promise<[unknown[], unknown, unknown]>;

/** One page of any List call of the clients (items, then the raw response with its token). */
async function onePage(list: PageCall, request: ListRequest): Promise<ListPage> {
  const [items, , response] = await list(
    {
      parent: request.parent,
      ...(request.filter && {filter: request.filter}),
      ...(request.pageSize && {pageSize: request.pageSize}),
      ...(request.pageToken && {pageToken: request.pageToken}),
    },
    {autoPaginate: false},
  );
  return {
    items: items as ResourceMessage[],
    nextPageToken: (response as {nextPageToken?: string} | undefined)?.nextPageToken ?? '',
  };
}

export function officialJobsApi(
  jobs: ClientSource<JobServiceClient>,
  pipelineClient: ClientSource<PipelineServiceClient>,
): JobsApi {
  const client = () => resolveClient(jobs);
  const pipelines = () => resolveClient(pipelineClient);
  const lists: Record<JobKind, PageCall> = {
    custom: async (request, options) => (await client()).listCustomJobs(request, options) as never,
    hptuning: async (request, options) =>
      (await client()).listHyperparameterTuningJobs(request, options) as never,
    pipeline: async (request, options) =>
      (await pipelines()).listTrainingPipelines(request, options) as never,
  };
  const gets: Record<JobKind, (name: string) => Promise<unknown>> = {
    custom: async (name) => (await (await client()).getCustomJob({name}))[0],
    hptuning: async (name) => (await (await client()).getHyperparameterTuningJob({name}))[0],
    pipeline: async (name) => (await (await pipelines()).getTrainingPipeline({name}))[0],
  };
  const cancels: Record<JobKind, (name: string) => Promise<unknown>> = {
    custom: async (name) => (await client()).cancelCustomJob({name}),
    hptuning: async (name) => (await client()).cancelHyperparameterTuningJob({name}),
    pipeline: async (name) => (await pipelines()).cancelTrainingPipeline({name}),
  };
  return {
    async createCustomJob(request) {
      const [job] = await (await client()).createCustomJob(request as never);
      return job as CustomJobMessage;
    },
    async createHyperparameterTuningJob(request) {
      const [job] = await (await client()).createHyperparameterTuningJob(request as never);
      return job as ResourceMessage;
    },
    async createTrainingPipeline(request) {
      const [pipeline] = await (await pipelines()).createTrainingPipeline(request as never);
      return pipeline as ResourceMessage;
    },
    async getCustomJob(name) {
      const [job] = await (await client()).getCustomJob({name});
      return job as CustomJobMessage;
    },
    async listCustomJobs(parent, filter) {
      const [jobs] = await (
        await client()
      ).listCustomJobs({parent, ...(filter && {filter})}, {autoPaginate: true});
      return jobs as CustomJobMessage[];
    },
    async cancelCustomJob(name) {
      await (await client()).cancelCustomJob({name});
    },
    listJobs: (kind, request) => onePage(lists[kind], request),
    getJob: async (kind, name) => (await gets[kind](name)) as ResourceMessage,
    async cancelJob(kind, name) {
      await cancels[kind](name);
    },
    async ping(parent) {
      await (await client()).listCustomJobs({parent, pageSize: 1}, {autoPaginate: false});
    },
  };
}

export function officialDatasetsApi(datasets: ClientSource<DatasetServiceClient>): DatasetsApi {
  const client = () => resolveClient(datasets);
  return {
    listDatasets: (request) =>
      onePage(
        async (req, options) => (await client()).listDatasets(req, options) as never,
        request,
      ),
    async getDataset(name) {
      const [dataset] = await (await client()).getDataset({name});
      return dataset as ResourceMessage;
    },
  };
}

export function officialPersistentResourcesApi(
  resources: ClientSource<PersistentResourceServiceClient>,
): PersistentResourcesApi {
  const client = () => resolveClient(resources);
  return {
    async listPersistentResources(parent) {
      const [found] = await (await client()).listPersistentResources({parent});
      return found as ResourceMessage[];
    },
    async getPersistentResource(name) {
      const [resource] = await (await client()).getPersistentResource({name});
      return resource as ResourceMessage;
    },
    async createPersistentResource(parent, persistentResourceId, persistentResource) {
      const [operation] = await (
        await client()
      ).createPersistentResource({
        parent,
        persistentResourceId,
        persistentResource,
      });
      return operation.name ?? '';
    },
    async deletePersistentResource(name) {
      const [operation] = await (await client()).deletePersistentResource({name});
      return operation.name ?? '';
    },
  };
}

/** Top-level LogEntry fields that carry nothing (unset messages, empty strings, false, {}, []). */
function isUnset(value: unknown): boolean {
  if (value === null || value === undefined || value === '' || value === false) return true;
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value === 'object') {
    for (const key in value) return false;
    return true;
  }
  return false;
}

/**
 * A decoded entry without its unset fields and the `payload` oneof marker. The decoder fills in
 * every field of LogEntry with its default; the REST shape and the log lines leave those out
 * anyway, and an entry crosses to the UI thread by structured clone, where every field costs
 * time on both threads and garbage on the UI thread (20,000 entries a second from a chatty job).
 */
export function compactLogEntry(entry: Record<string, unknown>): LogEntryMessage {
  const out: LogEntryMessage = {};
  for (const key in entry) {
    if (key === 'payload') continue;
    const value = entry[key];
    if (!isUnset(value)) out[key] = value;
  }
  return out;
}

const compactAll = (entries: unknown[] | null | undefined) =>
  (entries ?? []).map((entry) => compactLogEntry(entry as Record<string, unknown>));

/** The entries as the caller asked: log lines, or compacted entries. */
function decoded(entries: unknown[] | null | undefined, asLines: boolean | undefined) {
  if (!asLines) return {entries: compactAll(entries)};
  return {entries: [], lines: (entries ?? []).map((entry) => toLogLine(entry as never))};
}

/**
 * One ListLogEntries request per call, so every request the server sees went through the app's
 * read budget (read-budget.ts, Cloud Logging's 60 reads a minute). The client's own config
 * (logging_service_v2_client_config.json in @google-cloud/logging-api) retries ListLogEntries on
 * DEADLINE_EXCEEDED, INTERNAL and UNAVAILABLE for up to 600 s, requests the budget never sees;
 * `retry: null` turns that off (google-gax CallSettings: "If set to null, this call will not
 * retry") and the log engine retries those codes itself, one budget token each. The timeout
 * stays the config's 60 s per request.
 */
export const LIST_LOG_ENTRIES_CALL = {autoPaginate: false, retry: null, timeout: 60_000} as const;

export function officialLoggingApi(logging: ClientSource<LoggingServiceClient>): LoggingApi {
  return {
    async listLogEntries({asLines, ...request}) {
      const client = await resolveClient(logging);
      const [entries, , response] = await client.listLogEntries(request, LIST_LOG_ENTRIES_CALL);
      return {
        ...decoded(entries, asLines),
        nextPageToken: (response as {nextPageToken?: string} | undefined)?.nextPageToken ?? '',
      };
    },
    tailLogEntries({asLines, ...request}, handlers) {
      // The client exists once any log was read (a tail follows a first listLogEntries); if not,
      // the stream opens when it does, unless closed first.
      if (typeof logging === 'function') {
        let closed = false;
        let inner: TailHandle | undefined;
        logging().then(
          (client) => {
            if (!closed)
              inner = officialLoggingApi(client).tailLogEntries({asLines, ...request}, handlers);
          },
          (error: unknown) => {
            if (!closed) handlers.onEnd(error instanceof Error ? error.message : String(error));
          },
        );
        return {
          close() {
            closed = true;
            inner?.close();
          },
        };
      }
      const stream = logging.tailLogEntries() as unknown as DuplexLike;
      let ended = false;
      const end = (reason: string, error?: TailEndError) => {
        if (ended) return;
        ended = true;
        handlers.onEnd(reason, error);
      };
      stream.on('data', (response: {entries?: unknown[]; suppressionInfo?: unknown[]}) => {
        const suppressed = (response.suppressionInfo ?? []).reduce<number>(
          (sum, info) => sum + Number((info as {suppressedCount?: number}).suppressedCount ?? 0),
          0,
        );
        const message: TailResponse = {
          ...decoded(response.entries, asLines),
          suppressedCount: suppressed,
        };
        handlers.onData(message);
      });
      // The status code says why: RESOURCE_EXHAUSTED is Cloud Logging refusing one more tail
      // session (10 per project, https://cloud.google.com/logging/quotas), which the log engine
      // answers by polling instead of retrying the tail at once.
      stream.on('error', (error: Error) => {
        const {code, statusDetails} = serializeError(error);
        end(error.message, {
          ...(code !== undefined && {code}),
          ...(statusDetails && {statusDetails}),
        });
      });
      stream.on('end', () => end('the tail stream ended'));
      stream.write(request);
      return {
        close() {
          ended = true;
          stream.cancel?.();
          stream.destroy();
        },
      };
    },
  };
}

/** The app's API: each official client is loaded and created on its first call. */
export async function createOfficialApi(backend: Backend): Promise<VertexApi> {
  const clients = lazyClients(backend);
  return {
    jobs: officialJobsApi(clients.jobs, clients.pipelines),
    datasets: officialDatasetsApi(clients.datasets),
    persistentResources: officialPersistentResourcesApi(clients.persistentResources),
    logging: officialLoggingApi(clients.logging),
    close: () => clients.close(),
  };
}
