// Container specs run through a local Docker or Podman engine (container-engine.ts finds it). The
// replica's environment reaches the container as `--env NAME` with the values in the client's own
// environment, so no value ever appears on a command line or passes through a shell. Images are
// used as the engine finds them locally (`--pull=never`): the emulator never fetches one.
import {execFile, spawnSync} from 'node:child_process';
import type {ContainerEngine, EngineProbe} from '../contract/container-engine.js';

export {
  configuredEngines,
  DEFAULT_CONTAINER_ENGINES,
  findContainerEngine,
  type ContainerEngine,
  type EngineProbe,
} from '../contract/container-engine.js';

/** The label that marks every container of one emulator (its data folder), for clean-ups. */
export const EMULATOR_LABEL = 'vtrain-emulator';

export interface ContainerRunInput {
  /** Container name, unique per replica, so a stop can remove exactly this container. */
  name: string;
  imageUri: string;
  command?: string[];
  args?: string[];
  envNames: string[];
  /** Host folders mounted at the same path (the local stand-ins for gs:// outputs, code). */
  mounts: string[];
  labels: Record<string, string>;
  /** Working folder inside the container (a mounted code folder); the image's own otherwise. */
  workdir?: string;
}

/** Engine flags for every call (e.g. `--runtime runc`): none for an engine given as a name. */
type EngineLike = Pick<ContainerEngine, 'binary' | 'kind' | 'globalArgs' | 'runArgs'>;

/** argv for `docker run` / `podman run` (the two take the same flags used here). */
export function containerRunArgs(
  input: ContainerRunInput,
  engine: Pick<EngineLike, 'globalArgs' | 'runArgs'> = {globalArgs: [], runArgs: []},
): string[] {
  // Host networking: each replica listens on its CLUSTER_SPEC address, which the others reach
  // as on Vertex, where every replica has its own VM address.
  const argv = [...engine.globalArgs, 'run', '--rm', '--pull=never', '--name', input.name];
  argv.push('--network', 'host', ...engine.runArgs);
  for (const [key, value] of Object.entries(input.labels)) argv.push('--label', `${key}=${value}`);
  for (const mount of input.mounts) argv.push('--volume', `${mount}:${mount}`);
  if (input.workdir) argv.push('--workdir', input.workdir);
  for (const name of input.envNames) argv.push('--env', name);
  const [entrypoint, ...commandRest] = input.command ?? [];
  // ContainerSpec.command replaces the image's ENTRYPOINT; `--entrypoint` takes one executable,
  // so the rest of the command goes before the args.
  if (entrypoint !== undefined) argv.push('--entrypoint', entrypoint);
  argv.push(input.imageUri, ...commandRest, ...(input.args ?? []));
  return argv;
}

/** The job error when no engine answers: what was tried, and how to fix it. */
export function noEngineMessage(pool: number, imageUri: string, tried: EngineProbe): string {
  const reasons = tried.ok ? '' : tried.tried.map((t) => `${t.binary} ${t.problem}`).join('; ');
  return (
    `workerPoolSpecs[${pool}] runs the container image ${imageUri}, but no container engine is available: ${reasons}. ` +
    'Start the Docker daemon (or install Podman) so that `docker info` or `podman info` succeeds, ' +
    'or use a Python package spec on a pre-built image, or submit the job to Vertex AI.'
  );
}

function call(engine: EngineLike, args: string[], env: Record<string, string>): Promise<number> {
  return new Promise((resolve) => {
    execFile(
      engine.binary,
      [...engine.globalArgs, ...args],
      {env, timeout: 30_000, shell: false},
      (error) => resolve(error ? Number((error as {code?: unknown}).code) || 1 : 0),
    );
  });
}

/** Whether the engine has the image locally (`image inspect` is the same on both engines). */
export async function imageIsLocal(
  engine: EngineLike,
  imageUri: string,
  env: Record<string, string>,
): Promise<boolean> {
  return (await call(engine, ['image', 'inspect', '--format', '{{.Id}}', imageUri], env)) === 0;
}

/** The job error for an image the engine does not have: the commands that would provide it. */
export function missingImageMessage(
  field: string,
  imageUri: string,
  engine: Pick<ContainerEngine, 'binary' | 'kind'>,
): string {
  const name = engine.kind;
  return (
    `${field}: the image ${imageUri} is not among ${name}'s local images, and the local emulator never pulls one. ` +
    `Build it (\`${name} build -t ${imageUri} DIR\`), import a root filesystem (\`${name} import ROOTFS.tar ${imageUri}\`) ` +
    `or fetch it once (\`${name} pull ${imageUri}\`), then submit the job again.`
  );
}

/** Flags of `rm --force` that kill at once (Podman would first wait 10 s for SIGTERM). */
function forceRemoveArgs(engine: EngineLike): string[] {
  return engine.kind === 'podman' ? ['rm', '--force', '--time', '0'] : ['rm', '--force'];
}

/**
 * Stops one container as a replica is stopped: SIGTERM, then SIGKILL after `graceSeconds` (sent
 * by the engine, so an image whose PID 1 ignores SIGTERM still stops), then removes it.
 */
export async function stopContainer(
  engine: EngineLike,
  name: string,
  env: Record<string, string>,
  graceSeconds: number,
): Promise<void> {
  await call(engine, ['stop', '--time', String(graceSeconds), name], env);
  await removeContainer(engine, name, env);
}

/**
 * The host pid of a running container's main process (`inspect --format {{.State.Pid}}`, the same
 * on Docker and Podman), or undefined while it has none (not started yet, or ended: pid 0).
 */
export function containerPid(
  engine: EngineLike,
  name: string,
  env: Record<string, string>,
): Promise<number | undefined> {
  return new Promise((resolve) => {
    execFile(
      engine.binary,
      [...engine.globalArgs, 'inspect', '--format', '{{.State.Pid}}', name],
      {env, timeout: 10_000, shell: false},
      (error, stdout) => {
        const pid = Number(String(stdout).trim());
        resolve(!error && Number.isInteger(pid) && pid > 0 ? pid : undefined);
      },
    );
  });
}

/** A container can outlive its `run` client (e.g. after SIGKILL); remove it by name. */
export async function removeContainer(
  engine: EngineLike,
  name: string,
  env: Record<string, string>,
): Promise<void> {
  await call(engine, [...forceRemoveArgs(engine), name], env);
}

/** Synchronous removal, for process-exit paths that cannot wait. */
export function removeContainerNow(
  engine: EngineLike,
  name: string,
  env: Record<string, string>,
): void {
  spawnSync(engine.binary, [...engine.globalArgs, ...forceRemoveArgs(engine), name], {
    env,
    stdio: 'ignore',
    timeout: 10_000,
  });
}

/** Names of the containers carrying `label` (`key=value`), running or not. */
export function containersLabelled(
  engine: EngineLike,
  label: string,
  env: Record<string, string>,
): Promise<string[]> {
  return new Promise((resolve) => {
    execFile(
      engine.binary,
      [...engine.globalArgs, 'ps', '--all', '--filter', `label=${label}`, '--format', '{{.Names}}'],
      {env, timeout: 30_000, shell: false},
      (error, stdout) => resolve(error ? [] : String(stdout).split(/\s+/).filter(Boolean)),
    );
  });
}
