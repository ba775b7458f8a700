// Replica naming as Vertex uses it in log labels (task_name) and web access URIs: workerpoolN-I.
import type {WorkerPoolSpecLike} from './request.js';

export interface ReplicaRef {
  pool: number;
  index: number;
  name: string;
}

export function replicaName(pool: number, index: number): string {
  return `workerpool${pool}-${index}`;
}

/** Every replica a job spec will start, in pool order; empty `{}` pools contribute none. */
export function replicasOf(pools: readonly (WorkerPoolSpecLike | undefined)[]): ReplicaRef[] {
  const replicas: ReplicaRef[] = [];
  pools.forEach((pool, poolIndex) => {
    const count = pool?.machineSpec ? Number(pool.replicaCount ?? 1) : 0;
    for (let index = 0; index < count; index++) {
      replicas.push({pool: poolIndex, index, name: replicaName(poolIndex, index)});
    }
  });
  return replicas;
}
