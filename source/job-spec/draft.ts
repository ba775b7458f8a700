// The editable description of a training job, independent of any API or UI. The wizard edits a
// JobDraft; builders turn it into the exact Vertex request and the equivalent gcloud command.

export type TrainingType = 'custom' | 'automl';
export type Workflow = 'custom-job' | 'hyperparameter-tuning-job' | 'training-pipeline';

export interface EnvVar {
  name: string;
  value: string;
}

/** A Python package run by a pre-built training image (PythonPackageSpec). */
export interface PythonPackageTask {
  kind: 'python-package';
  executorImageUri: string;
  /** gs:// URIs of sdists; filled at submit time when `localPackagePath` is staged. */
  packageUris: string[];
  /** A local package folder to stage before submitting (like gcloud's local-package-path). */
  localPackagePath?: string;
  pythonModule: string;
  args: string[];
  env: EnvVar[];
}

/** A custom container image (ContainerSpec). */
export interface ContainerTask {
  kind: 'container';
  imageUri: string;
  command: string[];
  args: string[];
  env: EnvVar[];
}

export type PoolTask = PythonPackageTask | ContainerTask;

export interface MachineDraft {
  machineType: string;
  acceleratorType?: string;
  acceleratorCount?: number;
}

export interface WorkerPoolDraft {
  machine: MachineDraft;
  replicaCount: number;
  task: PoolTask;
  bootDiskType?: string;
  bootDiskSizeGb?: number;
}

/** Pools by position: 0 primary, 1 workers, 2 parameter servers / Reduction Server, 3 evaluators. */
export type WorkerPoolSlots = [
  WorkerPoolDraft,
  WorkerPoolDraft?,
  WorkerPoolDraft?,
  WorkerPoolDraft?,
];

export interface JobDraft {
  trainingType: TrainingType;
  workflow: Workflow;
  displayName: string;
  project: string;
  region: string;
  workerPools: WorkerPoolSlots;
  labels: Record<string, string>;
  baseOutputDirectory?: string;
  serviceAccount?: string;
  /** Duration in seconds; Vertex defaults to 7 days when unset. */
  timeoutSeconds?: number;
}

export const POOL_ROLES = ['primary', 'workers', 'parameter servers', 'evaluators'] as const;
