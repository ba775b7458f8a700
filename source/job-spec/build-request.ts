// Draft → exact CreateCustomJob request. Empty middle pools become `{}` and trailing empty pools
// are trimmed, as Vertex and the Python SDK expect.
import type {JobDraft, WorkerPoolDraft} from './draft.js';
import type {CreateCustomJobRequest, CustomJobLike, WorkerPoolSpecLike} from './request.js';

export function locationPath(project: string, region: string): string {
  return `projects/${project}/locations/${region}`;
}

export function buildWorkerPoolSpec(pool: WorkerPoolDraft): WorkerPoolSpecLike {
  const spec: WorkerPoolSpecLike = {
    machineSpec: {machineType: pool.machine.machineType},
    replicaCount: pool.replicaCount,
  };
  if (pool.machine.acceleratorType && spec.machineSpec) {
    spec.machineSpec.acceleratorType = pool.machine.acceleratorType;
    spec.machineSpec.acceleratorCount = pool.machine.acceleratorCount ?? 1;
  }
  if (pool.bootDiskType || pool.bootDiskSizeGb) {
    spec.diskSpec = {};
    if (pool.bootDiskType) spec.diskSpec.bootDiskType = pool.bootDiskType;
    if (pool.bootDiskSizeGb) spec.diskSpec.bootDiskSizeGb = pool.bootDiskSizeGb;
  }
  const task = pool.task;
  if (task.kind === 'python-package') {
    spec.pythonPackageSpec = {
      executorImageUri: task.executorImageUri,
      packageUris: [...task.packageUris],
      pythonModule: task.pythonModule,
      ...(task.args.length > 0 && {args: [...task.args]}),
      ...(task.env.length > 0 && {env: task.env.map((e) => ({...e}))}),
    };
  } else {
    spec.containerSpec = {
      imageUri: task.imageUri,
      ...(task.command.length > 0 && {command: [...task.command]}),
      ...(task.args.length > 0 && {args: [...task.args]}),
      ...(task.env.length > 0 && {env: task.env.map((e) => ({...e}))}),
    };
  }
  return spec;
}

export function buildWorkerPoolSpecs(pools: JobDraft['workerPools']): WorkerPoolSpecLike[] {
  const specs = pools.map((pool) => (pool ? buildWorkerPoolSpec(pool) : {}));
  while (specs.length > 1 && Object.keys(specs[specs.length - 1] ?? {}).length === 0) specs.pop();
  return specs;
}

export function buildCustomJob(draft: JobDraft): CustomJobLike {
  const job: CustomJobLike = {
    displayName: draft.displayName,
    jobSpec: {workerPoolSpecs: buildWorkerPoolSpecs(draft.workerPools)},
  };
  if (Object.keys(draft.labels).length > 0) job.labels = {...draft.labels};
  if (draft.baseOutputDirectory) {
    job.jobSpec.baseOutputDirectory = {outputUriPrefix: draft.baseOutputDirectory};
  }
  if (draft.serviceAccount) job.jobSpec.serviceAccount = draft.serviceAccount;
  // The gRPC client takes google.protobuf.Duration as an object; REST/YAML writes "3600s".
  if (draft.timeoutSeconds) job.jobSpec.scheduling = {timeout: {seconds: draft.timeoutSeconds}};
  return job;
}

export function buildCreateCustomJobRequest(draft: JobDraft): CreateCustomJobRequest {
  return {parent: locationPath(draft.project, draft.region), customJob: buildCustomJob(draft)};
}
