// The job folder's layout, shared by the emulator's record stores and the client side (`emulator
// status`, the app's "jobs still running" count): one JSON file per record, `ID.json`, holding the
// record with its bigint times as strings and the identity of its live replica processes.
import fs from 'node:fs';
import path from 'node:path';
import {isTerminalState, type JobState} from '../../core/job-spec/index.js';
import type {ProcessIdentity} from './process-identity.js';

export interface ReplicaIdentity extends ProcessIdentity {
  replica: string;
}

/** What every stored record has (custom jobs, tuning jobs): an id, a state and its times. */
export interface StoredRecord {
  id: string;
  state: JobState;
  createTimeNs: bigint;
  updateTimeNs: bigint;
  startTimeNs?: bigint;
  endTimeNs?: bigint;
}

interface StoredJob {
  version: 1;
  job: Record<string, unknown>;
  replicas: ReplicaIdentity[];
}

const BIGINT_FIELDS = ['createTimeNs', 'updateTimeNs', 'startTimeNs', 'endTimeNs'] as const;
/** Record ids are decimal numbers, as Vertex's resource ids are; nothing else is stored. */
export const JOB_ID = /^\d+$/;

export function serialise(job: StoredRecord, replicas: ReplicaIdentity[]): string {
  const plain: Record<string, unknown> = {...job};
  for (const field of BIGINT_FIELDS) {
    const value = job[field];
    if (value !== undefined) plain[field] = value.toString();
  }
  return `${JSON.stringify({version: 1, job: plain, replicas} satisfies StoredJob)}\n`;
}

export function deserialise<R extends StoredRecord>(
  text: string,
): {job: R; replicas: ReplicaIdentity[]} {
  const stored = JSON.parse(text) as StoredJob;
  const job = {...stored.job} as Record<string, unknown>;
  for (const field of BIGINT_FIELDS) {
    if (typeof job[field] === 'string') job[field] = BigInt(job[field]);
  }
  if (typeof job.id !== 'string' || typeof job.state !== 'string')
    throw new Error('record has no id or state');
  return {job: job as unknown as R, replicas: stored.replicas ?? []};
}

/** The file of record `id` in a store folder. */
export function recordFile(folder: string, id: string): string {
  return path.join(folder, `${id}.json`);
}

/** Counts records in a store folder whose state is not terminal (for `emulator status`). */
export function countActiveJobs(folder: string): number {
  if (!fs.existsSync(folder)) return 0;
  let active = 0;
  for (const name of fs.readdirSync(folder)) {
    if (!name.endsWith('.json')) continue;
    try {
      const {job} = deserialise(fs.readFileSync(path.join(folder, name), 'utf8'));
      if (!isTerminalState(job.state)) active += 1;
    } catch {
      // An unreadable record is the service's to set aside; it is not a running job.
    }
  }
  return active;
}
