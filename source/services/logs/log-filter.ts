// Cloud Logging filters for one Vertex job's logs. Every ListLogEntries filter carries an explicit
// timestamp clause: without one, Cloud Logging (and the Node client's getEntries) only looks at
// the last 24 hours, which silently hides the start of a long job.
import {cursorIso, type LogCursor} from '../vertex/log-line.js';

/** Vertex writes a job's replica logs under the ml_job resource labelled with its numeric id. */
export function jobLogFilter(jobId: string): string {
  return `resource.type="ml_job" AND resource.labels.job_id="${jobId}"`;
}

/** A server-side narrowing (replica, minimum severity) both the tail and reads apply. */
export interface ServerFilter {
  replica?: string;
  minSeverity?: string;
  /** One trial of a tuning job (`jobId` is the tuning job's): see trialClause. */
  trialId?: string;
  /** That trial's own CustomJob id (Trial.custom_job, study.proto), once the trial names it. */
  trialJobId?: string;
}

function quote(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/**
 * One trial's entries. Where Vertex files them is not documented, so every plausible place is
 * matched: under the tuning job's id with the trial id in an entry label, OR under the trial's
 * own CustomJob (in v1 each trial runs one: Trial.custom_job, study.proto). The label is read
 * under both keys gcloud reads (`trial_id`, then `ml.googleapis.com/trial_id`:
 * googlecloudsdk/command_lib/ml_engine/log_utils.py _GetLabelAttributes), and `gcloud ai
 * hp-tuning-jobs stream-logs` reads a tuning job's logs under its own id (command_lib/ai/
 * log_util.py _LogFilters). Every OR is parenthesised: in Cloud Logging's query language OR binds
 * tighter than AND (https://cloud.google.com/logging/docs/view/logging-query-language), so the
 * grouping is written out rather than left to precedence.
 */
function trialClause(jobId: string, trialId: string, trialJobId: string | undefined): string {
  const trial = quote(trialId);
  const labelled = `resource.labels.job_id=${quote(jobId)} AND (labels."ml.googleapis.com/trial_id"=${trial} OR labels.trial_id=${trial})`;
  if (!trialJobId) return labelled;
  return `((${labelled}) OR resource.labels.job_id=${quote(trialJobId)})`;
}

export function tailFilter(jobId: string, narrow: ServerFilter = {}): string {
  const clauses = narrow.trialId
    ? [`resource.type="ml_job"`, trialClause(jobId, narrow.trialId, narrow.trialJobId)]
    : [jobLogFilter(jobId)];
  if (narrow.replica) clauses.push(`resource.labels.task_name=${quote(narrow.replica)}`);
  if (narrow.minSeverity) clauses.push(`severity>=${narrow.minSeverity}`);
  return clauses.join(' AND ');
}

/** Entries at or after `from` (ties at that timestamp are deduplicated by the reader). */
export function readFilter(jobId: string, narrow: ServerFilter, from: LogCursor): string {
  return `${tailFilter(jobId, narrow)} AND timestamp>=${quote(cursorIso(from))}`;
}

/** Entries between `from` and `through` inclusive (history paged from the newer end). */
export function rangeFilter(
  jobId: string,
  narrow: ServerFilter,
  from: LogCursor,
  through: LogCursor,
): string {
  return `${readFilter(jobId, narrow, from)} AND timestamp<=${quote(cursorIso(through))}`;
}
