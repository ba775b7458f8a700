// google.cloud.aiplatform.v1.PersistentResourceService (persistent_resource_service.proto):
// Create, Delete, Update and Reboot are long-running (their Operation is returned already done,
// as every emulator operation: rpc/operations.ts), Get and List are plain. Locally there is no
// machine to provision, so a created, updated or rebooted resource is RUNNING when its operation
// completes; PROVISIONING/UPDATING/REBOOTING are the states Vertex shows meanwhile.
import type {RecordStore} from '../records/record-store.js';
import type {JobRecord} from '../custom-job/job-record.js';
import {RpcError, failedPrecondition, invalidArgument, notFound} from '../rpc/grpc-errors.js';
import * as grpc from '@grpc/grpc-js';
import {listPage, type ListRequest} from '../rpc/list-page.js';
import {parentName, parseParent, parseResourceName, resourceName} from '../rpc/resource-names.js';
import {nowNs} from '../rpc/clock.js';
import {EMPTY_RESPONSE, genericOperationMetadata, type OperationStore} from '../rpc/operations.js';
import {
  persistentResourceToProto,
  type PersistentResourceRecord,
  type ResourcePoolRecord,
} from './resource-record.js';
import {usedReplicas} from './placement.js';
import {validateLabels} from '../custom-job/validate-request.js';

const V1 = 'google.cloud.aiplatform.v1';
const COLLECTION = 'persistentResources';
/** persistent_resource_id: "The maximum length is 63 characters, and valid characters are …". */
const RESOURCE_ID = /^[a-z]([a-z0-9-]{0,61}[a-z0-9])?$/;

interface PoolMessage {
  id?: string;
  machineSpec?: {machineType?: string; acceleratorType?: string; acceleratorCount?: number};
  replicaCount?: string | number;
  diskSpec?: {bootDiskType?: string; bootDiskSizeGb?: number};
  autoscalingSpec?: {minReplicaCount?: string | number; maxReplicaCount?: string | number};
}

interface ResourceMessage {
  name?: string;
  displayName?: string;
  resourcePools?: PoolMessage[];
  labels?: Record<string, string>;
  network?: string;
}

const optionalNumber = (value: string | number | undefined | null): number | undefined =>
  value === undefined || value === null || value === '' ? undefined : Number(value);

