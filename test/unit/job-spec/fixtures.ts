// Valid drafts covering the surface of the model, shared by the builder, proto and import tests.
import {
  defaultWorkerPool,
  type AutoMlDraft,
  type JobDraft,
  type StudyDraft,
  type WorkerPoolDraft,
} from '../../../source/core/job-spec/index.js';

export const IMAGE = 'us-docker.pkg.dev/vertex-ai/training/pytorch-gpu.2-4.py310:latest';

export function packagePool(
  replicaCount = 1,
  machine: WorkerPoolDraft['machine'] = {
    machineType: 'n1-standard-8',
    acceleratorType: 'NVIDIA_TESLA_T4',
    acceleratorCount: 2,
  },
): WorkerPoolDraft {
  return {
    machine,
    replicaCount,
    task: {
      kind: 'python-package',
      executorImageUri: IMAGE,
      packageUris: ['gs://my-bucket/pkg/trainer-0.1.0.tar.gz'],
      pythonModule: 'trainer.task',
      args: ['--epochs=3'],
      env: [{name: 'MODE', value: 'fast'}],
    },
  };
}

export function containerPool(replicaCount = 1): WorkerPoolDraft {
  return {
    machine: {machineType: 'n1-highcpu-16'},
    replicaCount,
    bootDiskType: 'pd-standard',
    bootDiskSizeGb: 200,
    task: {
      kind: 'container',
      imageUri: 'us-central1-docker.pkg.dev/p/repo/trainer:1.2.0',
      command: ['python', '-m', 'trainer'],
      args: ['--x=1'],
      env: [],
    },
  };
}

export function baseDraft(overrides: Partial<JobDraft> = {}): JobDraft {
  return {
    trainingType: 'custom',
    workflow: 'custom-job',
    displayName: 'job-1',
    project: 'my-project',
    region: 'us-central1',
    workerPools: [packagePool()],
    labels: {team: 'ml'},
    timeoutSeconds: 3600,
    ...overrides,
  };
}

export const STUDY: StudyDraft = {
  metrics: [{metricId: 'accuracy', goal: 'MAXIMIZE'}],
  parameters: [
    {kind: 'double', parameterId: 'lr', min: 0.0001, max: 0.1, scale: 'UNIT_LOG_SCALE'},
    {
      kind: 'categorical',
      parameterId: 'optimizer',
      values: ['adam', 'sgd'],
      conditions: [
        {
          parentValues: ['sgd'],
          parameter: {kind: 'discrete', parameterId: 'momentum', values: [0.5, 0.9, 0.99]},
        },
      ],
    },
    {
      kind: 'integer',
      parameterId: 'layers',
      min: 1,
      max: 8,
      scale: 'UNIT_LINEAR_SCALE',
      conditions: [
        {
          parentValues: [4, 8],
          parameter: {kind: 'integer', parameterId: 'width', min: 16, max: 64},
        },
      ],
    },
  ],
  algorithm: 'RANDOM_SEARCH',
  measurementSelection: 'BEST_MEASUREMENT',
  maxTrialCount: 20,
  parallelTrialCount: 4,
  maxFailedTrialCount: 3,
};

export const FULL_OPTIONS: Partial<JobDraft> = {
  baseOutputDirectory: 'gs://my-bucket/runs/1/',
  serviceAccount: 'trainer@my-project.iam.gserviceaccount.com',
  network: 'projects/123456/global/networks/default',
  restartJobOnWorkerRestart: true,
  disableRetries: false,
  schedulingStrategy: 'FLEX_START',
  maxWaitSeconds: 1800,
  enableWebAccess: true,
  enableDashboardAccess: true,
  tensorboard: 'projects/my-project/locations/us-central1/tensorboards/42',
  encryptionKeyName: 'projects/my-project/locations/us-central1/keyRings/r/cryptoKeys/k',
};

export const AUTOML_INPUTS: AutoMlDraft[] = [
  {
    kind: 'tabular',
    predictionType: 'classification',
    targetColumn: 'label',
    transformations: [
      {type: 'auto', columnName: 'a'},
      {type: 'numeric', columnName: 'b'},
    ],
    optimizationObjective: 'maximize-precision-at-recall',
    optimizationObjectiveRecallValue: 0.8,
    trainBudgetMilliNodeHours: 1000,
    disableEarlyStopping: false,
    weightColumnName: 'w',
  },
  {
    kind: 'forecasting',
    targetColumn: 'sales',
    timeColumn: 'date',
    timeSeriesIdentifierColumn: 'store',
    forecastHorizon: 30,
    dataGranularity: {unit: 'day', quantity: 1},
    transformations: [{type: 'timestamp', columnName: 'date'}],
    availableAtForecastColumns: ['date'],
    unavailableAtForecastColumns: ['sales'],
    trainBudgetMilliNodeHours: 2000,
    optimizationObjective: 'minimize-rmse',
    contextWindow: 30,
  },
  {kind: 'image-classification', modelType: 'CLOUD', budgetMilliNodeHours: 8000, multiLabel: true},
  {kind: 'image-object-detection', modelType: 'CLOUD_HIGH_ACCURACY_1', budgetMilliNodeHours: 20000},
  {kind: 'text-classification', multiLabel: false},
  {kind: 'text-extraction'},
  {kind: 'text-sentiment', sentimentMax: 4},
  {kind: 'video-classification', modelType: 'CLOUD'},
  {kind: 'video-action-recognition', modelType: 'MOBILE_CORAL_VERSATILE_1'},
  {kind: 'video-object-tracking', modelType: 'MOBILE_JETSON_LOW_LATENCY_1'},
];

