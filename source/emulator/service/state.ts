// The emulator's persistent state under DATA_DIR/emulator (owner-only): job records and logs,
// opened and loaded, with jobs a crashed service left behind settled before the first call.
import {JobStore} from '../job-store.js';
import {LogStore, type LogRetention} from '../log-store.js';
import type {JobRecord} from '../job-record.js';
import {emulatorPaths, type EmulatorPaths} from './paths.js';
import {ensurePrivateDir} from './private-files.js';
import {identify} from './process-identity.js';
import {recoverInterruptedJobs, type RecoveryReport} from './recovery.js';

export interface EmulatorState {
  paths: EmulatorPaths;
  store: JobStore;
  logs: LogStore;
  recovery: RecoveryReport;
  /** For the job runner: records a started replica so a later service can recognise it. */
  onReplicaStarted(job: JobRecord, replica: string, pid: number): void;
}

export function openEmulatorState(dataDir: string, retention?: LogRetention): EmulatorState {
  const paths = emulatorPaths(dataDir);
  ensurePrivateDir(paths.root);
  const store = JobStore.open(paths.jobs);
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
