// A Vertex resource (CustomJob, CustomJobSpec, HyperparameterTuningJob, TrainingPipeline) as a
// plain object → a draft. Used for gcloud/REST files (strict) and for jobs fetched from the API
// to clone (lenient). The inverse of build-request.ts: draft → request → draft is the identity.
import {automlKindOfDefinition, TASK_DEFINITIONS} from './automl.js';
import type {JobDraft, ModelContainerDraft} from './draft.js';
import {camelKeys, readAutoMl, readDataset} from './import-automl.js';
import {defaultWorkerPool, readJobSpec} from './import-job-spec.js';
import type {Json, PathKey, Reader} from './import-reader.js';
import {readStudy} from './import-study.js';
import {fromProtoValue, isProtoValue} from './proto-value.js';
import type {JsonValue, ProtoValue} from './request.js';

export {defaultWorkerPool} from './import-job-spec.js';

export type ResourceKind =
  'CustomJobSpec' | 'CustomJob' | 'HyperparameterTuningJob' | 'TrainingPipeline';

export interface ImportContext {
  /** Used when the resource does not name its project (gcloud config files never do). */
  project?: string;
  region?: string;
  /** gcloud passes these as flags, so its config file lacks them. */
  displayName?: string;
  labels?: Record<string, string>;
  encryptionKeyName?: string;
}

/** The pool an AutoML draft carries: AutoML picks its own machines, so it is never sent. */
export function detectResourceKind(value: Json): ResourceKind | undefined {
  if ('trainingTaskDefinition' in value || 'trainingTaskInputs' in value) return 'TrainingPipeline';
  if ('studySpec' in value || 'trialJobSpec' in value) return 'HyperparameterTuningJob';
  if ('jobSpec' in value) return 'CustomJob';
  if ('workerPoolSpecs' in value) return 'CustomJobSpec';
  return undefined;
}

const RESOURCE_KEYS = ['name', 'displayName', 'labels', 'encryptionSpec'];

function identity(r: Reader, o: Json, context: ImportContext) {
  const name = typeof o.name === 'string' ? o.name : '';
  const match = /^projects\/([^/]+)\/locations\/([^/]+)\//.exec(name);
  const encryption = r.object(o.encryptionSpec, ['encryptionSpec'], ['kmsKeyName']);
  const kms =
    r.string(encryption?.kmsKeyName, ['encryptionSpec', 'kmsKeyName']) ?? context.encryptionKeyName;
  const labels =
    o.labels === undefined ? (context.labels ?? {}) : r.stringMap(o.labels, ['labels']);
  return {
    displayName: r.string(o.displayName, ['displayName']) ?? context.displayName ?? '',
    project: match?.[1] ?? context.project ?? '',
    region: match?.[2] ?? context.region ?? '',
    labels,
    ...(kms !== undefined && {encryptionKeyName: kms}),
  };
}

/** Turn a resource object into a draft; problems are collected on the reader. */
export function draftFromResource(
  r: Reader,
  value: unknown,
  context: ImportContext = {},
): JobDraft | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    r.error(
      [],
      'the document must be an object describing a job',
      'start from an exported job file',
    );
    return undefined;
  }
  const o = value as Json;
  const kind = detectResourceKind(o);
  switch (kind) {
    case 'CustomJobSpec': {
      const {workerPools, options} = readJobSpec(r, o, []);
      return {
        trainingType: 'custom',
        workflow: 'custom-job',
        ...identity(r, {}, context),
        workerPools,
        ...options,
      };
    }
    case 'CustomJob': {
      r.object(o, [], [...RESOURCE_KEYS, 'jobSpec'], []);
      const {workerPools, options} = readJobSpec(r, o.jobSpec, ['jobSpec']);
      return {
        trainingType: 'custom',
        workflow: 'custom-job',
        ...identity(r, o, context),
        workerPools,
        ...options,
      };
    }
    case 'HyperparameterTuningJob': {
      r.object(
        o,
        [],
        [
          ...RESOURCE_KEYS,
          'studySpec',
          'maxTrialCount',
          'parallelTrialCount',
          'maxFailedTrialCount',
          'trialJobSpec',
        ],
        [],
      );
      const study = readStudy(r, o, []);
      const {workerPools, options} = readJobSpec(r, o.trialJobSpec, ['trialJobSpec']);
      return {
        trainingType: 'custom',
        workflow: 'hyperparameter-tuning-job',
        ...identity(r, o, context),
        workerPools,
        ...options,
        study,
      };
    }
    case 'TrainingPipeline':
      return pipelineDraft(r, o, context);
    default:
      r.error(
        [],
        'cannot tell which job this describes',
        'expected workerPoolSpecs (gcloud config), jobSpec (CustomJob), studySpec (tuning job) or trainingTaskDefinition (pipeline)',
      );
      return undefined;
  }
}

