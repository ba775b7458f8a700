// Training pipelines and managed datasets on the emulator through the official clients, with
// requests built by the app's job-spec builders and by hand.
import path from 'node:path';
import * as grpc from '@grpc/grpc-js';
import {Storage} from '@google-cloud/storage';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {
  buildCreateTrainingPipelineRequest,
  exampleDraft,
  toProtoValue,
  type JobDraft,
} from '../../source/core/job-spec/index.js';
import {AUTOML_ONLY_ON_VERTEX} from '../../source/emulator/pipeline/automl-check.js';
import {storageClientOptions} from '../../source/emulator/contract/storage-access.js';
import {stagePackageLocally} from '../../source/services/vertex/package-staging.js';
import {jobLogLines, startTestEmulator, waitFor, type TestEmulator} from '../helpers/emulator.js';
import {writeSleeperPackage} from '../helpers/service.js';

const READER = path.resolve(import.meta.dirname, '../fixtures/split-reader');
const READER_URI = 'gs://staging/reader-0.1.0.tar.gz';
const PARENT = 'projects/test-project/locations/us-central1';
const TABULAR = 'gs://google-cloud-aiplatform/schema/dataset/metadata/tabular_1.0.0.yaml';
const CUSTOM_TASK =
  'gs://google-cloud-aiplatform/schema/trainingjob/definition/custom_task_1.0.0.yaml';

let env: TestEmulator;
let storage: Storage;
let datasetId: string;

beforeAll(async () => {
  env = await startTestEmulator({queueDelayMs: 20, provisionDelayMs: 20});
  storage = new Storage(
    storageClientOptions(
      {storagePort: env.emulator.storagePort, key: (env.backend as {key: string}).key},
      'test-project',
    ),
  );
  await stagePackageLocally(READER, READER_URI, env.bucketRoot);
  await storage.createBucket('data-bucket');
  const rows = Array.from(
    {length: 100},
    (_, i) =>
      `${i},"name, with comma ${i}",${i < 70 ? 'training' : i < 90 ? 'validation' : 'test'}`,
  );
  await storage
    .bucket('data-bucket')
    .file('table.csv')
    .save(['id,name,split', ...rows].join('\n') + '\n');
});
afterAll(async () => env?.close());

type Pipeline = {
  name: string;
  state: string;
  error?: {message: string};
  trainingTaskMetadata?: {structValue?: {fields?: Record<string, {stringValue?: string}>}};
  modelToUpload?: {name?: string; artifactUri?: string; displayName?: string};
};

const finished = (name: string) =>
  waitFor(
    async () => {
      const [pipeline] = await env.clients.pipelines.getTrainingPipeline({name});
      const p = pipeline as unknown as Pipeline;
      return [
        'PIPELINE_STATE_SUCCEEDED',
        'PIPELINE_STATE_FAILED',
        'PIPELINE_STATE_CANCELLED',
      ].includes(p.state)
        ? p
        : undefined;
    },
    60_000,
    'the pipeline to finish',
  );

function pipelineDraft(split: JobDraft['dataset']): JobDraft {
  const base = exampleDraft({
    project: 'test-project',
    region: 'us-central1',
    packagePath: READER,
    stagingBucket: 'staging',
  });
  const primary = base.workerPools[0];
  return {
    ...base,
    workflow: 'training-pipeline',
    displayName: 'split-reader',
    baseOutputDirectory: 'gs://data-bucket/output',
    modelDisplayName: 'reader-model',
    // A custom-trained model needs its serving container (model.proto Model.container_spec).
    modelContainer: {imageUri: 'us-docker.pkg.dev/vertex-ai/prediction/tf2-cpu.2-15:latest'},
    dataset: split,
    workerPools: [
      {
        ...primary,
        task: {
          kind: 'python-package',
          executorImageUri:
            primary.task.kind === 'python-package' ? primary.task.executorImageUri : '',
          packageUris: [READER_URI],
          pythonModule: 'reader.task',
          args: [],
          env: [],
        },
      },
    ] as JobDraft['workerPools'],
  };
}

async function dataLine(pipeline: Pipeline) {
  const backing =
    pipeline.trainingTaskMetadata!.structValue!.fields!.backingCustomJob!.stringValue!;
  const lines = await jobLogLines(env.clients, backing.split('/').pop()!);
  const line = lines.find((l) => l.message === 'data read');
  return {line, lines, backing};
}

