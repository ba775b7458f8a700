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
  /** One trial of a tuning job: Vertex labels each trial's entries with its id. */
  trialId?: string;
}

function quote(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

export function tailFilter(jobId: string, narrow: ServerFilter = {}): string {
  const clauses = [jobLogFilter(jobId)];
  if (narrow.replica) clauses.push(`resource.labels.task_name=${quote(narrow.replica)}`);
  if (narrow.minSeverity) clauses.push(`severity>=${narrow.minSeverity}`);
  if (narrow.trialId) clauses.push(`labels."ml.googleapis.com/trial_id"=${quote(narrow.trialId)}`);
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
