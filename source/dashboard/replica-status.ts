// Vertex has no per-replica status API, so replica rows are derived from what is known: the job
// spec (which replicas exist), the job state, the error message (which names the failed replica)
// and each replica's log counters (counted on receipt, so exact whatever the view holds). The
// same derivation works against Vertex and the emulator.
import {replicasOf, type JobState, type WorkerPoolSpecLike} from '../job-spec/index.js';
import type {ReplicaCounter} from '../logs/line-store.js';

export type ReplicaStatus =
  'provisioning' | 'starting' | 'running' | 'succeeded' | 'failed' | 'stopped' | 'cancelled';

export interface ReplicaRow {
  name: string;
  pool: number;
  machineType: string;
  /** Machine type plus accelerators, e.g. "a2-highgpu-1g + 1×A100". */
  machine: string;
  status: ReplicaStatus;
  lines: number;
  warnings: number;
  errors: number;
  lastLineMs?: number;
}

export function replicaRows(
  pools: readonly WorkerPoolSpecLike[],
  state: JobState,
  errorMessage: string | undefined,
  counts: ReadonlyMap<string, ReplicaCounter>,
): ReplicaRow[] {
  const failed = /The replica (workerpool\d+-\d+)/.exec(errorMessage ?? '')?.[1];
  return replicasOf(pools).map((replica) => {
    const seen = counts.get(replica.name);
    return {
      name: replica.name,
      pool: replica.pool,
      machineType: pools[replica.pool]?.machineSpec?.machineType ?? '',
      machine: machineLabel(pools[replica.pool]),
      status: statusOf(state, replica.name === failed, seen !== undefined),
      lines: seen?.lines ?? 0,
      warnings: seen?.warnings ?? 0,
      errors: seen?.errors ?? 0,
      ...(seen && {lastLineMs: seen.lastTimestampMs}),
    };
  });
}

function machineLabel(pool: WorkerPoolSpecLike | undefined): string {
  const spec = pool?.machineSpec as
    {machineType?: string; acceleratorType?: unknown; acceleratorCount?: unknown} | undefined;
  const type = spec?.machineType ?? '';
  const accelerator = typeof spec?.acceleratorType === 'string' ? spec.acceleratorType : '';
  const count = Number(spec?.acceleratorCount ?? 0);
  if (!accelerator || accelerator === 'ACCELERATOR_TYPE_UNSPECIFIED' || count <= 0) return type;
  return `${type} + ${count}×${accelerator.replace(/^NVIDIA_(TESLA_)?/, '')}`;
}

function statusOf(state: JobState, isFailedReplica: boolean, hasLogged: boolean): ReplicaStatus {
  switch (state) {
    case 'JOB_STATE_QUEUED':
    case 'JOB_STATE_PENDING':
      return hasLogged ? 'starting' : 'provisioning';
    case 'JOB_STATE_RUNNING':
      return hasLogged ? 'running' : 'starting';
    case 'JOB_STATE_SUCCEEDED':
      return 'succeeded';
    case 'JOB_STATE_FAILED':
      return isFailedReplica ? 'failed' : 'stopped';
    case 'JOB_STATE_CANCELLING':
    case 'JOB_STATE_CANCELLED':
      return 'cancelled';
    default:
      return 'stopped';
  }
}
