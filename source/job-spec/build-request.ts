// Draft → exact v1 create requests (CustomJob, HyperparameterTuningJob, TrainingPipeline) in the
// object form the Node client takes: enums as names, Durations as {seconds}, trainingTaskInputs
// as a google.protobuf.Value. Empty middle pools become `{}` and trailing empty pools are
// trimmed, as Vertex and the Python SDK expect.
import type {
  AutoMlDraft,
  DatasetDraft,
  JobDraft,
  ParameterDraft,
  StudyDraft,
  WorkerPoolDraft,
} from './draft.js';
import type {
  ConditionalParameterSpecLike,
  CreateCustomJobRequest,
  CreateHyperparameterTuningJobRequest,
  CreateTrainingPipelineRequest,
  CustomJobLike,
  CustomJobSpecLike,
  HyperparameterTuningJobLike,
  InputDataConfigLike,
  JsonValue,
  ParameterSpecLike,
  SchedulingLike,
  StudySpecLike,
  TrainingPipelineLike,
  WorkerPoolSpecLike,
} from './request.js';
import {TASK_DEFINITIONS} from './automl.js';
import {durationString, toProtoValue} from './proto-value.js';

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
  const spec: WorkerPoolSpecLike = {machineSpec, replicaCount: pool.replicaCount};
  if (pool.bootDiskType !== undefined || pool.bootDiskSizeGb !== undefined) {
    spec.diskSpec = {};
    if (pool.bootDiskType !== undefined) spec.diskSpec.bootDiskType = pool.bootDiskType;
    if (pool.bootDiskSizeGb !== undefined) spec.diskSpec.bootDiskSizeGb = pool.bootDiskSizeGb;
  }
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

function common(draft: JobDraft): Pick<CustomJobLike, 'labels' | 'encryptionSpec'> {
  return {
    ...(Object.keys(draft.labels).length > 0 && {labels: {...draft.labels}}),
    ...(draft.encryptionKeyName !== undefined && {
      encryptionSpec: {kmsKeyName: draft.encryptionKeyName},
    }),
  };
}

export function buildCustomJob(draft: JobDraft): CustomJobLike {
  return {displayName: draft.displayName, jobSpec: buildCustomJobSpec(draft), ...common(draft)};
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
    ...common(draft),
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

// ---- Training pipelines ---------------------------------------------------------------------

/** A CustomJobSpec in its JSON (REST/YAML) form: Durations become `"3600s"` strings. */
export function customJobSpecJson(spec: CustomJobSpecLike): {[key: string]: JsonValue} {
  const {scheduling, ...rest} = spec;
  const json = structuredClone(rest) as unknown as {[key: string]: JsonValue};
  if (scheduling) {
    const {timeout, maxWaitDuration, ...flags} = scheduling;
    json.scheduling = {
      ...(timeout && {timeout: durationString(Number(timeout.seconds))}),
      ...flags,
      ...(maxWaitDuration && {maxWaitDuration: durationString(Number(maxWaitDuration.seconds))}),
    };
  }
  return json;
}

export function studySpecJson(study: StudyDraft): {[key: string]: JsonValue} {
  return structuredClone(buildStudySpec(study)) as unknown as {[key: string]: JsonValue};
}

export function snakeToCamel(name: string): string {
  return name.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase());
}

function automlInputs(automl: AutoMlDraft): {[key: string]: JsonValue} {
  const defined = (entries: Record<string, JsonValue | undefined>) =>
    Object.fromEntries(Object.entries(entries).filter(([, v]) => v !== undefined)) as {
      [key: string]: JsonValue;
    };
  const transformations = (list: {type: string; columnName: string}[]) =>
    // Proto JSON names are lowerCamelCase (`repeatedNumeric`); Vertex also accepts snake_case.
    list.map((t) => ({[snakeToCamel(t.type)]: {columnName: t.columnName}}));
  switch (automl.kind) {
    case 'tabular':
      return defined({
        predictionType: automl.predictionType,
        targetColumn: automl.targetColumn,
        transformations: transformations(automl.transformations),
        optimizationObjective: automl.optimizationObjective,
        optimizationObjectiveRecallValue: automl.optimizationObjectiveRecallValue,
        optimizationObjectivePrecisionValue: automl.optimizationObjectivePrecisionValue,
        trainBudgetMilliNodeHours: automl.trainBudgetMilliNodeHours,
        disableEarlyStopping: automl.disableEarlyStopping,
        weightColumnName: automl.weightColumnName,
      });
    case 'forecasting':
      return defined({
        targetColumn: automl.targetColumn,
        timeColumn: automl.timeColumn,
        timeSeriesIdentifierColumn: automl.timeSeriesIdentifierColumn,
        forecastHorizon: automl.forecastHorizon,
        dataGranularity: {...automl.dataGranularity},
        transformations: transformations(automl.transformations),
        availableAtForecastColumns: [...automl.availableAtForecastColumns],
        unavailableAtForecastColumns: [...automl.unavailableAtForecastColumns],
        trainBudgetMilliNodeHours: automl.trainBudgetMilliNodeHours,
        optimizationObjective: automl.optimizationObjective,
        contextWindow: automl.contextWindow,
        weightColumn: automl.weightColumn,
      });
    case 'image-classification':
    case 'image-object-detection':
    case 'image-segmentation':
      return defined({
        modelType: automl.modelType,
        budgetMilliNodeHours: automl.budgetMilliNodeHours,
        disableEarlyStopping: automl.disableEarlyStopping,
        multiLabel: automl.multiLabel,
        baseModelId: automl.baseModelId,
      });
    case 'text-classification':
      return {multiLabel: automl.multiLabel};
    case 'text-extraction':
      return {};
    case 'text-sentiment':
      return {sentimentMax: automl.sentimentMax};
    case 'video-classification':
    case 'video-action-recognition':
    case 'video-object-tracking':
      return {modelType: automl.modelType};
  }
}

