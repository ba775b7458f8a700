// Which container engine runs containerSpec replicas, and with which flags (in the contract:
// `doctor` asks the same question the emulator does). Docker counts when its
// daemon answers `docker info`; Podman (daemonless) when `podman info` answers with Podman's own
// template fields (`{{.Version.Version}}`: Podman has no `.ServerVersion`). The client's
// `--version` line tells the two apart, so a `docker` that is really Podman (podman-docker) is
// treated as Podman.
//
// A constrained host (no CAP_SYS_RESOURCE, cgroups v1 or hybrid, crun without cgroup support) can
// refuse Podman's defaults at container start, before any image code runs. Podman is therefore
// probed once by starting a container from an empty root folder (`--rootfs`) with a command that
// does not exist: an "executable not found" answer (exit 127) proves the runtime got as far as
// exec with those flags. Each refusal picks the next flag for what it names (open-files / process
// limits → `--ulimit` with this process's own limits, then lower ones; cgroups → cgroupfs manager,
// then `--cgroups=disabled`; anything else → the runc runtime), and every flag kept is explained.
import {execFile} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {findExecutable} from './executables.js';

export type EngineKind = 'docker' | 'podman';

export interface ContainerEngine {
  binary: string;
  /**
   * `binary` resolved on the PATH the engine is called with: the client that runs the replicas,
   * named to the app for its `exec` (contract/replica-shell.ts).
   */
  path?: string;
  kind: EngineKind;
  version: string;
  /** Flags before the subcommand (e.g. `--runtime runc`), for every call to this engine. */
  globalArgs: string[];
  /** Extra flags of `run` (e.g. `--ulimit nofile=...`) this host needs. */
  runArgs: string[];
  /** Why each extra flag is there, one line each (doctor, job errors). */
  notes: string[];
}

export type EngineProbe =
  | {ok: true; engine: ContainerEngine; tried: {binary: string; problem: string}[]}
  | {ok: false; tried: {binary: string; problem: string}[]};

export const DEFAULT_CONTAINER_ENGINES = ['docker', 'podman'];

/** The engines to try: VTRAIN_EMULATOR_CONTAINER_ENGINES (comma-separated) or docker, podman. */
export function configuredEngines(env: NodeJS.ProcessEnv = process.env): string[] {
  const fromEnv = env.VTRAIN_EMULATOR_CONTAINER_ENGINES?.split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  return fromEnv?.length ? fromEnv : DEFAULT_CONTAINER_ENGINES;
}

interface Run {
  code: number | string | null;
  stdout: string;
  stderr: string;
}

function run(binary: string, args: string[], env: Record<string, string>): Promise<Run> {
  return new Promise((resolve) => {
    execFile(binary, args, {env, timeout: 30_000, shell: false}, (error, stdout, stderr) => {
      const code = error ? ((error as NodeJS.ErrnoException).code ?? 1) : 0;
      resolve({code, stdout: String(stdout), stderr: String(stderr)});
    });
  });
}

/** The last meaningful line of an engine's error output. */
export function lastLine(text: string, fallback = ''): string {
  return (
    text
      .trim()
      .split('\n')
      .map((line) => line.replace(/^Error:\s*/, '').trim())
      .filter(Boolean)
      .pop() ?? fallback
  );
}

/** `docker`/`podman` from the client's `--version` line ("podman version 4.3.1"). */
export function engineKindOf(versionLine: string): EngineKind {
  return /podman/i.test(versionLine) ? 'podman' : 'docker';
}

/** The `info` template each engine has: Docker's daemon version, Podman's own version. */
export function infoFormat(kind: EngineKind): string {
  return kind === 'podman' ? '{{.Version.Version}}' : '{{.ServerVersion}}';
}

