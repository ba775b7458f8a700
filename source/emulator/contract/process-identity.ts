// A pid alone is not an identity: after a crash the system may have given it to another program.
// A process is identified by its pid plus its start time (clock ticks since boot, from
// /proc/PID/stat on Linux; `ps -o lstart=` elsewhere), and only a match may be signalled.
import {execFileSync} from 'node:child_process';
import fs from 'node:fs';

export interface ProcessIdentity {
  pid: number;
  /** Process group to signal (replicas lead their own group). */
  pgid: number;
  startTime: string;
}

function statFields(pid: number): string[] | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may contain spaces and parentheses; fields resume after the last ')'.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return undefined;
  }
}

/** The identity of a live process, or undefined when it is gone (or cannot be read). */
export function identify(pid: number): ProcessIdentity | undefined {
  if (!Number.isInteger(pid) || pid <= 0) return undefined;
  if (process.platform === 'linux') {
    const fields = statFields(pid);
    // Field 3 (state) is index 0; pgrp is field 5 and starttime field 22.
    if (!fields || fields[0] === 'Z') return undefined;
    return {pid, pgid: Number(fields[2]), startTime: fields[19] ?? ''};
  }
  try {
    const out = execFileSync('ps', ['-o', 'pgid=,lstart=', '-p', String(pid)], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
    const match = /^(\d+)\s+(.+)$/.exec(out);
    return match ? {pid, pgid: Number(match[1]), startTime: match[2] as string} : undefined;
  } catch {
    return undefined;
  }
}

/** True when the process recorded as `recorded` is still the same running process. */
export function isSameProcess(recorded: {pid: number; startTime: string}): boolean {
  const now = identify(recorded.pid);
  return now !== undefined && recorded.startTime !== '' && now.startTime === recorded.startTime;
}

/** SIGKILLs the recorded process group, only if its leader is still the recorded process. */
export function killIfSame(recorded: ProcessIdentity): boolean {
  if (!isSameProcess(recorded)) return false;
  try {
    // Only a group the process leads is ours to kill; never a group it merely belongs to.
    process.kill(recorded.pgid === recorded.pid ? -recorded.pgid : recorded.pid, 'SIGKILL');
  } catch {
    try {
      process.kill(recorded.pid, 'SIGKILL');
    } catch {
      return false;
    }
  }
  return true;
}
