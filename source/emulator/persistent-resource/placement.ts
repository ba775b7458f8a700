// Which resource pool of a PersistentResource each worker pool of a CustomJob runs on, and how
// many of a pool's machines running jobs hold (`used_replica_count`). Google's rules
// (cloud.google.com/vertex-ai/docs/training/persistent-resource-train): the job names the resource
// by `persistent_resource_id` (same project and location); each worker pool's machine type (and
// accelerators) and disk type "matches exactly" one resource pool; its replica count is "less than
// or equal to the replica-count or max-replica-count" of that pool. Vertex's exact error text for
// a job that does not match is not documented: the wording below is ours (unconfirmed).
import {
  defaultBootDiskType,
  isTerminalState,
  type WorkerPoolSpecLike,
} from '../../core/job-spec/index.js';
import type {JobRecord} from '../custom-job/job-record.js';
import {failedPrecondition, invalidArgument, notFound} from '../rpc/grpc-errors.js';
import type {PersistentResourceRecord, ResourcePoolRecord} from './resource-record.js';

/** The pool's boot disk type, or DiskSpec.boot_disk_type's default for its machine type. */
const diskOf = (spec: {machineSpec?: {machineType?: string}; diskSpec?: {bootDiskType?: string}}) =>
  spec.diskSpec?.bootDiskType || defaultBootDiskType(spec.machineSpec?.machineType ?? '');

export const persistentResourceIdOf = (job: {jobSpec?: unknown}): string | undefined =>
  (job.jobSpec as {persistentResourceId?: string} | undefined)?.persistentResourceId || undefined;

/** The most machines a pool may lend a job: max_replica_count when autoscaling, else replica_count. */
export const poolCapacity = (pool: ResourcePoolRecord): number =>
  pool.autoscalingSpec?.maxReplicaCount ?? pool.replicaCount;

const accelerator = (type: string | undefined): string =>
  type && type !== 'ACCELERATOR_TYPE_UNSPECIFIED' ? type : '';

function sameMachine(job: WorkerPoolSpecLike, pool: ResourcePoolRecord): boolean {
  const a = job.machineSpec;
  const b = pool.machineSpec;
  return (
    (a?.machineType ?? '') === (b.machineType ?? '') &&
    accelerator(a?.acceleratorType) === accelerator(b.acceleratorType) &&
    (accelerator(b.acceleratorType) === '' ||
      Number(a?.acceleratorCount ?? 0) === Number(b.acceleratorCount ?? 0)) &&
    diskOf(job) === diskOf(pool)
  );
}

const describeMachine = (spec: WorkerPoolSpecLike): string =>
  [
    spec.machineSpec?.machineType ?? '(no machine type)',
    spec.machineSpec?.acceleratorType
      ? `${spec.machineSpec.acceleratorCount ?? 0} x ${spec.machineSpec.acceleratorType}`
      : '',
    `disk ${diskOf(spec)}`,
  ]
    .filter(Boolean)
    .join(', ');

const describePool = (pool: ResourcePoolRecord): string =>
  `${pool.id} (${describeMachine({
    machineSpec: {machineType: pool.machineSpec.machineType ?? '', ...pool.machineSpec},
    ...(pool.diskSpec && {diskSpec: pool.diskSpec}),
  })})`;

/**
 * The resource pool index each worker pool of `pools` takes (undefined for empty `{}` pools), given
 * what is free; throws when a worker pool matches no resource pool or does not fit.
 */
export function placeJob(
  resource: PersistentResourceRecord,
  pools: readonly (WorkerPoolSpecLike | undefined)[],
  free: number[],
  field = 'custom_job.job_spec.worker_pool_specs',
): (number | undefined)[] {
  // First what no wait can fix (no matching pool, too many replicas), then the free machines.
  const candidates = pools.map((spec, index): Candidate | undefined => {
    const replicas = Number(spec?.replicaCount ?? 0);
    if (!spec?.machineSpec || replicas === 0) return undefined;
    const matching = resource.pools
      .map((pool, at) => ({pool, at}))
      .filter(({pool}) => sameMachine(spec, pool));
    if (matching.length === 0)
      throw invalidArgument(
        `${field}[${index}] (${describeMachine(spec)}) matches no resource pool of persistent resource ${resource.resourceId}; its machine type, accelerators and disk type must equal one of: ${resource.pools.map(describePool).join('; ')}.`,
      );
    const roomy = matching.filter(({pool}) => poolCapacity(pool) >= replicas);
    const first = matching[0] as {pool: ResourcePoolRecord};
    if (roomy.length === 0)
      throw invalidArgument(
        `${field}[${index}].replica_count is ${replicas}, more than resource pool ${first.pool.id} of persistent resource ${resource.resourceId} holds (${poolCapacity(first.pool)}); use at most that many replicas or a larger pool.`,
      );
    return {replicas, roomy};
  });
  // The job's own pools may share a resource pool: if together they cannot fit even with every
  // machine free, no wait helps, so that is the job's error (INVALID_ARGUMENT), not "busy".
  const capacities = resource.pools.map(poolCapacity);
  const whole = assign(candidates, capacities);
  if (typeof whole === 'number') {
    const {roomy} = candidates[whole] as Candidate;
    const {pool, at} = roomy[0] as {pool: ResourcePoolRecord; at: number};
    const needed = candidates.reduce(
      (sum, candidate) =>
        sum + (candidate?.roomy.some((option) => option.at === at) ? candidate.replicas : 0),
      0,
    );
    throw invalidArgument(
      `${field} together need ${needed} replicas of resource pool ${pool.id} of persistent resource ${resource.resourceId}, which holds ${capacities[at] ?? 0}; use fewer replicas or a larger pool.`,
    );
  }
  const placed = assign(candidates, free);
  if (typeof placed === 'number') {
    const {replicas, roomy} = candidates[placed] as Candidate;
    const {pool, at} = roomy[0] as {pool: ResourcePoolRecord; at: number};
    throw failedPrecondition(
      `${field}[${placed}] needs ${replicas} replica(s) of resource pool ${pool.id} of persistent resource ${resource.resourceId}, but only ${placedLeft(candidates, free, placed, at)} of ${poolCapacity(pool)} are free (running jobs use the rest); wait for them to finish or run without a persistent resource.`,
    );
  }
  return placed;
}

