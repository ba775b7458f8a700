// What a replica's processes use, read from /proc: the replica's process, its group (replicas run
// in a process group of their own, replica-process.ts) and every descendant. CPU time is utime +
// stime of /proc/PID/stat (fields 14 and 15, in clock ticks: proc(5)); resident memory is VmRSS of
// /proc/PID/status (kB). Linux only; elsewhere nothing is read and the replica has no samples.
import fs from 'node:fs';
import path from 'node:path';

/**
 * Clock ticks per second of /proc times. proc(5) says to divide by sysconf(_SC_CLK_TCK), which
 * Node cannot call; it is USER_HZ, 100 on every Linux architecture Node runs on.
 */
export const CLOCK_TICKS = 100;

export interface ProcStat {
  pid: number;
  ppid: number;
  pgrp: number;
  /** utime + stime, in seconds. */
  cpuSeconds: number;
}

/** One /proc/PID/stat line; the command (field 2) may hold spaces and parentheses. */
export function parseProcStat(text: string): ProcStat | undefined {
  const open = text.indexOf('(');
  const close = text.lastIndexOf(')');
  if (open < 0 || close < open) return undefined;
  const pid = Number(text.slice(0, open).trim());
  // After the command: state(3) ppid(4) pgrp(5) … utime(14) stime(15).
  const fields = text.slice(close + 2).split(' ');
  const ppid = Number(fields[1]);
  const pgrp = Number(fields[2]);
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  if (![pid, ppid, pgrp, utime, stime].every(Number.isFinite)) return undefined;
  return {pid, ppid, pgrp, cpuSeconds: (utime + stime) / CLOCK_TICKS};
}

/** VmRSS of a /proc/PID/status text, in bytes (0 for a kernel thread or a zombie). */
export function parseVmRss(text: string): number {
  const match = /^VmRSS:\s+(\d+)\s+kB$/m.exec(text);
  return match ? Number(match[1]) * 1024 : 0;
}

function readText(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined; // the process ended while it was read
  }
}

/** Every process's stat line, by pid. */
export function readAllStats(procDir = '/proc'): Map<number, ProcStat> {
  const stats = new Map<number, ProcStat>();
  let names: string[];
  try {
    names = fs.readdirSync(procDir);
  } catch {
    return stats;
  }
  for (const name of names) {
    if (!/^\d+$/.test(name)) continue;
    const text = readText(path.join(procDir, name, 'stat'));
    const stat = text && parseProcStat(text);
    if (stat) stats.set(stat.pid, stat);
  }
  return stats;
}

/** The pids of `root`'s tree: itself, its process group, and the descendants of either. */
export function treeOf(root: number, stats: ReadonlyMap<number, ProcStat>): number[] {
  const children = new Map<number, number[]>();
  for (const stat of stats.values()) {
    const list = children.get(stat.ppid) ?? [];
    list.push(stat.pid);
    children.set(stat.ppid, list);
  }
  const members = new Set<number>();
  const queue = [...stats.values()]
    .filter((stat) => stat.pid === root || stat.pgrp === root)
    .map((stat) => stat.pid);
  while (queue.length) {
    const pid = queue.pop()!;
    if (members.has(pid)) continue;
    members.add(pid);
    queue.push(...(children.get(pid) ?? []));
  }
  return [...members];
}

export interface TreeSample {
  /** CPU seconds of each member, by pid (to take differences between two samples). */
  cpuByPid: Map<number, number>;
  rssBytes: number;
  pids: number[];
}

/**
 * The tree of `root`, or of several roots together (a container replica: the engine client the
 * emulator started, and the container's own processes, which are children of the engine's monitor
 * such as conmon, not of the client).
 */
export function sampleTree(
  root: number | readonly number[],
  stats: ReadonlyMap<number, ProcStat>,
  procDir = '/proc',
): TreeSample | undefined {
  const roots = typeof root === 'number' ? [root] : root;
  const pids = [...new Set(roots.flatMap((one) => treeOf(one, stats)))];
  if (pids.length === 0) return undefined;
  let rssBytes = 0;
  const cpuByPid = new Map<number, number>();
  for (const pid of pids) {
    cpuByPid.set(pid, stats.get(pid)!.cpuSeconds);
    rssBytes += parseVmRss(readText(path.join(procDir, String(pid), 'status')) ?? '');
  }
  return {cpuByPid, rssBytes, pids};
}

/**
 * Cores used between two samples: the CPU time each process gained, over the seconds between
 * them. A process new since the previous sample counts only the time it gained after starting,
 * which its whole CPU time bounds; one that ended takes its last interval with it.
 */
export function coresBetween(
  before: TreeSample,
  after: TreeSample,
  elapsedSeconds: number,
  newSinceSeconds = elapsedSeconds,
): number {
  if (elapsedSeconds <= 0) return 0;
  let gained = 0;
  for (const [pid, seconds] of after.cpuByPid) {
    const previous = before.cpuByPid.get(pid);
    gained +=
      previous === undefined ? Math.min(seconds, newSinceSeconds) : Math.max(0, seconds - previous);
  }
  return gained / elapsedSeconds;
}