/** A pool's id when the request leaves it out: its machine, as a valid id (our choice). */
function defaultPoolId(pool: PoolMessage, taken: Set<string>): string {
  const base =
    [pool.machineSpec?.machineType, pool.machineSpec?.acceleratorType]
      .filter(Boolean)
      .join('-')
      .toLowerCase()
      .replace(/[^a-z0-9-]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'pool';
  let id = base;
  for (let n = 1; taken.has(id); n++) id = `${base}-${n}`;
  return id;
}

/** resource_pools, checked as ResourcePool documents them (persistent_resource.proto). */
function checkPools(pools: PoolMessage[] | undefined, field: string): ResourcePoolRecord[] {
  if (!pools || pools.length === 0)
    throw invalidArgument(
      `${field} is required: give at least one resource pool with a machine_spec.`,
    );
  const taken = new Set<string>();
  return pools.map((pool, index) => {
    const at = `${field}[${index}]`;
    if (!pool.machineSpec?.machineType)
      throw invalidArgument(`${at}.machine_spec.machine_type is required, e.g. n1-standard-4.`);
    const min = optionalNumber(pool.autoscalingSpec?.minReplicaCount);
    const max = optionalNumber(pool.autoscalingSpec?.maxReplicaCount);
    const replicaCount = optionalNumber(pool.replicaCount) ?? min ?? 1;
    if (!Number.isInteger(replicaCount) || replicaCount < 1)
      throw invalidArgument(`${at}.replica_count must be at least 1; got ${replicaCount}.`);
    // "min_replica_count must be > 0", "≤ replica_count and < max_replica_count";
    // max "must be ≥ replica_count and > min_replica_count".
    if (min !== undefined && (min < 1 || min > replicaCount))
      throw invalidArgument(
        `${at}.autoscaling_spec.min_replica_count must be > 0 and ≤ replica_count (${replicaCount}); got ${min}.`,
      );
    if (max !== undefined && (max < replicaCount || (min !== undefined && max <= min)))
      throw invalidArgument(
        `${at}.autoscaling_spec.max_replica_count must be ≥ replica_count (${replicaCount}) and > min_replica_count; got ${max}.`,
      );
    if (pool.id !== undefined && pool.id !== '' && !RESOURCE_ID.test(pool.id))
      throw invalidArgument(
        `${at}.id "${pool.id}" is invalid: lowercase letters, digits and "-", starting with a letter, at most 63.`,
      );
    const id = pool.id || defaultPoolId(pool, taken);
    if (taken.has(id)) throw invalidArgument(`${at}.id "${id}" is used by another resource pool.`);
    taken.add(id);
    return {
      id,
      machineSpec: {
        machineType: pool.machineSpec.machineType,
        ...(pool.machineSpec.acceleratorType &&
          pool.machineSpec.acceleratorType !== 'ACCELERATOR_TYPE_UNSPECIFIED' && {
            acceleratorType: pool.machineSpec.acceleratorType,
            acceleratorCount: Number(pool.machineSpec.acceleratorCount ?? 1),
          }),
      },
      replicaCount,
      ...(pool.diskSpec && {diskSpec: pool.diskSpec}),
      ...((min !== undefined || max !== undefined) && {
        autoscalingSpec: {
          ...(min !== undefined && {minReplicaCount: min}),
          ...(max !== undefined && {maxReplicaCount: max}),
        },
      }),
    };
  });
}

/** Fields UpdatePersistentResource may change (our reading of the proto; others are refused). */
const UPDATABLE = new Set(['display_name', 'labels', 'resource_pools']);

export function persistentResourceServiceHandlers(
  store: RecordStore<PersistentResourceRecord>,
  jobs: RecordStore<JobRecord>,
  operations: OperationStore,
  encodeResource: (message: Record<string, unknown>) => Buffer,
) {
  const find = (name: string | undefined): PersistentResourceRecord => {
    const {project, location, id} = parseResourceName(name, COLLECTION);
    const record = store
      .list()
      .find((r) => r.resourceId === id && r.project === project && r.location === location);
    if (!record) throw notFound(`The PersistentResource ${name} does not exist.`);
    return record;
  };
  const toProto = (record: PersistentResourceRecord) => {
    const used = usedReplicas(record, jobs.list());
    return persistentResourceToProto(record, (pool) => used[record.pools.indexOf(pool)] ?? 0);
  };
  const done = (
    record: PersistentResourceRecord,
    type: string,
    started: bigint,
    withResource: boolean,
  ) =>
    operations.addDone(parentName(record), {
      metadata: genericOperationMetadata(`${V1}.${type}`, started, nowNs()),
      response: withResource
        ? {
            type_url: `type.googleapis.com/${V1}.PersistentResource`,
            value: encodeResource(toProto(record)),
          }
        : EMPTY_RESPONSE,
    });

  return {
    createPersistentResource: (request: {
      parent?: string;
      persistentResource?: ResourceMessage;
      persistentResourceId?: string;
    }) => {
      const {project, location} = parseParent(request.parent);
      const resourceId = request.persistentResourceId ?? '';
      if (!RESOURCE_ID.test(resourceId))
        throw invalidArgument(
          `persistent_resource_id "${resourceId}" is invalid: at most 63 characters matching /^[a-z]([a-z0-9-]{0,61}[a-z0-9])?$/.`,
        );
      const spec = request.persistentResource;
      if (!spec) throw invalidArgument('persistent_resource is required.');
      const pools = checkPools(spec.resourcePools, 'persistent_resource.resource_pools');
      // persistent_resource.proto PersistentResource.labels: the same rule as CustomJob's.
      validateLabels(spec.labels ?? {}, 'persistent_resource.labels');
      if (
        store
          .list()
          .some(
            (r) => r.resourceId === resourceId && r.project === project && r.location === location,
          )
      )
        throw new RpcError(
          grpc.status.ALREADY_EXISTS,
          `The PersistentResource ${resourceName({project, location}, COLLECTION, resourceId)} already exists; choose another persistent_resource_id or delete it first.`,
        );
      const started = nowNs();
      const record: PersistentResourceRecord = {
        id: store.nextId(),
        resourceId,
        name: resourceName({project, location}, COLLECTION, resourceId),
        project,
        location,
        displayName: spec.displayName ?? '',
        labels: spec.labels ?? {},
        state: 'JOB_STATE_SUCCEEDED',
        resourceState: 'RUNNING',
        pools,
        ...(spec.network && {network: spec.network}),
        createTimeNs: started,
        startTimeNs: started,
        updateTimeNs: started,
      };
      store.insert(record);
      return done(record, 'CreatePersistentResourceOperationMetadata', started, true);
    },

    getPersistentResource: (request: {name?: string}) => toProto(find(request.name)),

    listPersistentResources: (request: ListRequest) => {
      // ListPersistentResourcesRequest has no filter or read_mask: only paging.
      const {items, nextPageToken} = listPage(
        store.list(),
        {
          parent: request.parent,
          ...(request.pageSize && {pageSize: request.pageSize}),
          ...(request.pageToken && {pageToken: request.pageToken}),
        },
        toProto,
      );
      return {persistentResources: items, nextPageToken};
    },

    deletePersistentResource: (request: {name?: string}) => {
      const record = find(request.name);
      const started = nowNs();
      store.delete(record.id);
      return done(record, 'DeleteOperationMetadata', started, false);
    },

    updatePersistentResource: (request: {
      persistentResource?: ResourceMessage;
      updateMask?: {paths?: string[]};
    }) => {
      const record = find(request.persistentResource?.name);
      const paths = request.updateMask?.paths ?? [];
      if (paths.length === 0)
        throw invalidArgument(
          'update_mask is required: name the fields to change, e.g. resource_pools.',
        );
      for (const path of paths) {
        const snake = path.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
        if (!UPDATABLE.has(snake))
          throw invalidArgument(
            `update_mask path "${path}" cannot be updated; use display_name, labels or resource_pools.`,
          );
      }
      const spec = request.persistentResource ?? {};
      const started = nowNs();
      const norm = paths.map((p) => p.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`));
      if (norm.includes('resource_pools')) {
        const pools = checkPools(spec.resourcePools, 'persistent_resource.resource_pools');
        // persistent_resource.proto PersistentResource.labels: the same rule as CustomJob's.
        validateLabels(spec.labels ?? {}, 'persistent_resource.labels');
        const used = usedReplicas(record, jobs.list());
        record.pools.forEach((old, at) => {
          const next = pools.find((p) => p.id === old.id);
          // machine_spec is IMMUTABLE; a pool in use keeps at least the machines jobs hold.
          if (next && JSON.stringify(next.machineSpec) !== JSON.stringify(old.machineSpec))
            throw invalidArgument(`resource pool ${old.id}: machine_spec is immutable.`);
          if (
            (used[at] ?? 0) > 0 &&
            (!next ||
              (next.autoscalingSpec?.maxReplicaCount ?? next.replicaCount) < (used[at] ?? 0))
          )
            throw failedPrecondition(
              `resource pool ${old.id} has ${used[at]} replica(s) in use by running jobs; it cannot shrink below that.`,
            );
        });
        record.pools = pools;
      }
      if (norm.includes('display_name')) record.displayName = spec.displayName ?? '';
      if (norm.includes('labels')) record.labels = spec.labels ?? {};
      record.resourceState = 'RUNNING';
      record.updateTimeNs = nowNs();
      store.put(record);
      return done(record, 'UpdatePersistentResourceOperationMetadata', started, true);
    },

    rebootPersistentResource: (request: {name?: string}) => {
      const record = find(request.name);
      if (record.resourceState !== 'RUNNING' && record.resourceState !== 'ERROR')
        throw failedPrecondition(
          `persistent resource ${record.resourceId} is ${record.resourceState}; only a RUNNING or ERROR resource can be rebooted.`,
        );
      const started = nowNs();
      record.resourceState = 'RUNNING';
      record.updateTimeNs = nowNs();
      store.put(record);
      return done(record, 'RebootPersistentResourceOperationMetadata', started, true);
    },
  };
}
