// What a QUEUED or PENDING job waits for, in one line: flex-start capacity (with how much longer
// it may wait), a stockout being retried, quota, or provisioning, plus the time already waited.
// Pure: derived from the job resource (state, Scheduling.strategy / max_wait_duration, createTime,
// error) and the job's latest `service` log entries, so every reason is unit-tested.
// Google's words this follows:
// - Scheduling.strategy FLEX_START "uses DWS to queue for resources"; max_wait_duration: "If set
//   to 0, the job will wait indefinitely. The default is 24 hours."
//   (google/cloud/aiplatform/v1/custom_job.proto; the Python SDK's docstring says 30 minutes, the
//   proto is the contract). https://cloud.google.com/vertex-ai/docs/training/schedule-jobs-dws
// - Stockout: "Resources are insufficient in region: REGION_NAME. Try a different region or use a
//   different accelerator." — retried up to 3 times (Vertex troubleshooting, facts §9.1).
// - Quota: a job "might remain in the JOB_STATE_QUEUED state … if your Google Cloud project does
//   not have sufficient remaining custom training quotas" (understanding-training-service), and
//   quota errors name the metric: "The following quota metrics exceed quota limits:
//   aiplatform.googleapis.com/custom_model_training_nvidia_l4_gpus" (RESOURCE_EXHAUSTED).
// UNCONFIRMED: the service lines Vertex writes while a flex-start job waits are not published, so
// the capacity reason comes from the resource; any line that says capacity is available, or that
// the training program is starting, ends it. Lines are matched loosely for every plausible shape.
import type {JobState} from '../../core/job-spec/index.js';
import type {JobSummary} from '../vertex/job-snapshot.js';

/** One `service` log entry (services/logs/service-notes.ts keeps the latest ones). */
export interface ServiceNoteLike {
  message: string;
  timestampMs: number;
}

export type PendingReasonKind = 'capacity' | 'stockout' | 'quota' | 'provisioning' | 'queued';

export interface PendingReason {
  kind: PendingReasonKind;
  /** "waiting for capacity — up to 1 h 12 m more (max wait 2 h)" */
  text: string;
  /** Since the job was created (undefined when its createTime is unknown). */
  waitedMs?: number;
}

/** The proto's documented default maximum wait of a flex-start job. */
export const DEFAULT_MAX_WAIT_SECONDS = 24 * 3600;

/** Vertex retries a stockout up to 3 times (facts §9.1). */
export const STOCKOUT_RETRIES = 3;

const STOCKOUT =
  /Resources are insufficient in region:?\s*([a-z]+-[a-z]+\d+)?|does not have enough resources|ZONE_RESOURCE_POOL_EXHAUSTED|\bstockout\b/i;
const QUOTA = /\bquota\b/i;
const QUOTA_METRIC = /\b(aiplatform\.googleapis\.com\/[a-z0-9_]+)/i;
const CAPACITY_WAIT =
  /FLEX_START|Dynamic Workload Scheduler|\bDWS\b|waiting for (?:the requested )?(?:resources|capacity)/i;
const CAPACITY_FOUND =
  /resources are (?:now )?available|capacity (?:is )?(?:now )?available|provisioning the job|Waiting for training program to start/i;

/** Scheduling.strategy as a name: the clients give the enum name or its number (FLEX_START = 6). */
function isFlexStart(strategy: unknown): boolean {
  return strategy === 'FLEX_START' || strategy === 6 || strategy === '6';
}

/**
 * A Duration in any shape the clients give: {seconds: "7200"} (gRPC, int64 as string or Long),
 * {seconds: 7200, nanos}, "7200s" (REST JSON) — seconds, or undefined when absent or unreadable.
 */
export function durationSeconds(value: unknown): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') {
    const match = /^(\d+(?:\.\d+)?)s$/.exec(value.trim());
    return match ? Number(match[1]) : undefined;
  }
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'object') {
    const {seconds, nanos} = value as {seconds?: unknown; nanos?: unknown};
    const whole = seconds === undefined || seconds === null ? 0 : Number(String(seconds));
    const fraction = typeof nanos === 'number' ? nanos / 1e9 : 0;
    return Number.isFinite(whole) ? whole + fraction : undefined;
  }
  return undefined;
}

