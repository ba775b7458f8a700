import {helpers} from '@google-cloud/aiplatform';
import {describe, expect, it} from 'vitest';
import {
  buildCreateCustomJobRequest,
  buildCreateHyperparameterTuningJobRequest,
  buildCreateRequest,
  buildCreateTrainingPipelineRequest,
  buildWorkerPoolSpecs,
  DraftShapeError,
  fromProtoValue,
  parseDuration,
  restBody,
  toProtoValue,
  type JsonValue,
} from '../../../source/core/job-spec/index.js';
import {
  AUTOML_INPUTS,
  baseDraft,
  containerPool,
  FULL_OPTIONS,
  packagePool,
  STUDY,
} from './fixtures.js';

describe('worker pool slots', () => {
  it('writes {} for empty middle pools and trims trailing ones', () => {
    const specs = buildWorkerPoolSpecs([packagePool(), undefined, containerPool(2), undefined]);
    expect(specs).toHaveLength(3);
    expect(specs[1]).toEqual({});
    expect(specs[2]?.replicaCount).toBe(2);
    expect(buildWorkerPoolSpecs([packagePool(), undefined, undefined, undefined])).toHaveLength(1);
  });

  it('writes machine, accelerator, TPU topology and disk of a pool', () => {
    const [spec] = buildWorkerPoolSpecs([
      {...containerPool(), machine: {machineType: 'ct5lp-hightpu-4t', tpuTopology: '4x4'}},
    ]);
    expect(spec).toEqual({
      machineSpec: {machineType: 'ct5lp-hightpu-4t', tpuTopology: '4x4'},
      replicaCount: 1,
      diskSpec: {bootDiskType: 'pd-standard', bootDiskSizeGb: 200},
      containerSpec: {
        imageUri: 'us-central1-docker.pkg.dev/p/repo/trainer:1.2.0',
        command: ['python', '-m', 'trainer'],
        args: ['--x=1'],
      },
    });
  });
});

describe('custom job', () => {
  it('puts every job option where the v1 API expects it', () => {
    const job = buildCreateCustomJobRequest(baseDraft(FULL_OPTIONS)).customJob;
    expect(job.encryptionSpec).toEqual({kmsKeyName: FULL_OPTIONS.encryptionKeyName});
    expect(job.jobSpec).toMatchObject({
      serviceAccount: FULL_OPTIONS.serviceAccount,
      network: FULL_OPTIONS.network,
      baseOutputDirectory: {outputUriPrefix: 'gs://my-bucket/runs/1/'},
      tensorboard: FULL_OPTIONS.tensorboard,
      enableWebAccess: true,
      enableDashboardAccess: true,
      scheduling: {
        timeout: {seconds: 3600},
        restartJobOnWorkerRestart: true,
        strategy: 'FLEX_START',
        disableRetries: false,
        maxWaitDuration: {seconds: 1800},
      },
    });
  });
});

describe('hyperparameter tuning job', () => {
  it('builds the study with typed parameters and conditions', () => {
    const draft = baseDraft({workflow: 'hyperparameter-tuning-job', study: STUDY});
    expect(buildCreateRequest(draft).method).toBe('createHyperparameterTuningJob');
    const job = buildCreateHyperparameterTuningJobRequest(draft).hyperparameterTuningJob;
    expect(job).toMatchObject({maxTrialCount: 20, parallelTrialCount: 4, maxFailedTrialCount: 3});
    expect(job.trialJobSpec.scheduling).toEqual({timeout: {seconds: 3600}});
    expect(job.studySpec).toEqual({
      metrics: [{metricId: 'accuracy', goal: 'MAXIMIZE'}],
      parameters: [
        {
          parameterId: 'lr',
          doubleValueSpec: {minValue: 0.0001, maxValue: 0.1},
          scaleType: 'UNIT_LOG_SCALE',
        },
        {
          parameterId: 'optimizer',
          categoricalValueSpec: {values: ['adam', 'sgd']},
          conditionalParameterSpecs: [
            {
              parentCategoricalValues: {values: ['sgd']},
              parameterSpec: {
                parameterId: 'momentum',
                discreteValueSpec: {values: [0.5, 0.9, 0.99]},
              },
            },
          ],
        },
        {
          parameterId: 'layers',
          integerValueSpec: {minValue: 1, maxValue: 8},
          scaleType: 'UNIT_LINEAR_SCALE',
          conditionalParameterSpecs: [
            {
              parentIntValues: {values: [4, 8]},
              parameterSpec: {parameterId: 'width', integerValueSpec: {minValue: 16, maxValue: 64}},
            },
          ],
        },
      ],
      algorithm: 'RANDOM_SEARCH',
      measurementSelectionType: 'BEST_MEASUREMENT',
    });
  });

  it('refuses to build a tuning job without a study', () => {
    expect(() =>
      buildCreateHyperparameterTuningJobRequest(baseDraft({workflow: 'hyperparameter-tuning-job'})),
    ).toThrow(DraftShapeError);
  });
});

