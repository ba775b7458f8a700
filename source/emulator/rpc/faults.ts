// Fault injection for tests of the app's retry and reconnect paths. Off unless configured, through
// startEmulator({faults}) or, for a served emulator, VTRAIN_EMULATOR_FAULTS holding the same JSON:
//   {"errors":[{"method":"GetCustomJob","code":"UNAVAILABLE","times":1}],
//    "delays":[{"method":"ListLogEntries","ms":500}],
//    "dropTailAfterEntries":5, "tailEntriesPerSecond":100, "tailPendingEntries":1000,
//    "lateLogEntries":{"replica":"workerpool1-0","ms":3000}, "tailSessionsPerProject":2,
//    "flexStartHoldSeconds":30, "stockoutRetries":{"times":2,"ms":1000}}
import {replicasOf, type CustomJobSpecLike} from '../../core/job-spec/index.js';
import {DETAILED_FAULT_CODES, injectedFault, type FaultShape} from './fault-errors.js';

const INJECTABLE_CODES = ['UNAVAILABLE', 'DEADLINE_EXCEEDED', 'INTERNAL', ...DETAILED_FAULT_CODES];

export interface FaultConfig {
  /** Fail calls of `method` (e.g. "GetCustomJob") with `code`; only the first `times` if set. */
  errors?: (FaultShape & {method: string; times?: number})[];
  /** Answer calls of `method` (every method when omitted) only after `ms` milliseconds. */
  delays?: {method?: string; ms: number}[];
  /** End every TailLogEntries stream with UNAVAILABLE once it has delivered this many entries. */
  dropTailAfterEntries?: number;
  /** Cap entries per second per tail stream; the rest are reported as RATE_LIMIT suppressions. */
  tailEntriesPerSecond?: number;
  /**
   * Hold at most this many entries for a tail client whose stream is backed up (default 200,000);
   * further ones are reported as NOT_CONSUMED suppressions. A small value makes that path easy to
   * reach in a test.
   */
  tailPendingEntries?: number;
  /**
   * Answer the first N ListLogEntries calls with no entries and a nextPageToken that resumes the
   * same search, as Cloud Logging does when "the search found no log entries so far but it did
   * not have time to search all the possible log entries" (ListLogEntriesResponse.
   * next_page_token, google/logging/v2/logging.proto).
   */
  emptyLogPages?: number;
  /**
   * Ingest the entries of one replica (its task_name) `ms` after their timestamp: they reach
   * ListLogEntries and TailLogEntries that late, as Cloud Logging's do when the agent that ships
   * them is slow (LogEntry.timestamp is when the line was written, receive_timestamp when Logging
   * got it: google/logging/v2/log_entry.proto; gcloud's streaming allows 5 s for this,
   * googlecloudsdk/command_lib/logs/stream.py).
   */
  lateLogEntries?: {replica: string; ms: number};
  /**
   * Open TailLogEntries sessions a project may hold (default 10, Cloud Logging's "Number of open
   * live-tailing sessions", https://cloud.google.com/logging/quotas).
   */
  tailSessionsPerProject?: number;
  /**
   * Hold every FLEX_START job (scheduling.strategy) PENDING this many seconds, "waiting for
   * capacity", before it provisions and runs (custom-job/capacity-wait.ts).
   */
  flexStartHoldSeconds?: number;
  /**
   * Make the first `times` attempts to provision each job hit a stockout, `ms` apart (default
   * 1000), before it runs: Vertex retries a stockout up to 3 times (custom-job/capacity-wait.ts).
   */
  stockoutRetries?: {times: number; ms?: number};
  /**
   * Answer GetCustomJob for a running job with enable_web_access as Vertex does: web_access_uris
   * maps each replica (`workerpool0-0`, …) to its interactive shell's URI (custom_job.proto,
   * CustomJob.web_access_uris; https://cloud.google.com/vertex-ai/docs/training/monitor-debug-interactive-shell).
   * The URI is this prefix plus the replica name. The local emulator has no web terminal, so it
   * fills none by itself; this fixture lets tests drive the app's Vertex path.
   */
  webAccessUriPrefix?: string;
}

export class FaultConfigError extends Error {}

/** Method names compare without case, so "getCustomJob" and "GetCustomJob" both work. */
const key = (method: string) => method.toLowerCase();

export function parseFaultConfig(json: string | undefined): FaultConfig | undefined {
  if (!json?.trim()) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (error) {
    throw new FaultConfigError(
      `VTRAIN_EMULATOR_FAULTS is not valid JSON (${(error as Error).message}).`,
    );
  }
  return checkFaultConfig(value);
}