describe('managed datasets', () => {
  it('creates a tabular dataset from its CSV source in one long-running call; get, list, import refused', async () => {
    const [operation] = await env.clients.datasets.createDataset({
      parent: PARENT,
      dataset: {
        displayName: 'table',
        metadataSchemaUri: TABULAR,
        metadata: toProtoValue({
          inputConfig: {gcsSource: {uri: ['gs://data-bucket/table.csv']}},
        }) as never,
      },
    });
    const [dataset] = await operation.promise();
    expect(dataset.name).toMatch(/^projects\/test-project\/locations\/us-central1\/datasets\/\d+$/);
    expect(dataset.displayName).toBe('table');
    datasetId = (dataset.name as string).split('/').pop()!;
    const [got] = await env.clients.datasets.getDataset({name: dataset.name as string});
    expect(got.metadataSchemaUri).toBe(TABULAR);
    const [listed] = await env.clients.datasets.listDatasets({parent: PARENT});
    expect(listed.map((d) => d.name)).toContain(dataset.name);
    await expect(
      env.clients.datasets.importData({name: dataset.name as string, importConfigs: []}),
    ).rejects.toMatchObject({
      code: grpc.status.FAILED_PRECONDITION,
      details: expect.stringContaining('Tabular datasets have no ImportData'),
    });
    await expect(
      env.clients.datasets.createDataset({
        parent: PARENT,
        dataset: {
          displayName: 'missing',
          metadataSchemaUri: TABULAR,
          metadata: toProtoValue({
            inputConfig: {gcsSource: {uri: ['gs://data-bucket/nope.csv']}},
          }) as never,
        },
      }),
    ).rejects.toMatchObject({
      details: expect.stringContaining('does not exist in the local Cloud Storage'),
    });
  });

  it('imports JSONL into a non-tabular dataset with ImportData', async () => {
    const lines = [
      {
        imageGcsUri: 'gs://data-bucket/a.png',
        dataItemResourceLabels: {'aiplatform.googleapis.com/ml_use': 'training'},
      },
      {
        imageGcsUri: 'gs://data-bucket/b.png',
        dataItemResourceLabels: {'aiplatform.googleapis.com/ml_use': 'test'},
      },
    ];
    await storage
      .bucket('data-bucket')
      .file('images.jsonl')
      .save(lines.map((l) => JSON.stringify(l)).join('\n'));
    const [create] = await env.clients.datasets.createDataset({
      parent: PARENT,
      dataset: {
        displayName: 'images',
        metadataSchemaUri: 'gs://google-cloud-aiplatform/schema/dataset/metadata/image_1.0.0.yaml',
        metadata: toProtoValue({}) as never,
      },
    });
    const [dataset] = await create.promise();
    const [imported] = await env.clients.datasets.importData({
      name: dataset.name as string,
      importConfigs: [
        {
          gcsSource: {uris: ['gs://data-bucket/images.jsonl']},
          importSchemaUri:
            'gs://google-cloud-aiplatform/schema/dataset/ioformat/image_classification_single_label_io_format_1.0.0.yaml',
        },
      ],
    });
    await imported.promise();
    const [after] = await env.clients.datasets.getDataset({name: dataset.name as string});
    expect(String(after.dataItemCount)).toBe('2');
    const [deletion] = await env.clients.datasets.deleteDataset({name: dataset.name as string});
    await deletion.promise();
    await expect(
      env.clients.datasets.getDataset({name: dataset.name as string}),
    ).rejects.toMatchObject({code: grpc.status.NOT_FOUND});
  });
});

