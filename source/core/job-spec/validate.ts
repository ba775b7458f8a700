// Early validation of a draft. Each problem names the field path, the rule and a concrete fix, so
// the wizard can show it next to the field and Vertex never gets to reject the job minutes later.
import type {JobDraft, WorkerPoolDraft} from './draft.js';
import {BUILTIN_CATALOG} from './catalog-data.js';
import type {Catalog} from './catalog-types.js';
import {
  findAccelerator,
  findMachineType,
  findPrebuiltImage,
  isReductionServerImage,
  isTpuMachine,
} from './catalog.js';
import {problemCollector, type Problem} from './problem.js';
import {validateAutoMl, validateDataset} from './validate-automl.js';
import {validateModelToUpload} from './validate-model.js';
import {validateCompute} from './validate-compute.js';
import {GCS_BUCKET_OR_PREFIX, type RuleContext} from './validate-context.js';
import {validatePool} from './validate-pools.js';
import {validateStudy} from './validate-study.js';

export {errorsOf, type Problem, type Severity} from './problem.js';

const LABEL_KEY = /^[\p{Ll}\p{Lo}][\p{Ll}\p{Lo}\p{N}_-]{0,62}$/u;
const LABEL_VALUE = /^[\p{Ll}\p{Lo}\p{N}_-]{0,63}$/u;
const MAX_LABELS = 64;
const SEVEN_DAYS = 7 * 24 * 3600;

export interface ValidateOptions {
  catalog?: Catalog;
  /** Where the job is submitted (RuleContext.backend); unset checks it as for Vertex AI. */
  backend?: 'local' | 'vertex';
}

export function validateDraft(
  draft: JobDraft,
  today = new Date(),
  options: ValidateOptions = {},
): Problem[] {
  const {problems, add} = problemCollector();
  const ctx: RuleContext = {
    catalog: options.catalog ?? BUILTIN_CATALOG,
    today: today.toISOString().slice(0, 10),
    add,
    ...(options.backend && {backend: options.backend}),
  };
  validateIdentity(draft, ctx);
  validateOptions(draft, ctx);
  if (draft.dataset) validateDataset(draft.dataset, draft, ctx);
  validateModelToUpload(draft, ctx);
  if (draft.trainingType === 'automl') {
    if (draft.workflow !== 'training-pipeline') {
      add(
        'automl-workflow',
        'workflow',
        'AutoML runs only as a training pipeline',
        'switch the workflow to training pipeline',
      );
    }
    validateAutoMl(draft, ctx);
    return problems;
  }
  validatePools(draft, ctx);
  const tuning =
    draft.workflow === 'hyperparameter-tuning-job' ||
    (draft.workflow === 'training-pipeline' && draft.study !== undefined);
  if (draft.workflow === 'hyperparameter-tuning-job' && !draft.study) {
    add(
      'study-required',
      'studySpec',
      'a hyperparameter tuning job needs a study (metrics, parameters, trial counts)',
      'fill in the hyperparameter study step',
    );
  }
  if (draft.study && !tuning) {
    add(
      'study-unused',
      'studySpec',
      'a study only applies to tuning jobs and pipelines with tuning; this custom job ignores it',
      'switch the workflow to hyperparameter tuning, or remove the study',
      'warning',
    );
  }
  if (draft.study && tuning) validateStudy(draft.study, ctx);
  return problems;
}

/**
 * Only the compute-option rules (validate-compute.ts), for the emulator's CreateCustomJob: they
 * are the ones Google documents as refusals (DWS requirements, Spot limits, reservation names).
 */
export function validateComputeOptions(draft: JobDraft, options: ValidateOptions = {}): Problem[] {
  const {problems, add} = problemCollector();
  const catalog = options.catalog ?? BUILTIN_CATALOG;
  validateCompute(draft, {
    add,
    family: (machineType) => findMachineType(machineType, catalog)?.family,
    defaultBootDisk: (machineType) => findMachineType(machineType, catalog)?.defaultBootDisk,
  });
  return problems;
}