/** The definition URI and the JSON task inputs of a training pipeline draft. */
export function trainingTaskOf(draft: JobDraft): {
  definition: string;
  inputs: {[key: string]: JsonValue};
} {
  if (draft.trainingType === 'automl') {
    if (!draft.automl) {
      throw new DraftShapeError('trainingTaskInputs: choose the AutoML data type and objective');
    }
    return {definition: TASK_DEFINITIONS[draft.automl.kind], inputs: automlInputs(draft.automl)};
  }
  const jobSpec = customJobSpecJson(buildCustomJobSpec(draft));
  if (!draft.study) return {definition: TASK_DEFINITIONS['custom-task'], inputs: jobSpec};
  const study = draft.study;
  return {
    definition: TASK_DEFINITIONS['hyperparameter-tuning-task'],
    inputs: {
      studySpec: studySpecJson(study),
      maxTrialCount: study.maxTrialCount,
      parallelTrialCount: study.parallelTrialCount,
      ...(study.maxFailedTrialCount !== undefined && {
        maxFailedTrialCount: study.maxFailedTrialCount,
      }),
      trialJobSpec: jobSpec,
    },
  };
}

export function buildInputDataConfig(dataset: DatasetDraft): InputDataConfigLike | undefined {
  if (dataset.kind !== 'managed') return undefined;
  const config: InputDataConfigLike = {datasetId: dataset.datasetId};
  const split = dataset.split;
  if (split?.kind === 'fraction') {
    config.fractionSplit = {
      trainingFraction: split.training,
      validationFraction: split.validation,
      testFraction: split.test,
    };
  } else if (split?.kind === 'filter') {
    config.filterSplit = {
      trainingFilter: split.training,
      validationFilter: split.validation,
      testFilter: split.test,
    };
  } else if (split?.kind === 'predefined') {
    config.predefinedSplit = {key: split.key};
  } else if (split?.kind === 'timestamp') {
    config.timestampSplit = {
      trainingFraction: split.training,
      validationFraction: split.validation,
      testFraction: split.test,
      key: split.key,
    };
  }
  if (dataset.destination?.kind === 'gcs') {
    config.gcsDestination = {outputUriPrefix: dataset.destination.outputUriPrefix};
  } else if (dataset.destination?.kind === 'bigquery') {
    config.bigqueryDestination = {outputUri: dataset.destination.outputUri};
  }
  if (dataset.annotationsFilter !== undefined) config.annotationsFilter = dataset.annotationsFilter;
  if (dataset.annotationSchemaUri !== undefined) {
    config.annotationSchemaUri = dataset.annotationSchemaUri;
  }
  if (dataset.savedQueryId !== undefined) config.savedQueryId = dataset.savedQueryId;
  return config;
}

export function buildTrainingPipeline(draft: JobDraft): TrainingPipelineLike {
  const task = trainingTaskOf(draft);
  const pipeline: TrainingPipelineLike = {
    displayName: draft.displayName,
    trainingTaskDefinition: task.definition,
    trainingTaskInputs: toProtoValue(task.inputs),
  };
  const inputDataConfig = draft.dataset ? buildInputDataConfig(draft.dataset) : undefined;
  if (inputDataConfig) pipeline.inputDataConfig = inputDataConfig;
  if (draft.modelDisplayName !== undefined) {
    pipeline.modelToUpload = {displayName: draft.modelDisplayName};
  }
  return {...pipeline, ...common(draft)};
}

export function buildCreateTrainingPipelineRequest(draft: JobDraft): CreateTrainingPipelineRequest {
  return {
    parent: locationPath(draft.project, draft.region),
    trainingPipeline: buildTrainingPipeline(draft),
  };
}

export type CreateRequest =
  | {method: 'createCustomJob'; request: CreateCustomJobRequest}
  | {method: 'createHyperparameterTuningJob'; request: CreateHyperparameterTuningJobRequest}
  | {method: 'createTrainingPipeline'; request: CreateTrainingPipelineRequest};

/** The create call a draft's workflow needs, with its request. */
export function buildCreateRequest(draft: JobDraft): CreateRequest {
  if (draft.trainingType === 'automl' || draft.workflow === 'training-pipeline') {
    return {method: 'createTrainingPipeline', request: buildCreateTrainingPipelineRequest(draft)};
  }
  if (draft.workflow === 'hyperparameter-tuning-job') {
    return {
      method: 'createHyperparameterTuningJob',
      request: buildCreateHyperparameterTuningJobRequest(draft),
    };
  }
  return {method: 'createCustomJob', request: buildCreateCustomJobRequest(draft)};
}