/** A spread of valid drafts over every workflow and AutoML kind. */
export function computePool(replicaCount: number): WorkerPoolDraft {
  return {
    ...packagePool(replicaCount, {
      machineType: 'a2-highgpu-1g',
      acceleratorType: 'NVIDIA_TESLA_A100',
      acceleratorCount: 1,
      gpuPartitionSize: '3g.20gb',
      reservationAffinity: {
        reservationAffinityType: 'SPECIFIC_RESERVATION',
        key: 'compute.googleapis.com/reservation-name',
        values: ['projects/my-project/zones/us-central1-a/reservations/a100-res'],
      },
    }),
    bootDiskType: 'pd-ssd',
    nfsMounts: [{server: '10.0.0.2', path: '/share', mountPoint: 'data'}],
    lustreMounts: [
      {
        instanceIp: '10.0.0.3',
        volumeHandle: 'my-project/us-central1-a/lfs',
        filesystem: 'lfs',
        mountPoint: 'scratch',
      },
    ],
  };
}

export function sampleDrafts(): {name: string; draft: JobDraft}[] {
  const drafts: {name: string; draft: JobDraft}[] = [
    {name: 'custom job, one pool', draft: baseDraft()},
    {
      name: 'custom job, four pools with gap and every option',
      draft: baseDraft({
        workerPools: [packagePool(), packagePool(3), undefined, containerPool(1)],
        ...FULL_OPTIONS,
      }),
    },
    {
      // Every compute option of issue 25, in the shapes of custom_job.proto / machine_resources.proto.
      name: 'custom job, reserved A100s with mounts, private networking and flex-start',
      draft: baseDraft({
        workerPools: [computePool(1), computePool(2)],
        schedulingStrategy: 'FLEX_START',
        maxWaitSeconds: 1800,
        network: 'projects/123/global/networks/vpc',
        reservedIpRanges: ['vertex-ai-ip-range'],
        pscInterfaceConfig: {networkAttachment: 'my-attachment'},
        persistentResourceId: 'my-pool',
        enableWebAccess: true,
        enableDashboardAccess: true,
      }),
    },
    {
      name: 'custom job on TPU v5e',
      draft: baseDraft({
        workerPools: [
          {
            ...containerPool(),
            machine: {machineType: 'ct5lp-hightpu-4t', tpuTopology: '4x4'},
            bootDiskType: undefined,
            bootDiskSizeGb: undefined,
          },
        ],
      }),
    },
    {
      name: 'tuning job',
      draft: baseDraft({workflow: 'hyperparameter-tuning-job', study: STUDY, ...FULL_OPTIONS}),
    },
    {
      name: 'pipeline, custom task, fraction split to GCS',
      draft: baseDraft({
        workflow: 'training-pipeline',
        baseOutputDirectory: 'gs://my-bucket/out/',
        modelDisplayName: 'model-1',
        modelContainer: {
          imageUri: 'us-docker.pkg.dev/vertex-ai/prediction/tf2-cpu.2-15:latest',
          predictRoute: '/predict',
          healthRoute: '/health',
          port: 8501,
        },
        dataset: {
          kind: 'managed',
          datasetId: '1234',
          split: {kind: 'fraction', training: 0.8, validation: 0.1, test: 0.1},
          destination: {kind: 'gcs', outputUriPrefix: 'gs://my-bucket/data/'},
        },
      }),
    },
    {
      name: 'pipeline, custom task with tuning, predefined split to BigQuery',
      draft: baseDraft({
        workflow: 'training-pipeline',
        study: STUDY,
        ...FULL_OPTIONS,
        dataset: {
          kind: 'managed',
          datasetId: '99',
          split: {kind: 'predefined', key: 'ml_use'},
          destination: {kind: 'bigquery', outputUri: 'bq://my-project'},
          annotationsFilter: 'labels.x=y',
        },
      }),
    },
  ];
  AUTOML_INPUTS.forEach((automl, i) => {
    drafts.push({
      name: `AutoML ${automl.kind}`,
      draft: baseDraft({
        trainingType: 'automl',
        workflow: 'training-pipeline',
        automl,
        // AutoML picks its own machines: its drafts carry the placeholder pool import gives them.
        workerPools: [defaultWorkerPool()],
        timeoutSeconds: undefined,
        modelDisplayName: `model-${automl.kind}`,
        dataset: {
          kind: 'managed',
          datasetId: String(100 + i),
          split:
            i % 3 === 0
              ? {kind: 'filter', training: 'a', validation: 'b', test: 'c'}
              : i % 3 === 1
                ? {kind: 'timestamp', training: 0.7, validation: 0.2, test: 0.1, key: 'ts'}
                : undefined,
        },
      }),
    });
  });
  return drafts;
}
