// JobState names and helpers (google.cloud.aiplatform.v1.JobState). gRPC responses may carry the
// enum as a name or a number, so everything is normalised to the name.
export const JOB_STATES = [
  'JOB_STATE_UNSPECIFIED',
  'JOB_STATE_QUEUED',
  'JOB_STATE_PENDING',
  'JOB_STATE_RUNNING',
  'JOB_STATE_SUCCEEDED',
  'JOB_STATE_FAILED',
  'JOB_STATE_CANCELLING',
  'JOB_STATE_CANCELLED',
  'JOB_STATE_PAUSED',
  'JOB_STATE_EXPIRED',
  'JOB_STATE_UPDATING',
  'JOB_STATE_PARTIALLY_SUCCEEDED',
] as const;

export type JobState = (typeof JOB_STATES)[number];

export function normaliseJobState(value: unknown): JobState {
  if (typeof value === 'number') return JOB_STATES[value] ?? 'JOB_STATE_UNSPECIFIED';
  return (JOB_STATES as readonly unknown[]).includes(value)
    ? (value as JobState)
    : 'JOB_STATE_UNSPECIFIED';
}

const TERMINAL: ReadonlySet<JobState> = new Set([
  'JOB_STATE_SUCCEEDED',
  'JOB_STATE_FAILED',
  'JOB_STATE_CANCELLED',
  'JOB_STATE_EXPIRED',
  'JOB_STATE_PARTIALLY_SUCCEEDED',
]);

export function isTerminalState(state: JobState): boolean {
  return TERMINAL.has(state);
}

/** `JOB_STATE_RUNNING` → `RUNNING`. */
export function shortState(state: JobState): string {
  return state.replace(/^JOB_STATE_/, '');
}

/**
 * Training pipelines report `PIPELINE_STATE_*`, which has the same members as JobState for
 * everything a pipeline can be in; one state vocabulary lets the job list colour and filter both.
 */
export function normaliseAnyState(value: unknown): JobState {
  if (typeof value === 'string' && value.startsWith('PIPELINE_STATE_'))
    return normaliseJobState(`JOB_STATE_${value.slice('PIPELINE_STATE_'.length)}`);
  return normaliseJobState(value);
}
