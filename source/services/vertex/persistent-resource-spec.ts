// PersistentResource messages for the app: the one-line summary the list shows (state and
// used/total machines per resource pool, persistent_resource.proto ResourcePool.replica_count and
// used_replica_count), the request a short form builds, and one read from a YAML or JSON file in
// the REST shape Google's samples use (cloud.google.com/vertex-ai/docs/training/persistent-resource-create:
// {"display_name": …, "resource_pools": [{"machine_spec": {…}, "replica_count": …}]}), camelCase
// or snake_case alike.
import fs from 'node:fs/promises';
import {parse} from 'yaml';
import type {ResourceMessage} from './api.js';

// The summary and the matching live apart, free of I/O, for the wizard; the screen reads them here.
export {
  matchingPersistentResources,
  persistentResourceFit,
  poolsText,
  summarisePersistentResource,
  type Fit,
  type JobNeed,
  type PersistentResourceSummary,
  type PoolNeed,
  type PoolSummary,
} from './persistent-resource-match.js';

/** persistent_resource_id (persistent_resource_service.proto). */
export const PERSISTENT_RESOURCE_ID = /^[a-z]([a-z0-9-]{0,61}[a-z0-9])?$/;

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

/**
 * gcloud's own help for `ai persistent-resources create --config` shows the pools as
 * `resourcePoolSpecs:` holding one mapping (command_lib/ai/persistent_resources/flags.py), while
 * its code and the API read `resourcePools`, a list (persistent_resource_util.py,
 * persistent_resource.proto): a file in either shape, or with a single pool not in a list, is the
 * API's `resourcePools` list.
 */
function poolsAsResourcePools(resource: ResourceMessage): void {
  const specs = resource.resourcePoolSpecs;
  delete resource.resourcePoolSpecs;
  if (resource.resourcePools === undefined && specs !== undefined) resource.resourcePools = specs;
  const pools = resource.resourcePools;
  if (pools && typeof pools === 'object' && !Array.isArray(pools)) resource.resourcePools = [pools];
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
  if (resource && typeof resource === 'object') poolsAsResourcePools(resource);
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
