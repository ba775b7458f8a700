// How one line of replica output becomes a Cloud Logging entry, as Vertex's logging agent does it:
// resource `ml_job` with job and task labels; a single-line JSON object becomes jsonPayload with
// `severity` lifted onto the entry (and the special labels key onto the entry's labels), `message`
// staying in the payload where consoles and gcloud print it; stderr is ERROR unless JSON says
// otherwise.
import type {JobRecord} from './job-record.js';
import type {NewLogRecord} from '../logging/log-store.js';
import {normaliseSeverity} from '../logging/severity.js';
import {logName} from '../rpc/resource-names.js';

const LABELS_KEY = 'logging.googleapis.com/labels';

/** The entry label that names a tuning trial, as on Vertex. */
export const TRIAL_LABEL = 'ml.googleapis.com/trial_id';

// Every line of a replica shares one (frozen) resource and labels object: a chatty job's store
// holds hundreds of thousands of entries, and three fewer objects each is much less for the
// garbage collector to walk while the job writes.
const sharedBases = new Map<string, NewLogRecord>();
const MAX_SHARED_BASES = 10_000;

/**
 * A trial's replicas log under their tuning job's id (as `gcloud ai hp-tuning-jobs stream-logs`
 * reads them) with the trial id in the TRIAL_LABEL entry label, so a client shows one trial's
 * replicas with `resource.labels.job_id="TUNING_ID" AND labels."ml.googleapis.com/trial_id"="N"`.
 */
export function entryBase(job: JobRecord, taskName: string): NewLogRecord {
  const jobId = job.trial?.tuningJobId ?? job.id;
  const key = `${job.project}\0${jobId}\0${job.trial?.trialId ?? ''}\0${taskName}`;
  let base = sharedBases.get(key);
  if (!base) {
    if (sharedBases.size >= MAX_SHARED_BASES) sharedBases.clear();
    const labels: Record<string, string> = job.trial ? {[TRIAL_LABEL]: job.trial.trialId} : {};
    base = Object.freeze({
      logName: logName(job.project, taskName),
      resource: Object.freeze({
        type: 'ml_job',
        labels: Object.freeze({job_id: jobId, task_name: taskName, project_id: job.project}),
      }),
      labels: Object.freeze(labels),
      severity: 'DEFAULT',
    });
    sharedBases.set(key, base);
  }
  return base;
}

export function replicaLogEntry(
  job: JobRecord,
  taskName: string,
  stream: 'stdout' | 'stderr',
  line: string,
): NewLogRecord {
  const base = entryBase(job, taskName);
  const defaultSeverity = stream === 'stderr' ? 'ERROR' : 'INFO';
  const parsed = parseJsonLine(line);
  if (!parsed) return {...base, severity: defaultSeverity, textPayload: line};
  const {severity, [LABELS_KEY]: labels, ...payload} = parsed;
  return {
    ...base,
    labels: {...stringRecord(labels), ...base.labels},
    severity: severity === undefined ? defaultSeverity : normaliseSeverity(severity),
    jsonPayload: payload,
  };
}

function stringRecord(value: unknown): Record<string, string> {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return {};
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, String(item)]));
}

function parseJsonLine(line: string): Record<string, unknown> | undefined {
  if (!line.startsWith('{')) return undefined;
  try {
    const value: unknown = JSON.parse(line);
    return value && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}
