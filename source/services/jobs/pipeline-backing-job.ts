// The job doing a training pipeline's work, read in one place for the dashboard and every command.
//
// Google's sources: TrainingPipeline.training_task_metadata is a google.protobuf.Value
// (aiplatform v1 training_pipeline.proto, "populated only at a best effort basis"); for a custom
// task it holds CustomJobMetadata {backingCustomJob} and for a tuning task
// HyperparameterTuningJobMetadata {backingHyperparameterTuningJob, bestTrialBackingCustomJob}
// (https://cloud.google.com/vertex-ai/docs/reference/rest/Shared.Types/CustomJobMetadata,
// .../Shared.Types/HyperparameterTuningJobMetadata); the Python SDK reads it as
// `training_task_metadata.get("backingCustomJob")` (google/cloud/aiplatform/training_jobs.py).
//
// Which shape arrives depends on the transport, so every plausible one is accepted:
// - gRPC through the Node client: a Value, {structValue: {fields: {KEY: {stringValue}}}} (with or
//   without protobufjs' `kind` oneof marker);
// - a bare Struct, {fields: {KEY: {stringValue}}};
// - REST / proto3 JSON (and `jobs describe --json`): a plain object, {KEY: "projects/…"};
// - absent, null, or a name that is not a job (the pipeline has not started training yet).
import type {JobKind, ResourceMessage} from '../vertex/api.js';

export interface BackingJob {
  kind: Extract<JobKind, 'custom' | 'hptuning'>;
  name: string;
}

type Fields = Record<string, unknown>;

function isObject(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The fields of a Value holding a struct, of a Struct, or of a plain JSON object. */
function fieldsOf(metadata: unknown): Fields | undefined {
  if (!isObject(metadata)) return undefined;
  if (isObject(metadata.structValue)) return fieldsOf(metadata.structValue);
  if (isObject(metadata.fields)) return metadata.fields;
  return metadata;
}

/** A field's text: a plain string, or a Value holding one ({stringValue}). */
function textOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value || undefined;
  if (isObject(value) && typeof value.stringValue === 'string')
    return value.stringValue || undefined;
  return undefined;
}

const JOB_NAME: Record<BackingJob['kind'], RegExp> = {
  custom: /^projects\/[^/]+\/locations\/[^/]+\/customJobs\/[^/]+$/,
  hptuning: /^projects\/[^/]+\/locations\/[^/]+\/hyperparameterTuningJobs\/[^/]+$/,
};

const KEYS: [string, BackingJob['kind']][] = [
  ['backingCustomJob', 'custom'],
  ['backingHyperparameterTuningJob', 'hptuning'],
];

/** The job a pipeline's training task runs in, once the pipeline names it. */
export function backingJobOf(pipeline: ResourceMessage): BackingJob | undefined {
  const fields = fieldsOf(pipeline.trainingTaskMetadata);
  if (!fields) return undefined;
  for (const [key, kind] of KEYS) {
    const name = textOf(fields[key])?.trim();
    if (name && JOB_NAME[kind].test(name)) return {kind, name};
  }
  return undefined;
}

/** The numeric id at the end of a job's resource name (what its log entries are labelled with). */
export function jobIdOf(name: string): string {
  return name.split('/').pop() ?? name;
}
