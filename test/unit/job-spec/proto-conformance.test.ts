// Every built request must be a valid message of the installed client's .proto files: no unknown
// keys (protobufjs' fromObject would silently drop them), no mistyped values (fromObject would
// coerce them), and a lossless fromObject → toObject round trip.
import fs from 'node:fs';
import path from 'node:path';
import protobuf from 'protobufjs';
import {beforeAll, describe, expect, it} from 'vitest';
import {protoIncludeDirs} from '../../../source/emulator/rpc/protos.js';
import {
  buildCreateCustomJobRequest,
  buildCreateHyperparameterTuningJobRequest,
  buildCreateRequest,
  buildCreateTrainingPipelineRequest,
  draftFromApiJob,
  fromProtoValue,
  parseDuration,
  type AutoMlDraft,
  type JsonValue,
} from '../../../source/core/job-spec/index.js';
import {sampleDrafts} from './fixtures.js';

let root: protobuf.Root;

const SCHEMA = 'google.cloud.aiplatform.v1.schema.trainingjob.definition';
const SCHEMA_DIR = 'google/cloud/aiplatform/v1/schema/trainingjob/definition';
/** Input message of each AutoML task whose schema proto the client ships (not forecasting). */
const SCHEMA_FILES: Partial<Record<AutoMlDraft['kind'], string>> = {
  tabular: `${SCHEMA_DIR}/automl_tables.proto`,
  'image-classification': `${SCHEMA_DIR}/automl_image_classification.proto`,
  'image-object-detection': `${SCHEMA_DIR}/automl_image_object_detection.proto`,
  'image-segmentation': `${SCHEMA_DIR}/automl_image_segmentation.proto`,
  'text-classification': `${SCHEMA_DIR}/automl_text_classification.proto`,
  'text-extraction': `${SCHEMA_DIR}/automl_text_extraction.proto`,
  'text-sentiment': `${SCHEMA_DIR}/automl_text_sentiment.proto`,
  'video-classification': `${SCHEMA_DIR}/automl_video_classification.proto`,
  'video-action-recognition': `${SCHEMA_DIR}/automl_video_action_recognition.proto`,
  'video-object-tracking': `${SCHEMA_DIR}/automl_video_object_tracking.proto`,
};
const SCHEMA_MESSAGES: Partial<Record<AutoMlDraft['kind'], string>> = {
  tabular: 'AutoMlTablesInputs',
  'image-classification': 'AutoMlImageClassificationInputs',
  'image-object-detection': 'AutoMlImageObjectDetectionInputs',
  'image-segmentation': 'AutoMlImageSegmentationInputs',
  'text-classification': 'AutoMlTextClassificationInputs',
  'text-extraction': 'AutoMlTextExtractionInputs',
  'text-sentiment': 'AutoMlTextSentimentInputs',
  'video-classification': 'AutoMlVideoClassificationInputs',
  'video-action-recognition': 'AutoMlVideoActionRecognitionInputs',
  'video-object-tracking': 'AutoMlVideoObjectTrackingInputs',
};

beforeAll(() => {
  const dirs = protoIncludeDirs();
  root = new protobuf.Root();
  root.resolvePath = (_origin, target) => {
    for (const dir of dirs) {
      const candidate = path.join(dir, target);
      if (fs.existsSync(candidate)) {
        return candidate;
      }
    }
    return target;
  };
  root.loadSync(
    [
      'google/cloud/aiplatform/v1/job_service.proto',
      'google/cloud/aiplatform/v1/pipeline_service.proto',
      ...Object.values(SCHEMA_FILES),
    ],
    {keepCase: false},
  );
  root.resolveAll();
});

