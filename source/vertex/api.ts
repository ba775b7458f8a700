// The narrow surface of the Vertex and Cloud Logging APIs that the app uses. Two implementations:
// official-api.ts calls the official Google clients in-process; worker-api.ts forwards
// every call to those same clients running in a worker thread, so that loading them (seconds of
// synchronous protobuf work) and decoding log streams never freeze the UI.
import type {CreateCustomJobRequest} from '../job-spec/index.js';
import type {CustomJobMessage} from './job-snapshot.js';

export type {CustomJobMessage};

export type LogEntryMessage = Record<string, unknown>;

export interface JobsApi {
  createCustomJob(request: CreateCustomJobRequest): Promise<CustomJobMessage>;
  getCustomJob(name: string): Promise<CustomJobMessage>;
  listCustomJobs(parent: string, filter?: string): Promise<CustomJobMessage[]>;
  cancelCustomJob(name: string): Promise<void>;
  /** A cheap authenticated call (one job of a one-item page): keeps the local service awake. */
  ping(parent: string): Promise<void>;
}

export interface ListLogEntriesRequest {
  resourceNames: string[];
  filter: string;
  orderBy: 'timestamp asc' | 'timestamp desc';
  pageSize: number;
  pageToken: string;
}

export interface TailLogEntriesRequest {
  resourceNames: string[];
  filter: string;
  bufferWindow: {seconds: number; nanos: number};
}

export interface TailResponse {
  entries: LogEntryMessage[];
  suppressedCount: number;
}

export interface TailHandlers {
  onData(response: TailResponse): void;
  /** The stream failed or ended; no more events follow. */
  onEnd(reason: string): void;
}

export interface TailHandle {
  close(): void;
}

export interface LoggingApi {
  listLogEntries(
    request: ListLogEntriesRequest,
  ): Promise<{entries: LogEntryMessage[]; nextPageToken: string}>;
  tailLogEntries(request: TailLogEntriesRequest, handlers: TailHandlers): TailHandle;
}

export interface VertexApi {
  jobs: JobsApi;
  logging: LoggingApi;
  close(): Promise<void>;
}

/** A gRPC failure as the UI needs it, whichever side of the worker boundary it came from. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly code: number | undefined,
    readonly details: string | undefined,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}
