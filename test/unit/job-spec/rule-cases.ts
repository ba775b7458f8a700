// One failing and one passing draft per validation rule (used by the rule tests and by the wizard's
// step-model and field tests). Each case states the rule id, a draft that breaks it (and the field
// path the problem must name) and a close draft that satisfies it.
import {
  reductionServerImageUri,
  type JobDraft,
  type WorkerPoolDraft,
} from '../../../source/core/job-spec/index.js';
import {COMPUTE_CASES} from './compute-rule-cases.js';
import {AUTOML_INPUTS, baseDraft, containerPool, packagePool, STUDY} from './fixtures.js';
import {MODEL_CASES} from './model-rule-cases.js';

export const TODAY = new Date('2026-01-01');

export interface RuleCase {
  rule: string;
  path: string;
  bad: JobDraft;
  good: JobDraft;
  today?: Date;
  goodToday?: Date;
  /** Extra check of the message or fix for rules where the wording matters. */
  message?: RegExp;
}

function pools(...list: (WorkerPoolDraft | undefined)[]): Pick<JobDraft, 'workerPools'> {
  return {workerPools: list as JobDraft['workerPools']};
}

function withPool(patch: Partial<WorkerPoolDraft>, index = 0): JobDraft {
  const draft = baseDraft();
  const list = [...draft.workerPools] as (WorkerPoolDraft | undefined)[];
  list[index] = {...(list[index] ?? packagePool(2)), ...patch};
  return {...draft, ...pools(...list)};
}

function withMachine(machine: WorkerPoolDraft['machine']): JobDraft {
  return withPool({machine});
}

function withTask(patch: Record<string, unknown>): JobDraft {
  const draft = baseDraft();
  const pool = draft.workerPools[0];
  return {...draft, ...pools({...pool, task: {...pool.task, ...patch} as WorkerPoolDraft['task']})};
}

function withContainer(patch: Record<string, unknown>): JobDraft {
  const pool = containerPool();
  return {
    ...baseDraft(),
    ...pools({...pool, task: {...pool.task, ...patch} as WorkerPoolDraft['task']}),
  };
}

export const tuning = (study: Partial<typeof STUDY>): JobDraft =>
  baseDraft({workflow: 'hyperparameter-tuning-job', study: {...STUDY, ...study}});

export const automl = (patch: Partial<JobDraft> = {}, input = AUTOML_INPUTS[0]): JobDraft =>
  baseDraft({
    trainingType: 'automl',
    workflow: 'training-pipeline',
    automl: input,
    dataset: {kind: 'managed', datasetId: '123'},
    ...patch,
  });

const tabular = (patch: Record<string, unknown>) =>
  automl({}, {...AUTOML_INPUTS[0], ...patch} as JobDraft['automl']);

export const pipeline = (
  dataset: Partial<Extract<JobDraft['dataset'], {kind: 'managed'}>>,
): JobDraft =>
  baseDraft({
    workflow: 'training-pipeline',
    dataset: {kind: 'managed', datasetId: '123', ...dataset},
  });

const gpuPool = (replicaCount: number, image?: string): WorkerPoolDraft => {
  const pool = packagePool(replicaCount);
  return image
    ? {...pool, task: {...pool.task, executorImageUri: image} as WorkerPoolDraft['task']}
    : pool;
};
const rsPool = (patch: Partial<WorkerPoolDraft['machine']> = {}): WorkerPoolDraft => ({
  machine: {machineType: 'n1-highcpu-16', ...patch},
  replicaCount: 4,
  task: {
    kind: 'container',
    imageUri: reductionServerImageUri('us-central1'),
    command: [],
    args: [],
    env: [],
  },
});
const SKLEARN_GPU = 'us-docker.pkg.dev/vertex-ai/training/sklearn-gpu.1-6:latest';

const labels = (n: number) => Object.fromEntries(Array.from({length: n}, (_, i) => [`k${i}`, 'v']));
const envs = (n: number) => Array.from({length: n}, (_, i) => ({name: `V${i}`, value: 'x'}));
const uris = (n: number) => Array.from({length: n}, (_, i) => `gs://my-bucket/p${i}.tar.gz`);
const discrete = (n: number) => Array.from({length: n}, (_, i) => i + 1);