describe('training pipelines', () => {
  it('runs a custom task on the tabular dataset: fraction split exported, read through AIP_* and the Storage API, model recorded', async () => {
    const request = buildCreateTrainingPipelineRequest(
      pipelineDraft({
        kind: 'managed',
        datasetId,
        split: {kind: 'fraction', training: 0.8, validation: 0.1, test: 0.1},
        destination: {kind: 'gcs', outputUriPrefix: 'gs://data-bucket/exports/'},
      }),
    );
    const [created] = await env.clients.pipelines.createTrainingPipeline(request as never);
    const pipeline = await finished(created.name as string);
    const {line, lines, backing} = await dataLine(pipeline);
    expect(pipeline.state, lines.map((l) => l.message).join('\n')).toBe('PIPELINE_STATE_SUCCEEDED');
    expect(backing).toMatch(/\/customJobs\/\d+$/);
    const payload = (line as unknown as {payload: Record<string, unknown>}).payload ?? {};
    void payload;
    const [entries] = await env.clients.logging.listLogEntries(
      {
        resourceNames: ['projects/test-project'],
        filter: `resource.labels.job_id="${backing.split('/').pop()}" AND jsonPayload.message="data read"`,
        pageSize: 10,
      },
      {autoPaginate: false},
    );
    const fields = entries[0]!.jsonPayload!.fields!;
    expect(fields.format!.stringValue).toBe('csv');
    expect([
      fields.training!.numberValue,
      fields.validation!.numberValue,
      fields.test!.numberValue,
    ]).toEqual([80, 10, 10]);
    const uri = fields.uris!.listValue!.values![0]!.stringValue!;
    expect(uri).toMatch(
      new RegExp(
        `^gs://data-bucket/exports/dataset-${datasetId}-tables-\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z/training-\\*\\.csv$`,
      ),
    );
    const [files] = await storage.bucket('data-bucket').getFiles({prefix: 'exports/'});
    expect(files.map((f) => f.name.split('/').pop()).sort()).toEqual([
      'test-00000-of-00001.csv',
      'training-00000-of-00001.csv',
      'validation-00000-of-00001.csv',
    ]);
    expect(pipeline.modelToUpload?.artifactUri).toBe('gs://data-bucket/output/model/');
    expect(pipeline.modelToUpload?.name).toMatch(/\/models\/\d+$/);
    const [model] = await storage.bucket('data-bucket').file('output/model/model.json').download();
    expect(JSON.parse(model.toString())).toEqual({training: 80, validation: 10, test: 10});
  });

  it('honours a predefined split column (hand-written request, snake_case task inputs)', async () => {
    const [created] = await env.clients.pipelines.createTrainingPipeline({
      parent: PARENT,
      trainingPipeline: {
        displayName: 'predefined',
        trainingTaskDefinition: CUSTOM_TASK,
        trainingTaskInputs: toProtoValue({
          worker_pool_specs: [
            {
              machine_spec: {machine_type: 'n1-standard-4'},
              replica_count: 1,
              python_package_spec: {
                executor_image_uri: 'us-docker.pkg.dev/vertex-ai/training/sklearn-cpu.1-0:latest',
                package_uris: [READER_URI],
                python_module: 'reader.task',
              },
            },
          ],
        }) as never,
        inputDataConfig: {
          datasetId,
          predefinedSplit: {key: 'split'},
          gcsDestination: {outputUriPrefix: 'gs://data-bucket/predefined/'},
        },
      },
    });
    const pipeline = await finished(created.name as string);
    expect(pipeline.state).toBe('PIPELINE_STATE_SUCCEEDED');
    const backing =
      pipeline.trainingTaskMetadata!.structValue!.fields!.backingCustomJob!.stringValue!;
    const [entries] = await env.clients.logging.listLogEntries(
      {
        resourceNames: ['projects/test-project'],
        filter: `resource.labels.job_id="${backing.split('/').pop()}" AND jsonPayload.message="data read"`,
        pageSize: 10,
      },
      {autoPaginate: false},
    );
    const fields = entries[0]!.jsonPayload!.fields!;
    expect([
      fields.training!.numberValue,
      fields.validation!.numberValue,
      fields.test!.numberValue,
    ]).toEqual([70, 20, 10]);
  });

  it('refuses a bad dataset reference and lists, filters (PIPELINE_STATE_*) and deletes pipelines', async () => {
    const request = buildCreateTrainingPipelineRequest(
      pipelineDraft({
        kind: 'managed',
        datasetId: '999',
        destination: {kind: 'gcs', outputUriPrefix: 'gs://data-bucket/x/'},
      }),
    );
    await expect(
      env.clients.pipelines.createTrainingPipeline(request as never),
    ).rejects.toMatchObject({
      code: grpc.status.NOT_FOUND,
      details: expect.stringContaining('input_data_config.dataset_id'),
    });
    const [succeeded] = await env.clients.pipelines.listTrainingPipelines({
      parent: PARENT,
      filter: 'state="PIPELINE_STATE_SUCCEEDED"',
    });
    expect(succeeded.length).toBe(2);
    // The filter names PipelineState (pipeline_service.proto); a JobState name, or one
    // PipelineState lacks, is an unknown enum value.
    for (const state of ['JOB_STATE_SUCCEEDED', 'PIPELINE_STATE_EXPIRED'])
      await expect(
        env.clients.pipelines.listTrainingPipelines({
          parent: PARENT,
          filter: `display_name="x" OR state="${state}"`,
        }),
      ).rejects.toMatchObject({
        code: grpc.status.INVALID_ARGUMENT,
        details: expect.stringContaining(`"${state}" for field "state" is not a PipelineState`),
      });
    const [page, , response] = await env.clients.pipelines.listTrainingPipelines(
      {parent: PARENT, pageSize: 1},
      {autoPaginate: false},
    );
    expect(page).toHaveLength(1);
    expect(response?.nextPageToken).toBeTruthy();
    const [operation] = await env.clients.pipelines.deleteTrainingPipeline({
      name: page[0]!.name as string,
    });
    await operation.promise();
    await expect(
      env.clients.pipelines.getTrainingPipeline({name: page[0]!.name as string}),
    ).rejects.toMatchObject({code: grpc.status.NOT_FOUND});
  });

  it('cancels a running pipeline: its backing job is cancelled and it ends PIPELINE_STATE_CANCELLED', async () => {
    const uri = 'gs://staging/sleeper.tar.gz';
    await stagePackageLocally(await writeSleeperPackage(env.dataDir), uri, env.bucketRoot);
    const [created] = await env.clients.pipelines.createTrainingPipeline({
      parent: PARENT,
      trainingPipeline: {
        displayName: 'to-cancel',
        trainingTaskDefinition: CUSTOM_TASK,
        trainingTaskInputs: toProtoValue({
          workerPoolSpecs: [
            {
              machineSpec: {machineType: 'n1-standard-4'},
              replicaCount: 1,
              pythonPackageSpec: {
                executorImageUri: 'us-docker.pkg.dev/vertex-ai/training/sklearn-cpu.1-0:latest',
                packageUris: [uri],
                pythonModule: 'trainer.task',
              },
            },
          ],
        }) as never,
      },
    });
    const name = created.name as string;
    await waitFor(async () => {
      const [current] = await env.clients.pipelines.getTrainingPipeline({name});
      return current.state === 'PIPELINE_STATE_RUNNING' ? true : undefined;
    });
    await expect(env.clients.pipelines.deleteTrainingPipeline({name})).rejects.toMatchObject({
      code: grpc.status.FAILED_PRECONDITION,
    });
    await env.clients.pipelines.cancelTrainingPipeline({name});
    const pipeline = await finished(name);
    expect(pipeline.state).toBe('PIPELINE_STATE_CANCELLED');
    const backing =
      pipeline.trainingTaskMetadata!.structValue!.fields!.backingCustomJob!.stringValue!;
    const [job] = await env.clients.jobs.getCustomJob({name: backing});
    expect(job.state).toBe('JOB_STATE_CANCELLED');
  });

  it('validates AutoML pipelines as Vertex would, then refuses them: AutoML trains only on Vertex AI', async () => {
    const automl = (inputs: Record<string, unknown>) => ({
      parent: PARENT,
      trainingPipeline: {
        displayName: 'automl',
        trainingTaskDefinition:
          'gs://google-cloud-aiplatform/schema/trainingjob/definition/automl_tabular_1.0.0.yaml',
        trainingTaskInputs: toProtoValue(inputs as never) as never,
        inputDataConfig: {datasetId},
      },
    });
    const valid = {
      predictionType: 'regression',
      targetColumn: 'id',
      transformations: [{auto: {columnName: 'name'}}],
      trainBudgetMilliNodeHours: 1000,
      optimizationObjective: 'minimize-rmse',
    };
    await expect(env.clients.pipelines.createTrainingPipeline(automl(valid))).rejects.toMatchObject(
      {
        code: grpc.status.FAILED_PRECONDITION,
        details: AUTOML_ONLY_ON_VERTEX,
      },
    );
    await expect(
      env.clients.pipelines.createTrainingPipeline(
        automl({...valid, trainBudgetMilliNodeHours: 10, optimizationObjective: 'maximize-au-roc'}),
      ),
    ).rejects.toMatchObject({
      code: grpc.status.INVALID_ARGUMENT,
      details: expect.stringMatching(
        /^The AutoML training pipeline is invalid: trainingTaskInputs\.trainBudgetMilliNodeHours: .*1,000–72,000.*; trainingTaskInputs\.optimizationObjective: .*not valid for regression/,
      ),
    });
    const [none] = await env.clients.pipelines.listTrainingPipelines({
      parent: PARENT,
      filter: 'display_name="automl"',
    });
    expect(none).toEqual([]);
  });
});