interface Candidate {
  replicas: number;
  roomy: {pool: ResourcePoolRecord; at: number}[];
}

/** Each worker pool's resource pool, taking the first with room, or the index of the one that has none. */
function assign(
  candidates: readonly (Candidate | undefined)[],
  available: readonly number[],
): (number | undefined)[] | number {
  const left = [...available];
  const result: (number | undefined)[] = [];
  for (const [index, candidate] of candidates.entries()) {
    if (!candidate) {
      result.push(undefined);
      continue;
    }
    const fitting = candidate.roomy.find(({at}) => (left[at] ?? 0) >= candidate.replicas);
    if (!fitting) return index;
    left[fitting.at] = (left[fitting.at] ?? 0) - candidate.replicas;
    result.push(fitting.at);
  }
  return result;
}

/** The machines of resource pool `at` still free when worker pool `failed` was placed. */
function placedLeft(
  candidates: readonly (Candidate | undefined)[],
  free: readonly number[],
  failed: number,
  at: number,
): number {
  const before = assign(candidates.slice(0, failed), free);
  if (typeof before === 'number') return free[at] ?? 0;
  const taken = before.reduce<number>(
    (sum, pool, index) => sum + (pool === at ? (candidates[index]?.replicas ?? 0) : 0),
    0,
  );
  return Math.max((free[at] ?? 0) - taken, 0);
}

/** Replicas of each resource pool held by the resource's unfinished jobs, oldest job first. */
export function usedReplicas(resource: PersistentResourceRecord, jobs: JobRecord[]): number[] {
  const used = resource.pools.map(() => 0);
  const holding = jobs
    .filter(
      (job) =>
        !isTerminalState(job.state) &&
        persistentResourceIdOf(job) === resource.resourceId &&
        job.project === resource.project &&
        job.location === resource.location,
    )
    .sort((a, b) => (a.createTimeNs < b.createTimeNs ? -1 : 1));
  for (const job of holding) {
    const free = resource.pools.map((pool, at) => poolCapacity(pool) - (used[at] ?? 0));
    let placed: (number | undefined)[];
    try {
      placed = placeJob(
        resource,
        job.jobSpec.workerPoolSpecs,
        free.map((n) => Math.max(n, 0)),
      );
    } catch {
      continue; // A resource updated under a job: it keeps running but is not counted twice.
    }
    placed.forEach((at, index) => {
      if (at !== undefined)
        used[at] = (used[at] ?? 0) + Number(job.jobSpec.workerPoolSpecs[index]?.replicaCount ?? 0);
    });
  }
  return used;
}

/**
 * The check CreateCustomJob makes for a job with `persistent_resource_id`: the resource exists in
 * the job's project and location, is RUNNING, and every worker pool fits a pool's free machines.
 */
export function checkPersistentPlacement(
  resources: PersistentResourceRecord[],
  jobs: JobRecord[],
  parent: {project: string; location: string},
  job: {jobSpec?: unknown},
): void {
  const id = persistentResourceIdOf(job);
  if (!id) return;
  const resource = resources.find(
    (r) => r.resourceId === id && r.project === parent.project && r.location === parent.location,
  );
  if (!resource)
    throw notFound(
      `custom_job.job_spec.persistent_resource_id: the PersistentResource projects/${parent.project}/locations/${parent.location}/persistentResources/${id} does not exist; create it first or leave persistent_resource_id out.`,
    );
  if (resource.resourceState !== 'RUNNING')
    throw failedPrecondition(
      `custom_job.job_spec.persistent_resource_id: persistent resource ${id} is ${resource.resourceState}; jobs run only on a RUNNING persistent resource.`,
    );
  const used = usedReplicas(resource, jobs);
  placeJob(
    resource,
    (job.jobSpec as {workerPoolSpecs: WorkerPoolSpecLike[]}).workerPoolSpecs,
    resource.pools.map((pool, at) => Math.max(poolCapacity(pool) - (used[at] ?? 0), 0)),
  );
}
