// Time in state and elapsed time from the job's own timestamps, never from when the app happened
// to notice a change: a state seen late, or skipped between two polls, is still timed right.
import {isTerminalState, type JobState} from '../../../core/job-spec/index.js';
import type {JobSummary} from '../../../services/vertex/job-snapshot.js';

export interface JobTiming {
  /** When the current state began, by the job's timestamps (undefined: not known). */
  stateSinceMs?: number;
  /** From start (or creation while not started) to end (or now). */
  elapsedMs?: number;
  /** Waiting before the first replica ran (start − create). */
  queuedMs?: number;
}

function sinceFor(state: JobState, job: JobSummary): Date | undefined {
  if (isTerminalState(state)) return job.endTime ?? job.updateTime;
  switch (state) {
    case 'JOB_STATE_QUEUED':
      return job.createTime;
    case 'JOB_STATE_RUNNING':
      return job.startTime ?? job.updateTime;
    default:
      // PENDING (after the queue), CANCELLING, UPDATING…: the last update changed the state.
      return job.updateTime ?? job.createTime;
  }
}

export function jobTiming(job: JobSummary, nowMs: number): JobTiming {
  const since = sinceFor(job.state, job);
  const from = job.startTime ?? job.createTime;
  const to = job.endTime?.getTime() ?? nowMs;
  return {
    ...(since && {stateSinceMs: since.getTime()}),
    ...(from && {elapsedMs: Math.max(0, to - from.getTime())}),
    ...(job.createTime &&
      job.startTime && {queuedMs: job.startTime.getTime() - job.createTime.getTime()}),
  };
}
