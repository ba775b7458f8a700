// What the app needs to open a shell "inside" a running local replica: the replica's working
// folder and its exact environment (CLUSTER_SPEC, TF_CONFIG, AIP_*, …), as the emulator launched
// it. The emulator writes one file per replica, 0600, in a 0700 folder of the job's work folder
// (DATA_DIR/jobs/ID/.replicas/REPLICA.json); only the owner can read it, as only the owner can
// read the job's logs. It is the local counterpart of Vertex's interactive shell
// (https://cloud.google.com/vertex-ai/docs/training/monitor-debug-interactive-shell), which gives
// a shell in the replica's container with its environment.
import fs from 'node:fs';
import path from 'node:path';
import {checkPrivate, ensurePrivateDir, readPrivateFile, writeFileAtomic} from './private-files.js';

export interface ReplicaShellInfo {
  version: 1;
  /** "workerpool0-0": the replica name of the job's logs (labels.replica_name). */
  replica: string;
  /** The folder the replica's process runs in. */
  cwd: string;
  /** The replica process's whole environment. */
  env: Record<string, string>;
  /** The replica runs in a container (Podman/Docker): the shell would be outside it. */
  container: boolean;
}

/** Replica names as the emulator makes them (workerpoolN-M); nothing else names a file. */
const REPLICA_NAME = /^workerpool\d+-\d+$/;

export function replicaShellFile(dataDir: string, jobId: string, replica: string): string {
  if (!/^\d+$/.test(jobId) || !REPLICA_NAME.test(replica))
    throw new Error(`not a local job replica: ${jobId}/${replica}`);
  return path.join(dataDir, 'jobs', jobId, '.replicas', `${replica}.json`);
}

/** The emulator's side: records how `replica` was launched (replaced on a restart). */
export function writeReplicaShell(dataDir: string, jobId: string, info: ReplicaShellInfo): void {
  const file = replicaShellFile(dataDir, jobId, info.replica);
  ensurePrivateDir(path.dirname(file));
  writeFileAtomic(file, `${JSON.stringify(info)}\n`);
}

/**
 * The app's side: the replica's launch, or a sentence saying why there is none. The file must be
 * the owner's and private (a file anyone could write would choose what the shell runs in).
 */
export function readReplicaShell(
  dataDir: string,
  jobId: string,
  replica: string,
): ReplicaShellInfo | string {
  let text: string | undefined;
  try {
    const file = replicaShellFile(dataDir, jobId, replica);
    checkPrivate(path.dirname(file), 'directory');
    text = readPrivateFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') text = undefined;
    else return (error as Error).message;
  }
  if (text === undefined)
    return `the emulator has not recorded ${replica}'s environment (a job started by an older version, or the replica has not started yet)`;
  try {
    const info = JSON.parse(text) as Partial<ReplicaShellInfo>;
    const env = info.env;
    if (
      info.version !== 1 ||
      info.replica !== replica ||
      typeof info.cwd !== 'string' ||
      typeof env !== 'object' ||
      env === null ||
      !Object.values(env).every((value) => typeof value === 'string') ||
      !fs.existsSync(info.cwd)
    )
      return `${replica}'s recorded environment is not usable (its folder is gone or the record is damaged)`;
    return {version: 1, replica, cwd: info.cwd, env, container: info.container === true};
  } catch {
    return `${replica}'s recorded environment is damaged`;
  }
}