/** Problems with `value` as a `type` message: unknown keys and values of the wrong JS type. */
function shapeProblems(type: protobuf.Type, value: unknown, at: string): string[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return [`${at}: expected an object for ${type.fullName}`];
  }
  const problems: string[] = [];
  for (const [key, item] of Object.entries(value)) {
    const field = type.fields[key];
    if (!field) {
      // The `kind` key of google.protobuf.Value is its oneof name, as helpers.toValue writes it.
      if (!type.oneofs?.[key])
        problems.push(`${at}.${key}: unknown field of ${type.fullName.replace(/^\./, '')}`);
      continue;
    }
    field.resolve();
    const items = field.map
      ? Object.values(item as object)
      : field.repeated
        ? Array.isArray(item)
          ? item
          : (problems.push(`${at}.${key}: expected a list`), [])
        : [item];
    items.forEach((element: unknown, i: number) => {
      const where = field.repeated ? `${at}.${key}[${i}]` : `${at}.${key}`;
      problems.push(...fieldProblems(field, element, where));
    });
  }
  return problems;
}

function fieldProblems(field: protobuf.Field, value: unknown, at: string): string[] {
  const resolved = field.resolvedType;
  if (resolved instanceof protobuf.Type) return shapeProblems(resolved, value, at);
  if (resolved instanceof protobuf.Enum) {
    return typeof value === 'string' && value in resolved.values
      ? []
      : [`${at}: ${JSON.stringify(value)} is not a ${resolved.fullName} name`];
  }
  const expected: Record<string, (v: unknown) => boolean> = {
    string: (v) => typeof v === 'string',
    bool: (v) => typeof v === 'boolean',
    double: (v) => typeof v === 'number',
    float: (v) => typeof v === 'number',
    int32: (v) => Number.isInteger(v),
    int64: (v) => Number.isInteger(v) || (typeof v === 'string' && /^-?\d+$/.test(v)),
  };
  const check = expected[field.type];
  if (!check) return [`${at}: unchecked scalar type ${field.type}`];
  return check(value) ? [] : [`${at}: ${JSON.stringify(value)} is not a ${field.type}`];
}

const isEmpty = (value: unknown) =>
  typeof value === 'object' && value !== null && Object.keys(value).length === 0;

function withoutKinds(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutKinds);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value)
      // `kind` is the Value oneof name; an empty Struct/List map equals an absent one on the wire.
      .filter(([key, item]) => key !== 'kind' && !(key === 'fields' && isEmpty(item)))
      .map(([key, item]) => [key, withoutKinds(item)]),
  );
}

function expectConforms(typeName: string, request: object): void {
  const type = root.lookupType(typeName);
  expect(shapeProblems(type, request, 'request')).toEqual([]);
  const message = type.fromObject(request);
  expect(type.verify(message)).toBeNull();
  const back = type.toObject(message, {enums: String, longs: Number, defaults: false});
  expect(back).toEqual(withoutKinds(request));
}

const V1 = 'google.cloud.aiplatform.v1';

