// What every run-like resource the emulator keeps (CustomJob, HyperparameterTuningJob,
// TrainingPipeline) has in common: identity, labels, one lifecycle state and its timestamps. The
// services build, settle, delete and serialise that part the same way, so it lives here once.
import {isTerminalState, type JobState} from '../../core/job-spec/index.js';
import {failedPrecondition} from './grpc-errors.js';
import {parentName, parseParent, resourceName} from './resource-names.js';
import {nowNs} from './clock.js';
import {deleteOperationMetadata, EMPTY_RESPONSE, type OperationStore} from './operations.js';

/** The name, labels, state and timestamps every stored resource has (datasets too). */
export interface ResourceRecord {
  id: string;
  name: string;
  project: string;
  location: string;
  displayName: string;
  labels: Record<string, string>;
  state: JobState;
  createTimeNs: bigint;
  updateTimeNs: bigint;
}

/** A resource that runs: it starts, ends, and may end with an error. */
export interface RunRecord extends ResourceRecord {
  startTimeNs?: bigint;
  endTimeNs?: bigint;
  error?: {code: number; message: string};
}

export const LOST_JOB_CODE = 13;
export const LOST_JOB_MESSAGE =
  'The local emulator stopped while the job was running (it crashed or was killed), so its replicas were lost. Submit the job again.';

export function timestamp(ns: bigint | undefined): {seconds: string; nanos: number} | undefined {
  if (ns === undefined) return undefined;
  return {seconds: (ns / 1_000_000_000n).toString(), nanos: Number(ns % 1_000_000_000n)};
}

/** A new QUEUED record in `parent`'s `collection`, named by the store's next id. */
export function newRunRecord(
  store: {nextId(): string},
  parent: string,
  collection: string,
  spec: {displayName: string; labels?: Record<string, string> | null},
): RunRecord {
  const {project, location} = parseParent(parent);
  const id = store.nextId();
  const now = nowNs();
  return {
    id,
    name: resourceName({project, location}, collection, id),
    project,
    location,
    displayName: spec.displayName,
    labels: spec.labels ?? {},
    state: 'JOB_STATE_QUEUED',
    createTimeNs: now,
    updateTimeNs: now,
  };
}

/** The lifecycle half of the v1 message; `state` is the wire name (pipelines say PIPELINE_STATE_*). */
export function lifecycleToProto(record: RunRecord, state: string = record.state) {
  return {
    labels: record.labels,
    state,
    createTime: timestamp(record.createTimeNs),
    updateTime: timestamp(record.updateTimeNs),
    startTime: timestamp(record.startTimeNs),
    endTime: timestamp(record.endTimeNs),
    error: record.error,
  };
}

/**
 * After a crash nothing can resume a run the dead service left unfinished: as Vertex does when it
 * loses a job's machines, it becomes FAILED with an internal error saying what happened, except
 * that a cancel the user asked for still ends CANCELLED. Returns whether it was a cancel.
 */
export function settleLostRun(record: RunRecord): boolean {
  const cancelled = record.state === 'JOB_STATE_CANCELLING';
  record.state = cancelled ? 'JOB_STATE_CANCELLED' : 'JOB_STATE_FAILED';
  record.error = cancelled
    ? {code: 1, message: 'CANCELED'}
    : {code: LOST_JOB_CODE, message: LOST_JOB_MESSAGE};
  record.endTimeNs = nowNs();
  record.updateTimeNs = record.endTimeNs;
  return cancelled;
}

/** Cancel's precondition: a run that has ended cannot be cancelled. */
export function requireCancellable(record: RunRecord, kind: string, state: string = record.state) {
  if (isTerminalState(record.state))
    throw failedPrecondition(
      `Cannot cancel ${kind} ${record.name}: it is already in state ${state}.`,
    );
}

/**
 * Vertex only deletes runs that have finished. Removes the record (then `forget`, for what hangs
 * off it) and answers with the finished delete operation.
 */
export async function deleteFinishedRun<R extends RunRecord>(
  store: {delete(id: string): boolean},
  operations: OperationStore,
  record: R,
  kind: string,
  forget: () => Promise<void> | void = () => {},
  state: string = record.state,
) {
  if (!isTerminalState(record.state))
    throw failedPrecondition(
      `The ${kind} ${record.name} is in state ${state} and cannot be deleted; cancel it and wait until it has ended first.`,
    );
  const started = nowNs();
  store.delete(record.id);
  await forget();
  return operations.addDone(parentName(record), {
    metadata: deleteOperationMetadata(started, nowNs()),
    response: EMPTY_RESPONSE,
  });
}
