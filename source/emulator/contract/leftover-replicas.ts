// Replica processes that outlived their service (issue #23): every replica, and whatever it
// forks, carries REPLICA_MARKER in its environment, naming the data folder, the job, the replica
// and the service (pid + start time) that started it. A process of ours with a marker for this
// data folder whose service is no longer that live process is a leftover: the supervisor
// (custom-job/replica-supervisor.ts) ends replica groups when their service dies, so leftovers are
// only what left the group (setsid) or ignored it. `emulator status` and `doctor` report them,
// `emulator stop` and the next start end them. Linux only (/proc); elsewhere none are found.
import fs from 'node:fs';
import path from 'node:path';
import {identify, isSameProcess} from './process-identity.js';

export const REPLICA_MARKER = 'VTRAIN_EMULATOR_REPLICA';

export interface ReplicaMarker {
  service: {pid: number; startTime: string};
  jobId: string;
  replica: string;
  dataDir: string;
}

/** `PID.STARTTIME:JOB:REPLICA:DATA_DIR` (the folder last: it may hold colons). */
export function replicaMarker(marker: ReplicaMarker): string {
  const {service, jobId, replica, dataDir} = marker;
  return `${service.pid}.${service.startTime}:${jobId}:${replica}:${dataDir}`;
}

export function parseReplicaMarker(value: string): ReplicaMarker | undefined {
  const match = /^(\d+)\.([^:]*):([^:]+):([^:]+):(.+)$/.exec(value);
  if (!match) return undefined;
  return {
    service: {pid: Number(match[1]), startTime: match[2] as string},
    jobId: match[3] as string,
    replica: match[4] as string,
    dataDir: match[5] as string,
  };
}

export interface LeftoverReplica {
  pid: number;
  startTime: string;
  jobId: string;
  replica: string;
  command: string;
}

function markerOf(pid: string): string | undefined {
  let environ: string;
  try {
    environ = fs.readFileSync(`/proc/${pid}/environ`, 'utf8');
  } catch {
    return undefined;
  }
  const prefix = `${REPLICA_MARKER}=`;
  return environ
    .split('\0')
    .find((entry) => entry.startsWith(prefix))
    ?.slice(prefix.length);
}

function ownedByUs(pid: string): boolean {
  const uid = typeof process.getuid === 'function' ? process.getuid() : undefined;
  try {
    return uid === undefined || fs.statSync(`/proc/${pid}`).uid === uid;
  } catch {
    return false;
  }
}

/** Processes of ours that carry a marker for `dataDir` and whose service is gone. */
export function findLeftoverReplicas(dataDir: string): LeftoverReplica[] {
  if (process.platform !== 'linux') return [];
  let pids: string[];
  try {
    pids = fs.readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return [];
  }
  const found: LeftoverReplica[] = [];
  for (const pid of pids) {
    if (Number(pid) === process.pid || !ownedByUs(pid)) continue;
    const value = markerOf(pid);
    const marker = value === undefined ? undefined : parseReplicaMarker(value);
    if (!marker || path.resolve(marker.dataDir) !== path.resolve(dataDir)) continue;
    if (isSameProcess(marker.service)) continue;
    const identity = identify(Number(pid));
    if (!identity) continue;
    let command = '';
    try {
      command = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim();
    } catch {
      // gone meanwhile
    }
    found.push({
      pid: Number(pid),
      startTime: identity.startTime,
      jobId: marker.jobId,
      replica: marker.replica,
      command: command.length > 80 ? `${command.slice(0, 79)}…` : command,
    });
  }
  return found;
}

/** SIGKILLs each leftover that is still the same process; returns how many were signalled. */
export function killLeftoverReplicas(leftovers: LeftoverReplica[]): number {
  let killed = 0;
  for (const leftover of leftovers) {
    if (!isSameProcess(leftover)) continue;
    try {
      process.kill(leftover.pid, 'SIGKILL');
      killed++;
    } catch {
      // gone meanwhile
    }
  }
  return killed;
}

/** One line for status/doctor: "2 replica processes … (pid 12 job 3 workerpool0-0, …)". */
export function describeLeftovers(leftovers: LeftoverReplica[]): string {
  const shown = leftovers
    .slice(0, 5)
    .map((l) => `pid ${l.pid}: job ${l.jobId} ${l.replica}${l.command ? `, ${l.command}` : ''}`);
  const more = leftovers.length > 5 ? `, and ${leftovers.length - 5} more` : '';
  return `${leftovers.length} replica process${leftovers.length === 1 ? '' : 'es'} of a stopped emulator service still running (${shown.join('; ')}${more})`;
}
