// What the app needs to open a shell "inside" a running local replica: the replica's working
// folder and its exact environment (CLUSTER_SPEC, TF_CONFIG, AIP_*, …), as the emulator launched
// it. The emulator writes one file per replica, 0600, in a 0700 folder of the job's work folder
// (DATA_DIR/jobs/ID/.replicas/REPLICA.json); only the owner can read it, as only the owner can
// read the job's logs. It is the local counterpart of Vertex's interactive shell
// (https://cloud.google.com/vertex-ai/docs/training/monitor-debug-interactive-shell), which gives
// a shell in the replica's container with its environment. A container replica's record also says
// how to enter its container (`exec`): the engine client the emulator ran (an absolute path, so the
// app's PATH cannot pick another one), its global flags, the container's name and the client's
// environment (where it finds its engine); the app runs `<binary> exec -it NAME SHELL` as an argv.
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
  /** The replica runs in a container (Podman/Docker): a shell enters it through `exec`. */
  container: boolean;
  /** How to enter the container (container replicas recorded by this version on). */
  exec?: ContainerExec;
}

/** What `<engine> exec` needs to reach a container replica, as the emulator started it. */
export interface ContainerExec {
  kind: 'docker' | 'podman';
  /** The engine client the emulator ran, as an absolute path. */
  binary: string;
  /** Flags before the subcommand that every call to this engine carries (`--runtime runc`). */
  globalArgs: string[];
  /** The container's name (replicaContainerName). */
  name: string;
  /** The engine client's environment (PATH, HOME, XDG_RUNTIME_DIR, DOCKER_HOST…), not the replica's. */
  clientEnv: Record<string, string>;
}

/** The container one replica runs in: unique per replica, so a stop removes exactly this one. */
export function replicaContainerName(jobId: string, replica: string): string {
  return `vtrain-${jobId}-${replica}`;
}

/**
 * Container names both engines accept: Docker's `^/?[a-zA-Z0-9][a-zA-Z0-9_.-]+$`
 * (moby daemon/names/names.go, RestrictedNamePattern) and Podman's
 * `^[a-zA-Z0-9][a-zA-Z0-9_.-]*$` (containers/podman libpod/define/errors.go, NameRegex). The first
 * character is never `-`, so a name can never be read as a flag.
 */
export const CONTAINER_NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.-]+$/;

/** Global flags the emulator may give an engine (container-engine.ts: PodmanFlagSearch). */
const GLOBAL_FLAG = /^--[a-z][a-z-]*$/;

const isStringMap = (value: unknown): value is Record<string, string> =>
  typeof value === 'object' &&
  value !== null &&
  !Array.isArray(value) &&
  Object.values(value).every((item) => typeof item === 'string');

function isExecutableFile(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/**
 * The recorded `exec` of `jobId`'s `replica`, or why it cannot be used (one line). The engine must
 * be an absolute path to an executable, the container name this replica's and valid for both
 * engines, and the global flags flags followed by their values.
 */
export function checkContainerExec(
  value: unknown,
  jobId: string,
  replica: string,
): ContainerExec | string {
  const exec = value as Partial<ContainerExec> | undefined;
  if (!exec || typeof exec !== 'object')
    return `${replica} runs in a container, but its record does not say how to enter it (a job started by an older version of the emulator: run it again)`;
  if (exec.kind !== 'docker' && exec.kind !== 'podman')
    return `${replica}'s record names an unknown container engine`;
  if (typeof exec.binary !== 'string' || !path.isAbsolute(exec.binary))
    return `${replica}'s record does not name its container engine by an absolute path`;
  if (!isExecutableFile(exec.binary))
    return `the container engine ${exec.binary} the emulator used is no longer there`;
  if (typeof exec.name !== 'string' || !CONTAINER_NAME.test(exec.name))
    return `${replica}'s recorded container name is not a valid container name ([a-zA-Z0-9][a-zA-Z0-9_.-]+)`;
  if (exec.name !== replicaContainerName(jobId, replica))
    return `${replica}'s record names another container (${exec.name})`;
  const flags = exec.globalArgs;
  const flagsValid =
    Array.isArray(flags) &&
    flags.length % 2 === 0 &&
    flags.every(
      (flag, index) =>
        typeof flag === 'string' &&
        (index % 2 === 0 ? GLOBAL_FLAG.test(flag) : flag !== '' && !flag.startsWith('-')),
    );
  if (!flagsValid) return `${replica}'s recorded engine flags are damaged`;
  if (!isStringMap(exec.clientEnv)) return `${replica}'s recorded engine environment is damaged`;
  return {
    kind: exec.kind,
    binary: exec.binary,
    globalArgs: [...(flags as string[])],
    name: exec.name,
    clientEnv: exec.clientEnv,
  };
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
      !isStringMap(env) ||
      !fs.existsSync(info.cwd)
    )
      return `${replica}'s recorded environment is not usable (its folder is gone or the record is damaged)`;
    if (info.container !== true) return {version: 1, replica, cwd: info.cwd, env, container: false};
    const exec = checkContainerExec(info.exec, jobId, replica);
    if (typeof exec === 'string') return exec;
    return {version: 1, replica, cwd: info.cwd, env, container: true, exec};
  } catch {
    return `${replica}'s recorded environment is damaged`;
  }
}