describe('built requests conform to the installed v1 protos', () => {
  for (const {name, draft} of sampleDrafts()) {
    it(`${name}: ${buildCreateRequest(draft).method}`, () => {
      const built = buildCreateRequest(draft);
      if (built.method === 'createCustomJob') {
        expectConforms(`${V1}.CreateCustomJobRequest`, built.request);
      } else if (built.method === 'createHyperparameterTuningJob') {
        expectConforms(`${V1}.CreateHyperparameterTuningJobRequest`, built.request);
      } else {
        expectConforms(`${V1}.CreateTrainingPipelineRequest`, built.request);
      }
    });
  }

  it('also builds every sample as a custom job and a tuning job where it has a study', () => {
    for (const {draft} of sampleDrafts().filter((s) => s.draft.trainingType === 'custom')) {
      expectConforms(`${V1}.CreateCustomJobRequest`, buildCreateCustomJobRequest(draft));
      expectConforms(
        `${V1}.CreateTrainingPipelineRequest`,
        buildCreateTrainingPipelineRequest(draft),
      );
      if (draft.study) {
        expectConforms(
          `${V1}.CreateHyperparameterTuningJobRequest`,
          buildCreateHyperparameterTuningJobRequest(draft),
        );
      }
    }
  });

  it('puts task inputs that parse as their schema message into every pipeline', () => {
    for (const {name, draft} of sampleDrafts()) {
      const pipeline = buildCreateTrainingPipelineRequest(draft).trainingPipeline;
      const inputs = fromProtoValue(pipeline.trainingTaskInputs) as {[key: string]: JsonValue};
      if (draft.trainingType === 'automl') {
        const message = SCHEMA_MESSAGES[draft.automl!.kind];
        if (!message) continue; // forecasting: the client ships no schema proto for it
        expect(shapeProblems(root.lookupType(`${SCHEMA}.${message}`), inputs, name)).toEqual([]);
      } else if (draft.study) {
        const {trialJobSpec, ...tuning} = inputs;
        const job = {...tuning, trialJobSpec: withDurationObjects(trialJobSpec)};
        expect(shapeProblems(root.lookupType(`${V1}.HyperparameterTuningJob`), job, name)).toEqual(
          [],
        );
      } else {
        const spec = withDurationObjects(inputs);
        expect(shapeProblems(root.lookupType(`${V1}.CustomJobSpec`), spec, name)).toEqual([]);
      }
    }
  });

  it('clones every sample from the object the Node client would return for it', () => {
    // gax decodes responses with defaults, oneof markers, string longs and enum names; feeding
    // that shape to the clone import must give the draft back (false/0 read as "unset").
    const collection = {
      createCustomJob: ['CustomJob', 'customJob', 'customJobs'],
      createHyperparameterTuningJob: [
        'HyperparameterTuningJob',
        'hyperparameterTuningJob',
        'hyperparameterTuningJobs',
      ],
      createTrainingPipeline: ['TrainingPipeline', 'trainingPipeline', 'trainingPipelines'],
    } as const;
    for (const {name, draft} of sampleDrafts()) {
      const built = buildCreateRequest(draft);
      const [typeName, key, plural] = collection[built.method];
      const type = root.lookupType(`${V1}.${typeName}`);
      const resource = (built.request as unknown as Record<string, object>)[key]!;
      const decoded = type.toObject(type.fromObject(resource), {
        enums: String,
        longs: String,
        defaults: true,
        oneofs: true,
      });
      decoded.name = `projects/${draft.project}/locations/${draft.region}/${plural}/42`;
      decoded.state = 'JOB_STATE_SUCCEEDED';
      const result = draftFromApiJob(decoded);
      if (!result.ok) throw new Error(`${name}: ${JSON.stringify(result.errors)}`);
      expect(result.warnings, name).toEqual([]);
      expect(withoutFalse(result.draft), name).toEqual(withoutFalse(draft));
    }
  });

  it('catches an unknown key and a mistyped value (the check can fail)', () => {
    const type = root.lookupType(`${V1}.CreateCustomJobRequest`);
    const request = buildCreateCustomJobRequest(sampleDrafts()[0]!.draft);
    const broken = structuredClone(request) as unknown as {
      customJob: {jobSpec: {bogus?: number; workerPoolSpecs: {replicaCount: unknown}[]}};
    };
    broken.customJob.jobSpec.bogus = 1;
    broken.customJob.jobSpec.workerPoolSpecs[0]!.replicaCount = 'one';
    expect(shapeProblems(type, broken, 'request')).toEqual([
      'request.customJob.jobSpec.workerPoolSpecs[0].replicaCount: "one" is not a int64',
      'request.customJob.jobSpec.bogus: unknown field of google.cloud.aiplatform.v1.CustomJobSpec',
    ]);
  });
});

/** A CustomJobSpec in JSON form with its `"3600s"` Durations turned back into objects. */
function withDurationObjects(spec: JsonValue | undefined): unknown {
  const copy = structuredClone(spec) as {scheduling?: Record<string, unknown>};
  for (const key of ['timeout', 'maxWaitDuration']) {
    const value = copy.scheduling?.[key];
    if (value !== undefined && copy.scheduling) {
      const seconds = parseDuration(value);
      expect(seconds, `${key} ${JSON.stringify(value)}`).toBeDefined();
      copy.scheduling[key] = {seconds};
    }
  }
  return copy;
}

/** Proto3 cannot tell false from unset, so compare drafts without false-valued fields. */
function withoutFalse(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutFalse);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([, item]) => item !== false)
      .map(([key, item]) => [key, withoutFalse(item)]),
  );
}
