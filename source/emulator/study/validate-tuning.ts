// Server-side checks on CreateHyperparameterTuningJob, with Vertex-style INVALID_ARGUMENT messages
// naming the field path, the rule and the value. Sources: googleapis
// google/cloud/aiplatform/v1/hyperparameter_tuning_job.proto (max_trial_count, parallel_trial_count
// REQUIRED; max_failed_trial_count) and study.proto (StudySpec metrics and parameters, GoalType,
// Algorithm, MeasurementSelectionType, parameter value specs), with
// https://cloud.google.com/vertex-ai/docs/training/using-hyperparameter-tuning.
import type {
  HyperparameterTuningJobLike,
  ParameterSpecLike,
  StudySpecLike,
} from '../../core/job-spec/index.js';
import {invalidArgument, RpcError} from '../rpc/grpc-errors.js';
import {validateCustomJob} from '../custom-job/validate-request.js';
import {enumerateGrid, parameterKind} from './search.js';

const FIELD = 'hyperparameter_tuning_job';
const ALGORITHMS = new Set(['ALGORITHM_UNSPECIFIED', 'GRID_SEARCH', 'RANDOM_SEARCH']);
const GOALS = new Set(['GOAL_TYPE_UNSPECIFIED', 'MAXIMIZE', 'MINIMIZE']);
const SELECTIONS = new Set([
  'MEASUREMENT_SELECTION_TYPE_UNSPECIFIED',
  'LAST_MEASUREMENT',
  'BEST_MEASUREMENT',
]);
const NO_SPACE = /\s/;

export function validateTuningJob(
  job: HyperparameterTuningJobLike | undefined,
): asserts job is HyperparameterTuningJobLike {
  if (!job) throw invalidArgument(`${FIELD} is required.`);
  const maxTrials = Number(job.maxTrialCount ?? 0);
  const parallel = Number(job.parallelTrialCount ?? 0);
  if (!(Number.isInteger(maxTrials) && maxTrials > 0))
    throw invalidArgument(
      `${FIELD}.max_trial_count must be a positive integer; got ${job.maxTrialCount ?? 0}.`,
    );
  if (!(Number.isInteger(parallel) && parallel > 0))
    throw invalidArgument(
      `${FIELD}.parallel_trial_count must be a positive integer; got ${job.parallelTrialCount ?? 0}.`,
    );
  if (Number(job.maxFailedTrialCount ?? 0) < 0)
    throw invalidArgument(`${FIELD}.max_failed_trial_count must not be negative.`);
  try {
    validateCustomJob({
      displayName: job.displayName,
      jobSpec: job.trialJobSpec,
      ...(job.labels && {labels: job.labels}),
    });
  } catch (error) {
    if (error instanceof RpcError)
      throw new RpcError(
        error.code,
        error.message
          .replace('custom_job.job_spec', `${FIELD}.trial_job_spec`)
          .replace('custom_job', FIELD),
      );
    throw error;
  }
  validateStudy(job.studySpec);
}

function validateStudy(study: StudySpecLike | undefined): void {
  const field = `${FIELD}.study_spec`;
  if (!study) throw invalidArgument(`${field} is required.`);
  const metrics = study.metrics ?? [];
  if (metrics.length === 0)
    throw invalidArgument(`${field}.metrics must name at least one metric.`);
  const seen = new Set<string>();
  metrics.forEach((metric, index) => {
    if (!metric.metricId || NO_SPACE.test(metric.metricId) || seen.has(metric.metricId))
      throw invalidArgument(
        `${field}.metrics[${index}].metric_id must be set, unique and contain no whitespace; got "${metric.metricId ?? ''}".`,
      );
    seen.add(metric.metricId);
    if (metric.goal && !GOALS.has(metric.goal))
      throw invalidArgument(
        `${field}.metrics[${index}].goal must be MAXIMIZE or MINIMIZE; got ${metric.goal}.`,
      );
  });
  const algorithm = study.algorithm ?? 'ALGORITHM_UNSPECIFIED';
  if (!ALGORITHMS.has(algorithm))
    throw invalidArgument(
      `${field}.algorithm ${algorithm} is not available locally; use GRID_SEARCH, RANDOM_SEARCH or leave it unset.`,
    );
  if (study.measurementSelectionType && !SELECTIONS.has(study.measurementSelectionType))
    throw invalidArgument(
      `${field}.measurement_selection_type must be LAST_MEASUREMENT or BEST_MEASUREMENT; got ${study.measurementSelectionType}.`,
    );
  const parameters = study.parameters ?? [];
  if (parameters.length === 0)
    throw invalidArgument(`${field}.parameters must contain at least one parameter.`);
  const ids = new Set<string>();
  const check = (spec: ParameterSpecLike, path: string) => {
    validateParameter(spec, path, algorithm === 'GRID_SEARCH');
    if (ids.has(spec.parameterId))
      throw invalidArgument(`${path}.parameter_id "${spec.parameterId}" is used twice.`);
    ids.add(spec.parameterId);
    (spec.conditionalParameterSpecs ?? []).forEach((child, index) =>
      check(child.parameterSpec, `${path}.conditional_parameter_specs[${index}].parameter_spec`),
    );
  };
  parameters.forEach((spec, index) => check(spec, `${field}.parameters[${index}]`));
  if (algorithm === 'GRID_SEARCH' && !enumerateGrid(parameters))
    throw invalidArgument(
      `${field}: the grid has more than 100000 points; narrow the INTEGER ranges or use RANDOM_SEARCH.`,
    );
}

function validateParameter(spec: ParameterSpecLike, path: string, grid: boolean): void {
  if (!spec.parameterId || NO_SPACE.test(spec.parameterId))
    throw invalidArgument(`${path}.parameter_id must be set and contain no whitespace.`);
  const kind = parameterKind(spec);
  if (!kind)
    throw invalidArgument(
      `${path} (${spec.parameterId}) needs one of double_value_spec, integer_value_spec, categorical_value_spec or discrete_value_spec.`,
    );
  if (grid && kind === 'DOUBLE')
    throw invalidArgument(
      `${path} (${spec.parameterId}): GRID_SEARCH needs INTEGER, CATEGORICAL or DISCRETE parameters; use discrete_value_spec for a list of doubles or RANDOM_SEARCH.`,
    );
  const range = spec.doubleValueSpec ?? spec.integerValueSpec;
  if (range) {
    const min = Number(range.minValue);
    const max = Number(range.maxValue);
    if (!(Number.isFinite(min) && Number.isFinite(max) && min <= max))
      throw invalidArgument(
        `${path} (${spec.parameterId}): min_value must be ≤ max_value; got ${min} and ${max}.`,
      );
    if (
      (spec.scaleType === 'UNIT_LOG_SCALE' || spec.scaleType === 'UNIT_REVERSE_LOG_SCALE') &&
      min <= 0
    )
      throw invalidArgument(
        `${path} (${spec.parameterId}): ${spec.scaleType} needs a strictly positive range; got min_value ${min}.`,
      );
  }
  const values = spec.discreteValueSpec?.values ?? spec.categoricalValueSpec?.values;
  if (values && values.length === 0)
    throw invalidArgument(`${path} (${spec.parameterId}): values must not be empty.`);
  if (kind === 'CATEGORICAL' && spec.scaleType && spec.scaleType !== 'SCALE_TYPE_UNSPECIFIED')
    throw invalidArgument(
      `${path} (${spec.parameterId}): leave scale_type unset for CATEGORICAL parameters.`,
    );
}
