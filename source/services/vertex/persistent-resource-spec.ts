// PersistentResource messages for the app: the one-line summary the list shows (state and
// used/total machines per resource pool, persistent_resource.proto ResourcePool.replica_count and
// used_replica_count), the request a short form builds, and one read from a YAML or JSON file in
// the REST shape Google's samples use (cloud.google.com/vertex-ai/docs/training/persistent-resource-create:
// {"display_name": …, "resource_pools": [{"machine_spec": {…}, "replica_count": …}]}), camelCase
// or snake_case alike.
import fs from 'node:fs/promises';
import {parse} from 'yaml';
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

/** persistent_resource_id (persistent_resource_service.proto). */
export const PERSISTENT_RESOURCE_ID = /^[a-z]([a-z0-9-]{0,61}[a-z0-9])?$/;

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

export function summarisePersistentResource(resource: ResourceMessage): PersistentResourceSummary {
  const name = String(resource.name ?? '');
  const pools = (resource.resourcePools as Record<string, unknown>[] | undefined) ?? [];
  return {
    name,
    id: name.split('/').pop() ?? '',
    displayName: String(resource.displayName ?? ''),
    state: stateName(resource.state),
    pools: pools.map((pool) => {
      const spec = (pool.machineSpec ?? {}) as Record<string, unknown>;
      const autoscaling = (pool.autoscalingSpec ?? {}) as Record<string, unknown>;
      const accelerator =
        spec.acceleratorType && spec.acceleratorType !== 'ACCELERATOR_TYPE_UNSPECIFIED'
          ? ` + ${Number(spec.acceleratorCount ?? 1)}×${String(spec.acceleratorType)}`
          : '';
      return {
        id: String(pool.id ?? ''),
        machine: `${String(spec.machineType ?? '?')}${accelerator}`,
        used: Number(pool.usedReplicaCount ?? 0),
        total: Number(autoscaling.maxReplicaCount ?? pool.replicaCount ?? 0),
      };
    }),
  };
}

/** "cpu n1-standard-4 1/2 used" for each pool. */
export function poolsText(summary: PersistentResourceSummary): string {
  return summary.pools.map((p) => `${p.id} ${p.machine} ${p.used}/${p.total} used`).join(' · ');
}

export interface PersistentResourceForm {
  id: string;
  machineType: string;
  replicaCount: string;
  acceleratorType?: string;
  acceleratorCount?: string;
}

export type Built = {ok: true; id: string; resource: ResourceMessage} | {ok: false; error: string};

export type PersistentResourceField = keyof PersistentResourceForm;

/**
 * The problem with one field of the create form (field, rule, fix), or undefined: the form checks
 * each answer as it is given, so a bad one is asked again with what was typed, never losing the
 * answers before it. Ids follow persistent_resource_id in persistent_resource_service.proto;
 * accelerator names are AcceleratorType enum names (accelerator_type.proto).
 */
export function persistentResourceFieldProblem(
  field: PersistentResourceField,
  raw: string | undefined,
): string | undefined {
  const value = (raw ?? '').trim();
  switch (field) {
    case 'id':
      return PERSISTENT_RESOURCE_ID.test(value)
        ? undefined
        : 'id: lowercase letters, digits and "-", starting with a letter, at most 63 (e.g. warm-pool)';
    case 'machineType':
      return /^[a-z0-9][a-z0-9-]*$/.test(value)
        ? undefined
        : 'machine type: a Compute Engine machine type, like n1-standard-4';
    case 'acceleratorType':
      return value === '' || /^[A-Z][A-Z0-9_]*$/.test(value)
        ? undefined
        : 'accelerator: a type like NVIDIA_TESLA_T4, or empty for none';
    case 'acceleratorCount':
    case 'replicaCount': {
      if (field === 'acceleratorCount' && value === '') return undefined;
      const count = Number(value);
      const what = field === 'replicaCount' ? 'replica count' : 'accelerators per machine';
      return Number.isInteger(count) && count >= 1 ? undefined : `${what}: a whole number ≥ 1`;
    }
  }
}

const FORM_FIELDS: PersistentResourceField[] = [
  'id',
  'machineType',
  'acceleratorType',
  'acceleratorCount',
  'replicaCount',
];

