// The emulator's record of a PersistentResource (persistent_resource.proto): a named set of warm
// resource pools that CustomJobs with `jobSpec.persistentResourceId` run on. The record store
// wants decimal ids and a job state, so the user's id (`persistent_resource_id`) is kept beside
// them, and `resourceState` holds the resource's own State enum.
import {timestamp, type ResourceRecord} from '../rpc/run-record.js';

/** PersistentResource.State (persistent_resource.proto), every value Google documents. */
export const PERSISTENT_RESOURCE_STATES = [
  'PROVISIONING',
  'RUNNING',
  'STOPPING',
  'ERROR',
  'REBOOTING',
  'UPDATING',
] as const;
export type PersistentResourceState = (typeof PERSISTENT_RESOURCE_STATES)[number];

export interface PoolMachine {
  machineType?: string;
  acceleratorType?: string;
  acceleratorCount?: number;
}

export interface ResourcePoolRecord {
  id: string;
  machineSpec: PoolMachine;
  /** `replica_count` (int64): the machines the pool keeps. */
  replicaCount: number;
  diskSpec?: {bootDiskType?: string; bootDiskSizeGb?: number};
  autoscalingSpec?: {minReplicaCount?: number; maxReplicaCount?: number};
}

export interface PersistentResourceRecord extends ResourceRecord {
  /** The `persistent_resource_id` the caller chose: the last segment of `name`. */
  resourceId: string;
  resourceState: PersistentResourceState;
  pools: ResourcePoolRecord[];
  startTimeNs?: bigint;
  network?: string;
}

/** The v1 message; `used` is each pool's `used_replica_count`, counted from running jobs. */
export function persistentResourceToProto(
  record: PersistentResourceRecord,
  used: (pool: ResourcePoolRecord) => number,
): Record<string, unknown> {
  return {
    name: record.name,
    displayName: record.displayName,
    resourcePools: record.pools.map((pool) => ({
      id: pool.id,
      machineSpec: pool.machineSpec,
      replicaCount: String(pool.replicaCount),
      ...(pool.diskSpec && {diskSpec: pool.diskSpec}),
      usedReplicaCount: String(used(pool)),
      ...(pool.autoscalingSpec && {
        autoscalingSpec: {
          ...(pool.autoscalingSpec.minReplicaCount !== undefined && {
            minReplicaCount: String(pool.autoscalingSpec.minReplicaCount),
          }),
          ...(pool.autoscalingSpec.maxReplicaCount !== undefined && {
            maxReplicaCount: String(pool.autoscalingSpec.maxReplicaCount),
          }),
        },
      }),
    })),
    state: record.resourceState,
    labels: record.labels,
    ...(record.network && {network: record.network}),
    createTime: timestamp(record.createTimeNs),
    ...(record.startTimeNs !== undefined && {startTime: timestamp(record.startTimeNs)}),
    updateTime: timestamp(record.updateTimeNs),
  };
}