async function probeOne(
  binary: string,
  env: Record<string, string>,
): Promise<{engine: ContainerEngine} | {problem: string}> {
  const version = await run(binary, ['--version'], env);
  if (version.code === 'ENOENT') return {problem: 'is not installed'};
  const kind = engineKindOf(version.stdout);
  const info = await run(binary, ['info', '--format', infoFormat(kind)], env);
  if (info.code !== 0) {
    const detail = lastLine(info.stderr, `exit ${String(info.code)}`);
    return {
      problem:
        kind === 'podman'
          ? `is installed but does not answer (\`${binary} info\`: ${detail})`
          : `is installed but its engine does not answer (\`${binary} info\`: ${detail})`,
    };
  }
  const resolved = findExecutable(binary, env.PATH);
  const engine: ContainerEngine = {
    binary,
    ...(resolved && {path: path.resolve(resolved)}),
    kind,
    version: info.stdout.trim(),
    globalArgs: [],
    runArgs: [],
    notes: [],
  };
  if (kind === 'docker') return {engine};
  const flags = await probePodmanRun(binary, env);
  if (!flags.ok)
    return {problem: `is installed but cannot start a container here: ${flags.problem}`};
  return {engine: {...engine, ...flags.flags}};
}

const cache = new Map<string, Promise<{engine: ContainerEngine} | {problem: string}>>();

/**
 * Finds the first engine that answers (and, for Podman, the flags that let it start a container),
 * or reports why each candidate was not usable. A usable engine is remembered for the process.
 */
export async function findContainerEngine(
  candidates: string[],
  env: Record<string, string>,
): Promise<EngineProbe> {
  const tried: {binary: string; problem: string}[] = [];
  for (const binary of candidates) {
    const key = `${binary}\0${JSON.stringify(Object.entries(env).sort())}`;
    let probe = cache.get(key);
    if (!probe) {
      probe = probeOne(binary, env);
      cache.set(key, probe);
    }
    const result = await probe;
    if ('engine' in result) return {ok: true, engine: result.engine, tried};
    cache.delete(key); // a refusal may be fixed (daemon started) before the next job
    tried.push({binary, problem: result.problem});
  }
  return {ok: false, tried};
}

/** One `ulimit` resource: its Podman name, how runtimes name it in errors, this process's limit. */
interface LimitResource {
  name: 'nofile' | 'nproc';
  errorPattern: RegExp;
  label: string;
}

const LIMITS: LimitResource[] = [
  {name: 'nofile', errorPattern: /NOFILE|rlimit type 7\b/i, label: 'open-files'},
  {name: 'nproc', errorPattern: /NPROC|rlimit type 6\b/i, label: 'process'},
];

/** soft:hard of a resource in /proc/self/limits ("Max open files  20000  20000  files"). */
export function ownLimit(
  limitsText: string,
  resource: 'nofile' | 'nproc',
): {soft: number; hard: number} | undefined {
  const title = resource === 'nofile' ? 'Max open files' : 'Max processes';
  const line = limitsText.split('\n').find((l) => l.startsWith(title));
  const [soft, hard] = (line?.slice(title.length).trim().split(/\s+/) ?? []).map(Number);
  return soft !== undefined &&
    hard !== undefined &&
    Number.isInteger(soft) &&
    Number.isInteger(hard)
    ? {soft, hard}
    : undefined;
}

/** The `--ulimit` values to try in turn: this process's own, then lower powers of two. */
export function limitLadder(own: {soft: number; hard: number} | undefined): string[] {
  const ladder = own ? [`${own.soft}:${own.hard}`] : [];
  for (const value of [65536, 32768, 4096, 1024])
    if (!own || value < own.hard) ladder.push(`${value}:${value}`);
  return ladder;
}

type FlagStep = {global?: string[]; run?: string[]; note: string};

/** The next flag to try after `error`, or undefined when nothing is left for it. */
export class PodmanFlagSearch {
  private readonly ladders: Record<'nofile' | 'nproc', string[]>;
  private readonly limits: Record<string, string> = {};
  private readonly limitErrors: Record<string, string> = {};
  private cgroupStep = 0;
  private runtimeTried = false;
  private readonly steps: FlagStep[] = [];

  constructor(
    limitsText: string,
    private readonly runcAvailable: boolean,
  ) {
    this.ladders = {
      nofile: limitLadder(ownLimit(limitsText, 'nofile')),
      nproc: limitLadder(ownLimit(limitsText, 'nproc')),
    };
  }

  get globalArgs(): string[] {
    return this.steps.flatMap((step) => step.global ?? []);
  }