function validateIdentity(draft: JobDraft, ctx: RuleContext): void {
  const {add} = ctx;
  if (draft.displayName.trim() === '') {
    add(
      'display-name-required',
      'displayName',
      'display name is required',
      'type a name for the job',
    );
  } else if ([...draft.displayName].length > 128) {
    add(
      'display-name-length',
      'displayName',
      `display name is longer than 128 characters (${[...draft.displayName].length})`,
      'shorten the name to 128 characters or fewer',
    );
  }
  const labels = Object.entries(draft.labels);
  if (labels.length > MAX_LABELS) {
    add(
      'label-count',
      'labels',
      `at most ${MAX_LABELS} labels; there are ${labels.length}`,
      'remove some labels',
    );
  }
  for (const [key, value] of labels) {
    if (!LABEL_KEY.test(key)) {
      add(
        'label-key-format',
        `labels.${key}`,
        'label keys are 1-63 lowercase letters, digits, _ or -, starting with a letter',
        `rename the key, e.g. ${
          key
            .toLowerCase()
            .replace(/[^\p{Ll}\p{Lo}\p{N}_-]/gu, '-')
            .replace(/^[^\p{Ll}\p{Lo}]+/u, '') || 'team'
        }`,
      );
    }
    if (!LABEL_VALUE.test(value)) {
      add(
        'label-value-format',
        `labels.${key}`,
        'label values are at most 63 lowercase letters, digits, _ or -',
        'change the value',
      );
    }
  }
  if (!ctx.catalog.regions.includes(draft.region)) {
    add(
      'region-known',
      'region',
      `region ${draft.region} is not in the catalog of regions with custom training`,
      'pick a listed region such as us-central1, or add it to the catalog in settings',
      'warning',
    );
  }
}

