// After a crash or kill -9 of the service, jobs it was running are left QUEUED/PENDING/RUNNING
// on disk. Nothing can resume them (their output pipes died with the service), so, as Vertex does
// when it loses a job's machines, they become FAILED with an internal error (code 13) that says
// what happened (a job that was CANCELLING ends CANCELLED). Replicas still alive from the dead
// service are killed first. A job record that cannot be read at all is listed as a FAILED job
// too.
import {isTerminalState} from '../../core/job-spec/index.js';
import type {RecordStore} from '../records/record-store.js';
import type {JobRecord} from './job-record.js';
import type {LogStore} from '../logging/log-store.js';
import {LOST_JOB_MESSAGE, settleLostRun} from '../rpc/run-record.js';
import {killIfSame} from '../contract/process-identity.js';
import {nowNs} from '../rpc/clock.js';
import {logName, parentInText, resourceName} from '../rpc/resource-names.js';

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

/** A FAILED job standing for a record that could not be read, named after what survived. */
export function unreadableJobRecord(
  id: string,
  text: string,
  reason: string,
  movedTo: string,
): JobRecord {
  // The resource name is usually still readable in a damaged file; without it the job is shown
  // under the project "unknown".
  const {project, location} = parentInText(text, 'customJobs') ?? {
    project: 'unknown',
    location: 'unknown',
  };
  const now = nowNs();
  return {
    id,
    name: resourceName({project, location}, 'customJobs', id),
    project,
    location,
    displayName: `(unreadable record ${id})`,
    jobSpec: {workerPoolSpecs: []},
    labels: {},
    state: 'JOB_STATE_FAILED',
    createTimeNs: now,
    updateTimeNs: now,
    endTimeNs: now,
    error: {
      code: 13,
      message: `record unreadable (${reason}): moved to ${movedTo}. The job's logs are kept; delete this job to drop its record.`,
    },
  };
}