/** The Create request's id and resource from the form, or the first problem (field, rule, fix). */
export function persistentResourceFromForm(form: PersistentResourceForm): Built {
  for (const field of FORM_FIELDS) {
    const error = persistentResourceFieldProblem(field, form[field]);
    if (error) return {ok: false, error};
  }
  const replicas = Number(form.replicaCount);
  const accelerator = form.acceleratorType?.trim();
  return {
    ok: true,
    id: form.id,
    resource: {
      displayName: form.id,
      resourcePools: [
        {
          machineSpec: {
            machineType: form.machineType,
            ...(accelerator && {
              acceleratorType: accelerator,
              acceleratorCount: Number(form.acceleratorCount || 1),
            }),
          },
          replicaCount: replicas,
        },
      ],
    },
  };
}

const camel = (key: string) => key.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

function camelKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(camelKeys);
  if (value && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([k, v]) => [
        // labels' keys are the user's own.
        camel(k),
        k === 'labels' ? v : camelKeys(v),
      ]),
    );
  return value;
}

/** A PersistentResource read from a YAML or JSON file; the id comes from the caller. */
export async function persistentResourceFromFile(file: string, id: string): Promise<Built> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (error) {
    return {
      ok: false,
      error: `${file}: cannot read it (${(error as NodeJS.ErrnoException).code ?? 'error'}); give the path of a YAML or JSON file.`,
    };
  }
  let parsed: unknown;
  try {
    parsed = parse(text);
  } catch (error) {
    return {
      ok: false,
      error: `${file}: not YAML or JSON (${(error as Error).message.split('\n')[0]}).`,
    };
  }
  const resource = camelKeys(parsed) as ResourceMessage | null;
  if (
    !resource ||
    typeof resource !== 'object' ||
    !Array.isArray(resource.resourcePools) ||
    resource.resourcePools.length === 0
  )
    return {
      ok: false,
      error: `${file}: resourcePools is required: a list of pools, each with machineSpec.machineType and replicaCount.`,
    };
  if (!PERSISTENT_RESOURCE_ID.test(id))
    return {
      ok: false,
      error: `id "${id}": use lowercase letters, digits and "-", starting with a letter (at most 63).`,
    };
  delete resource.name;
  return {ok: true, id, resource};
}

/** What the wizard's compute choice knows of a worker pool (core/job-spec WorkerPoolDraft). */
export interface PoolNeed {
  machine: {machineType: string; acceleratorType?: string; acceleratorCount?: number};
  replicaCount: number;
  bootDiskType?: string;
}

const acceleratorOf = (type: unknown): string =>
  typeof type === 'string' && type !== 'ACCELERATOR_TYPE_UNSPECIFIED' ? type : '';

/**
 * The RUNNING persistent resources a job with these worker pools can run on now: every pool's
 * machine type, accelerators and disk type equal a resource pool's, and its replicas fit that
 * pool's free machines (cloud.google.com/vertex-ai/docs/training/persistent-resource-train) —
 * what the wizard offers for `persistentResourceId`.
 */
export function matchingPersistentResources(
  resources: readonly ResourceMessage[],
  pools: readonly (PoolNeed | undefined)[],
): PersistentResourceSummary[] {
  return resources
    .filter((resource) => summarisePersistentResource(resource).state === 'RUNNING')
    .filter((resource) => {
      const resourcePools = (resource.resourcePools as Record<string, unknown>[] | undefined) ?? [];
      const free = resourcePools.map((pool) => {
        const autoscaling = (pool.autoscalingSpec ?? {}) as Record<string, unknown>;
        return (
          Number(autoscaling.maxReplicaCount ?? pool.replicaCount ?? 0) -
          Number(pool.usedReplicaCount ?? 0)
        );
      });
      return pools.every((need) => {
        if (!need || need.replicaCount === 0) return true;
        const at = resourcePools.findIndex((pool, index) => {
          const spec = (pool.machineSpec ?? {}) as Record<string, unknown>;
          const disk = (pool.diskSpec ?? {}) as Record<string, unknown>;
          const accelerator = acceleratorOf(spec.acceleratorType);
          return (
            spec.machineType === need.machine.machineType &&
            accelerator === acceleratorOf(need.machine.acceleratorType) &&
            (accelerator === '' ||
              Number(spec.acceleratorCount ?? 0) === Number(need.machine.acceleratorCount ?? 0)) &&
            String(disk.bootDiskType || 'pd-ssd') === (need.bootDiskType || 'pd-ssd') &&
            (free[index] ?? 0) >= need.replicaCount
          );
        });
        if (at < 0) return false;
        free[at] = (free[at] ?? 0) - need.replicaCount;
        return true;
      });
    })
    .map(summarisePersistentResource);
}
