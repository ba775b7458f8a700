// Which persistent resources a job can run on, and why not: pure, without I/O or YAML, so the
// wizard's field can judge a listing synchronously (persistent-resource-spec.ts re-exports it for
// the screen and the script commands). Google's rules
// (cloud.google.com/vertex-ai/docs/training/persistent-resource-train): the resource is RUNNING;
// each worker pool's machine type (with accelerators) and disk type "matches exactly" a resource
// pool; its replica count is at most that pool's replica_count or max_replica_count.
// custom_job.proto CustomJobSpec.persistent_resource_id: "The network and CMEK configs on the job
// should be consistent with those on the PersistentResource, otherwise, the job will be rejected"
// (read here as: both set and different is inconsistent). Free machines (used_replica_count,
// persistent_resource.proto ResourcePool) are what running jobs leave; what Vertex does with a job
// that would fit once they end is undocumented, so "busy" is told apart from "never fits".
import {defaultBootDiskType} from '../../core/job-spec/catalog.js';
import type {ResourceMessage} from './api.js';

export interface PoolSummary {
  id: string;
  machine: string;
  used: number;
  total: number;
}

export interface PersistentResourceSummary {
  name: string;
  id: string;
  displayName: string;
  state: string;
  pools: PoolSummary[];
}

const stateName = (state: unknown): string =>
  typeof state === 'string'
    ? state
    : ([
        'STATE_UNSPECIFIED',
        'PROVISIONING',
        '',
        'RUNNING',
        'STOPPING',
        'ERROR',
        'REBOOTING',
        'UPDATING',
      ][Number(state)] ?? String(state));

type Pool = Record<string, unknown>;
const poolsOf = (resource: ResourceMessage): Pool[] =>
  Array.isArray(resource.resourcePools) ? (resource.resourcePools as Pool[]) : [];
const specOf = (pool: Pool) => (pool.machineSpec ?? {}) as Record<string, unknown>;
/** The most machines a pool lends jobs: max_replica_count when autoscaling, else replica_count. */
const capacityOf = (pool: Pool): number =>
  Number(
    ((pool.autoscalingSpec ?? {}) as Record<string, unknown>).maxReplicaCount ??
      pool.replicaCount ??
      0,
  );

const acceleratorOf = (type: unknown): string =>
  typeof type === 'string' && type !== 'ACCELERATOR_TYPE_UNSPECIFIED' ? type : '';

function machineText(type: unknown, accelerator: string, count: unknown): string {
  return `${String(type || '?')}${accelerator ? ` + ${Number(count ?? 1)}×${accelerator}` : ''}`;
}

export function summarisePersistentResource(resource: ResourceMessage): PersistentResourceSummary {
  const name = String(resource.name ?? '');
  return {
    name,
    id: name.split('/').pop() ?? '',
    displayName: String(resource.displayName ?? ''),
    state: stateName(resource.state),
    pools: poolsOf(resource).map((pool) => {
      const spec = specOf(pool);
      return {
        id: String(pool.id ?? ''),
        machine: machineText(
          spec.machineType,
          acceleratorOf(spec.acceleratorType),
          spec.acceleratorCount,
        ),
        used: Number(pool.usedReplicaCount ?? 0),
        total: capacityOf(pool),
      };
    }),
  };
}

/**
 * "cpu n1-standard-4 1/2 used" for each pool; a pool named after its machine type (the app's create
 * form names it so) is "n1-standard-4 1/2 used", not the machine type twice.
 */
export function poolsText(summary: PersistentResourceSummary): string {
  return summary.pools
    .map((p) => `${p.id === p.machine ? '' : `${p.id} `}${p.machine} ${p.used}/${p.total} used`)
    .join(' · ');
}

/** What the wizard's compute choice knows of a worker pool (core/job-spec WorkerPoolDraft). */
export interface PoolNeed {
  machine: {machineType: string; acceleratorType?: string; acceleratorCount?: number};
  replicaCount: number;
  bootDiskType?: string;
}

/** The job-wide settings a resource must be consistent with (network, CMEK key). */
export interface JobNeed {
  network?: string;
  kmsKeyName?: string;
}

/**
 * Why a job cannot run on a resource now: `state` (not RUNNING), `network`/`cmek` (inconsistent),
 * `machine` (no pool of the worker pool's machine and disk), `size` (more replicas than the pool
 * holds) — all of which Vertex refuses — or `busy` (the pool holds enough, running jobs use them).
 */
export type MisfitKind = 'state' | 'network' | 'cmek' | 'machine' | 'size' | 'busy';

export type Fit =
  {fits: true} | {fits: false; kind: MisfitKind; reason: string; workerPool?: number; fix: string};

