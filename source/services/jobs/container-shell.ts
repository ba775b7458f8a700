// How the app opens a shell inside a container replica: `<engine> exec -it NAME SHELL` with the
// engine client and global flags the emulator used (emulator/contract/replica-shell.ts), the local
// counterpart of Vertex's interactive shell, which is a shell inside the replica's container
// (https://cloud.google.com/vertex-ai/docs/training/monitor-debug-interactive-shell). `exec`
// runs in the container's working folder with the container's environment (CLUSTER_SPEC, TF_CONFIG,
// AIP_*, the image's ENV): `docker exec` and `podman exec` start the process with the
// container's configured environment and working directory unless told otherwise
// (https://docs.docker.com/reference/cli/docker/container/exec/,
// https://docs.podman.io/en/latest/markdown/podman-exec.1.html). Every call is an argv; job data
// never reaches a command line: the terminal's TERM travels as `--env NAME` with the value in the
// client's own environment; only the app's own random session marker is written out.
//
// Which shell: the settings' `ui.containerShell`, else the container's own SHELL (the job's env or
// the image's ENV), else /bin/bash, else /bin/sh — each probed first with `SHELL -c exit`, so an
// image without bash still gets its /bin/sh and one without any shell gets a clear line.
//
// A lost terminal: the engine client dies with the terminal, but the shell it started in the
// container lives on (neither engine ends an exec session when its client goes). The shell
// therefore carries a marker variable, given to the container's process alone (`--env NAME=VALUE`,
// so neither the client nor what it starts on the host carries it), and once the handoff returns
// every process still carrying it is ended (endShellSession), found through /proc.
import {spawnSync} from 'node:child_process';
import {randomBytes} from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type {ContainerExec, ReplicaShellInfo} from '../../emulator/contract/replica-shell.js';
import type {ShellLaunch} from './replica-shell.js';

/** The marker every process of one container shell carries (and the user can see in `env`). */
export const SHELL_SESSION_VAR = 'VTRAIN_SHELL_SESSION';

const SESSION = /^[0-9a-f]{16,64}$/;

/** Terminal variables passed from the app: they describe the user's terminal, not the job. */
const TERMINAL_VARS = ['TERM', 'COLORTERM'] as const;

export type Runner = (
  command: string,
  args: string[],
  options: {env: Record<string, string>; cwd: string; timeout: number},
) => {status: number | null; stdout?: string | Buffer; stderr?: string | Buffer; error?: Error};

