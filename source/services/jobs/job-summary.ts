// One row of the job list, whatever the resource: a custom job, a hyperparameter tuning job or a
// training pipeline. Each type is one adapter from its API resource to the JobSummary every screen
// shares (services/vertex/job-snapshot.ts), with the list's resources column filled; the list, the
// commands and sorting only ever see JobSummary.
import {normaliseAnyState} from '../../core/job-spec/job-state.js';
import type {JobKind, ResourceMessage} from '../vertex/api.js';
import {jobIdOf, toDate, type JobSummary} from '../vertex/job-snapshot.js';

export type {JobSummary} from '../vertex/job-snapshot.js';

export const KIND_LABELS: Record<JobKind, string> = {
  custom: 'custom job',
  hptuning: 'tuning job',
  pipeline: 'pipeline',
};

interface PoolLike {
  replicaCount?: unknown;
  machineSpec?: {machineType?: string; acceleratorType?: unknown; acceleratorCount?: unknown};
}

function shortAccelerator(type: unknown): string {
  return String(type ?? '')
    .replace(/^NVIDIA_TESLA_/, '')
    .replace(/^NVIDIA_/, '')
    .replace(/^ACCELERATOR_TYPE_UNSPECIFIED$/, '');
}

/** Machine × accelerators × replicas of each worker pool that has replicas. */
export function poolResources(pools: unknown): string {
  if (!Array.isArray(pools)) return '';
  const parts: string[] = [];
  for (const pool of pools as PoolLike[]) {
    const machine = pool?.machineSpec?.machineType;
    if (!machine) continue;
    const count = Number(pool.replicaCount ?? 1) || 1;
    const accelerators = Number(pool.machineSpec?.acceleratorCount ?? 0);
    const accelerator = shortAccelerator(pool.machineSpec?.acceleratorType);
    const gpu = accelerators > 0 && accelerator ? `+${accelerators}×${accelerator}` : '';
    parts.push(`${machine}${gpu} ×${count}`);
  }
  return parts.join(', ');
}

function firstLine(text: unknown): string | undefined {
  if (typeof text !== 'string' || !text.trim()) return undefined;
  return text.trim().split('\n')[0];
}

/** The first line of the job's error, as the list shows and filters it. */
export function errorLine(job: JobSummary): string | undefined {
  return firstLine(job.error?.message);
}

function common(kind: JobKind, resource: ResourceMessage): JobSummary {
  const name = String(resource.name ?? '');
  const error = resource.error as {code?: unknown; message?: unknown} | null | undefined;
  const summary: JobSummary = {
    kind,
    name,
    id: jobIdOf(name),
    displayName: String(resource.displayName ?? ''),
    state: normaliseAnyState(resource.state),
    labels: (resource.labels as Record<string, string> | null | undefined) ?? {},
    resource,
  };
  const times = ['createTime', 'startTime', 'endTime', 'updateTime'] as const;
  for (const field of times) {
    const value = toDate(resource[field] as never);
    if (value) summary[field] = value;
  }
  if (firstLine(error?.message))
    summary.error = {code: Number(error?.code ?? 0) || 0, message: String(error?.message)};
  return summary;
}

const ADAPTERS: Record<JobKind, (resource: ResourceMessage) => JobSummary> = {
  custom: (resource) => ({
    ...common('custom', resource),
    resources: poolResources((resource.jobSpec as {workerPoolSpecs?: unknown})?.workerPoolSpecs),
  }),
  hptuning: (resource) => {
    const trial = resource.trialJobSpec as {workerPoolSpecs?: unknown} | undefined;
    const parallel = Number(resource.parallelTrialCount ?? 0);
    const max = Number(resource.maxTrialCount ?? 0);
    const trials = max ? ` · ${parallel || 1}‖ of ${max} trials` : '';
    return {
      ...common('hptuning', resource),
      resources: `${poolResources(trial?.workerPoolSpecs)}${trials}`,
    };
  },
  pipeline: (resource) => {
    const definition = String(resource.trainingTaskDefinition ?? '');
    const task =
      definition
        .split('/')
        .pop()
        ?.replace(/\.yaml$/, '') ?? '';
    return {...common('pipeline', resource), resources: task};
  },
};

export function summarise(kind: JobKind, resource: ResourceMessage): JobSummary {
  return ADAPTERS[kind](resource);
}
