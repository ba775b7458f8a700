// Draft → exact v1 CreateCustomJob and CreateHyperparameterTuningJob requests in the object form
// the Node client takes: enums as names, Durations as {seconds} (pipelines: build-pipeline.ts).
// Empty middle pools become `{}` and trailing empty pools are trimmed, as Vertex and the Python
// SDK expect.
import type {JobDraft, ParameterDraft, StudyDraft, WorkerPoolDraft} from './draft.js';
import type {
  ConditionalParameterSpecLike,
  CreateCustomJobRequest,
  CreateHyperparameterTuningJobRequest,
  CustomJobLike,
  CustomJobSpecLike,
  HyperparameterTuningJobLike,
  ParameterSpecLike,
  SchedulingLike,
  StudySpecLike,
  WorkerPoolSpecLike,
} from './request.js';

export function locationPath(project: string, region: string): string {
  return `projects/${project}/locations/${region}`;
}

export function buildWorkerPoolSpec(pool: WorkerPoolDraft): WorkerPoolSpecLike {
  const machineSpec: NonNullable<WorkerPoolSpecLike['machineSpec']> = {
    machineType: pool.machine.machineType,
  };
  if (pool.machine.acceleratorType) {
    machineSpec.acceleratorType = pool.machine.acceleratorType;
    machineSpec.acceleratorCount = pool.machine.acceleratorCount ?? 1;
  }
  if (pool.machine.tpuTopology) machineSpec.tpuTopology = pool.machine.tpuTopology;
  if (pool.machine.gpuPartitionSize) machineSpec.gpuPartitionSize = pool.machine.gpuPartitionSize;
  const affinity = pool.machine.reservationAffinity;
  if (affinity) {
    machineSpec.reservationAffinity = {
      reservationAffinityType: affinity.reservationAffinityType,
      ...(affinity.key !== undefined && {key: affinity.key}),
      ...(affinity.values !== undefined && {values: [...affinity.values]}),
    };
  }
  const spec: WorkerPoolSpecLike = {machineSpec, replicaCount: pool.replicaCount};
  if (pool.bootDiskType !== undefined || pool.bootDiskSizeGb !== undefined) {
    spec.diskSpec = {};
    if (pool.bootDiskType !== undefined) spec.diskSpec.bootDiskType = pool.bootDiskType;
    if (pool.bootDiskSizeGb !== undefined) spec.diskSpec.bootDiskSizeGb = pool.bootDiskSizeGb;
  }
  if (pool.nfsMounts?.length) spec.nfsMounts = pool.nfsMounts.map((m) => ({...m}));
  if (pool.lustreMounts?.length) spec.lustreMounts = pool.lustreMounts.map((m) => ({...m}));
  const task = pool.task;
  if (task.kind === 'python-package') {
    spec.pythonPackageSpec = {
      executorImageUri: task.executorImageUri,
      packageUris: [...task.packageUris],
      pythonModule: task.pythonModule,
      ...(task.args.length > 0 && {args: [...task.args]}),
      ...(task.env.length > 0 && {env: task.env.map((e) => ({name: e.name, value: e.value}))}),
    };
  } else {
    spec.containerSpec = {
      imageUri: task.imageUri,
      ...(task.command.length > 0 && {command: [...task.command]}),
      ...(task.args.length > 0 && {args: [...task.args]}),
      ...(task.env.length > 0 && {env: task.env.map((e) => ({name: e.name, value: e.value}))}),
    };
  }
  return spec;
}

export function buildWorkerPoolSpecs(pools: JobDraft['workerPools']): WorkerPoolSpecLike[] {
  const specs = pools.map((pool) => (pool ? buildWorkerPoolSpec(pool) : {}));
  while (specs.length > 1 && Object.keys(specs[specs.length - 1] ?? {}).length === 0) specs.pop();
  return specs;
}

function buildScheduling(draft: JobDraft): SchedulingLike | undefined {
  const scheduling: SchedulingLike = {};
  // The gRPC client takes google.protobuf.Duration as an object; REST/YAML writes "3600s".
  if (draft.timeoutSeconds !== undefined) scheduling.timeout = {seconds: draft.timeoutSeconds};
  if (draft.restartJobOnWorkerRestart !== undefined) {
    scheduling.restartJobOnWorkerRestart = draft.restartJobOnWorkerRestart;
  }
  if (draft.schedulingStrategy !== undefined) scheduling.strategy = draft.schedulingStrategy;
  if (draft.disableRetries !== undefined) scheduling.disableRetries = draft.disableRetries;
  if (draft.maxWaitSeconds !== undefined) {
    scheduling.maxWaitDuration = {seconds: draft.maxWaitSeconds};
  }
  return Object.keys(scheduling).length > 0 ? scheduling : undefined;
}

