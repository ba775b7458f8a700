// The temporary folders that hold package archives while `submit` or the wizard stages them
// (tens of MB each). An interrupted submit must not leave them in the temp folder (issue #23):
// each folder is named after the process that made it (vtrain-archive-PID-XXXXXX) and removed
// on the process's exit, on SIGINT/SIGTERM/SIGHUP while it exists (the signal then takes its
// usual course), and otherwise by the next archive build: folders of ours older than
// STALE_ARCHIVE_MS whose process is no longer running.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const PREFIX = 'vtrain-archive-';
export const STALE_ARCHIVE_MS = 60 * 60_000;
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

const live = new Set<string>();

function removeLive(): void {
  for (const dir of live) fs.rmSync(dir, {recursive: true, force: true});
  live.clear();
}

function onSignal(signal: NodeJS.Signals): void {
  removeLive();
  uninstall();
  // Nobody else handles it: the default action (exit by the signal) is what the user asked for.
  if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
}

const handlers = new Map<NodeJS.Signals, () => void>();
function install(): void {
  if (handlers.size > 0) return;
  process.on('exit', removeLive);
  for (const signal of SIGNALS) {
    const handler = () => onSignal(signal);
    handlers.set(signal, handler);
    process.on(signal, handler);
  }
}
function uninstall(): void {
  process.off('exit', removeLive);
  for (const [signal, handler] of handlers) process.off(signal, handler);
  handlers.clear();
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Removes archive folders of ours left by processes that are gone; returns how many. */
export function sweepStaleArchives(now = Date.now()): number {
  const tmp = os.tmpdir();
  let names: string[];
  try {
    names = fs.readdirSync(tmp).filter((name) => name.startsWith(PREFIX));
  } catch {
    return 0;
  }
  const uid = typeof process.getuid === 'function' ? process.getuid() : undefined;
  let removed = 0;
  for (const name of names) {
    const dir = path.join(tmp, name);
    const stat = fs.lstatSync(dir, {throwIfNoEntry: false});
    if (!stat?.isDirectory() || (uid !== undefined && stat.uid !== uid)) continue;
    if (now - stat.mtimeMs < STALE_ARCHIVE_MS) continue;
    // Older names carry no pid: their age alone tells.
    const pid = Number(/^vtrain-archive-(\d+)-/.exec(name)?.[1] ?? 0);
    if (pid === process.pid || (pid > 0 && alive(pid))) continue;
    fs.rmSync(dir, {recursive: true, force: true});
    removed++;
  }
  return removed;
}

/** A new private temporary folder for an archive, removed with `release` or at exit. */
export async function archiveTempDir(): Promise<{dir: string; release: () => Promise<void>}> {
  sweepStaleArchives();
  const dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), `${PREFIX}${process.pid}-`));
  live.add(dir);
  install();
  return {
    dir,
    release: async () => {
      live.delete(dir);
      if (live.size === 0) uninstall();
      await fs.promises.rm(dir, {recursive: true, force: true});
    },
  };
}
