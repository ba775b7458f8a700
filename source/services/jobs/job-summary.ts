// One row of the job list, whatever the resource: a custom job, a hyperparameter tuning job or a
// training pipeline. Each type is one adapter from its API resource; the list, the commands and
// sorting only ever see JobSummary.
import {normaliseAnyState, type JobState} from '../../core/job-spec/index.js';
import type {JobKind, ResourceMessage} from '../vertex/api.js';
import {jobIdOf, toDate} from '../vertex/job-snapshot.js';

export interface JobSummary {
  kind: JobKind;
  name: string;
  id: string;
  displayName: string;
  state: JobState;
  createTime?: Date;
  startTime?: Date;
  endTime?: Date;
  updateTime?: Date;
  /** e.g. "n1-standard-4 ×3" or "a2-highgpu-1g+1×A100 ×2, n1-standard-8 ×1". */
  resources: string;
  /** First line of the error, when the job failed. */
  error?: string;
  labels: Record<string, string>;
  resource: ResourceMessage;
}

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

function common(kind: JobKind, resource: ResourceMessage): Omit<JobSummary, 'resources'> {
  const name = String(resource.name ?? '');
  const error = resource.error as {message?: unknown} | null | undefined;
  const summary: Omit<JobSummary, 'resources'> = {
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
  const message = firstLine(error?.message);
  if (message) summary.error = message;
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