describe('training pipeline', () => {
  it('sends trainingTaskInputs exactly as the official helpers.toValue would', () => {
    const draft = baseDraft({workflow: 'training-pipeline', ...FULL_OPTIONS});
    const pipeline = buildCreateTrainingPipelineRequest(draft).trainingPipeline;
    const plain = restBody(draft).trainingTaskInputs as JsonValue;
    expect(pipeline.trainingTaskInputs).toEqual(helpers.toValue(plain as object));
    expect(fromProtoValue(pipeline.trainingTaskInputs)).toEqual(plain);
    expect(pipeline.trainingTaskDefinition).toMatch(/custom_task_1\.0\.0\.yaml$/);
    expect(plain).toMatchObject({
      scheduling: {timeout: '3600s', maxWaitDuration: '1800s'},
      baseOutputDirectory: {outputUriPrefix: 'gs://my-bucket/runs/1/'},
    });
  });

  it('wraps the trial spec for a custom task with tuning', () => {
    const draft = baseDraft({workflow: 'training-pipeline', study: STUDY});
    const pipeline = buildCreateTrainingPipelineRequest(draft).trainingPipeline;
    expect(pipeline.trainingTaskDefinition).toMatch(/hyperparameter_tuning_task_1\.0\.0\.yaml$/);
    const inputs = fromProtoValue(pipeline.trainingTaskInputs) as Record<string, JsonValue>;
    expect(Object.keys(inputs)).toEqual([
      'studySpec',
      'maxTrialCount',
      'parallelTrialCount',
      'maxFailedTrialCount',
      'trialJobSpec',
    ]);
  });

  it('writes AutoML inputs with camelCase transformation names and the dataset split', () => {
    const draft = baseDraft({
      trainingType: 'automl',
      workflow: 'training-pipeline',
      automl: {
        ...AUTOML_INPUTS[0],
        transformations: [{type: 'repeated_numeric', columnName: 'x'}],
      } as never,
      dataset: {
        kind: 'managed',
        datasetId: '7',
        split: {kind: 'timestamp', training: 0.8, validation: 0.1, test: 0.1, key: 'ts'},
        destination: {kind: 'bigquery', outputUri: 'bq://my-project'},
      },
    });
    const pipeline = buildCreateTrainingPipelineRequest(draft).trainingPipeline;
    expect(pipeline.trainingTaskDefinition).toMatch(/automl_tabular_1\.0\.0\.yaml$/);
    expect(fromProtoValue(pipeline.trainingTaskInputs)).toMatchObject({
      transformations: [{repeatedNumeric: {columnName: 'x'}}],
      trainBudgetMilliNodeHours: 1000,
    });
    expect(pipeline.inputDataConfig).toEqual({
      datasetId: '7',
      timestampSplit: {
        trainingFraction: 0.8,
        validationFraction: 0.1,
        testFraction: 0.1,
        key: 'ts',
      },
      bigqueryDestination: {outputUri: 'bq://my-project'},
    });
  });
});

describe('protobuf Value and Duration helpers', () => {
  it('matches helpers.toValue for every JSON kind and reads Values with or without kind', () => {
    const json: JsonValue = {a: [1, 'two', true, null, {b: []}], c: {}, d: -2.5};
    expect(toProtoValue(json)).toEqual(helpers.toValue(json as object));
    expect(fromProtoValue(toProtoValue(json))).toEqual(json);
    expect(fromProtoValue({structValue: {fields: {x: {numberValue: 1}}}})).toEqual({x: 1});
    expect(() => fromProtoValue({} as never)).toThrow(/not a google.protobuf.Value/);
  });

  it('parses both Duration wire forms', () => {
    expect(parseDuration('3600s')).toBe(3600);
    expect(parseDuration('1.5s')).toBe(1.5);
    expect(parseDuration({seconds: '60', nanos: 500_000_000})).toBe(60.5);
    expect(parseDuration('1h')).toBeUndefined();
  });
});
