// The emulator's record of a CustomJob, and its conversion to the v1 message shape.
import type {CustomJobSpecLike, JobState} from '../job-spec/index.js';
import type {FieldResolver} from './filter.js';
import {isoToNs, nsToIso} from './log-store.js';

export interface JobRecord {
  id: string;
  name: string;
  project: string;
  location: string;
  displayName: string;
  jobSpec: CustomJobSpecLike;
  labels: Record<string, string>;
  state: JobState;
  createTimeNs: bigint;
  updateTimeNs: bigint;
  startTimeNs?: bigint;
  endTimeNs?: bigint;
  error?: {code: number; message: string};
}

function timestamp(ns: bigint | undefined): {seconds: string; nanos: number} | undefined {
  if (ns === undefined) return undefined;
  return {seconds: (ns / 1_000_000_000n).toString(), nanos: Number(ns % 1_000_000_000n)};
}

export function jobToProto(job: JobRecord): Record<string, unknown> {
  return {
    name: job.name,
    displayName: job.displayName,
    jobSpec: job.jobSpec,
    labels: job.labels,
    state: job.state,
    createTime: timestamp(job.createTimeNs),
    updateTime: timestamp(job.updateTimeNs),
    startTime: timestamp(job.startTimeNs),
    endTime: timestamp(job.endTimeNs),
    error: job.error,
  };
}

const byTime = (a: string, b: string): number => {
  const left = isoToNs(a) ?? 0n;
  const right = isoToNs(b) ?? 0n;
  return left < right ? -1 : left > right ? 1 : 0;
};

/** Field lookup for ListCustomJobs filters (display_name, state, create_time, labels.*). */
export function jobResolver(job: JobRecord): FieldResolver {
  return (field) => {
    if (field === 'display_name' || field === 'displayName') {
      return {value: job.displayName, order: globOrder};
    }
    if (field === 'state') return {value: job.state};
    if (field === 'create_time' || field === 'createTime') {
      return {value: nsToIso(job.createTimeNs), order: byTime};
    }
    if (field.startsWith('labels.')) return {value: job.labels[field.slice('labels.'.length)]};
    return undefined;
  };
}

/** `=` on display names accepts `*` wildcards, as the ListCustomJobs docs show. */
function globOrder(actual: string, pattern: string): number {
  if (!pattern.includes('*')) return actual < pattern ? -1 : actual > pattern ? 1 : 0;
  const regex = new RegExp(
    `^${pattern
      .split('*')
      .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*')}$`,
  );
  return regex.test(actual) ? 0 : 1;
}
