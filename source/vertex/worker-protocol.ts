// Messages between the UI thread (worker-api.ts) and the client worker (client-worker.ts).
// Everything crossing is structured-cloneable plain data.
import type {ApiMethod, LoggingApi, TailResponse} from './api.js';
import type {Backend} from './connection.js';

export type CallMethod = ApiMethod;

export interface WorkerInit {
  backend: Backend;
}

export type ToWorker =
  | {type: 'call'; id: number; method: CallMethod; args: unknown[]}
  | {type: 'tail-open'; id: number; request: Parameters<LoggingApi['tailLogEntries']>[0]}
  | {type: 'tail-close'; id: number}
  | {type: 'close'};

export interface SerializedError {
  message: string;
  code?: number;
  details?: string;
}

export type FromWorker =
  | {type: 'ready'}
  | {type: 'init-failed'; error: SerializedError}
  | {type: 'result'; id: number; value: unknown}
  | {type: 'failure'; id: number; error: SerializedError}
  | {type: 'tail-data'; id: number; response: TailResponse}
  | {type: 'tail-end'; id: number; reason: string}
  | {type: 'closed'};

export function serializeError(error: unknown): SerializedError {
  const source = error as {message?: unknown; code?: unknown; details?: unknown};
  return {
    message: typeof source?.message === 'string' ? source.message : String(error),
    ...(typeof source?.code === 'number' && {code: source.code}),
    ...(typeof source?.details === 'string' && {details: source.details}),
  };
}