function validateOptions(draft: JobDraft, ctx: RuleContext): void {
  const {add} = ctx;
  if (draft.timeoutSeconds === undefined) {
    if (draft.trainingType === 'custom') {
      add(
        'timeout-default',
        'timeout',
        'no timeout set: Vertex stops the job only after 7 days',
        'set a timeout, e.g. 24 hours, so a stuck job stops sooner',
        'warning',
      );
    }
  } else if (!Number.isInteger(draft.timeoutSeconds) || draft.timeoutSeconds < 1) {
    add(
      'timeout-format',
      'timeout',
      `timeout must be a whole number of seconds ≥ 1; it is ${draft.timeoutSeconds}`,
      'set e.g. 3600 for one hour',
    );
  } else if (draft.timeoutSeconds > SEVEN_DAYS && draft.schedulingStrategy !== 'FLEX_START') {
    add(
      'timeout-format',
      'timeout',
      `timeout is longer than 7 days (${draft.timeoutSeconds}s), the documented default and usual cap`,
      'set at most 604800 seconds; checkpoint and resume for longer training',
      // The proto documents 7 days as the default, not as a hard limit: warn, do not block.
      'warning',
    );
  }
  if (draft.maxWaitSeconds !== undefined) {
    if (draft.schedulingStrategy !== 'FLEX_START') {
      add(
        'max-wait-strategy',
        'scheduling.maxWaitDuration',
        'a maximum wait applies only to the FLEX_START scheduling strategy',
        'set the strategy to FLEX_START, or remove the maximum wait',
      );
    } else if (!Number.isInteger(draft.maxWaitSeconds) || draft.maxWaitSeconds < 0) {
      add(
        'max-wait-format',
        'scheduling.maxWaitDuration',
        `maximum wait must be a whole number of seconds ≥ 0; it is ${draft.maxWaitSeconds}`,
        'set e.g. 3600, or 0 to wait indefinitely',
      );
    }
  }
  if (
    draft.baseOutputDirectory !== undefined &&
    !GCS_BUCKET_OR_PREFIX.test(draft.baseOutputDirectory)
  ) {
    add(
      'output-dir-format',
      'baseOutputDirectory.outputUriPrefix',
      `the base output directory must be gs://bucket/...; ${draft.baseOutputDirectory} is not`,
      'use e.g. gs://my-bucket/runs/job-1/',
    );
  }
  const checks: [string | undefined, string, string, RegExp, string][] = [
    [
      draft.serviceAccount,
      'service-account-format',
      'serviceAccount',
      /^[a-z0-9-]+@[a-z0-9.-]+\.iam\.gserviceaccount\.com$|^[^@\s]+@[^@\s]+\.[a-z]+$/,
      'use an email such as trainer@PROJECT.iam.gserviceaccount.com',
    ],
    [
      draft.network,
      'network-format',
      'network',
      /^projects\/\d+\/global\/networks\/[a-z]([-a-z0-9]*[a-z0-9])?$/,
      'use projects/PROJECT_NUMBER/global/networks/NETWORK (a project number, not id)',
    ],
    [
      draft.tensorboard,
      'tensorboard-format',
      'tensorboard',
      /^projects\/[^/]+\/locations\/[^/]+\/tensorboards\/[^/]+$/,
      'use projects/PROJECT/locations/REGION/tensorboards/ID',
    ],
    [
      draft.encryptionKeyName,
      'kms-key-format',
      'encryptionSpec.kmsKeyName',
      /^projects\/[^/]+\/locations\/[^/]+\/keyRings\/[^/]+\/cryptoKeys\/[^/]+$/,
      'use projects/P/locations/REGION/keyRings/RING/cryptoKeys/KEY',
    ],
  ];
  for (const [value, rule, path, pattern, fix] of checks) {
    if (value !== undefined && !pattern.test(value)) {
      add(rule, path, `${path} is not in the required format: ${value}`, fix);
    }
  }
  const keyRegion = /\/locations\/([^/]+)\//.exec(draft.encryptionKeyName ?? '')?.[1];
  if (keyRegion && keyRegion !== draft.region) {
    add(
      'kms-key-region',
      'encryptionSpec.kmsKeyName',
      `the encryption key must be in the job's region ${draft.region}; it is in ${keyRegion}`,
      `create or pick a key in ${draft.region}`,
    );
  }
  if (draft.tensorboard && !draft.baseOutputDirectory) {
    add(
      'tensorboard-output-dir',
      'baseOutputDirectory.outputUriPrefix',
      'TensorBoard needs a base output directory to read logs from',
      'set a base output directory in options',
    );
  }
}

function validatePools(draft: JobDraft, ctx: RuleContext): void {
  const {add} = ctx;
  const pools = draft.workerPools as readonly (WorkerPoolDraft | undefined)[];
  const primary = pools[0];
  if (!primary) {
    add(
      'primary-pool-required',
      'workerPools[0]',
      'worker pool 0 (the primary replica) is required',
      'configure the primary pool',
    );
  } else if (primary.replicaCount !== 1) {
    add(
      'primary-replica-count',
      'workerPools[0].replicaCount',
      `the primary pool must have exactly 1 replica; it has ${primary.replicaCount}`,
      'set it to 1 and put extra replicas in worker pool 1',
    );
  }
  if (pools.length > 4) {
    add(
      'pool-count',
      'workerPools',
      `at most 4 worker pools (primary, workers, servers, evaluators); there are ${pools.length}`,
      'remove the extra pools',
    );
  }
  pools.forEach((pool, index) => {
    if (pool) validatePool(pool, index, ctx);
  });
  validateTpuLayout(pools, ctx);
  validateReductionServer(pools, ctx);
  validateCompute(draft, {
    add,
    family: (machineType) => findMachineType(machineType, ctx.catalog)?.family,
    defaultBootDisk: (machineType) => findMachineType(machineType, ctx.catalog)?.defaultBootDisk,
  });
}

