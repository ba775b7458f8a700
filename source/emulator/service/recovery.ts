// After a crash or kill -9 of the service, jobs it was running are left QUEUED/PENDING/RUNNING
// on disk. Nothing can resume them (their output pipes died with the service), so, as Vertex does
// when it loses a job's machines, they become FAILED with an internal error (code 13) that says
// what happened (a job that was CANCELLING ends CANCELLED). Replicas still alive from the dead
// service are killed first.
import {isTerminalState} from '../../core/job-spec/index.js';
import type {RecordStore} from '../records/record-store.js';
import type {JobRecord} from '../custom-job/job-record.js';
import type {LogStore} from '../logging/log-store.js';
import {LOST_JOB_MESSAGE, settleLostRun} from '../rpc/run-record.js';
import {logName} from '../rpc/resource-names.js';
import {killIfSame} from '../contract/process-identity.js';

export {LOST_JOB_CODE, LOST_JOB_MESSAGE} from '../rpc/run-record.js';

export interface RecoveryReport {
  settledJobs: string[];
  killedReplicas: number;
}

export function recoverInterruptedJobs(
  store: RecordStore<JobRecord>,
  logs: LogStore,
): RecoveryReport {
  const report: RecoveryReport = {settledJobs: [], killedReplicas: 0};
  for (const job of store.list()) {
    if (isTerminalState(job.state)) continue;
    for (const replica of store.replicasOf(job.id))
      if (killIfSame(replica)) report.killedReplicas++;
    const cancelled = settleLostRun(job);
    store.put(job);
    logs.append(
      {
        logName: logName(job.project, 'service'),
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
