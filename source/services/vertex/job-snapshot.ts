// One adapter from the client's protobuf objects (Long/string seconds, enum names or numbers) to
// the plain snapshot the UI renders.
import {
  normaliseAnyState,
  type CustomJobSpecLike,
  type JobState,
} from '../../core/job-spec/index.js';

export interface JobSnapshot {
  name: string;
  id: string;
  displayName: string;
  state: JobState;
  createTime?: Date;
  startTime?: Date;
  endTime?: Date;
  updateTime?: Date;
  error?: {code: number; message: string};
  jobSpec: CustomJobSpecLike;
  labels: Record<string, string>;
  /** The resource as the client returned it (describe, clone). */
  resource: CustomJobMessage;
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

export function toJobSnapshot(message: CustomJobMessage): JobSnapshot {
  const name = message.name ?? '';
  return {
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
    resource: message,
  };
}
