// The emulator's persistent state under DATA_DIR/emulator (owner-only): job records and logs,
// opened and loaded, with jobs a crashed service left behind settled before the first call.
import {RecordStore} from '../records/record-store.js';
import {LogStore, type LogRetention} from '../logging/log-store.js';
import {nowNs} from '../rpc/clock.js';
import {parentInText, resourceName} from '../rpc/resource-names.js';
import type {JobRecord} from '../custom-job/job-record.js';
import {emulatorPaths, type EmulatorPaths} from '../contract/paths.js';
import fs from 'node:fs';
import path from 'node:path';
import {
  checkOwnerOnlyWritable,
  ensureOwnerOnlyDir,
  ensurePrivateDir,
} from '../contract/private-files.js';
import {identify} from '../contract/process-identity.js';
import {recoverInterruptedJobs, type RecoveryReport} from './recovery.js';

export interface EmulatorState {
  paths: EmulatorPaths;
  store: RecordStore<JobRecord>;
  logs: LogStore;
  recovery: RecoveryReport;
  /** For the job runner: records a started replica so a later service can recognise it. */
  onReplicaStarted(job: JobRecord, replica: string, pid: number): void;
}

/** A FAILED job standing for a record that could not be read, named after what survived. */
function unreadableJob(id: string, text: string, reason: string, movedTo: string): JobRecord {
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

export function openEmulatorState(dataDir: string, retention?: LogRetention): EmulatorState {
  const paths = emulatorPaths(dataDir);
  // The whole data folder: the emulator runs code it finds in here, as its owner.
  checkOwnerOnlyWritable(dataDir);
  ensurePrivateDir(paths.root);
  ensureOwnerOnlyDir(paths.buckets);
  ensureOwnerOnlyDir(paths.work);
  for (const bucket of fs.readdirSync(paths.buckets))
    checkOwnerOnlyWritable(path.join(paths.buckets, bucket));
  const store = RecordStore.open<JobRecord>(paths.jobs, {placeholder: unreadableJob});
  for (const {file, reason, movedTo} of store.unreadable)
    process.stderr.write(
      `${new Date().toISOString()} vtrain-tui emulator: the job record ${file} is unreadable (${reason}); moved it to ${movedTo} and listed the job as FAILED.\n`,
    );
  const logs = LogStore.open(paths.logs, retention);
  return {
    paths,
    store,
    logs,
    recovery: recoverInterruptedJobs(store, logs),
    onReplicaStarted(job, replica, pid) {
      const identity = identify(pid);
      if (identity) store.recordReplica(job.id, {replica, ...identity});
    },
  };
}
