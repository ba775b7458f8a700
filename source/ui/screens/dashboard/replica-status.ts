// Vertex has no per-replica status API, so replica rows are derived from what is known: the job
// spec (which replicas exist), the job state, the error message (which names the failed replica),
// each replica's log counters and the exits and restarts `service` entries announced (both taken
// on receipt, so exact whatever the view holds). The same derivation works against Vertex and the
// emulator; where no service entry names a replica, the job state alone decides.
import {replicasOf, type JobState, type WorkerPoolSpecLike} from '../../../core/job-spec/index.js';
import type {ReplicaCounter} from '../../../services/logs/line-store.js';
import {replicaNamedIn, type ReplicaLifecycle} from '../../../services/logs/replica-events.js';

export type ReplicaStatus =
  | 'provisioning'
  | 'starting'
  | 'running'
  | 'restarted'
  | 'exited'
  | 'succeeded'
  | 'failed'
  | 'stopped'
  | 'cancelled';

export interface ReplicaRow {
  name: string;
  pool: number;
  machineType: string;
  /** Machine type plus accelerators, e.g. "a2-highgpu-1g + 1×A100". */
  machine: string;
  status: ReplicaStatus;
  /** Restarts after transient exits, from the service log (0 when none were announced). */
  restarts: number;
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
  lifecycles: ReadonlyMap<string, ReplicaLifecycle> = new Map(),
): ReplicaRow[] {
  const failed = replicaNamedIn(errorMessage ?? '');
  return replicasOf(pools).map((replica) => {
    const seen = counts.get(replica.name);
    const lifecycle = lifecycles.get(replica.name);
    const fromState = statusOf(state, replica.name === failed, seen !== undefined);
    return {
      name: replica.name,
      pool: replica.pool,
      machineType: pools[replica.pool]?.machineSpec?.machineType ?? '',
      machine: machineLabel(pools[replica.pool]),
      status: withLifecycle(fromState, state, lifecycle),
      restarts: lifecycle?.restarts ?? 0,
      lines: seen?.lines ?? 0,
      warnings: seen?.warnings ?? 0,
      errors: seen?.errors ?? 0,
      ...(seen && {lastLineMs: seen.lastTimestampMs}),
    };
  });
}

/** The status cell: the status, and the restart count whenever there were restarts. */
export function statusText(row: Pick<ReplicaRow, 'status' | 'restarts'>): string {
  return row.restarts > 0 ? `${row.status} ×${row.restarts}` : row.status;
}

/**
 * What the service log adds to the job state: a replica it says failed is failed, one that
 * exited 0 stays `exited` (also once the job ended: the others were stopped, it finished), and a
 * replica with restarts shows `restarted` while the job is still active.
 */
function withLifecycle(
  fromState: ReplicaStatus,
  state: JobState,
  lifecycle: ReplicaLifecycle | undefined,
): ReplicaStatus {
  if (fromState === 'failed' || lifecycle?.end?.kind === 'failed') return 'failed';
  if (lifecycle?.end?.kind === 'exited') return 'exited';
  const active = ['JOB_STATE_QUEUED', 'JOB_STATE_PENDING', 'JOB_STATE_RUNNING'].includes(state);
  if (active && (lifecycle?.restarts ?? 0) > 0) return 'restarted';
  return fromState;
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
