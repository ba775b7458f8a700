// Rules for AutoML task inputs and managed datasets.
import type {AutoMlDraft, DatasetDraft, JobDraft} from './draft.js';
import {
  FORECASTING_GRANULARITY_UNITS,
  FORECASTING_OBJECTIVES,
  MODEL_TYPES,
  TABULAR_BUDGET_RANGE,
  TABULAR_OBJECTIVES,
} from './automl.js';
import {GCS_BUCKET_OR_PREFIX, type RuleContext} from './validate-context.js';

const INPUTS = 'trainingTaskInputs';

export function validateAutoMl(draft: JobDraft, ctx: RuleContext): void {
  const {add} = ctx;
  const automl = draft.automl;
  if (!automl) {
    add(
      'automl-inputs-required',
      INPUTS,
      'an AutoML job needs its task inputs (objective, target, budget …)',
      'choose the data type and objective in the AutoML step',
    );
    return;
  }
  if (draft.dataset?.kind !== 'managed') {
    add(
      'automl-dataset-required',
      'inputDataConfig.datasetId',
      'AutoML trains only on a managed dataset',
      'pick or create a Vertex managed dataset',
    );
  }
  if (automl.kind === 'tabular' || automl.kind === 'forecasting') {
    validateTableInputs(automl, ctx);
  }
  const modelTypes = MODEL_TYPES[automl.kind];
  if (modelTypes && 'modelType' in automl && !modelTypes.includes(automl.modelType)) {
    add(
      'automl-model-type',
      `${INPUTS}.modelType`,
      `model type ${automl.modelType} is not valid for ${automl.kind}`,
      `use ${modelTypes.join(', ')}`,
    );
  }
  if ('budgetMilliNodeHours' in automl) {
    const budget = automl.budgetMilliNodeHours;
    if (!Number.isInteger(budget) || budget < 1) {
      add(
        'automl-budget',
        `${INPUTS}.budgetMilliNodeHours`,
        `the training budget must be a whole number of milli node hours ≥ 1; it is ${budget}`,
        'set e.g. 8000 (8 node hours)',
      );
    }
  }
  if (automl.kind === 'text-sentiment') {
    if (
      !Number.isInteger(automl.sentimentMax) ||
      automl.sentimentMax < 1 ||
      automl.sentimentMax > 10
    ) {
      add(
        'automl-sentiment-max',
        `${INPUTS}.sentimentMax`,
        `sentimentMax must be a whole number from 1 to 10; it is ${automl.sentimentMax}`,
        'set the highest sentiment score in your data, e.g. 4',
      );
    }
  }
}

function validateTableInputs(
  automl: Extract<AutoMlDraft, {kind: 'tabular' | 'forecasting'}>,
  ctx: RuleContext,
): void {
  const {add} = ctx;
  if (automl.targetColumn.trim() === '') {
    add(
      'automl-target-column',
      `${INPUTS}.targetColumn`,
      'the target column is required',
      'name the column to predict',
    );
  }
  const budget = automl.trainBudgetMilliNodeHours;
  if (
    !Number.isInteger(budget) ||
    budget < TABULAR_BUDGET_RANGE.min ||
    budget > TABULAR_BUDGET_RANGE.max
  ) {
    add(
      'automl-tabular-budget',
      `${INPUTS}.trainBudgetMilliNodeHours`,
      `the training budget must be 1,000–72,000 milli node hours; it is ${budget}`,
      'set e.g. 1000 (1 node hour) up to 72000 (72 node hours)',
    );
  }
  const objective = automl.optimizationObjective;
  if (objective === undefined) return;
  const allowed: readonly string[] =
    automl.kind === 'tabular' ? TABULAR_OBJECTIVES[automl.predictionType] : FORECASTING_OBJECTIVES;
  if (!allowed.includes(objective)) {
    add(
      'automl-objective',
      `${INPUTS}.optimizationObjective`,
      `optimisation objective ${objective} is not valid for ${automl.kind === 'tabular' ? automl.predictionType : 'forecasting'}`,
      `use ${allowed.join(', ')}`,
    );
  }
  if (automl.kind === 'tabular') {
    const needs =
      objective === 'maximize-precision-at-recall'
        ? 'optimizationObjectiveRecallValue'
        : objective === 'maximize-recall-at-precision'
          ? 'optimizationObjectivePrecisionValue'
          : undefined;
    const value = needs ? automl[needs] : undefined;
    if (needs && (value === undefined || value < 0 || value > 1)) {
      add(
        'automl-objective',
        `${INPUTS}.${needs}`,
        `objective ${objective} needs ${needs} between 0 and 1`,
        `set ${needs}, e.g. 0.9`,
      );
    }
  } else if (
    !(FORECASTING_GRANULARITY_UNITS as readonly string[]).includes(automl.dataGranularity.unit) ||
    !(automl.dataGranularity.quantity >= 1)
  ) {
    add(
      'automl-forecasting-granularity',
      `${INPUTS}.dataGranularity`,
      `data granularity must be a unit (${FORECASTING_GRANULARITY_UNITS.join(', ')}) and a quantity ≥ 1`,
      'set e.g. {unit: "day", quantity: 1}',
    );
  }
}

