// trainingTaskInputs of the custom task definitions, as the Python SDK (snake_case) and REST
// samples (camelCase) write them, turned into the CustomJobSpec or tuning job they describe.
import {
  fromProtoValue,
  parseDuration,
  type CustomJobSpecLike,
  type JsonValue,
  type ProtoValue,
  type StudySpecLike,
} from '../../core/job-spec/index.js';
import {invalidArgument} from '../rpc/grpc-errors.js';

const camel = (key: string) => key.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());

/** Object keys in camelCase, at every depth (values are left alone). */
export function camelKeys(value: JsonValue): JsonValue {
  if (Array.isArray(value)) return value.map(camelKeys);
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [camel(k), camelKeys(v)]));
  return value;
}

function durationOf(value: unknown) {
  const seconds = parseDuration(value);
  return seconds === undefined ? undefined : {seconds: Math.round(seconds)};
}

/** A CustomJobSpec from the JSON form (durations as "3600s" or {seconds}). */
export function jobSpecFromJson(json: Record<string, unknown>, field: string): CustomJobSpecLike {
  const pools = json.workerPoolSpecs;
  if (!Array.isArray(pools) || pools.length === 0)
    throw invalidArgument(`${field}.worker_pool_specs must contain at least one pool.`);
  const scheduling = json.scheduling as Record<string, unknown> | undefined;
  const spec = {...json} as unknown as CustomJobSpecLike;
  if (scheduling) {
    const timeout = durationOf(scheduling.timeout);
    spec.scheduling = {
      ...(scheduling as object),
      ...(timeout && {timeout}),
    } as CustomJobSpecLike['scheduling'];
    if (!timeout) delete (spec.scheduling as Record<string, unknown>).timeout;
  }
  return spec;
}

export type TaskPlan =
  | {kind: 'custom'; jobSpec: CustomJobSpecLike}
  | {
      kind: 'tuning';
      studySpec: StudySpecLike;
      maxTrialCount: number;
      parallelTrialCount: number;
      maxFailedTrialCount: number;
      trialJobSpec: CustomJobSpecLike;
    };

export function planCustomTask(inputs: ProtoValue | undefined, definition: string): TaskPlan {
  const field = 'training_pipeline.training_task_inputs';
  if (!inputs) throw invalidArgument(`${field} is required.`);
  let json: JsonValue;
  try {
    json = camelKeys(fromProtoValue(inputs));
  } catch {
    throw invalidArgument(`${field} must be a google.protobuf.Value holding an object.`);
  }
  if (!json || typeof json !== 'object' || Array.isArray(json))
    throw invalidArgument(`${field} must be an object.`);
  const object = json as Record<string, unknown>;
  if (definition.endsWith('/hyperparameter_tuning_task_1.0.0.yaml') || object.trialJobSpec) {
    const trial = object.trialJobSpec as Record<string, unknown> | undefined;
    if (!trial) throw invalidArgument(`${field}.trial_job_spec is required for a tuning task.`);
    return {
      kind: 'tuning',
      studySpec: object.studySpec as StudySpecLike,
      maxTrialCount: Number(object.maxTrialCount ?? 0),
      parallelTrialCount: Number(object.parallelTrialCount ?? 0),
      maxFailedTrialCount: Number(object.maxFailedTrialCount ?? 0),
      trialJobSpec: jobSpecFromJson(trial, `${field}.trial_job_spec`),
    };
  }
  return {kind: 'custom', jobSpec: jobSpecFromJson(object, field)};
}