/** The CustomJobSpec of a draft (also the trial spec of tuning jobs). */
export function buildCustomJobSpec(draft: JobDraft): CustomJobSpecLike {
  const spec: CustomJobSpecLike = {workerPoolSpecs: buildWorkerPoolSpecs(draft.workerPools)};
  const scheduling = buildScheduling(draft);
  if (scheduling) spec.scheduling = scheduling;
  if (draft.serviceAccount !== undefined) spec.serviceAccount = draft.serviceAccount;
  if (draft.network !== undefined) spec.network = draft.network;
  if (draft.reservedIpRanges?.length) spec.reservedIpRanges = [...draft.reservedIpRanges];
  if (draft.pscInterfaceConfig) {
    spec.pscInterfaceConfig = {networkAttachment: draft.pscInterfaceConfig.networkAttachment};
  }
  if (draft.persistentResourceId !== undefined) {
    spec.persistentResourceId = draft.persistentResourceId;
  }
  if (draft.baseOutputDirectory !== undefined) {
    spec.baseOutputDirectory = {outputUriPrefix: draft.baseOutputDirectory};
  }
  if (draft.tensorboard !== undefined) spec.tensorboard = draft.tensorboard;
  if (draft.enableWebAccess !== undefined) spec.enableWebAccess = draft.enableWebAccess;
  if (draft.enableDashboardAccess !== undefined) {
    spec.enableDashboardAccess = draft.enableDashboardAccess;
  }
  return spec;
}

export function resourceCommon(draft: JobDraft): Pick<CustomJobLike, 'labels' | 'encryptionSpec'> {
  return {
    ...(Object.keys(draft.labels).length > 0 && {labels: {...draft.labels}}),
    ...(draft.encryptionKeyName !== undefined && {
      encryptionSpec: {kmsKeyName: draft.encryptionKeyName},
    }),
  };
}

export function buildCustomJob(draft: JobDraft): CustomJobLike {
  return {
    displayName: draft.displayName,
    jobSpec: buildCustomJobSpec(draft),
    ...resourceCommon(draft),
  };
}

export function buildCreateCustomJobRequest(draft: JobDraft): CreateCustomJobRequest {
  return {parent: locationPath(draft.project, draft.region), customJob: buildCustomJob(draft)};
}

// ---- Hyperparameter tuning ------------------------------------------------------------------

function buildParameterSpec(parameter: ParameterDraft): ParameterSpecLike {
  const spec: ParameterSpecLike = {parameterId: parameter.parameterId};
  switch (parameter.kind) {
    case 'double':
      spec.doubleValueSpec = {minValue: parameter.min, maxValue: parameter.max};
      break;
    case 'integer':
      spec.integerValueSpec = {minValue: parameter.min, maxValue: parameter.max};
      break;
    case 'categorical':
      spec.categoricalValueSpec = {values: [...parameter.values]};
      break;
    case 'discrete':
      spec.discreteValueSpec = {values: [...parameter.values]};
      break;
  }
  if (parameter.scale !== undefined) spec.scaleType = parameter.scale;
  if (parameter.conditions && parameter.conditions.length > 0) {
    spec.conditionalParameterSpecs = parameter.conditions.map((condition) => {
      const child: ConditionalParameterSpecLike = {
        parameterSpec: buildParameterSpec(condition.parameter),
      };
      // The parent's type decides which parent_*_values field holds the values.
      if (parameter.kind === 'categorical') {
        child.parentCategoricalValues = {values: condition.parentValues.map(String)};
      } else if (parameter.kind === 'integer') {
        child.parentIntValues = {values: condition.parentValues.map(Number)};
      } else {
        child.parentDiscreteValues = {values: condition.parentValues.map(Number)};
      }
      return child;
    });
  }
  return spec;
}

export function buildStudySpec(study: StudyDraft): StudySpecLike {
  const spec: StudySpecLike = {
    metrics: study.metrics.map((m) => ({metricId: m.metricId, goal: m.goal})),
    parameters: study.parameters.map(buildParameterSpec),
  };
  if (study.algorithm !== 'ALGORITHM_UNSPECIFIED') spec.algorithm = study.algorithm;
  if (study.measurementSelection !== undefined) {
    spec.measurementSelectionType = study.measurementSelection;
  }
  return spec;
}

export class DraftShapeError extends Error {}

function requireStudy(draft: JobDraft): StudyDraft {
  if (!draft.study) {
    throw new DraftShapeError('studySpec: a tuning job needs a study; fill in the study step');
  }
  return draft.study;
}

export function buildHyperparameterTuningJob(draft: JobDraft): HyperparameterTuningJobLike {
  const study = requireStudy(draft);
  return {
    displayName: draft.displayName,
    studySpec: buildStudySpec(study),
    maxTrialCount: study.maxTrialCount,
    parallelTrialCount: study.parallelTrialCount,
    ...(study.maxFailedTrialCount !== undefined && {
      maxFailedTrialCount: study.maxFailedTrialCount,
    }),
    trialJobSpec: buildCustomJobSpec(draft),
    ...resourceCommon(draft),
  };
}

export function buildCreateHyperparameterTuningJobRequest(
  draft: JobDraft,
): CreateHyperparameterTuningJobRequest {
  return {
    parent: locationPath(draft.project, draft.region),
    hyperparameterTuningJob: buildHyperparameterTuningJob(draft),
  };
}
