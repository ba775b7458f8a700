// `vtrain-tui jobs wait JOB [--timeout DUR] [--interval DUR]`: block until a job ends, for scripts
// and for "tell me when it's done" at a shell prompt (`jobs wait 123 && notify-send done`). Like
// `gh run watch --exit-status`: exit 0 only when the job succeeded, 1 when it failed, was
// cancelled or expired; 5 when --timeout runs out first (the job keeps running, and a script can
// tell "still running" from "failed").
//
// It polls GetCustomJob / GetHyperparameterTuningJob / GetTrainingPipeline: Vertex has no watch
// or long-poll for job state (JobService and PipelineService in the v1 protos offer only Get and
// List for reading a job). The default interval, 10 s, keeps one waiter far inside Vertex's
// per-minute read quota (https://cloud.google.com/vertex-ai/docs/quotas: "Resource management
// (CRUD) requests per minute per region"), yet notices the end of a multi-minute job promptly.
// Blips (UNAVAILABLE, DEADLINE_EXCEEDED, RESOURCE_EXHAUSTED, e.g. the local service restarting)
// are retried with backoff, so an hours-long wait does not die on one; anything else ends it.
import {isTerminalState, shortState, type JobState} from '../../core/job-spec/index.js';
import {safeText} from '../../core/text/safe-text.js';
import {findJob} from '../../services/jobs/find-job.js';
import {durationText} from '../../services/jobs/job-table-layout.js';
import {errorLine, summarise, type JobSummary} from '../../services/jobs/job-summary.js';
import {readPendingReason} from '../../services/jobs/pending-notes.js';
import {pendingLine} from '../../services/jobs/pending-reason.js';
import {ApiError, type JobKind} from '../../services/vertex/api.js';
import {CommandError} from '../command-errors.js';
import {EXIT} from '../exit-codes.js';
import type {MainContext} from '../main-context.js';
import {parse, text, usageError, withSession} from './jobs-shared.js';

const UNITS: Record<string, number> = {s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000};
export const DEFAULT_INTERVAL_MS = 10_000;
/** Faster than once a second buys nothing (job states change on the scale of seconds). */
const MIN_INTERVAL_MS = 1000;
/** gRPC codes worth retrying: UNAVAILABLE, DEADLINE_EXCEEDED, RESOURCE_EXHAUSTED. */
const TRANSIENT_CODES = new Set([14, 4, 8]);
/** Consecutive transient failures tolerated (with backoff, about four minutes). */
const MAX_TRANSIENT_FAILURES = 8;

/** "90s", "15m", "2h", "1d" (decimals allowed) → milliseconds; a usage error names the flag. */
export function parseWaitDuration(flag: string, value: string): number {
  const match = /^(\d+(?:\.\d+)?)([smhd])$/.exec(value.trim());
  const ms = match ? Number(match[1]) * UNITS[match[2]!]! : NaN;
  if (!(ms > 0 && Number.isFinite(ms)))
    throw usageError(`${flag} "${value}" is not a duration; use e.g. ${flag} 90s, 15m, 2h or 1d.`);
  return ms;
}

/** The exit code for a job that has ended: only SUCCEEDED is a success. */
export function exitCodeForEndState(state: JobState): number {
  return state === 'JOB_STATE_SUCCEEDED' ? EXIT.ok : EXIT.failed;
}

export function isTransient(error: unknown): boolean {
  return error instanceof ApiError && TRANSIENT_CODES.has(error.code ?? -1);
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export interface PollOptions {
  /** Reads the job once (a Get call); may throw an ApiError. */
  read: () => Promise<JobSummary>;
  intervalMs: number;
  timeoutMs?: number;
  /** Called (and awaited) with each state the first time it is seen, and with each retried failure. */
  onState: (job: JobSummary) => unknown;
  onRetry: (error: unknown) => void;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
}

export class WaitTimedOut extends Error {
  constructor(readonly job: JobSummary) {
    super(`${job.name} is still ${shortState(job.state)}`);
  }
}

/**
 * Reads the job until it is in a terminal state and returns it; throws WaitTimedOut when the
 * timeout runs out first, or the first error that is not transient (or too many in a row).
 */
export async function pollUntilEnded(options: PollOptions): Promise<JobSummary> {
  const {read, intervalMs, timeoutMs, onState, onRetry} = options;
  const pause = options.sleep ?? sleep;
  const now = options.now ?? Date.now;
  const started = now();
  let failures = 0;
  let job: JobSummary | undefined;
  let shownState: JobState | undefined;
  for (;;) {
    try {
      job = await read();
      failures = 0;
      if (job.state !== shownState) {
        await onState(job);
        shownState = job.state;
      }
      if (isTerminalState(job.state)) return job;
    } catch (error) {
      if (!isTransient(error) || ++failures > MAX_TRANSIENT_FAILURES) throw error;
      onRetry(error);
    }
    const left = timeoutMs === undefined ? Infinity : timeoutMs - (now() - started);
    if (left <= 0 && job) throw new WaitTimedOut(job);
    // Before the first successful read there is nothing to time out with: keep backing off.
    await pause(Math.min(intervalMs * 2 ** failures, job ? left : Infinity, 60_000));
  }
}

export async function wait(argv: string[], context: MainContext): Promise<number> {
  const {values, positionals} = parse(argv, {
    timeout: {type: 'string'},
    interval: {type: 'string'},
  });
  if (positionals.length !== 1) throw usageError('jobs wait takes one JOB.');
  const timeoutText = text(values, 'timeout');
  const timeoutMs =
    timeoutText === undefined ? undefined : parseWaitDuration('--timeout', timeoutText);
  const intervalText = text(values, 'interval');
  const intervalMs =
    intervalText === undefined
      ? DEFAULT_INTERVAL_MS
      : parseWaitDuration('--interval', intervalText);
  if (intervalMs < MIN_INTERVAL_MS) throw usageError('--interval must be at least 1s.');
  return withSession(values, context, async (session, parent) => {
    // The first read finds the job by id across the three kinds; later reads get it by name.
    let found: {kind: JobKind; name: string} | undefined;
    const read = async () => {
      if (found)
        return summarise(found.kind, await session.api.jobs.getJob(found.kind, found.name));
      const {kind, resource} = await findJob(session.api.jobs, parent, positionals[0]!);
      const job = summarise(kind, resource);
      found = {kind, name: job.name};
      return job;
    };
    let job: JobSummary;
    try {
      job = await pollUntilEnded({
        read,
        intervalMs,
        timeoutMs,
        onState: async (seen) => {
          // While it waits, the line also says for what (pending-reason.ts).
          const reason = await readPendingReason(session.api.logging, parent, seen, Date.now());
          process.stderr.write(
            `${seen.name}: ${shortState(seen.state)}${reason ? ` — ${safeText(pendingLine(reason))}` : ''}\n`,
          );
        },
        onRetry: (error) =>
          process.stderr.write(
            `${found?.name ?? positionals[0]}: could not read its state (${safeText((error as Error).message.split('\n')[0] ?? '')}); retrying\n`,
          ),
      });
    } catch (error) {
      if (!(error instanceof WaitTimedOut)) throw error;
      throw new CommandError(
        `${error.message} after --timeout ${timeoutText}; it keeps running.`,
        EXIT.timedOut,
      );
    }
    const error = errorLine(job);
    process.stdout.write(
      `${job.name} ${shortState(job.state)} after ${durationText(job, Date.now())}` +
        (error ? `: ${safeText(error)}` : '') +
        '\n',
    );
    return exitCodeForEndState(job.state);
  });
}