export function checkFaultConfig(value: unknown): FaultConfig {
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    throw new FaultConfigError('the fault configuration must be a JSON object.');
  }
  const config = value as FaultConfig;
  config.errors?.forEach((error, index) => {
    if (typeof error.method !== 'string' || !INJECTABLE_CODES.includes(error.code)) {
      throw new FaultConfigError(
        `faults.errors[${index}] needs a "method" name and a "code" among ${INJECTABLE_CODES.join(', ')}.`,
      );
    }
  });
  config.delays?.forEach((delay, index) => {
    if (!(delay.ms >= 0)) throw new FaultConfigError(`faults.delays[${index}].ms must be ≥ 0.`);
  });
  for (const name of [
    'dropTailAfterEntries',
    'tailEntriesPerSecond',
    'tailPendingEntries',
    'emptyLogPages',
    'tailSessionsPerProject',
  ] as const) {
    const number = config[name];
    if (number !== undefined && !(Number.isInteger(number) && number > 0)) {
      throw new FaultConfigError(`faults.${name} must be a positive integer.`);
    }
  }
  const prefix = config.webAccessUriPrefix;
  if (prefix !== undefined && !(typeof prefix === 'string' && /^https:\/\/\S+$/.test(prefix)))
    throw new FaultConfigError(
      'faults.webAccessUriPrefix must be an https:// URI prefix (e.g. "https://shell.invalid/").',
    );
  const late = config.lateLogEntries;
  if (
    late !== undefined &&
    !(typeof late.replica === 'string' && late.ms >= 0 && late.ms <= 60_000)
  )
    throw new FaultConfigError(
      'faults.lateLogEntries needs a "replica" name (e.g. "workerpool1-0") and "ms" between 0 and 60000.',
    );
  const hold = config.flexStartHoldSeconds;
  if (hold !== undefined && !(typeof hold === 'number' && hold >= 0 && hold <= 86_400))
    throw new FaultConfigError('faults.flexStartHoldSeconds must be between 0 and 86400.');
  const stockout = config.stockoutRetries;
  if (
    stockout !== undefined &&
    !(
      Number.isInteger(stockout.times) &&
      stockout.times >= 1 &&
      stockout.times <= 3 &&
      (stockout.ms === undefined || (stockout.ms >= 0 && stockout.ms <= 600_000))
    )
  )
    throw new FaultConfigError(
      'faults.stockoutRetries needs "times" from 1 to 3 (Vertex retries a stockout up to 3 times) and "ms" between 0 and 600000.',
    );
  return config;
}

/** Applies the configured errors and delays before a call is handled. */
export class FaultInjector {
  /** What Vertex would add to a response that the emulator leaves out (webAccessUriPrefix). */
  afterCall(method: string, response: unknown): unknown {
    const prefix = this.config.webAccessUriPrefix;
    if (!prefix || key(method) !== 'getcustomjob') return response;
    return withWebAccessUris(response as Record<string, unknown>, prefix);
  }

  private readonly calls = new Map<string, number>();

  constructor(readonly config: FaultConfig = {}) {}

  /** A misspelt method would silently inject nothing; refuse it up front instead. */
  checkMethods(served: string[]): void {
    const known = new Set(served.map(key));
    const named = [
      ...(this.config.errors ?? []).map((error) => error.method),
      ...(this.config.delays ?? []).flatMap((delay) => (delay.method ? [delay.method] : [])),
    ];
    for (const method of named) {
      if (!known.has(key(method))) {
        throw new FaultConfigError(
          `faults name the method "${method}", which this emulator does not serve; use one of ${served.join(', ')}.`,
        );
      }
    }
  }

  /** Waits for any delay, then throws the injected error if this call should fail. */
  async beforeCall(method: string): Promise<void> {
    const count = (this.calls.get(key(method)) ?? 0) + 1;
    this.calls.set(key(method), count);
    const delay = this.config.delays?.find(
      (candidate) => candidate.method === undefined || key(candidate.method) === key(method),
    );
    if (delay && delay.ms > 0) await new Promise((resolve) => setTimeout(resolve, delay.ms));
    const error = this.config.errors?.find((candidate) => key(candidate.method) === key(method));
    if (error && (error.times === undefined || count <= error.times))
      throw injectedFault(error, method, count);
  }
}

function withWebAccessUris(job: Record<string, unknown>, prefix: string): Record<string, unknown> {
  const spec = job.jobSpec as CustomJobSpecLike | undefined;
  if (!spec?.enableWebAccess || job.state !== 'JOB_STATE_RUNNING') return job;
  const uris: Record<string, string> = {};
  for (const replica of replicasOf(spec.workerPoolSpecs))
    uris[replica.name] = prefix + replica.name;
  return {...job, webAccessUris: uris};
}
