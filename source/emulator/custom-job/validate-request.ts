// Server-side checks on CreateCustomJob, with Vertex-style INVALID_ARGUMENT messages that name
// the field path (e.g. custom_job.job_spec.worker_pool_specs[0].replica_count), the rule and the
// value. The client-side validator in job-spec catches far more, earlier.
// Sources: googleapis google/cloud/aiplatform/v1/custom_job.proto (CustomJob.display_name REQUIRED,
// up to 128 characters; labels; WorkerPoolSpec's task oneof; ContainerSpec.image_uri and
// PythonPackageSpec executor_image_uri / package_uris / python_module REQUIRED, at most 100
// package URIs and 100 env vars), machine_resources.proto (MachineSpec.machine_type), and
// https://cloud.google.com/vertex-ai/docs/training/distributed-training (the primary pool is
// required and runs exactly one replica; empty middle pools are allowed).
import {
  parseGcsUri,
  type CustomJobLike,
  type WorkerPoolSpecLike,
} from '../../core/job-spec/index.js';
import {invalidArgument} from '../rpc/grpc-errors.js';

const MAX_DISPLAY_NAME = 128;
const MAX_LABELS = 64;
/** Google Cloud label rules: lowercase letters, digits, `_` and `-`; keys start with a letter. */
const LABEL_KEY = /^[\p{Ll}\p{Lo}][\p{Ll}\p{Lo}\p{N}_-]{0,62}$/u;
const LABEL_VALUE = /^[\p{Ll}\p{Lo}\p{N}_-]{0,63}$/u;
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const MAX_ENV = 100;
const MAX_PACKAGE_URIS = 100;
const MAX_ARGS_CHARS = 100_000;

export function validateCustomJob(job: CustomJobLike | undefined): asserts job is CustomJobLike {
  if (!job) throw invalidArgument('custom_job is required.');
  if (!job.displayName) throw invalidArgument('custom_job.display_name is required.');
  if ([...job.displayName].length > MAX_DISPLAY_NAME) {
    throw invalidArgument(`custom_job.display_name is longer than ${MAX_DISPLAY_NAME} characters.`);
  }
  validateLabels(job.labels ?? {});
  const pools = job.jobSpec?.workerPoolSpecs ?? [];
  if (pools.length === 0) {
    throw invalidArgument('custom_job.job_spec.worker_pool_specs must contain at least one pool.');
  }
  pools.forEach((pool, index) =>
    validatePool(pool, index, `custom_job.job_spec.worker_pool_specs[${index}]`),
  );
  const timeout = job.jobSpec.scheduling?.timeout;
  if (timeout && !(Number(timeout.seconds) >= 0 && (timeout.nanos ?? 0) >= 0)) {
    throw invalidArgument(
      `custom_job.job_spec.scheduling.timeout must be a non-negative duration; got ${JSON.stringify(timeout)}.`,
    );
  }
}

/** Vertex resource labels (the same rule on CustomJob and PersistentResource `labels`). */
export function validateLabels(labels: Record<string, string>, field = 'custom_job.labels'): void {
  const entries = Object.entries(labels);
  if (entries.length > MAX_LABELS) {
    throw invalidArgument(`${field} has ${entries.length} labels; at most ${MAX_LABELS}.`);
  }
  for (const [key, value] of entries) {
    if (!LABEL_KEY.test(key)) {
      throw invalidArgument(
        `${field} key "${key}" is invalid: keys start with a lowercase letter and hold at most 63 lowercase letters, digits, "_" or "-".`,
      );
    }
    if (!LABEL_VALUE.test(value)) {
      throw invalidArgument(
        `${field}["${key}"] value "${value}" is invalid: at most 63 lowercase letters, digits, "_" or "-".`,
      );
    }
  }
}

function validatePool(pool: WorkerPoolSpecLike, index: number, field: string): void {
  const empty = !pool.machineSpec && !pool.pythonPackageSpec && !pool.containerSpec;
  if (empty) {
    if (index === 0) throw invalidArgument(`${field} (the primary pool) must not be empty.`);
    return;
  }
  if (!pool.machineSpec?.machineType)
    throw invalidArgument(`${field}.machine_spec.machine_type is required.`);
  const accelerators = pool.machineSpec.acceleratorCount;
  if (accelerators !== undefined && !(Number.isInteger(accelerators) && accelerators >= 0)) {
    throw invalidArgument(
      `${field}.machine_spec.accelerator_count must be a non-negative integer; got ${accelerators}.`,
    );
  }
  const replicas = Number(pool.replicaCount ?? 1);
  if (!Number.isInteger(replicas) || replicas < 1)
    throw invalidArgument(
      `${field}.replica_count must be an integer of at least 1; got ${pool.replicaCount}.`,
    );
  if (index === 0 && replicas !== 1) {
    throw invalidArgument(
      `${field}.replica_count must be 1 for the primary pool; got ${replicas}.`,
    );
  }
  if (!!pool.pythonPackageSpec === !!pool.containerSpec) {
    throw invalidArgument(
      `${field} must set exactly one of python_package_spec or container_spec.`,
    );
  }
  const python = pool.pythonPackageSpec;
  if (python) {
    const at = `${field}.python_package_spec`;
    if (!python.executorImageUri) throw invalidArgument(`${at}.executor_image_uri is required.`);
    if (!python.pythonModule) throw invalidArgument(`${at}.python_module is required.`);
    if (!python.packageUris?.length) throw invalidArgument(`${at}.package_uris is required.`);
    if (python.packageUris.length > MAX_PACKAGE_URIS) {
      throw invalidArgument(`${at}.package_uris has more than ${MAX_PACKAGE_URIS} entries.`);
    }
    python.packageUris.forEach((uri, position) => {
      try {
        parseGcsUri(uri);
      } catch (error) {
        throw invalidArgument(`${at}.package_uris[${position}]: ${(error as Error).message}.`);
      }
    });
    validateArgsAndEnv(python.args, python.env, at);
  }
  const container = pool.containerSpec;
  if (container) {
    const at = `${field}.container_spec`;
    if (!container.imageUri) throw invalidArgument(`${at}.image_uri is required.`);
    validateArgsAndEnv(
      [...(container.command ?? []), ...(container.args ?? [])],
      container.env,
      at,
    );
  }
}

function validateArgsAndEnv(
  args: string[] | undefined,
  env: {name: string; value: string}[] | undefined,
  at: string,
): void {
  const chars = (args ?? []).reduce((sum, arg) => sum + arg.length, 0);
  if (chars > MAX_ARGS_CHARS) {
    throw invalidArgument(
      `${at}.args are ${chars} characters long together; at most ${MAX_ARGS_CHARS}.`,
    );
  }
  if ((env ?? []).length > MAX_ENV) {
    throw invalidArgument(`${at}.env has ${env?.length} variables; at most ${MAX_ENV}.`);
  }
  (env ?? []).forEach((variable, index) => {
    if (!ENV_NAME.test(variable.name ?? '')) {
      throw invalidArgument(
        `${at}.env[${index}].name "${variable.name ?? ''}" is not a valid variable name (letters, digits and "_", not starting with a digit).`,
      );
    }
  });
}