const defaultRunner: Runner = (command, args, options) =>
  spawnSync(command, args, {...options, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe']});

/** `inspect` of the container: whether it runs, and its environment (for its SHELL). */
export function inspectArgs(exec: ContainerExec): string[] {
  return [
    ...exec.globalArgs,
    'inspect',
    '--format',
    '{{.State.Running}} {{json .Config.Env}}',
    exec.name,
  ];
}

/** `exec` of `shell -c exit` (no terminal): whether the image has that shell. */
export function probeArgs(exec: ContainerExec, shell: string): string[] {
  return [...exec.globalArgs, 'exec', exec.name, shell, '-c', 'exit'];
}

/** The interactive `exec -it`: the terminal's variables by name, the app's marker by value. */
export function execArgs(
  exec: ContainerExec,
  shell: string,
  passed: string[],
  session: string,
): string[] {
  return [
    ...exec.globalArgs,
    'exec',
    '--interactive',
    '--tty',
    ...passed.flatMap((name) => ['--env', name]),
    '--env',
    `${SHELL_SESSION_VAR}=${session}`,
    exec.name,
    shell,
  ];
}

/** A shell path worth probing: absolute, of the characters paths of shells use. */
const SHELL_PATH = /^\/[\w./+@-]*$/;

/** The shells to try, in order: the user's setting, the container's SHELL, bash, sh. */
export function shellCandidates(setting: string | undefined, containerShell?: string): string[] {
  const candidates = [setting, containerShell, '/bin/bash', '/bin/sh'].filter(
    (shell): shell is string => typeof shell === 'string' && SHELL_PATH.test(shell),
  );
  return [...new Set(candidates)];
}

/** `true ["A=1","SHELL=/bin/zsh"]` from inspectArgs' format. */
export function parseInspect(stdout: string): {running: boolean; shell?: string} | undefined {
  const match = /^(true|false) (.*)$/s.exec(stdout.trim());
  if (!match) return undefined;
  let shell: string | undefined;
  try {
    const env = JSON.parse(match[2] as string) as unknown;
    if (Array.isArray(env))
      for (const item of env)
        if (typeof item === 'string' && item.startsWith('SHELL=')) shell = item.slice(6);
  } catch {
    // `null` or a template the engine filled differently: no SHELL from the container
  }
  return {running: match[1] === 'true', ...(shell && {shell})};
}

const text = (value: string | Buffer | undefined) => String(value ?? '');

/** The engine's last error line ("Error: no such container" → "no such container"). */
function engineError(stderr: string): string {
  const line =
    stderr
      .trim()
      .split('\n')
      .map((l) => l.replace(/^Error( response from daemon)?:\s*/i, '').trim())
      .filter(Boolean)
      .pop() ?? '';
  return line.length > 160 ? `${line.slice(0, 157)}…` : line;
}

export interface ContainerShellPlan {
  launch: ShellLaunch;
  shell: string;
  /** The marker's value: endShellSession(session) ends what is left of this shell. */
  session: string;
}

export interface PlanOptions {
  /** settings `ui.containerShell`. */
  setting?: string;
  appEnv?: NodeJS.ProcessEnv;
  run?: Runner;
  session?: string;
}

/** Whether the container still runs, in one line when it does not (undefined: it runs). */
export function containerEnded(
  info: Pick<ReplicaShellInfo, 'replica' | 'cwd'> & {exec: ContainerExec},
  run: Runner = defaultRunner,
): string | undefined {
  const state = inspect(info, run);
  return typeof state === 'string' ? state : undefined;
}

function inspect(
  info: Pick<ReplicaShellInfo, 'replica' | 'cwd'> & {exec: ContainerExec},
  run: Runner,
): string | {shell?: string} {
  const {exec} = info;
  const result = run(exec.binary, inspectArgs(exec), {
    env: exec.clientEnv,
    cwd: info.cwd,
    timeout: 20_000,
  });
  if (result.error)
    return `${exec.binary} could not run: ${(result.error as NodeJS.ErrnoException).code ?? result.error.message}`;
  const state = result.status === 0 ? parseInspect(text(result.stdout)) : undefined;
  if (result.status !== 0) {
    const detail = engineError(text(result.stderr));
    // `--rm` removes an ended replica's container: the engine no longer knows the name.
    if (/no such|not found/i.test(detail))
      return `${info.replica}'s container has ended (${exec.name} is gone)`;
    return `${exec.kind} cannot inspect ${exec.name}: ${detail || `exit ${String(result.status)}`}`;
  }
  if (!state) return `${exec.kind} described ${exec.name} in a way this version does not read`;
  if (!state.running) return `${info.replica}'s container has ended (${exec.name} is not running)`;
  return state.shell ? {shell: state.shell} : {};
}

/**
 * The interactive `exec` into a running container replica, or one line saying why there is none
 * (the container has ended, the engine does not answer, no shell in the image).
 */
export function planContainerShell(
  info: Pick<ReplicaShellInfo, 'replica' | 'cwd'> & {exec: ContainerExec},
  options: PlanOptions = {},
): ContainerShellPlan | string {
  const {exec} = info;
  const run = options.run ?? defaultRunner;
  const appEnv = options.appEnv ?? process.env;
  const state = inspect(info, run);
  if (typeof state === 'string') return state;
  const candidates = shellCandidates(options.setting, state.shell);
  const shell = candidates.find(
    (candidate) =>
      run(exec.binary, probeArgs(exec, candidate), {
        env: exec.clientEnv,
        cwd: info.cwd,
        timeout: 20_000,
      }).status === 0,
  );
  if (!shell) {
    const ended = containerEnded(info, run);
    if (ended) return ended;
    return `no shell in ${info.replica}'s container: tried ${candidates.join(', ')} (set "ui.containerShell" in the settings file to one its image has)`;
  }
  const session = options.session ?? randomBytes(12).toString('hex');
  if (!SESSION.test(session)) throw new Error('a shell session marker is hexadecimal');
  const env: Record<string, string> = {...exec.clientEnv};
  const passed: string[] = [];
  for (const name of TERMINAL_VARS) {
    const value = appEnv[name];
    if (value === undefined) continue;
    env[name] = value;
    passed.push(name);
  }
  return {
    launch: {
      command: exec.binary,
      args: execArgs(exec, shell, passed, session),
      cwd: info.cwd,
      env,
    },
    shell,
    session,
  };
}

/** Whether a process's environment (NUL-separated) carries the session's marker. */
function carries(environ: string, marker: string): boolean {
  return environ.split('\0').includes(marker);
}

/**
 * Ends (SIGKILL) every process that still carries `session`'s marker: what a shell left in the
 * container when its terminal went away. Returns how many. Linux only (/proc); a process the app
 * may not read or signal (a rootful engine's) is left to end with its container.
 */
export function endShellSession(session: string, procRoot = '/proc'): number {
  if (!SESSION.test(session)) return 0;
  const marker = `${SHELL_SESSION_VAR}=${session}`;
  let names: string[];
  try {
    names = fs.readdirSync(procRoot).filter((name) => /^\d+$/.test(name));
  } catch {
    return 0;
  }
  let ended = 0;
  for (const name of names) {
    const pid = Number(name);
    if (pid === process.pid) continue;
    let environ: string;
    try {
      environ = fs.readFileSync(path.join(procRoot, name, 'environ'), 'latin1');
    } catch {
      continue;
    }
    if (!carries(environ, marker)) continue;
    try {
      process.kill(pid, 'SIGKILL');
      ended++;
    } catch {
      // gone already, or not ours to signal
    }
  }
  return ended;
}