export function validateDataset(dataset: DatasetDraft, draft: JobDraft, ctx: RuleContext): void {
  if (dataset.kind !== 'managed') return;
  const {add} = ctx;
  const path = 'inputDataConfig';
  if (draft.workflow !== 'training-pipeline') {
    add(
      'dataset-workflow',
      `${path}.datasetId`,
      'only training pipelines can read a managed dataset',
      'switch the workflow to training pipeline, or pass data URIs to your code as args',
    );
  }
  if (!/^\d+$/.test(dataset.datasetId)) {
    add(
      'dataset-id-format',
      `${path}.datasetId`,
      `a dataset id is the numeric id of a managed dataset; ${JSON.stringify(dataset.datasetId)} is not`,
      'pick the dataset from the list, or type its numeric id (the last part of its resource name)',
    );
  }
  const split = dataset.split;
  if (split?.kind === 'fraction' || split?.kind === 'timestamp') {
    const parts = [split.training, split.validation, split.test];
    if (parts.some((f) => !(f >= 0 && f <= 1)) || parts.reduce((a, b) => a + b, 0) > 1 + 1e-9) {
      add(
        'split-fractions',
        `${path}.${split.kind}Split`,
        `split fractions must each be 0–1 and add up to at most 1; they are ${parts.join(', ')}`,
        'use e.g. 0.8, 0.1, 0.1',
      );
    }
  }
  if ((split?.kind === 'predefined' || split?.kind === 'timestamp') && split.key.trim() === '') {
    add(
      'split-key',
      `${path}.${split.kind}Split.key`,
      `a ${split.kind} split needs the column (key) that assigns rows`,
      'name the column holding TRAIN/VALIDATE/TEST or the timestamps',
    );
  }
  if (
    split?.kind === 'filter' &&
    [split.training, split.validation, split.test].some((f) => f.trim() === '')
  ) {
    add(
      'split-filters',
      `${path}.filterSplit`,
      'a filter split needs a training, a validation and a test filter',
      'write a filter for each, e.g. labels.aiplatform.googleapis.com/ml_use=training',
    );
  }
  const destination = dataset.destination;
  if (destination?.kind === 'gcs' && !GCS_BUCKET_OR_PREFIX.test(destination.outputUriPrefix)) {
    add(
      'destination-format',
      `${path}.gcsDestination.outputUriPrefix`,
      `the Cloud Storage destination must be gs://bucket/...; ${destination.outputUriPrefix} is not`,
      'use e.g. gs://my-bucket/data/',
    );
  }
  if (
    destination?.kind === 'bigquery' &&
    !/^bq:\/\/[a-z][a-z0-9-]{4,28}[a-z0-9](\.[A-Za-z0-9_]+){0,2}$/.test(destination.outputUri)
  ) {
    add(
      'destination-format',
      `${path}.bigqueryDestination.outputUri`,
      `the BigQuery destination must be bq://project[.dataset[.table]]; ${destination.outputUri} is not`,
      'use e.g. bq://my-project',
    );
  }
}
