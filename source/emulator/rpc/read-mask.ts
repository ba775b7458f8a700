// google.protobuf.FieldMask on CustomJob responses (ListCustomJobsRequest.read_mask): keeps only
// the named fields. Paths are the proto's snake_case names, dotted for nested fields.
import {invalidArgument} from './grpc-errors.js';

/** Top-level CustomJob fields (custom_job.proto); a mask naming anything else is rejected. */
const CUSTOM_JOB_FIELDS = new Set([
  'name',
  'display_name',
  'job_spec',
  'state',
  'create_time',
  'start_time',
  'end_time',
  'update_time',
  'error',
  'labels',
  'encryption_spec',
  'web_access_uris',
  'satisfies_pzs',
  'satisfies_pzi',
]);

const camel = (segment: string) => segment.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

/** Top-level HyperparameterTuningJob fields (hyperparameter_tuning_job.proto). */
export const TUNING_JOB_FIELDS: ReadonlySet<string> = new Set([
  ...[...CUSTOM_JOB_FIELDS].filter((field) => field !== 'job_spec' && field !== 'web_access_uris'),
  'study_spec',
  'max_trial_count',
  'parallel_trial_count',
  'max_failed_trial_count',
  'trial_job_spec',
  'trials',
]);

/** Top-level TrainingPipeline fields (training_pipeline.proto). */
export const PIPELINE_FIELDS: ReadonlySet<string> = new Set([
  'name',
  'display_name',
  'input_data_config',
  'training_task_definition',
  'training_task_inputs',
  'training_task_metadata',
  'model_to_upload',
  'model_id',
  'parent_model',
  'state',
  'error',
  'create_time',
  'start_time',
  'end_time',
  'update_time',
  'labels',
  'encryption_spec',
]);

export function checkReadMask(
  mask: {paths?: string[]} | undefined | null,
  fields: ReadonlySet<string> = CUSTOM_JOB_FIELDS,
): string[] | undefined {
  const paths = mask?.paths ?? [];
  if (paths.length === 0) return undefined;
  const resource = fields === CUSTOM_JOB_FIELDS ? 'CustomJob' : 'this resource';
  for (const path of paths) {
    const top = path.split('.')[0] ?? '';
    if (!fields.has(top)) {
      throw invalidArgument(
        `read_mask path "${path}" is not a field of ${resource}; use snake_case names such as display_name or ${fields.has('job_spec') ? 'job_spec.worker_pool_specs' : 'state'}.`,
      );
    }
  }
  return paths;
}

/** Copies only the masked paths of `message` (camelCase keys, as grpc-js objects have). */
export function applyReadMask(
  message: Record<string, unknown>,
  paths: string[] | undefined,
): Record<string, unknown> {
  if (!paths) return message;
  const result: Record<string, unknown> = {};
  for (const path of paths) {
    const segments = path.split('.').map(camel);
    let source: unknown = message;
    let target = result;
    segments.forEach((segment, index) => {
      if (source === null || typeof source !== 'object') return;
      const value = (source as Record<string, unknown>)[segment];
      if (value === undefined) {
        source = undefined;
        return;
      }
      if (index === segments.length - 1) {
        target[segment] = value;
      } else {
        target = (target[segment] ??= {}) as Record<string, unknown>;
        source = value;
      }
    });
  }
  return result;
}