/** Whether a job with these worker pools (and network / CMEK key) can run on `resource` now. */
export function persistentResourceFit(
  resource: ResourceMessage,
  pools: readonly (PoolNeed | undefined)[],
  job: JobNeed = {},
): Fit {
  const state = stateName(resource.state);
  if (state !== 'RUNNING')
    return {
      fits: false,
      kind: 'state',
      reason: `it is ${state}; jobs run only on a RUNNING resource`,
      fix: 'wait until it is RUNNING (P on the job list shows it), or choose another or none',
    };
  const network = String(resource.network ?? '');
  if (network && job.network && network !== job.network)
    return {
      fits: false,
      kind: 'network',
      reason: `it is on network ${network}, the job on ${job.network}`,
      fix: `set the job's network (Options) to ${network}, or choose another resource or none`,
    };
  const kms = String(((resource.encryptionSpec ?? {}) as Record<string, unknown>).kmsKeyName ?? '');
  if (kms && job.kmsKeyName && kms !== job.kmsKeyName)
    return {
      fits: false,
      kind: 'cmek',
      reason: `it is encrypted with ${kms}, the job with ${job.kmsKeyName}`,
      fix: `use the key ${kms} for the job (Options, Encryption key), or choose another resource or none`,
    };
  const resourcePools = poolsOf(resource);
  // First on the resource with every machine free (what no wait fixes), then as it is now.
  const empty = place(resourcePools, pools, resourcePools.map(capacityOf));
  if (empty) return empty;
  const now = place(
    resourcePools,
    pools,
    resourcePools.map((pool) => capacityOf(pool) - Number(pool.usedReplicaCount ?? 0)),
  );
  return now ? {...now, kind: 'busy', fix: BUSY_FIX} : {fits: true};
}

const BUSY_FIX =
  'submit when its jobs end (P on the job list shows the pool), or choose another resource or none';

function poolMachine(pool: Pool): string {
  const spec = specOf(pool);
  const disk = String(
    ((pool.diskSpec ?? {}) as Record<string, unknown>).bootDiskType ||
      defaultBootDiskType(String(spec.machineType ?? '')),
  );
  return `${machineText(spec.machineType, acceleratorOf(spec.acceleratorType), spec.acceleratorCount)} (disk ${disk})`;
}

/** Places each used worker pool on a pool of its machine with `free` machines; the first misfit. */
function place(
  resourcePools: readonly Pool[],
  pools: readonly (PoolNeed | undefined)[],
  free: number[],
): Extract<Fit, {fits: false}> | undefined {
  const taken = resourcePools.map(() => 0);
  for (const [index, need] of pools.entries()) {
    if (!need || need.replicaCount === 0) continue;
    const accelerator = acceleratorOf(need.machine.acceleratorType);
    const wanted = `${machineText(need.machine.machineType, accelerator, need.machine.acceleratorCount)} (disk ${need.bootDiskType || defaultBootDiskType(need.machine.machineType)})`;
    const matching = resourcePools
      .map((pool, at) => ({pool, at}))
      .filter(({pool}) => poolMachine(pool) === wanted);
    if (matching.length === 0)
      return {
        fits: false,
        kind: 'machine',
        workerPool: index,
        reason: `no pool of ${wanted} for workerpool${index}; it has ${resourcePools.map((p) => `${String(p.id ?? '?')} ${poolMachine(p)}`).join('; ') || 'no pools'}`,
        fix: `give workerpool${index} the machine and disk of one of its pools (Compute), or choose another resource or none`,
      };
    const fitting = matching.find(({at}) => (free[at] ?? 0) >= need.replicaCount);
    if (!fitting) {
      const {pool, at} = matching[0]!;
      const others = taken[at] ?? 0;
      const capacity = capacityOf(pool);
      const id = String(pool.id ?? '?');
      return {
        fits: false,
        kind: 'size',
        workerPool: index,
        reason:
          `workerpool${index} needs ${need.replicaCount} machine(s), pool ${id} ` +
          (free[at] === capacity - others
            ? `holds ${capacity}${others ? ` and the job's other worker pools take ${others}` : ''}`
            : `has ${Math.max(free[at] ?? 0, 0)} of ${capacity} free (running jobs hold ${capacity - others - (free[at] ?? 0)}${others ? `, the job's other worker pools take ${others}` : ''})`),
        fix:
          capacity - others > 0
            ? `use at most ${capacity - others} replica(s) in workerpool${index} (Worker pools), or choose another resource or none`
            : `the job needs more machines than pool ${id} holds: choose another resource or none`,
      };
    }
    free[fitting.at] = (free[fitting.at] ?? 0) - need.replicaCount;
    taken[fitting.at] = (taken[fitting.at] ?? 0) + need.replicaCount;
  }
  return undefined;
}

/** The RUNNING persistent resources a job with these worker pools can run on now. */
export function matchingPersistentResources(
  resources: readonly ResourceMessage[],
  pools: readonly (PoolNeed | undefined)[],
  job: JobNeed = {},
): PersistentResourceSummary[] {
  return resources
    .filter((resource) => persistentResourceFit(resource, pools, job).fits)
    .map(summarisePersistentResource);
}