/** 4320000 → "1 h 12 m"; "2 h"; "12 m"; "3 m 20 s"; "42 s"; "2 d 3 h" (the style; days from 48 h). */
export function spacedDuration(ms: number): string {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 10 && seconds % 60) return `${minutes} m ${seconds % 60} s`;
  if (minutes < 60) return `${minutes} m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return minutes % 60 ? `${hours} h ${minutes % 60} m` : `${hours} h`;
  const days = Math.floor(hours / 24);
  return hours % 24 ? `${days} d ${hours % 24} h` : `${days} d`;
}

interface SchedulingLike {
  strategy?: unknown;
  maxWaitDuration?: unknown;
}

/** The job's Scheduling: a custom job's jobSpec, a tuning job's trialJobSpec. */
function schedulingOf(job: JobSummary): SchedulingLike | undefined {
  const resource = job.resource as {
    jobSpec?: {scheduling?: SchedulingLike | null} | null;
    trialJobSpec?: {scheduling?: SchedulingLike | null} | null;
  };
  return (
    (job.jobSpec as {scheduling?: SchedulingLike | null} | undefined)?.scheduling ??
    resource?.jobSpec?.scheduling ??
    resource?.trialJobSpec?.scheduling ??
    undefined
  );
}

type Signal =
  | {kind: 'stockout'; region?: string}
  | {kind: 'quota'; metric?: string}
  | {kind: 'capacity'}
  | {kind: 'found'};

function signalOf(message: string): Signal | undefined {
  const stockout = STOCKOUT.exec(message);
  if (stockout) return {kind: 'stockout', ...(stockout[1] && {region: stockout[1]})};
  if (QUOTA.test(message)) {
    const metric = QUOTA_METRIC.exec(message)?.[1];
    return {kind: 'quota', ...(metric && {metric})};
  }
  if (CAPACITY_FOUND.test(message)) return {kind: 'found'};
  if (CAPACITY_WAIT.test(message)) return {kind: 'capacity'};
  return undefined;
}

function capacityText(scheduling: SchedulingLike | undefined, waitedMs: number | undefined) {
  const raw = scheduling?.maxWaitDuration;
  const maxSeconds = durationSeconds(raw) ?? DEFAULT_MAX_WAIT_SECONDS;
  if (maxSeconds === 0) return 'waiting for capacity (flex-start) — no max wait';
  const max = `max wait ${spacedDuration(maxSeconds * 1000)}${raw === undefined || raw === null ? ', the default' : ''}`;
  if (waitedMs === undefined) return `waiting for capacity (flex-start, ${max})`;
  const left = maxSeconds * 1000 - waitedMs;
  return left > 0
    ? `waiting for capacity — up to ${spacedDuration(left)} more (${max})`
    : `waiting for capacity — past its ${max}`;
}

/** Why a QUEUED or PENDING job has not started; undefined in every other state. */
export function pendingReason(
  job: Pick<JobSummary, 'state' | 'createTime' | 'error' | 'jobSpec' | 'resource'>,
  serviceNotes: readonly ServiceNoteLike[],
  nowMs: number,
): PendingReason | undefined {
  const state: JobState = job.state;
  if (state !== 'JOB_STATE_QUEUED' && state !== 'JOB_STATE_PENDING') return undefined;
  const waitedMs = job.createTime ? Math.max(0, nowMs - job.createTime.getTime()) : undefined;
  const scheduling = schedulingOf(job as JobSummary);
  const flexStart = isFlexStart(scheduling?.strategy);
  const made = (kind: PendingReasonKind, text: string): PendingReason => ({
    kind,
    text,
    ...(waitedMs !== undefined && {waitedMs}),
  });

  // The latest signal wins (a stockout retried, then provisioning); stockouts are counted.
  let latest: Signal | undefined;
  let stockouts = 0;
  const ordered = [...serviceNotes].sort((a, b) => a.timestampMs - b.timestampMs);
  for (const note of ordered) {
    const signal = signalOf(note.message);
    if (!signal) continue;
    if (signal.kind === 'stockout') stockouts++;
    latest = signal;
  }
  // A status on a job that is still waiting (google.rpc.Status, CustomJob.error) says the same.
  const fromError = job.error?.message ? signalOf(job.error.message) : undefined;
  if (!latest && fromError && fromError.kind !== 'found') {
    latest = fromError;
    if (fromError.kind === 'stockout') stockouts = 1;
  }

  switch (latest?.kind) {
    case 'stockout': {
      const where = latest.region ? ` in ${latest.region}` : '';
      const retry = Math.min(stockouts, STOCKOUT_RETRIES);
      return made(
        'stockout',
        `stockout: resources are insufficient${where} — retry ${retry} of ${STOCKOUT_RETRIES}`,
      );
    }
    case 'quota':
      return made(
        'quota',
        latest.metric ? `waiting for quota: ${latest.metric}` : 'waiting for custom-training quota',
      );
    case 'capacity':
      return made('capacity', capacityText(scheduling, waitedMs));
    case 'found':
      return made('provisioning', 'provisioning machines and starting the training program');
    default:
      if (flexStart) return made('capacity', capacityText(scheduling, waitedMs));
      return state === 'JOB_STATE_PENDING'
        ? made('provisioning', 'provisioning machines and starting the training program')
        : made('queued', 'queued for scheduling (a long queue usually means too little quota)');
  }
}

/** The one line the header, `jobs describe` and `jobs wait` show: reason · waited. */
export function pendingLine(reason: PendingReason): string {
  return reason.waitedMs === undefined
    ? reason.text
    : `${reason.text} · waited ${spacedDuration(reason.waitedMs)}`;
}