  get runArgs(): string[] {
    const limitArgs = Object.entries(this.limits).flatMap(([name, value]) => [
      '--ulimit',
      `${name}=${value}`,
    ]);
    return [...this.steps.flatMap((step) => step.run ?? []), ...limitArgs];
  }

  get notes(): string[] {
    return [
      ...this.steps.map((step) => step.note),
      ...Object.entries(this.limits).map(([name, value]) => this.limitNote(name, value)),
    ];
  }

  private limitNote(name: string, value: string): string {
    const resource = LIMITS.find((r) => r.name === name);
    return `--ulimit ${name}=${value}: the runtime may not set Podman's default ${resource?.label ?? name} limit here (${this.limitErrors[name] ?? ''}), so containers get one it accepts`;
  }

  /** Applies the fix for `error`; false when there is none left to try. */
  next(error: string): boolean {
    if (/rlimit/i.test(error)) {
      const named = LIMITS.filter((r) => r.errorPattern.test(error));
      let moved = false;
      for (const resource of named.length ? named : LIMITS) {
        const ladder = this.ladders[resource.name];
        const value = ladder.shift();
        if (value !== undefined) {
          this.limits[resource.name] = value;
          this.limitErrors[resource.name] = error;
          moved = true;
        }
      }
      if (moved) return true;
    }
    if (/cgroup/i.test(error) && this.cgroupStep < 2) {
      this.cgroupStep++;
      this.steps.push(
        this.cgroupStep === 1
          ? {
              global: ['--cgroup-manager', 'cgroupfs'],
              note: `--cgroup-manager cgroupfs: the default cgroup manager failed here (${error})`,
            }
          : {
              run: ['--cgroups', 'disabled'],
              note: `--cgroups disabled: containers could not get a cgroup here (${error}); no resource limits apply, as for process replicas`,
            },
      );
      return true;
    }
    if (!this.runtimeTried && this.runcAvailable) {
      this.runtimeTried = true;
      this.steps.push({
        global: ['--runtime', 'runc'],
        note: `--runtime runc: Podman's default OCI runtime failed here (${error})`,
      });
      return true;
    }
    return false;
  }
}

function onPath(name: string, env: Record<string, string>): boolean {
  return (env.PATH ?? '')
    .split(path.delimiter)
    .filter(Boolean)
    .some((dir) => fs.existsSync(path.join(dir, name)));
}

/** The exec-time refusal of a missing command: the container itself could start. */
const REACHED_EXEC = /not found|no such file or directory/i;

async function probePodmanRun(
  binary: string,
  env: Record<string, string>,
): Promise<
  | {ok: true; flags: Pick<ContainerEngine, 'globalArgs' | 'runArgs' | 'notes'>}
  | {ok: false; problem: string}
> {
  const limitsText = await fs.promises.readFile('/proc/self/limits', 'utf8').catch(() => '');
  const search = new PodmanFlagSearch(
    limitsText,
    onPath('runc', {PATH: `${env.PATH ?? ''}${path.delimiter}/usr/sbin:/usr/bin`}),
  );
  const rootfs = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'vtrain-engine-probe-'));
  const attempts: string[] = [];
  try {
    for (let attempt = 0; attempt < 16; attempt++) {
      const flags = [...search.globalArgs, 'run', ...search.runArgs];
      const result = await run(
        binary,
        [
          ...search.globalArgs,
          'run',
          '--rm',
          '--pull=never',
          '--network',
          'host',
          ...search.runArgs,
          '--rootfs',
          rootfs,
          '/vtrain-engine-probe',
        ],
        env,
      );
      const error = lastLine(result.stderr, `exit ${String(result.code)}`);
      if (result.code === 127 && REACHED_EXEC.test(result.stderr))
        return {
          ok: true,
          flags: {globalArgs: search.globalArgs, runArgs: search.runArgs, notes: search.notes},
        };
      attempts.push(`\`${binary} ${flags.join(' ')}\`: ${error}`);
      if (!search.next(error)) break;
    }
  } finally {
    await fs.promises.rm(rootfs, {recursive: true, force: true}).catch(() => undefined);
  }
  return {ok: false, problem: attempts.join('; then ')};
}
