// The client side of the local emulator service, for the CLI (`emulator start|status|stop`) and the
// app: find the live service of a data folder, start it detached when none runs, stop it. It reads
// the service's own files (paths, service.json, lock), the contract between the two sides.
// Starting races are harmless: every starter waits for whichever service wins the lock.
import {spawn} from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {countActiveJobs} from '../../emulator/contract/job-records.js';
import {emulatorPaths} from '../../emulator/contract/paths.js';
import {ensurePrivateDir} from '../../emulator/contract/private-files.js';
import {isSameProcess} from '../../emulator/contract/process-identity.js';
import {liveLockHolder} from '../../emulator/contract/lock.js';
import {findLiveService, type ServiceInfo} from '../../emulator/contract/service-file.js';

export type {ServiceInfo} from '../../emulator/contract/service-file.js';

export interface StartServiceOptions {
  /** Script that starts the CLI (bin/vtrain-tui.js). */
  cliScript: string;
  dataDir: string;
  python: string;
  /** Extra `emulator serve` flags (idle time, retention). */
  serveArgs?: string[];
  env?: Record<string, string>;
  timeoutMs?: number;
}

const EXIT_ALREADY_RUNNING = 4;

/**
 * A service started on demand stops after this many minutes with no unfinished job, no open log
 * stream and no call, so it never idles forever; open apps send a call every 30 s.
 */
export const DEFAULT_BACKGROUND_IDLE_MINUTES = 15;

function withIdleDefault(args: string[]): string[] {
  if (args.includes('--idle-minutes')) return args;
  const fromEnv = process.env.VTRAIN_EMULATOR_IDLE_MINUTES;
  return [...args, '--idle-minutes', fromEnv || String(DEFAULT_BACKGROUND_IDLE_MINUTES)];
}
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function liveService(dataDir: string): ServiceInfo | undefined {
  return findLiveService(emulatorPaths(dataDir));
}

const SERVICE_LOG_MAX_BYTES = 1 << 20;

/** Keeps the service's own log small: one previous generation, at most ~1 MiB each. */
function rotateServiceLog(file: string): void {
  const size = fs.statSync(file, {throwIfNoEntry: false})?.size ?? 0;
  if (size > SERVICE_LOG_MAX_BYTES) fs.renameSync(file, `${file}.1`);
}

function logTail(file: string, from: number): string {
  try {
    const text = fs.readFileSync(file, 'utf8').slice(from);
    return text.trim().split('\n').slice(-40).join('\n');
  } catch {
    return '';
  }
}

/**
 * The one line of a failed start's log that says why, for a message that clients show as its
 * first line only: the later of the service's own last message (`… vtrain-tui emulator: REASON`)
 * and a crash's error line (`Error: ENOSPC: …`, not the stack under it), else the last line.
 */
export function startFailureReason(tail: string): string | undefined {
  const lines = tail
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  const own = lines.findLastIndex((line) => / vtrain-tui emulator: /.test(line));
  const thrown = lines.findLastIndex((line) => /^(\w*Error|Uncaught \w+)\b.*:/.test(line));
  const index = Math.max(own, thrown);
  const line = index < 0 ? lines.at(-1) : lines[index]!.replace(/^\S+ vtrain-tui emulator: /, '');
  if (!line) return undefined;
  return line.length > 300 ? `${line.slice(0, 299)}…` : line;
}

/** Connects to the running service or starts one; `started` says which. */
export async function ensureService(
  options: StartServiceOptions,
): Promise<{info: ServiceInfo; started: boolean}> {
  const paths = emulatorPaths(options.dataDir);
  const running = findLiveService(paths);
  if (running) return {info: running, started: false};
  ensurePrivateDir(paths.root);
  rotateServiceLog(paths.serviceLog);
  const logFd = fs.openSync(paths.serviceLog, 'a', 0o600);
  const logStart = fs.fstatSync(logFd).size;
  const env: Record<string, string | undefined> = {...process.env, ...options.env};
  delete env.VTRAIN_EMULATOR_KEY;
  // A relative interpreter path must keep meaning the same file from the service's folder.
  const python = options.python.includes('/') ? path.resolve(options.python) : options.python;
  const child = spawn(
    process.execPath,
    [
      options.cliScript,
      'emulator',
      'serve',
      '--data-dir',
      options.dataDir,
      '--python',
      python,
      ...withIdleDefault(options.serveArgs ?? []),
    ],
    {
      // Its own session: it outlives this process, its terminal and its signals.
      detached: true,
      cwd: paths.root,
      env,
      stdio: ['ignore', logFd, logFd],
      shell: false,
    },
  );
  fs.closeSync(logFd);
  let exitCode: number | null | undefined;
  child.once('exit', (code) => (exitCode = code));
  child.once('error', () => (exitCode = -1));
  child.unref();
  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
  while (Date.now() < deadline) {
    const info = findLiveService(paths);
    if (info) return {info, started: info.pid === child.pid};
    if (exitCode !== undefined && exitCode !== EXIT_ALREADY_RUNNING) {
      const reason = startFailureReason(logTail(paths.serviceLog, logStart));
      throw new Error(
        `the emulator service exited (code ${exitCode}) before it was ready: ${reason ?? 'it said nothing'}; see ${paths.serviceLog}`,
      );
    }
    await sleep(100);
  }
  throw new Error(
    `the emulator service did not become ready within ${Math.round((options.timeoutMs ?? 30_000) / 1000)}s; see ${paths.serviceLog}.`,
  );
}

export interface ServiceStatus {
  info: ServiceInfo;
  activeJobs: number;
  uptimeMs: number;
}

export function serviceStatus(dataDir: string): ServiceStatus | undefined {
  const paths = emulatorPaths(dataDir);
  const info = findLiveService(paths);
  if (!info) return undefined;
  return {
    info,
    activeJobs: countActiveJobs(paths.jobs),
    uptimeMs: Math.max(0, Date.now() - info.startedAtMs),
  };
}

/**
 * Asks the service to stop (SIGTERM: it settles jobs and stops replicas) and waits until it has
 * exited; after `timeoutMs` it is killed. Undefined when no service was running.
 */
export async function stopService(
  dataDir: string,
  timeoutMs = 30_000,
): Promise<{pid: number; forced: boolean} | undefined> {
  const paths = emulatorPaths(dataDir);
  // A service still starting holds the lock before it writes its service file.
  const info = findLiveService(paths) ?? liveLockHolder(paths.lock);
  if (!info) return undefined;
  try {
    process.kill(info.pid, 'SIGTERM');
  } catch {
    return {pid: info.pid, forced: false};
  }
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!isSameProcess(info)) return {pid: info.pid, forced: false};
    await sleep(50);
  }
  if (isSameProcess(info)) process.kill(info.pid, 'SIGKILL');
  while (isSameProcess(info)) await sleep(50);
  return {pid: info.pid, forced: true};
}