function pipelineDraft(r: Reader, o: Json, context: ImportContext): JobDraft | undefined {
  r.object(
    o,
    [],
    [
      ...RESOURCE_KEYS,
      'trainingTaskDefinition',
      'trainingTaskInputs',
      'inputDataConfig',
      'modelToUpload',
    ],
    ['modelId', 'parentModel'],
  );
  const definition = r.string(o.trainingTaskDefinition, ['trainingTaskDefinition'], true) ?? '';
  let inputs: JsonValue = {};
  try {
    inputs = camelKeys(
      isProtoValue(o.trainingTaskInputs)
        ? fromProtoValue(o.trainingTaskInputs as ProtoValue)
        : ((o.trainingTaskInputs ?? {}) as JsonValue),
    );
  } catch (error) {
    r.error(
      ['trainingTaskInputs'],
      `trainingTaskInputs: ${(error as Error).message}`,
      'give the inputs as an object',
    );
  }
  const base = {
    ...identity(r, o, context),
    ...(o.inputDataConfig !== undefined &&
      o.inputDataConfig !== null && {
        dataset: readDataset(r, o.inputDataConfig, ['inputDataConfig']),
      }),
  };
  const model = r.object(o.modelToUpload, ['modelToUpload'], ['displayName', 'containerSpec'], []);
  const modelDisplayName = r.string(model?.displayName, ['modelToUpload', 'displayName']);
  const modelContainer = readModelContainer(r, model?.containerSpec);
  const extras = {
    ...(modelDisplayName !== undefined && {modelDisplayName}),
    ...(modelContainer && {modelContainer}),
  };
  const inputsPath: PathKey[] = ['trainingTaskInputs'];
  const automlKind = automlKindOfDefinition(definition);
  if (automlKind) {
    const automl = readAutoMl(r, automlKind, inputs as Json, inputsPath);
    return {
      trainingType: 'automl',
      workflow: 'training-pipeline',
      ...base,
      workerPools: [defaultWorkerPool()],
      ...(automl && {automl}),
      ...extras,
    };
  }
  if (definition === TASK_DEFINITIONS['hyperparameter-tuning-task']) {
    const job = inputs as Json;
    r.object(job, inputsPath, [
      'studySpec',
      'maxTrialCount',
      'parallelTrialCount',
      'maxFailedTrialCount',
      'trialJobSpec',
    ]);
    const study = readStudy(r, job, inputsPath);
    const {workerPools, options} = readJobSpec(r, job.trialJobSpec, [
      ...inputsPath,
      'trialJobSpec',
    ]);
    return {
      trainingType: 'custom',
      workflow: 'training-pipeline',
      ...base,
      workerPools,
      ...options,
      study,
      ...extras,
    };
  }
  if (definition === TASK_DEFINITIONS['custom-task']) {
    const {workerPools, options} = readJobSpec(r, inputs, inputsPath);
    return {
      trainingType: 'custom',
      workflow: 'training-pipeline',
      ...base,
      workerPools,
      ...options,
      ...extras,
    };
  }
  r.error(
    ['trainingTaskDefinition'],
    `unknown training task definition ${definition}`,
    'use a custom_task, hyperparameter_tuning_task or automl_* definition under gs://google-cloud-aiplatform/schema/trainingjob/definition/',
  );
  return undefined;
}

/**
 * Model.container_spec (aiplatform v1 model.proto ModelContainerSpec) as far as drafts hold it: the
 * image, the two routes and the one port Vertex uses; the rest is refused, not dropped. A pipeline
 * read back from the API may carry none (container_spec is INPUT_ONLY): the draft then has none,
 * and validation asks for one before the clone is submitted.
 */
function readModelContainer(r: Reader, value: unknown): ModelContainerDraft | undefined {
  const path: PathKey[] = ['modelToUpload', 'containerSpec'];
  const spec = r.object(
    value,
    path,
    ['imageUri', 'predictRoute', 'healthRoute', 'ports'],
    [
      'command',
      'args',
      'env',
      'grpcPorts',
      'deploymentTimeout',
      'sharedMemorySizeMb',
      'startupProbe',
      'healthProbe',
      'livenessProbe',
    ],
  );
  if (!spec) return undefined;
  const imageUri = r.string(spec.imageUri, [...path, 'imageUri']);
  const predictRoute = r.string(spec.predictRoute, [...path, 'predictRoute']);
  const healthRoute = r.string(spec.healthRoute, [...path, 'healthRoute']);
  const ports = r.list(spec.ports, [...path, 'ports']);
  if (ports.length > 1)
    r.warn(
      [...path, 'ports'],
      'Vertex AI uses only the first serving port (model.proto ModelContainerSpec.ports)',
      'the draft keeps the first',
    );
  const first = r.object(ports[0], [...path, 'ports', 0], ['containerPort']);
  const port = r.integer(first?.containerPort, [...path, 'ports', 0, 'containerPort']);
  if (imageUri === undefined && predictRoute === undefined && healthRoute === undefined)
    return undefined;
  return {
    imageUri: imageUri ?? '',
    ...(predictRoute !== undefined && {predictRoute}),
    ...(healthRoute !== undefined && {healthRoute}),
    ...(port !== undefined && {port}),
  };
}
