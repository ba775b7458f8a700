// The one summary of a job that the job list, the dashboards and the job actions share, and the
// adapter from the client's protobuf objects (Long/string seconds, enum names or numbers) to it as
// a dashboard reads it. The job list's adapter (services/jobs/job-summary.ts) fills the same type.
import type {CustomJobSpecLike} from '../../core/job-spec/index.js';
import {normaliseAnyState, type JobState} from '../../core/job-spec/job-state.js';
import type {JobKind, ResourceMessage} from './api.js';

export interface JobSummary {
  kind: JobKind;
  name: string;
  id: string;
  displayName: string;
  state: JobState;
  createTime?: Date;
  startTime?: Date;
  endTime?: Date;
  updateTime?: Date;
  /** Why it failed (the job list shows its first line). */
  error?: {code: number; message: string};
  labels: Record<string, string>;
  /** The resource as the client returned it (describe, clone). */
  resource: ResourceMessage;
  /** The worker pools, where a dashboard lists replicas (a tuning trial's: its trial spec). */
  jobSpec?: CustomJobSpecLike;
  /** The job list's resources column: "n1-standard-4 ×3", "a2-highgpu-1g+1×A100 ×2, …". */
  resources?: string;
}

interface TimestampLike {
  seconds?: number | string | {toString(): string} | null;
  nanos?: number | null;
}

export function toDate(value: TimestampLike | null | undefined): Date | undefined {
  if (!value || value.seconds === undefined || value.seconds === null) return undefined;
  return new Date(Number(value.seconds.toString()) * 1000 + Math.floor((value.nanos ?? 0) / 1e6));
}

export function jobIdOf(name: string): string {
  return name.split('/').pop() ?? name;
}

/** A CustomJob as the official client returns it (enum names, string longs, null for unset). */
export interface CustomJobMessage {
  name?: string | null;
  displayName?: string | null;
  state?: unknown;
  createTime?: TimestampLike | null;
  startTime?: TimestampLike | null;
  endTime?: TimestampLike | null;
  updateTime?: TimestampLike | null;
  error?: {code?: number | null; message?: string | null} | null;
  jobSpec?: unknown;
  labels?: Record<string, string> | null;
}

/** A job as read now (`kind`: which API it came from; a pipeline's state has the same members). */
export function toJobSnapshot(message: CustomJobMessage, kind: JobKind = 'custom'): JobSummary {
  const name = message.name ?? '';
  return {
    kind,
    name,
    id: jobIdOf(name),
    displayName: message.displayName ?? '',
    // A training pipeline's PIPELINE_STATE_* has the same members.
    state: normaliseAnyState(message.state),
    createTime: toDate(message.createTime),
    startTime: toDate(message.startTime),
    endTime: toDate(message.endTime),
    updateTime: toDate(message.updateTime),
    error: message.error?.message
      ? {code: message.error.code ?? 0, message: message.error.message}
      : undefined,
    jobSpec: (message.jobSpec ?? {workerPoolSpecs: []}) as CustomJobSpecLike,
    labels: message.labels ?? {},
    resource: message as ResourceMessage,
  };
}
