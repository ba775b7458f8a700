// Container specs run through a local Docker or Podman engine. An engine counts only if its
// client answers `info` (an installed client without a running daemon does not), and the replica's
// environment reaches the container as `-e NAME` with the values in the client's own environment,
// so no value ever appears on a command line or passes through a shell.
import {execFile} from 'node:child_process';

export interface ContainerRunInput {
  /** Container name, unique per replica, so a stop can remove exactly this container. */
  name: string;
  imageUri: string;
  command?: string[];
  args?: string[];
  envNames: string[];
  /** Host folders mounted at the same path (the local stand-ins for gs:// outputs). */
  mounts: string[];
  labels: Record<string, string>;
}

/** argv for `docker run` / `podman run` (the two take the same flags used here). */
export function containerRunArgs(input: ContainerRunInput): string[] {
  const argv = ['run', '--rm', '--name', input.name, '--network', 'host'];
  for (const [key, value] of Object.entries(input.labels)) argv.push('--label', `${key}=${value}`);
  for (const mount of input.mounts) argv.push('--volume', `${mount}:${mount}`);
  for (const name of input.envNames) argv.push('--env', name);
  const [entrypoint, ...commandRest] = input.command ?? [];
  // ContainerSpec.command replaces the image's ENTRYPOINT; `--entrypoint` takes one executable,
  // so the rest of the command goes before the args.
  if (entrypoint !== undefined) argv.push('--entrypoint', entrypoint);
  argv.push(input.imageUri, ...commandRest, ...(input.args ?? []));
  return argv;
}

export type EngineProbe =
  {ok: true; binary: string} | {ok: false; tried: {binary: string; problem: string}[]};

export const DEFAULT_CONTAINER_ENGINES = ['docker', 'podman'];

/** The engines to try: VTRAIN_EMULATOR_CONTAINER_ENGINES (comma-separated) or docker, podman. */
export function configuredEngines(env: NodeJS.ProcessEnv = process.env): string[] {
  const fromEnv = env.VTRAIN_EMULATOR_CONTAINER_ENGINES?.split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  return fromEnv?.length ? fromEnv : DEFAULT_CONTAINER_ENGINES;
}

function probeOne(binary: string, env: Record<string, string>): Promise<string | undefined> {
  return new Promise((resolve) => {
    execFile(
      binary,
      ['info', '--format', '{{.ServerVersion}}'],
      {env, timeout: 10_000, shell: false},
      (error, _stdout, stderr) => {
        if (!error) return resolve(undefined);
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'ENOENT') return resolve('is not installed');
        const detail = stderr.trim().split('\n').filter(Boolean).pop() ?? error.message;
        resolve(`is installed but its engine does not answer (\`${binary} info\`: ${detail})`);
      },
    );
  });
}

/** Finds the first engine that answers, or reports why each candidate was not usable. */
export async function findContainerEngine(
  candidates: string[],
  env: Record<string, string>,
): Promise<EngineProbe> {
  const tried: {binary: string; problem: string}[] = [];
  for (const binary of candidates) {
    const problem = await probeOne(binary, env);
    if (problem === undefined) return {ok: true, binary};
    tried.push({binary, problem});
  }
  return {ok: false, tried};
}

/** The job error when no engine answers: what was tried, and how to fix it. */
export function noEngineMessage(pool: number, imageUri: string, tried: EngineProbe): string {
  const reasons = tried.ok ? '' : tried.tried.map((t) => `${t.binary} ${t.problem}`).join('; ');
  return (
    `workerPoolSpecs[${pool}] runs the container image ${imageUri}, but no container engine is available: ${reasons}. ` +
    'Start the Docker daemon (or install Podman) so that `docker info` succeeds, ' +
    'or use a Python package spec on a pre-built image, or submit the job to Vertex AI.'
  );
}
