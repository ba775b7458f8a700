// Draft → CreateTrainingPipeline request: the custom task (with or without tuning) or an AutoML
// task, with trainingTaskInputs as a google.protobuf.Value and the managed-dataset config.
import {TASK_DEFINITIONS} from './automl.js';
import {
  buildCustomJobSpec,
  buildStudySpec,
  DraftShapeError,
  locationPath,
  resourceCommon,
} from './build-request.js';
import type {
  AutoMlDraft,
  DatasetDraft,
  JobDraft,
  ModelContainerDraft,
  StudyDraft,
} from './draft.js';
import {durationString, toProtoValue} from './proto-value.js';
import type {
  CreateTrainingPipelineRequest,
  CustomJobSpecLike,
  InputDataConfigLike,
  JsonValue,
  ModelContainerSpecLike,
  TrainingPipelineLike,
} from './request.js';

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

/** ModelContainerSpec: only the fields the draft sets, so Vertex's defaults apply to the rest. */
export function modelContainerSpec(container: ModelContainerDraft): ModelContainerSpecLike {
  return {
    imageUri: container.imageUri,
    ...(container.predictRoute !== undefined && {predictRoute: container.predictRoute}),
    ...(container.healthRoute !== undefined && {healthRoute: container.healthRoute}),
    ...(container.port !== undefined && {ports: [{containerPort: container.port}]}),
  };
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
    pipeline.modelToUpload = {
      displayName: draft.modelDisplayName,
      ...(draft.modelContainer && {containerSpec: modelContainerSpec(draft.modelContainer)}),
    };
  }
  return {...pipeline, ...resourceCommon(draft)};
}

export function buildCreateTrainingPipelineRequest(draft: JobDraft): CreateTrainingPipelineRequest {
  return {
    parent: locationPath(draft.project, draft.region),
    trainingPipeline: buildTrainingPipeline(draft),
  };
}
