// The worker-pools step without Ink: the four slots and their roles, replica counts, adding and
// removing pools (workers copy the primary), and the CLUSTER_SPEC each replica will receive.
import type {Catalog, JobDraft, WorkerPoolDraft} from '../../../core/job-spec/index.js';
import {reductionServerImageUri} from '../../../core/job-spec/catalog.js';
import {POOL_ROLES} from '../../../core/job-spec/draft.js';
import {replicaName} from '../../../core/job-spec/replicas.js';

export const MAX_REPLICAS = 64;

export function setReplicas(draft: JobDraft, slot: number, count: number): JobDraft {
  const pool = draft.workerPools[slot];
  if (!pool || slot === 0) return draft; // the primary always has exactly one replica
  const pools = [...draft.workerPools] as (WorkerPoolDraft | undefined)[];
  pools[slot] = {...pool, replicaCount: Math.max(1, Math.min(MAX_REPLICAS, count))};
  return {...draft, workerPools: pools as JobDraft['workerPools']};
}

/** Adds a pool in an empty slot: same machine and code as the primary (change them per pool). */
export function addPool(draft: JobDraft, slot: number): JobDraft {
  if (slot === 0 || draft.workerPools[slot]) return draft;
  const pools = [...draft.workerPools] as (WorkerPoolDraft | undefined)[];
  pools[slot] = {...structuredClone(draft.workerPools[0]), replicaCount: 1};
  return {...draft, workerPools: pools as JobDraft['workerPools']};
}

export function removePool(draft: JobDraft, slot: number): JobDraft {
  if (slot === 0) return draft;
  const pools = [...draft.workerPools] as (WorkerPoolDraft | undefined)[];
  pools[slot] = undefined;
  while (pools.length > 1 && pools[pools.length - 1] === undefined) pools.pop();
  return {...draft, workerPools: pools as JobDraft['workerPools']};
}

export function poolRole(slot: number): string {
  return POOL_ROLES[slot] ?? '';
}

/** The CLUSTER_SPEC a replica gets: every pool's replica addresses and its own task. */
export function clusterSpecPreview(draft: JobDraft, slot: number, index = 0): string {
  const cluster: Record<string, string[]> = {};
  draft.workerPools.forEach((pool, p) => {
    if (!pool) return;
    cluster[`workerpool${p}`] = Array.from(
      {length: pool.replicaCount},
      (_, i) => `${replicaName(p, i)}:2222`,
    );
  });
  return JSON.stringify({cluster, task: {type: `workerpool${slot}`, index}});
}

/** The slots that hold a pool. */
export function usedPools(draft: JobDraft): number[] {
  return draft.workerPools.flatMap((pool, index) => (pool ? [index] : []));
}

/** The Reduction Server pool the distributed-training docs recommend, in slot 2. */
export function withReductionServer(draft: JobDraft, catalog: Catalog): JobDraft {
  const pools = [...draft.workerPools] as (WorkerPoolDraft | undefined)[];
  pools[2] = {
    machine: {machineType: 'n1-highcpu-16'},
    replicaCount: Math.max(1, pools[1]?.replicaCount ?? 1),
    task: {
      kind: 'container',
      imageUri: reductionServerImageUri(draft.region, catalog),
      command: [],
      args: [],
      env: [],
    },
  };
  return {...draft, workerPools: pools as JobDraft['workerPools']};
}
