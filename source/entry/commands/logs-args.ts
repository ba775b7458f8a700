// Flags of `vtrain-tui logs`, checked up front so a bad value gets one line naming the flag, the
// rule and the fix (exit 2) before any backend is opened.
import {parseArgs} from 'node:util';
import {UsageError} from '../args.js';
import {BACKEND_FLAGS} from '../backend-flags.js';
import {SEVERITY_NAMES} from '../../services/vertex/log-line.js';
import type {JobKind} from '../../services/vertex/api.js';
import {parseJobName} from '../../services/jobs/find-job.js';
import {compileUserRegex} from '../../core/text/user-pattern.js';

export interface LogsOptions {
  job: JobReference;
  follow: boolean;
  replica?: string;
  severity?: string;
  grep?: RegExp;
  /** Entries from this time on (ms since the epoch). */
  sinceMs?: number;
  timestamps: boolean;
  json: boolean;
  /** The shared backend flags (--backend, --project, --region, --data-dir, …) as given. */
  backend: Record<string, unknown>;
}

/**
 * A job named by its full resource name, or by its numeric id or display name (`id` holds either:
 * services/jobs/find-job.ts looks it up across the job types). A full name also gives the project
 * and region the command opens its backend on.
 */
export type JobReference =
  {kind: JobKind; name: string; project: string; region: string} | {id: string};

/** JOB as find-job.ts reads it, checked before any backend opens (a usage error, exit 2). */
export function parseJobReference(value: string): JobReference {
  if (!value.trim())
    throw new UsageError('JOB is empty: give its id, display name or full resource name.');
  if (!value.trim().startsWith('projects/')) return {id: value};
  const parts = parseJobName(value);
  if (!parts)
    throw new UsageError(
      `JOB "${value}" is not a resource name like projects/PROJECT/locations/REGION/customJobs/ID (or hyperparameterTuningJobs/ID, trainingPipelines/ID); give that, the numeric id or the display name.`,
    );
  return {kind: parts.kind, name: value, project: parts.project, region: parts.region};
}

const UNITS: Record<string, number> = {s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000};

/**
 * The longest --since: Cloud Logging keeps entries at most 3650 days (a log bucket's retention is
 * 1 to 3650 days: https://cloud.google.com/logging/docs/store-log-entries), so nothing is older.
 * It also keeps the start time a valid date (a huge duration made toISOString throw).
 */
export const MAX_SINCE_DAYS = 3650;

/** "90s", "15m", "2h", "7d", or an RFC 3339 time. */
export function parseSince(value: string, now = Date.now()): number {
  const duration = /^(\d+(?:\.\d+)?)([smhd])$/.exec(value.trim());
  if (duration) {
    const ms = Number(duration[1]) * UNITS[duration[2]!]!;
    if (!(ms <= MAX_SINCE_DAYS * UNITS.d!))
      throw new UsageError(
        `--since "${value}" is longer than ${MAX_SINCE_DAYS}d, the longest Cloud Logging keeps entries; use at most --since ${MAX_SINCE_DAYS}d, or a time such as --since 2026-05-18T09:00:00Z.`,
      );
    return now - ms;
  }
  if (/^\d{4}-\d\d-\d\dT/.test(value)) {
    const ms = Date.parse(value);
    if (!Number.isNaN(ms)) return ms;
  }
  throw new UsageError(
    `--since "${value}" is not a duration or a time; use e.g. --since 90s, 15m, 2h, 7d or --since 2026-05-18T09:00:00Z.`,
  );
}

export function parseLogsArgs(argv: string[]): LogsOptions {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        follow: {type: 'boolean', short: 'f'},
        replica: {type: 'string'},
        severity: {type: 'string'},
        grep: {type: 'string'},
        since: {type: 'string'},
        timestamps: {type: 'boolean'},
        json: {type: 'boolean'},
        ...BACKEND_FLAGS,
      },
    });
  } catch (error) {
    throw new UsageError(`logs: ${(error as Error).message}`);
  }
  const {values, positionals} = parsed;
  if (positionals.length !== 1)
    throw new UsageError(
      positionals.length === 0
        ? 'logs needs the job: vtrain-tui logs JOB (a numeric id, a display name or projects/…/customJobs/ID).'
        : `logs takes one job; got ${positionals.length} (${positionals.join(' ')}).`,
    );
  const options: LogsOptions = {
    job: parseJobReference(positionals[0]!),
    follow: values.follow ?? false,
    timestamps: values.timestamps ?? false,
    json: values.json ?? false,
    backend: Object.fromEntries(
      Object.keys(BACKEND_FLAGS).map((flag) => [flag, values[flag as never]]),
    ),
  };
  if (values.replica !== undefined) {
    if (!/^workerpool\d+-\d+$/.test(values.replica))
      throw new UsageError(
        `--replica "${values.replica}" is not a replica name; use the form workerpool0-0 (pool, then index).`,
      );
    options.replica = values.replica;
  }
  if (values.severity !== undefined) {
    const name = values.severity.toUpperCase();
    if (!(SEVERITY_NAMES as readonly string[]).includes(name))
      throw new UsageError(
        `--severity "${values.severity}" is not a log severity; use one of ${SEVERITY_NAMES.join(', ')}.`,
      );
    options.severity = name;
  }
  if (values.grep !== undefined) {
    const pattern = compileUserRegex(values.grep, '', `--grep "${values.grep}"`);
    if (pattern.error !== undefined)
      throw new UsageError(
        pattern.error.includes('not a valid')
          ? `${pattern.error}; escape special characters such as ( [ + with a backslash.`
          : pattern.error,
      );
    options.grep = pattern.regex;
  }
  if (values.since !== undefined) options.sinceMs = parseSince(values.since);
  return options;
}
