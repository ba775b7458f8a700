// After a crash or kill -9 of the service, jobs it was running are left QUEUED/PENDING/RUNNING
// on disk. Nothing can resume them (their output pipes died with the service), so, as Vertex does
// when it loses a job's machines, they become FAILED with an internal error (code 13) that says
// what happened (a job that was CANCELLING ends CANCELLED). Replicas still alive from the dead
// service are killed first.
import {isTerminalState} from '../../job-spec/index.js';
import type {JobStore} from '../job-store.js';
import {nowNs, type LogStore} from '../log-store.js';
import {killIfSame} from './process-identity.js';

export const LOST_JOB_CODE = 13;
export const LOST_JOB_MESSAGE =
  'The local emulator stopped while the job was running (it crashed or was killed), so its replicas were lost. Submit the job again.';

export interface RecoveryReport {
  settledJobs: string[];
  killedReplicas: number;
}

export function recoverInterruptedJobs(store: JobStore, logs: LogStore): RecoveryReport {
  const report: RecoveryReport = {settledJobs: [], killedReplicas: 0};
  for (const job of store.list()) {
    if (isTerminalState(job.state)) continue;
    for (const replica of store.replicasOf(job.id))
      if (killIfSame(replica)) report.killedReplicas++;
    const now = nowNs();
    // A cancel the user asked for still ends as a cancel; anything else was lost.
    const cancelled = job.state === 'JOB_STATE_CANCELLING';
    job.state = cancelled ? 'JOB_STATE_CANCELLED' : 'JOB_STATE_FAILED';
    job.error = cancelled
      ? {code: 1, message: 'CANCELED'}
      : {code: LOST_JOB_CODE, message: LOST_JOB_MESSAGE};
    job.endTimeNs = now;
    job.updateTimeNs = now;
    store.put(job);
    logs.append(
      {
        logName: `projects/${job.project}/logs/service`,
        resource: {
          type: 'ml_job',
          labels: {job_id: job.id, task_name: 'service', project_id: job.project},
        },
        labels: {},
        severity: cancelled ? 'INFO' : 'ERROR',
        textPayload: cancelled ? 'Job was cancelled.' : LOST_JOB_MESSAGE,
      },
      `service${job.id}`,
    );
    report.settledJobs.push(job.id);
  }
  return report;
}
