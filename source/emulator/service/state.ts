// The emulator's persistent state under DATA_DIR/emulator (owner-only): job records and logs,
// opened and loaded, with jobs a crashed service left behind settled before the first call.
import {RecordStore} from '../records/record-store.js';
import {DiskSpace} from '../records/disk-space.js';
import {logServiceLine} from './service-log.js';
import {LogStore, type LogRetention} from '../logging/log-store.js';
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
import {
  recoverInterruptedJobs,
  unreadableJobRecord,
  type RecoveryReport,
} from '../custom-job/recovery.js';

export interface EmulatorState {
  paths: EmulatorPaths;
  store: RecordStore<JobRecord>;
  logs: LogStore;
  recovery: RecoveryReport;
  /** The data folder's free space: a full disk refuses new work instead of crashing. */
  disk: DiskSpace;
  /** For the job runner: records a started replica so a later service can recognise it. */
  onReplicaStarted(job: JobRecord, replica: string, pid: number): void;
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
  const disk = new DiskSpace(dataDir, logServiceLine);
  const store = RecordStore.open<JobRecord>(paths.jobs, {placeholder: unreadableJobRecord, disk});
  for (const {file, reason, movedTo} of store.unreadable)
    logServiceLine(
      `the job record ${file} is unreadable (${reason}); moved it to ${movedTo} and listed the job as FAILED.`,
    );
  const logs = LogStore.open(paths.logs, retention);
  return {
    paths,
    store,
    logs,
    disk,
    recovery: recoverInterruptedJobs(store, logs),
    onReplicaStarted(job, replica, pid) {
      const identity = identify(pid);
      if (identity) store.recordReplica(job.id, {replica, ...identity});
    },
  };
}
