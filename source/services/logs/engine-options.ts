// The log engine's options, their defaults, and the state it reports. The defaults are Google's
// margins: Cloud Logging buffers a tail 2 s by default (TailLogEntriesRequest.buffer_window,
// google/logging/v2/logging.proto), gcloud's log streaming reads only up to 5 s before now since
// entries arrive that late (googlecloudsdk/command_lib/logs/stream.py GetFilterUpperBound), and a
// project may hold 10 open live tails (https://cloud.google.com/logging/quotas).
import type {LoggingApi} from '../vertex/api.js';
import type {LineStoreOptions} from './line-store.js';
import type {ServerFilter} from './log-filter.js';
import type {ReadBudget} from './read-budget.js';

export type StreamState =
  | 'connecting'
  | 'live'
  | 'reconnecting'
  /** The tail was refused (quota): entries.list every pollMs, the tail retried now and then. */
  | 'polling'
  /** The screen is hidden: no tail open, no reads until it is shown again. */
  | 'paused'
  | 'backfilling'
  | 'ended'
  | 'failed'
  | 'stopped';

export interface JobLogEngineOptions {
  logging: LoggingApi;
  budget: ReadBudget;
  project: string;
  jobId: string;
  /** When the job was created: no entry of it is older, so full reads start here. */
  jobCreateTimeMs: number;
  /**
   * 'start': read everything from `startMs` (default: the job's creation) forward (`logs`).
   * 'end': the newest page first, older pages on demand through loadOlder (the dashboard).
   */
  open: 'start' | 'end';
  startMs?: number;
  /** Keep a tail open and follow new entries; false reads what is stored and ends. */
  follow: boolean;
  narrow?: ServerFilter;
  /** How far an entry's timestamp may trail its arrival (default 5000 ms, as gcloud allows). */
  latenessMs?: number;
  /** TailLogEntries buffer_window (default 2000 ms, Cloud Logging's own default). */
  tailBufferMs?: number;
  /** A tail is reopened before Cloud Logging's one-hour session limit (default 55 min). */
  tailMaxMs?: number;
  /** A tail that delivered nothing yet counts as subscribed after this long (default 1000 ms). */
  settleMs?: number;
  /** After the job ends, its last entries may still be on their way (default lateness + buffer). */
  drainMs?: number;
  /** While no tail is live, read this often (default 5000 ms). */
  pollMs?: number;
  /** After a refused tail, ask for one again this long later (default 30 s). */
  tailRetryMs?: number;
  /** A hidden screen's tail is closed after this long (default 5000 ms). */
  hideGraceMs?: number;
  pageSize?: number;
  store?: LineStoreOptions;
  /** Keep each decoded entry on its line (`logs --json`). */
  keepRaw?: boolean;
}

export interface EngineStatus {
  state: StreamState;
  detail?: string;
  /** Entries the server reported suppressed on the tail (each range was then re-read). */
  suppressed: number;
  /** Tail sessions that ended and were reopened. */
  reconnects: number;
  /** Tail sessions Cloud Logging refused (RESOURCE_EXHAUSTED: too many open in the project). */
  refusals: number;
  /** ListLogEntries calls made. */
  reads: number;
  /** Lines that arrived after a consumer had already written out later ones. */
  late: number;
  /** Older history not loaded yet (open: 'end'). */
  olderAvailable: boolean;
}

export type EngineOptions = Required<
  Omit<JobLogEngineOptions, 'narrow' | 'store' | 'startMs' | 'keepRaw'>
> &
  JobLogEngineOptions;

export function withDefaults(options: JobLogEngineOptions): EngineOptions {
  const latenessMs = options.latenessMs ?? 5000;
  const tailBufferMs = options.tailBufferMs ?? 2000;
  return {
    tailMaxMs: 55 * 60_000,
    settleMs: 1000,
    // The job's last entries reach the tail at most lateness + buffer after they were written.
    drainMs: latenessMs + tailBufferMs,
    // 12 reads a minute while polling: a fifth of Cloud Logging's 60 (read-budget.ts).
    pollMs: 5000,
    tailRetryMs: 30_000,
    hideGraceMs: 5000,
    pageSize: 1000,
    ...options,
    latenessMs,
    tailBufferMs,
  };
}

/** The stream state's detail while polling: why, and what the engine does instead. */
export function pollingNote(options: EngineOptions): string {
  const every = (ms: number) => `${Math.round(ms / 1000)} s`;
  return (
    `live tail refused: Cloud Logging allows 10 per project; reading every ` +
    `${every(options.pollMs)}, tail retried every ${every(options.tailRetryMs)}`
  );
}