function validateTpuLayout(
  pools: readonly (WorkerPoolDraft | undefined)[],
  ctx: RuleContext,
): void {
  const tpuIndex = pools.findIndex((p) => p && isTpuMachine(p.machine.machineType, ctx.catalog));
  if (tpuIndex < 0) return;
  const used = pools.flatMap((p, i) => (p ? [i] : []));
  if (used.length > 1) {
    ctx.add(
      'tpu-single-pool',
      `workerPools[${used.find((i) => i !== 0) ?? tpuIndex}]`,
      'TPU jobs use a single worker pool',
      'remove every pool except the primary; scale with a larger TPU topology instead',
    );
  }
  pools.forEach((pool, i) => {
    if (pool && isTpuMachine(pool.machine.machineType, ctx.catalog) && pool.replicaCount !== 1) {
      ctx.add(
        'tpu-single-replica',
        `workerPools[${i}].replicaCount`,
        `TPU pools run exactly one replica; it has ${pool.replicaCount}`,
        'set the replica count to 1 and pick a larger topology for more chips',
      );
    }
  });
}

/** Framework and version of a pool's pre-built image, for the NCCL rule. */
function ncclReady(pool: WorkerPoolDraft, ctx: RuleContext): 'yes' | 'no' | 'unknown' {
  const uri = pool.task.kind === 'python-package' ? pool.task.executorImageUri : pool.task.imageUri;
  const image = findPrebuiltImage(uri, ctx.catalog);
  if (!image) return 'unknown';
  const [major = 0, minor = 0] = image.version.split('.').map(Number);
  const atLeast = (a: number, b: number) => major > a || (major === a && minor >= b);
  if (image.framework === 'TensorFlow') return atLeast(2, 3) ? 'yes' : 'no';
  if (image.framework === 'PyTorch') return atLeast(1, 4) ? 'yes' : 'no';
  return 'no';
}

function validateReductionServer(
  pools: readonly (WorkerPoolDraft | undefined)[],
  ctx: RuleContext,
): void {
  const {add, catalog} = ctx;
  const usesRs = (p: WorkerPoolDraft | undefined) =>
    p?.task.kind === 'container' && isReductionServerImage(p.task.imageUri, catalog);
  pools.forEach((pool, i) => {
    if (i !== 2 && usesRs(pool)) {
      add(
        'reduction-server-pool',
        `workerPools[${i}].containerSpec.imageUri`,
        `the Reduction Server image runs only in worker pool 2; it is in pool ${i}`,
        'move it to pool 2 (parameter servers / Reduction Server)',
      );
    }
  });
  const server = pools[2];
  if (!server || !usesRs(server)) return;
  if (server.machine.acceleratorType) {
    add(
      'reduction-server-cpu',
      'workerPools[2].machineSpec.acceleratorType',
      'Reduction Server nodes use CPU-only machines',
      'remove the accelerator; n1-highcpu-16 is the recommended machine',
    );
  }
  const workers = [pools[0], pools[1]];
  workers.forEach((pool, i) => {
    const gpu = pool?.machine.acceleratorType
      ? findAccelerator(pool.machine.acceleratorType, catalog)?.kind === 'GPU'
      : false;
    if (!pool || !gpu) {
      add(
        'reduction-server-gpu-workers',
        `workerPools[${i}]${pool ? '.machineSpec.acceleratorType' : ''}`,
        `Reduction Server needs GPU workers in pools 0 and 1; pool ${i} ${pool ? 'has no GPU' : 'is empty'}`,
        pool ? 'add GPUs to this pool' : 'add a GPU worker pool 1, or remove the Reduction Server',
      );
      return;
    }
    const ready = ncclReady(pool, ctx);
    if (ready === 'no') {
      add(
        'reduction-server-nccl',
        `workerPools[${i}]`,
        'Reduction Server needs an NCCL framework: pre-built TensorFlow ≥ 2.3 or PyTorch ≥ 1.4',
        'use a TensorFlow or PyTorch GPU image, or a custom container with NCCL ≥ 2.7',
      );
    } else if (ready === 'unknown') {
      add(
        'reduction-server-nccl',
        `workerPools[${i}].containerSpec.imageUri`,
        'Reduction Server needs NCCL ≥ 2.7 and the google-reduction-server package in custom containers',
        'install google-reduction-server from the google-fast-socket apt repository in the image',
        'warning',
      );
    }
  });
}
