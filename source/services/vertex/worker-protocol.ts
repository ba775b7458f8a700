// Messages between the UI thread (worker-api.ts) and the client worker (client-worker.ts).
// Everything crossing is structured-cloneable plain data.
import type {ApiMethod, LoggingApi, TailEndError, TailResponse} from './api.js';
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

/** One decoded google.rpc detail (ErrorInfo, QuotaFailure, …) as plain JSON with its type name. */
export interface StatusDetail {
  '@type': string;
  [field: string]: unknown;
}

export interface SerializedError {
  message: string;
  code?: number;
  details?: string;
  /** The decoded `grpc-status-details-bin` details, as google-gax parses them. */
  statusDetails?: StatusDetail[];
  /** ErrorInfo's reason, domain and metadata, as google-gax lifts them onto the error. */
  reason?: string;
  domain?: string;
  errorInfoMetadata?: Record<string, string>;
}

export type FromWorker =
  | {type: 'ready'; identity?: string}
  | {type: 'init-failed'; error: SerializedError}
  | {type: 'result'; id: number; value: unknown}
  | {type: 'failure'; id: number; error: SerializedError}
  | {type: 'tail-data'; id: number; response: TailResponse}
  | {type: 'tail-end'; id: number; reason: string; error?: TailEndError}
  | {type: 'closed'};

interface DecodedMessage {
  $type?: {fullName?: string};
  toJSON?: () => Record<string, unknown>;
}

/** A protobufjs message (as google-gax decodes details) → plain JSON carrying its type name. */
function plainDetail(detail: unknown): StatusDetail | undefined {
  if (!detail || typeof detail !== 'object') return undefined;
  const message = detail as DecodedMessage & Record<string, unknown>;
  const type = message.$type?.fullName?.replace(/^\./, '') ?? String(message['@type'] ?? '');
  const fields = typeof message.toJSON === 'function' ? message.toJSON() : {...message};
  return {...fields, '@type': type.includes('/') ? type : `type.googleapis.com/${type}`};
}

const stringRecord = (value: unknown): Record<string, string> | undefined =>
  value && typeof value === 'object'
    ? Object.fromEntries(Object.entries(value).map(([key, v]) => [key, String(v)]))
    : undefined;

export function serializeError(error: unknown): SerializedError {
  const source = error as {
    message?: unknown;
    code?: unknown;
    details?: unknown;
    statusDetails?: unknown;
    reason?: unknown;
    domain?: unknown;
    errorInfoMetadata?: unknown;
  };
  const details = Array.isArray(source?.statusDetails)
    ? source.statusDetails.map(plainDetail).filter((d): d is StatusDetail => d !== undefined)
    : [];
  const metadata = stringRecord(source?.errorInfoMetadata);
  return {
    message: typeof source?.message === 'string' ? source.message : String(error),
    ...(typeof source?.code === 'number' && {code: source.code}),
    ...(typeof source?.details === 'string' && {details: source.details}),
    ...(details.length > 0 && {statusDetails: details}),
    ...(typeof source?.reason === 'string' && {reason: source.reason}),
    ...(typeof source?.domain === 'string' && {domain: source.domain}),
    ...(metadata && {errorInfoMetadata: metadata}),
  };
}