export const CASES: RuleCase[] = [
  // Identity and options
  {
    rule: 'display-name-required',
    path: 'displayName',
    bad: baseDraft({displayName: ' '}),
    good: baseDraft({displayName: 'x'}),
  },
  {
    rule: 'display-name-length',
    path: 'displayName',
    bad: baseDraft({displayName: 'é'.repeat(129)}),
    good: baseDraft({displayName: 'é'.repeat(128)}),
  },
  {
    rule: 'label-count',
    path: 'labels',
    bad: baseDraft({labels: labels(65)}),
    good: baseDraft({labels: labels(64)}),
  },
  {
    rule: 'label-key-format',
    path: 'labels.Team',
    bad: baseDraft({labels: {Team: 'ml'}}),
    good: baseDraft({labels: {team: 'ml'}}),
  },
  {
    rule: 'label-value-format',
    path: 'labels.team',
    bad: baseDraft({labels: {team: 'ML'}}),
    good: baseDraft({labels: {team: 'ml'}}),
  },
  {
    rule: 'region-known',
    path: 'region',
    bad: baseDraft({region: 'mars-central1'}),
    good: baseDraft({region: 'europe-west4'}),
  },
  {
    rule: 'timeout-default',
    path: 'timeout',
    bad: baseDraft({timeoutSeconds: undefined}),
    good: baseDraft({timeoutSeconds: 3600}),
  },
  {
    rule: 'timeout-format',
    path: 'timeout',
    bad: baseDraft({timeoutSeconds: 1.5}),
    good: baseDraft({timeoutSeconds: 2}),
  },
  {
    rule: 'timeout-format',
    path: 'timeout',
    bad: baseDraft({timeoutSeconds: 604_801}),
    good: baseDraft({timeoutSeconds: 604_800}),
  },
  {
    rule: 'max-wait-strategy',
    path: 'scheduling.maxWaitDuration',
    bad: baseDraft({schedulingStrategy: 'SPOT', maxWaitSeconds: 60}),
    good: baseDraft({schedulingStrategy: 'FLEX_START', maxWaitSeconds: 60}),
  },
  {
    rule: 'max-wait-format',
    path: 'scheduling.maxWaitDuration',
    bad: baseDraft({schedulingStrategy: 'FLEX_START', maxWaitSeconds: -1}),
    good: baseDraft({schedulingStrategy: 'FLEX_START', maxWaitSeconds: 0}),
  },
  {
    rule: 'output-dir-format',
    path: 'baseOutputDirectory.outputUriPrefix',
    bad: baseDraft({baseOutputDirectory: 'my-bucket/out'}),
    good: baseDraft({baseOutputDirectory: 'gs://my-bucket/out'}),
  },
  {
    rule: 'service-account-format',
    path: 'serviceAccount',
    bad: baseDraft({serviceAccount: 'trainer'}),
    good: baseDraft({serviceAccount: 'trainer@p.iam.gserviceaccount.com'}),
  },
  {
    rule: 'network-format',
    path: 'network',
    bad: baseDraft({network: 'projects/my-project/global/networks/vpc'}),
    good: baseDraft({network: 'projects/123/global/networks/vpc'}),
  },
  {
    rule: 'tensorboard-format',
    path: 'tensorboard',
    bad: baseDraft({tensorboard: 'tb-1', baseOutputDirectory: 'gs://my-bucket/o'}),
    good: baseDraft({
      tensorboard: 'projects/p/locations/us-central1/tensorboards/1',
      baseOutputDirectory: 'gs://my-bucket/o',
    }),
  },
  {
    rule: 'tensorboard-output-dir',
    path: 'baseOutputDirectory.outputUriPrefix',
    bad: baseDraft({tensorboard: 'projects/p/locations/us-central1/tensorboards/1'}),
    good: baseDraft({
      tensorboard: 'projects/p/locations/us-central1/tensorboards/1',
      baseOutputDirectory: 'gs://my-bucket/o',
    }),
  },
  {
    rule: 'kms-key-format',
    path: 'encryptionSpec.kmsKeyName',
    bad: baseDraft({encryptionKeyName: 'my-key'}),
    good: baseDraft({
      encryptionKeyName: 'projects/p/locations/us-central1/keyRings/r/cryptoKeys/k',
    }),
  },
  {
    rule: 'kms-key-region',
    path: 'encryptionSpec.kmsKeyName',
    bad: baseDraft({
      encryptionKeyName: 'projects/p/locations/europe-west4/keyRings/r/cryptoKeys/k',
    }),
    good: baseDraft({
      encryptionKeyName: 'projects/p/locations/us-central1/keyRings/r/cryptoKeys/k',
    }),
  },
  // Pool layout
  {
    rule: 'primary-pool-required',
    path: 'workerPools[0]',
    bad: baseDraft(pools(undefined, packagePool(2))),
    good: baseDraft(pools(packagePool(), packagePool(2))),
  },
  {
    rule: 'primary-replica-count',
    path: 'workerPools[0].replicaCount',
    bad: withPool({replicaCount: 2}),
    good: withPool({replicaCount: 1}),
    message: /exactly 1 replica/,
  },
  {
    rule: 'pool-count',
    path: 'workerPools',
    bad: baseDraft(
      pools(packagePool(), packagePool(), packagePool(), packagePool(), packagePool()),
    ),
    good: baseDraft(pools(packagePool(), packagePool(), packagePool(), packagePool())),
  },
  {
    rule: 'replica-count',
    path: 'workerPools[1].replicaCount',
    bad: withPool({replicaCount: 0}, 1),
    good: withPool({replicaCount: 3}, 1),
  },
  // Machines and accelerators
  {
    rule: 'machine-type-required',
    path: 'workerPools[0].machineSpec.machineType',
    bad: withMachine({machineType: ''}),
    good: withMachine({machineType: 'n1-standard-4'}),
  },
  {
    rule: 'machine-type-known',
    path: 'workerPools[0].machineSpec.machineType',
    bad: withMachine({machineType: 'n9-mega-1'}),
    good: withMachine({machineType: 'n2-standard-8'}),
  },
  {
    rule: 'accelerator-pairing',
    path: 'workerPools[0].machineSpec.acceleratorCount',
    bad: withMachine({machineType: 'n1-standard-8', acceleratorType: 'NVIDIA_TESLA_T4'}),
    good: withMachine({
      machineType: 'n1-standard-8',
      acceleratorType: 'NVIDIA_TESLA_T4',
      acceleratorCount: 1,
    }),
  },
  {
    rule: 'accelerator-pairing',
    path: 'workerPools[0].machineSpec.acceleratorType',
    bad: withMachine({machineType: 'n1-standard-8', acceleratorCount: 1}),
    good: withMachine({machineType: 'n1-standard-8'}),
  },
  {
    rule: 'accelerator-count-format',
    path: 'workerPools[0].machineSpec.acceleratorCount',
    bad: withMachine({
      machineType: 'n1-standard-8',
      acceleratorType: 'NVIDIA_TESLA_T4',
      acceleratorCount: 1.5,
    }),
    good: withMachine({
      machineType: 'n1-standard-8',
      acceleratorType: 'NVIDIA_TESLA_T4',
      acceleratorCount: 2,
    }),
  },
  {
    rule: 'accelerator-known',
    path: 'workerPools[0].machineSpec.acceleratorType',
    bad: withMachine({
      machineType: 'n1-standard-8',
      acceleratorType: 'NVIDIA_TESLA_T5',
      acceleratorCount: 1,
    }),
    good: withMachine({
      machineType: 'n1-standard-8',
      acceleratorType: 'NVIDIA_TESLA_T4',
      acceleratorCount: 1,
    }),
  },
  {
    rule: 'accelerator-deprecated',
    path: 'workerPools[0].machineSpec.acceleratorType',
    bad: withMachine({
      machineType: 'n1-standard-8',
      acceleratorType: 'NVIDIA_TESLA_K80',
      acceleratorCount: 1,
    }),
    good: withMachine({
      machineType: 'n1-standard-8',
      acceleratorType: 'NVIDIA_TESLA_V100',
      acceleratorCount: 1,
    }),
  },
  {
    rule: 'accelerator-end-of-support',
    path: 'workerPools[0].machineSpec.acceleratorType',
    bad: withMachine({
      machineType: 'n1-standard-8',
      acceleratorType: 'NVIDIA_TESLA_P100',
      acceleratorCount: 1,
    }),
    today: new Date('2026-08-01'),
    good: withMachine({
      machineType: 'n1-standard-8',
      acceleratorType: 'NVIDIA_TESLA_P100',
      acceleratorCount: 1,
    }),
    goodToday: new Date('2026-01-01'),
  },
  {
    rule: 'machine-accelerator',
    path: 'workerPools[0].machineSpec.acceleratorType',
    bad: withMachine({
      machineType: 'e2-standard-4',
      acceleratorType: 'NVIDIA_TESLA_T4',
      acceleratorCount: 1,
    }),
    good: withMachine({
      machineType: 'n1-standard-4',
      acceleratorType: 'NVIDIA_TESLA_T4',
      acceleratorCount: 1,
    }),
  },
  {
    rule: 'machine-accelerator',
    path: 'workerPools[0].machineSpec.acceleratorType',
    bad: withMachine({
      machineType: 'g2-standard-8',
      acceleratorType: 'NVIDIA_TESLA_T4',
      acceleratorCount: 1,
    }),
    good: withMachine({
      machineType: 'g2-standard-8',
      acceleratorType: 'NVIDIA_L4',
      acceleratorCount: 1,
    }),
  },
  {
    rule: 'machine-accelerator',
    path: 'workerPools[0].machineSpec.acceleratorType',
    bad: withMachine({machineType: 'a3-highgpu-8g'}),
    good: withMachine({
      machineType: 'a3-highgpu-8g',
      acceleratorType: 'NVIDIA_H100_80GB',
      acceleratorCount: 8,
    }),
    message: /NVIDIA_H100_80GB × 8/,
  },
  {
    rule: 'accelerator-count-allowed',
    path: 'workerPools[0].machineSpec.acceleratorCount',
    bad: withMachine({
      machineType: 'a2-highgpu-2g',
      acceleratorType: 'NVIDIA_TESLA_A100',
      acceleratorCount: 1,
    }),
    good: withMachine({
      machineType: 'a2-highgpu-2g',
      acceleratorType: 'NVIDIA_TESLA_A100',
      acceleratorCount: 2,
    }),
    message: /a2-highgpu-2g needs NVIDIA_TESLA_A100 × 2; you chose × 1/,
  },
  {
    rule: 'accelerator-count-allowed',
    path: 'workerPools[0].machineSpec.acceleratorCount',
    bad: withMachine({
      machineType: 'n1-standard-8',
      acceleratorType: 'NVIDIA_TESLA_T4',
      acceleratorCount: 3,
    }),
    good: withMachine({
      machineType: 'n1-standard-8',
      acceleratorType: 'NVIDIA_TESLA_T4',
      acceleratorCount: 4,
    }),
  },
  {
    rule: 'accelerator-count-allowed',
    path: 'workerPools[0].machineSpec.acceleratorCount',
    bad: withMachine({
      machineType: 'a4-highgpu-8g',
      acceleratorType: 'NVIDIA_B200',
      acceleratorCount: 4,
    }),
    good: withMachine({
      machineType: 'a4-highgpu-8g',
      acceleratorType: 'NVIDIA_B200',
      acceleratorCount: 8,
    }),
  },
  {
    rule: 'accelerator-count-allowed',
    path: 'workerPools[0].machineSpec.acceleratorCount',
    bad: withMachine({
      machineType: 'g4-standard-96',
      acceleratorType: 'NVIDIA_RTX_PRO_6000',
      acceleratorCount: 1,
    }),
    good: withMachine({
      machineType: 'g4-standard-96',
      acceleratorType: 'NVIDIA_RTX_PRO_6000',
      acceleratorCount: 2,
    }),
  },
  {
    rule: 'gpu-small-n1',
    path: 'workerPools[0].machineSpec.machineType',
    bad: withMachine({
      machineType: 'n1-highmem-2',
      acceleratorType: 'NVIDIA_TESLA_T4',
      acceleratorCount: 1,
    }),
    good: withMachine({
      machineType: 'n1-highmem-4',
      acceleratorType: 'NVIDIA_TESLA_T4',
      acceleratorCount: 1,
    }),
  },
  // TPUs
  {
    rule: 'tpu-topology',
    path: 'workerPools[0].machineSpec.tpuTopology',
    bad: withMachine({machineType: 'ct5lp-hightpu-4t'}),
    good: withMachine({machineType: 'ct5lp-hightpu-4t', tpuTopology: '4x4'}),
  },
  {
    rule: 'tpu-topology',
    path: 'workerPools[0].machineSpec.tpuTopology',
    bad: withMachine({machineType: 'ct6e-standard-8t', tpuTopology: '4x4'}),
    good: withMachine({machineType: 'ct6e-standard-8t', tpuTopology: '2x4'}),
  },
  {
    rule: 'tpu-topology',
    path: 'workerPools[0].machineSpec.tpuTopology',
    bad: withMachine({machineType: 'n1-standard-8', tpuTopology: '2x2'}),
    good: withMachine({machineType: 'n1-standard-8'}),
  },
  {
    rule: 'tpu-single-pool',
    path: 'workerPools[1]',
    bad: baseDraft(
      pools(
        {
          ...packagePool(),
          machine: {machineType: 'cloud-tpu', acceleratorType: 'TPU_V3', acceleratorCount: 8},
        },
        packagePool(2),
      ),
    ),
    good: baseDraft(
      pools({
        ...packagePool(),
        machine: {machineType: 'cloud-tpu', acceleratorType: 'TPU_V3', acceleratorCount: 8},
      }),
    ),
  },
  {
    rule: 'tpu-single-replica',
    path: 'workerPools[1].replicaCount',
    bad: baseDraft(
      pools(packagePool(), {
        ...packagePool(2),
        machine: {machineType: 'cloud-tpu', acceleratorType: 'TPU_V2', acceleratorCount: 8},
      }),
    ),
    good: baseDraft(
      pools(packagePool(), {
        ...packagePool(1),
        machine: {machineType: 'cloud-tpu', acceleratorType: 'TPU_V2', acceleratorCount: 8},
      }),
    ),
  },
  // Disks
  {
    rule: 'disk-type',
    path: 'workerPools[0].diskSpec.bootDiskType',
    bad: withPool({bootDiskType: 'pd-balanced'}),
    good: withPool({bootDiskType: 'hyperdisk-balanced'}),
  },
  {
    rule: 'disk-size',
    path: 'workerPools[0].diskSpec.bootDiskSizeGb',
    bad: withPool({bootDiskSizeGb: 99}),
    good: withPool({bootDiskSizeGb: 100}),
  },
  {
    rule: 'disk-size',
    path: 'workerPools[0].diskSpec.bootDiskSizeGb',
    bad: withPool({bootDiskSizeGb: 64_001}),
    good: withPool({bootDiskSizeGb: 64_000}),
  },
  // Tasks
  {
    rule: 'task-exclusive',
    path: 'workerPools[0]',
    bad: withTask({imageUri: 'gcr.io/p/i:1'}),
    good: withTask({}),
  },
  {
    rule: 'list-fields',
    path: 'workerPools[0].pythonPackageSpec.args',
    bad: withTask({args: '--epochs=3'}),
    good: withTask({args: ['--epochs=3']}),
  },
  {
    rule: 'list-fields',
    path: 'workerPools[0].containerSpec.command',
    bad: withContainer({command: 'python -m trainer'}),
    good: withContainer({command: ['python', '-m', 'trainer']}),
  },
  {
    rule: 'env-limit',
    path: 'workerPools[0].pythonPackageSpec.env',
    bad: withTask({env: envs(101)}),
    good: withTask({env: envs(100)}),
  },
  {
    rule: 'env-name',
    path: 'workerPools[0].pythonPackageSpec.env[1].name',
    bad: withTask({
      env: [
        {name: 'A', value: '1'},
        {name: 'A', value: '2'},
      ],
    }),
    good: withTask({
      env: [
        {name: 'A', value: '1'},
        {name: 'B', value: '2'},
      ],
    }),
  },
  {
    rule: 'args-length',
    path: 'workerPools[0].pythonPackageSpec.args',
    bad: withTask({args: ['x'.repeat(60_000), 'y'.repeat(40_001)]}),
    good: withTask({args: ['x'.repeat(60_000), 'y'.repeat(40_000)]}),
  },
  {
    rule: 'python-module-required',
    path: 'workerPools[0].pythonPackageSpec.pythonModule',
    bad: withTask({pythonModule: ''}),
    good: withTask({pythonModule: 'trainer.task'}),
  },
  {
    rule: 'package-required',
    path: 'workerPools[0].pythonPackageSpec.packageUris',
    bad: withTask({packageUris: []}),
    good: withTask({packageUris: [], localPackagePath: '/src/trainer'}),
  },
  {
    rule: 'package-uris-limit',
    path: 'workerPools[0].pythonPackageSpec.packageUris',
    bad: withTask({packageUris: uris(101)}),
    good: withTask({packageUris: uris(100)}),
  },
  {
    rule: 'package-uri-format',
    path: 'workerPools[0].pythonPackageSpec.packageUris[0]',
    bad: withTask({packageUris: ['https://x.example/p.tar.gz']}),
    good: withTask({packageUris: ['gs://my-bucket/p.tar.gz']}),
  },
  {
    rule: 'executor-image-prebuilt',
    path: 'workerPools[0].pythonPackageSpec.executorImageUri',
    bad: withTask({
      executorImageUri: 'us-docker.pkg.dev/vertex-ai/training/pytorch-gpu.2-4.py310:2024',
    }),
    good: withTask({
      executorImageUri: 'us-docker.pkg.dev/vertex-ai/training/pytorch-gpu.2-4.py310:latest',
    }),
    message: /:latest/,
  },
  {
    rule: 'image-end-of-availability',
    path: 'workerPools[0].pythonPackageSpec.executorImageUri',
    // Said as a warning for Vertex AI; the local emulator never pulls the image (catalog-note.ts).
    bad: baseDraft({backend: 'vertex'}),
    today: new Date('2026-08-01'),
    good: baseDraft(),
    goodToday: new Date('2026-07-01'),
  },
  {
    rule: 'image-end-of-support',
    path: 'workerPools[0].pythonPackageSpec.executorImageUri',
    // Said as a warning for Vertex AI; the local emulator never pulls the image (catalog-note.ts).
    bad: baseDraft({backend: 'vertex'}),
    today: new Date('2026-01-01'),
    good: baseDraft(),
    goodToday: new Date('2025-01-01'),
  },
  {
    rule: 'container-image-required',
    path: 'workerPools[0].containerSpec.imageUri',
    bad: withContainer({imageUri: ''}),
    good: withContainer({imageUri: 'gcr.io/p/i:1'}),
  },
  {
    rule: 'image-latest-drift',
    path: 'workerPools[0].containerSpec.imageUri',
    bad: withContainer({imageUri: 'gcr.io/p/trainer:latest'}),
    good: withContainer({imageUri: 'gcr.io/p/trainer:1.0'}),
  },
  {
    rule: 'image-latest-drift',
    path: 'workerPools[0].containerSpec.imageUri',
    bad: withContainer({imageUri: 'localhost:5000/trainer'}),
    good: withContainer({imageUri: 'gcr.io/p/trainer@sha256:abc'}),
  },
  // Reduction Server
  {
    rule: 'reduction-server-pool',
    path: 'workerPools[1].containerSpec.imageUri',
    bad: baseDraft(pools(gpuPool(1), rsPool())),
    good: baseDraft(pools(gpuPool(1), gpuPool(2), rsPool())),
  },
  {
    rule: 'reduction-server-cpu',
    path: 'workerPools[2].machineSpec.acceleratorType',
    bad: baseDraft(
      pools(
        gpuPool(1),
        gpuPool(2),
        rsPool({
          machineType: 'n1-standard-16',
          acceleratorType: 'NVIDIA_TESLA_T4',
          acceleratorCount: 1,
        }),
      ),
    ),
    good: baseDraft(pools(gpuPool(1), gpuPool(2), rsPool())),
  },
  {
    rule: 'reduction-server-gpu-workers',
    path: 'workerPools[1]',
    bad: baseDraft(pools(gpuPool(1), undefined, rsPool())),
    good: baseDraft(pools(gpuPool(1), gpuPool(2), rsPool())),
  },
  {
    rule: 'reduction-server-gpu-workers',
    path: 'workerPools[1].machineSpec.acceleratorType',
    bad: baseDraft(
      pools(gpuPool(1), {...gpuPool(2), machine: {machineType: 'n1-standard-8'}}, rsPool()),
    ),
    good: baseDraft(pools(gpuPool(1), gpuPool(2), rsPool())),
  },
  {
    rule: 'reduction-server-nccl',
    path: 'workerPools[0]',
    bad: baseDraft(pools(gpuPool(1, SKLEARN_GPU), gpuPool(2, SKLEARN_GPU), rsPool())),
    good: baseDraft(pools(gpuPool(1), gpuPool(2), rsPool())),
  },
  // Hyperparameter study
  {
    rule: 'study-required',
    path: 'studySpec',
    bad: baseDraft({workflow: 'hyperparameter-tuning-job'}),
    good: tuning({}),
  },
  {rule: 'study-unused', path: 'studySpec', bad: baseDraft({study: STUDY}), good: baseDraft()},
  {
    rule: 'study-metrics-required',
    path: 'studySpec.metrics',
    bad: tuning({metrics: []}),
    good: tuning({metrics: [{metricId: 'loss', goal: 'MINIMIZE'}]}),
  },
  {
    rule: 'metric-id-format',
    path: 'studySpec.metrics[0].metricId',
    bad: tuning({metrics: [{metricId: 'val loss', goal: 'MINIMIZE'}]}),
    good: tuning({metrics: [{metricId: 'val_loss', goal: 'MINIMIZE'}]}),
  },
  {
    rule: 'metric-id-unique',
    path: 'studySpec.metrics[1].metricId',
    bad: tuning({
      metrics: [
        {metricId: 'a', goal: 'MINIMIZE'},
        {metricId: 'a', goal: 'MAXIMIZE'},
      ],
    }),
    good: tuning({
      metrics: [
        {metricId: 'a', goal: 'MINIMIZE'},
        {metricId: 'b', goal: 'MAXIMIZE'},
      ],
    }),
  },
  {
    rule: 'study-parameters-required',
    path: 'studySpec.parameters',
    bad: tuning({parameters: []}),
    good: tuning({parameters: [{kind: 'integer', parameterId: 'n', min: 1, max: 2}]}),
  },
  {
    rule: 'parameter-id-format',
    path: 'studySpec.parameters[0].parameterId',
    bad: tuning({parameters: [{kind: 'integer', parameterId: 'batch size', min: 1, max: 2}]}),
    good: tuning({parameters: [{kind: 'integer', parameterId: 'batch_size', min: 1, max: 2}]}),
  },
  {
    rule: 'parameter-id-unique',
    path: 'studySpec.parameters[2].conditionalParameterSpecs[0].parameterSpec.parameterId',
    bad: tuning({
      parameters: [
        STUDY.parameters[0]!,
        STUDY.parameters[1]!,
        {
          kind: 'integer',
          parameterId: 'layers',
          min: 1,
          max: 8,
          conditions: [
            {parentValues: [4], parameter: {kind: 'double', parameterId: 'lr', min: 0, max: 1}},
          ],
        },
      ],
    }),
    good: tuning({}),
  },
  {
    rule: 'grid-search-types',
    path: 'studySpec.parameters[0]',
    bad: tuning({
      algorithm: 'GRID_SEARCH',
      parameters: [{kind: 'double', parameterId: 'lr', min: 0.1, max: 0.2}],
    }),
    good: tuning({
      algorithm: 'GRID_SEARCH',
      parameters: [{kind: 'discrete', parameterId: 'lr', values: [0.1, 0.2]}],
    }),
  },
  {
    rule: 'parameter-range-order',
    path: 'studySpec.parameters[0].doubleValueSpec',
    bad: tuning({parameters: [{kind: 'double', parameterId: 'lr', min: 0.2, max: 0.1}]}),
    good: tuning({parameters: [{kind: 'double', parameterId: 'lr', min: 0.1, max: 0.2}]}),
  },
  {
    rule: 'parameter-range-order',
    path: 'studySpec.parameters[0].integerValueSpec',
    bad: tuning({parameters: [{kind: 'integer', parameterId: 'n', min: 1.5, max: 4}]}),
    good: tuning({parameters: [{kind: 'integer', parameterId: 'n', min: 1, max: 4}]}),
  },
  {
    rule: 'log-scale-positive',
    path: 'studySpec.parameters[0].doubleValueSpec.minValue',
    bad: tuning({
      parameters: [{kind: 'double', parameterId: 'lr', min: 0, max: 1, scale: 'UNIT_LOG_SCALE'}],
    }),
    good: tuning({
      parameters: [{kind: 'double', parameterId: 'lr', min: 1e-6, max: 1, scale: 'UNIT_LOG_SCALE'}],
    }),
  },
  {
    rule: 'log-scale-positive',
    path: 'studySpec.parameters[0].discreteValueSpec.values',
    bad: tuning({
      parameters: [
        {kind: 'discrete', parameterId: 'd', values: [0, 1], scale: 'UNIT_REVERSE_LOG_SCALE'},
      ],
    }),
    good: tuning({
      parameters: [
        {kind: 'discrete', parameterId: 'd', values: [0.5, 1], scale: 'UNIT_REVERSE_LOG_SCALE'},
      ],
    }),
  },
  {
    rule: 'categorical-values',
    path: 'studySpec.parameters[0].categoricalValueSpec.values',
    bad: tuning({parameters: [{kind: 'categorical', parameterId: 'o', values: ['a', 'a']}]}),
    good: tuning({parameters: [{kind: 'categorical', parameterId: 'o', values: ['a', 'b']}]}),
  },
  {
    rule: 'categorical-scale',
    path: 'studySpec.parameters[0].scaleType',
    bad: tuning({
      parameters: [
        {kind: 'categorical', parameterId: 'o', values: ['a'], scale: 'UNIT_LINEAR_SCALE'},
      ],
    }),
    good: tuning({parameters: [{kind: 'categorical', parameterId: 'o', values: ['a']}]}),
  },
  {
    rule: 'discrete-values-order',
    path: 'studySpec.parameters[0].discreteValueSpec.values',
    bad: tuning({parameters: [{kind: 'discrete', parameterId: 'd', values: [1, 0.5]}]}),
    good: tuning({parameters: [{kind: 'discrete', parameterId: 'd', values: [0.5, 1]}]}),
    message: /increasing/,
  },
  {
    rule: 'discrete-values-limit',
    path: 'studySpec.parameters[0].discreteValueSpec.values',
    bad: tuning({parameters: [{kind: 'discrete', parameterId: 'd', values: discrete(1001)}]}),
    good: tuning({parameters: [{kind: 'discrete', parameterId: 'd', values: discrete(1000)}]}),
  },
  {
    rule: 'conditional-parent-values',
    path: 'studySpec.parameters[0].conditionalParameterSpecs[0].parentValues',
    bad: tuning({
      parameters: [
        {
          kind: 'categorical',
          parameterId: 'o',
          values: ['adam', 'sgd'],
          conditions: [
            {
              parentValues: ['rmsprop'],
              parameter: {kind: 'double', parameterId: 'm', min: 0, max: 1},
            },
          ],
        },
      ],
    }),
    good: tuning({
      parameters: [
        {
          kind: 'categorical',
          parameterId: 'o',
          values: ['adam', 'sgd'],
          conditions: [
            {parentValues: ['sgd'], parameter: {kind: 'double', parameterId: 'm', min: 0, max: 1}},
          ],
        },
      ],
    }),
  },
  {
    rule: 'conditional-parent-values',
    path: 'studySpec.parameters[0].conditionalParameterSpecs[0].parentValues',
    bad: tuning({
      parameters: [
        {
          kind: 'double',
          parameterId: 'x',
          min: 0,
          max: 1,
          conditions: [
            {parentValues: [0.5], parameter: {kind: 'double', parameterId: 'm', min: 0, max: 1}},
          ],
        },
      ],
    }),
    good: tuning({
      parameters: [
        {
          kind: 'discrete',
          parameterId: 'x',
          values: [0.5, 1],
          conditions: [
            {parentValues: [0.5], parameter: {kind: 'double', parameterId: 'm', min: 0, max: 1}},
          ],
        },
      ],
    }),
  },
  {
    rule: 'trial-counts',
    path: 'maxTrialCount',
    bad: tuning({maxTrialCount: 0, parallelTrialCount: 1}),
    good: tuning({maxTrialCount: 1, parallelTrialCount: 1}),
  },
  {
    rule: 'parallel-le-max',
    path: 'parallelTrialCount',
    bad: tuning({maxTrialCount: 4, parallelTrialCount: 5}),
    good: tuning({maxTrialCount: 4, parallelTrialCount: 4}),
  },
  {
    rule: 'max-failed-trials',
    path: 'maxFailedTrialCount',
    bad: tuning({maxFailedTrialCount: -1}),
    good: tuning({maxFailedTrialCount: 0}),
  },
  // AutoML
  {
    rule: 'automl-workflow',
    path: 'workflow',
    bad: automl({workflow: 'custom-job'}),
    good: automl(),
  },
  {
    rule: 'automl-inputs-required',
    path: 'trainingTaskInputs',
    bad: automl({automl: undefined}),
    good: automl(),
  },
  {
    rule: 'automl-dataset-required',
    path: 'inputDataConfig.datasetId',
    bad: automl({dataset: {kind: 'none'}}),
    good: automl(),
  },
  {
    rule: 'automl-target-column',
    path: 'trainingTaskInputs.targetColumn',
    bad: tabular({targetColumn: ''}),
    good: tabular({targetColumn: 'y'}),
  },
  {
    rule: 'automl-tabular-budget',
    path: 'trainingTaskInputs.trainBudgetMilliNodeHours',
    bad: tabular({trainBudgetMilliNodeHours: 999}),
    good: tabular({trainBudgetMilliNodeHours: 1000}),
  },
  {
    rule: 'automl-tabular-budget',
    path: 'trainingTaskInputs.trainBudgetMilliNodeHours',
    bad: tabular({trainBudgetMilliNodeHours: 72_001}),
    good: tabular({trainBudgetMilliNodeHours: 72_000}),
  },
  {
    rule: 'automl-objective',
    path: 'trainingTaskInputs.optimizationObjective',
    bad: tabular({predictionType: 'regression', optimizationObjective: 'maximize-au-roc'}),
    good: tabular({predictionType: 'regression', optimizationObjective: 'minimize-rmse'}),
  },
  {
    rule: 'automl-objective',
    path: 'trainingTaskInputs.optimizationObjectiveRecallValue',
    bad: tabular({optimizationObjectiveRecallValue: undefined}),
    good: tabular({optimizationObjectiveRecallValue: 0.5}),
  },
  {
    rule: 'automl-objective',
    path: 'trainingTaskInputs.optimizationObjective',
    bad: automl({}, {
      ...AUTOML_INPUTS[1],
      optimizationObjective: 'maximize-au-roc',
    } as JobDraft['automl']),
    good: automl({}, AUTOML_INPUTS[1]),
  },
  {
    rule: 'automl-forecasting-granularity',
    path: 'trainingTaskInputs.dataGranularity',
    bad: automl({}, {
      ...AUTOML_INPUTS[1],
      dataGranularity: {unit: 'fortnight', quantity: 1},
    } as JobDraft['automl']),
    good: automl({}, {
      ...AUTOML_INPUTS[1],
      dataGranularity: {unit: 'week', quantity: 1},
    } as JobDraft['automl']),
  },
  {
    rule: 'automl-model-type',
    path: 'trainingTaskInputs.modelType',
    bad: automl(
      {},
      {
        kind: 'image-classification',
        modelType: 'CLOUD_HIGH_ACCURACY_1',
        budgetMilliNodeHours: 8000,
      },
    ),
    good: automl(
      {},
      {kind: 'image-classification', modelType: 'CLOUD', budgetMilliNodeHours: 8000},
    ),
  },
  {
    rule: 'automl-model-type',
    path: 'trainingTaskInputs.modelType',
    bad: automl({}, {kind: 'video-classification', modelType: 'MOBILE_CORAL_VERSATILE_1'}),
    good: automl({}, {kind: 'video-action-recognition', modelType: 'MOBILE_CORAL_VERSATILE_1'}),
  },
  {
    rule: 'automl-budget',
    path: 'trainingTaskInputs.budgetMilliNodeHours',
    bad: automl({}, {kind: 'image-classification', modelType: 'CLOUD', budgetMilliNodeHours: 0}),
    good: automl(
      {},
      {kind: 'image-classification', modelType: 'CLOUD', budgetMilliNodeHours: 8000},
    ),
  },
  {
    rule: 'automl-sentiment-max',
    path: 'trainingTaskInputs.sentimentMax',
    bad: automl({}, {kind: 'text-sentiment', sentimentMax: 11}),
    good: automl({}, {kind: 'text-sentiment', sentimentMax: 10}),
  },
  // Datasets
  {
    rule: 'dataset-workflow',
    path: 'inputDataConfig.datasetId',
    bad: baseDraft({dataset: {kind: 'managed', datasetId: '1'}}),
    good: pipeline({}),
  },
  {
    rule: 'dataset-id-format',
    path: 'inputDataConfig.datasetId',
    bad: pipeline({datasetId: 'my-dataset'}),
    good: pipeline({datasetId: '42'}),
  },
  {
    rule: 'split-fractions',
    path: 'inputDataConfig.fractionSplit',
    bad: pipeline({split: {kind: 'fraction', training: 0.8, validation: 0.3, test: 0.1}}),
    good: pipeline({split: {kind: 'fraction', training: 0.8, validation: 0.1, test: 0.1}}),
  },
  {
    rule: 'split-fractions',
    path: 'inputDataConfig.timestampSplit',
    bad: pipeline({
      split: {kind: 'timestamp', training: -0.1, validation: 0.1, test: 0.1, key: 't'},
    }),
    good: pipeline({
      split: {kind: 'timestamp', training: 0.1, validation: 0.1, test: 0.1, key: 't'},
    }),
  },
  {
    rule: 'split-key',
    path: 'inputDataConfig.predefinedSplit.key',
    bad: pipeline({split: {kind: 'predefined', key: ' '}}),
    good: pipeline({split: {kind: 'predefined', key: 'ml_use'}}),
  },
  {
    rule: 'split-filters',
    path: 'inputDataConfig.filterSplit',
    bad: pipeline({split: {kind: 'filter', training: 'a', validation: '', test: 'c'}}),
    good: pipeline({split: {kind: 'filter', training: 'a', validation: 'b', test: 'c'}}),
  },
  {
    rule: 'destination-format',
    path: 'inputDataConfig.gcsDestination.outputUriPrefix',
    bad: pipeline({destination: {kind: 'gcs', outputUriPrefix: 's3://b/x'}}),
    good: pipeline({destination: {kind: 'gcs', outputUriPrefix: 'gs://my-bucket/x/'}}),
  },
  {
    rule: 'destination-format',
    path: 'inputDataConfig.bigqueryDestination.outputUri',
    bad: pipeline({destination: {kind: 'bigquery', outputUri: 'my-project.ds'}}),
    good: pipeline({destination: {kind: 'bigquery', outputUri: 'bq://my-project.ds'}}),
  },
  ...MODEL_CASES,
  ...COMPUTE_CASES,
];
