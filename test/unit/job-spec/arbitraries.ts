// fast-check generators of valid drafts across the whole model: every workflow, pools with catalog
// machines and accelerators, studies with conditional parameters, datasets and AutoML inputs.
import fc from 'fast-check';
import {
  BUILTIN_CATALOG,
  DISK_TYPES,
  FLEX_START_ACCELERATORS,
  TABULAR_TRANSFORMATIONS,
  defaultWorkerPool,
  prebuiltImageUri,
  reductionServerImageUri,
  type AutoMlDraft,
  type DatasetDraft,
  type JobDraft,
  type ParameterDraft,
  type StudyDraft,
  type WorkerPoolDraft,
} from '../../../source/core/job-spec/index.js';

// Built from character sets rather than fc.stringMatching, which is slow enough to time out.
const LOWER = 'abcdefghijklmnopqrstuvwxyz';
function token(first: string, rest: string, maxRest: number): fc.Arbitrary<string> {
  return fc
    .tuple(
      fc.constantFrom(...first),
      fc.string({unit: fc.constantFrom(...rest), maxLength: maxRest}),
    )
    .map(([head, tail]) => head + tail);
}
const lower = token(LOWER, `${LOWER}0123456789_-`, 15);
const word = fc.string({minLength: 1, maxLength: 12}).filter((s) => s.trim() !== '');
const anyText = fc.string({maxLength: 20});
/** Doubles that survive JSON and YAML unchanged (no -0, NaN or infinities). */
const double = fc
  .double({min: -1e6, max: 1e6, noNaN: true, noDefaultInfinity: true})
  .map((v) => (Object.is(v, -0) ? 0 : v));

const REGIONS = BUILTIN_CATALOG.regions;
const CPU_MACHINES = BUILTIN_CATALOG.machineTypes
  .filter((m) => !m.acceleratorRequired && m.family !== 'tpu')
  .map((m) => m.name);
const GPU_OPTIONS = BUILTIN_CATALOG.acceleratorOptions.filter(
  (o) => !o.acceleratorType.startsWith('TPU') && o.acceleratorType !== 'NVIDIA_TESLA_K80',
);

const machine: fc.Arbitrary<WorkerPoolDraft['machine']> = fc.oneof(
  fc.constantFrom(...CPU_MACHINES).map((machineType) => ({machineType})),
  fc.constantFrom(...GPU_OPTIONS).chain((o) =>
    fc.constantFrom(...o.counts).map((count) => ({
      machineType: o.machineType,
      acceleratorType: o.acceleratorType,
      acceleratorCount: count,
    })),
  ),
);

const envVars = fc
  .uniqueArray(token('ABCDEFGHIJKLMNOPQRSTUVWXYZ_', 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_', 10), {
    maxLength: 3,
  })
  .chain((names) =>
    fc
      .tuple(...names.map(() => anyText))
      .map((values) => names.map((name, i) => ({name, value: values[i] ?? ''}))),
  );

const args = fc.array(anyText, {maxLength: 4});

function task(region: string): fc.Arbitrary<WorkerPoolDraft['task']> {
  return fc.oneof(
    fc.record({
      kind: fc.constant('python-package' as const),
      executorImageUri: fc
        .constantFrom(...BUILTIN_CATALOG.prebuiltImages)
        .map((i) => prebuiltImageUri(i.name, region)),
      packageUris: fc.array(
        lower.map((n) => `gs://my-bucket/${n}.tar.gz`),
        {minLength: 1, maxLength: 3},
      ),
      pythonModule: fc.constantFrom('trainer.task', 'main'),
      args,
      env: envVars,
    }),
    fc.record({
      kind: fc.constant('container' as const),
      imageUri: lower.map((n) => `us-docker.pkg.dev/p/repo/${n}:v1`),
      command: fc.array(anyText, {maxLength: 3}),
      args,
      env: envVars,
    }),
  );
}

function pool(region: string, replicas: fc.Arbitrary<number>): fc.Arbitrary<WorkerPoolDraft> {
  return fc.record(
    {
      machine,
      replicaCount: replicas,
      task: task(region),
      bootDiskType: fc.constantFrom(...DISK_TYPES),
      bootDiskSizeGb: fc.integer({min: 100, max: 64_000}),
    },
    {requiredKeys: ['machine', 'replicaCount', 'task']},
  );
}

function generalPools(region: string): fc.Arbitrary<JobDraft['workerPools']> {
  const extra = fc.option(pool(region, fc.integer({min: 1, max: 5})), {nil: undefined});
  return fc.tuple(pool(region, fc.constant(1)), extra, extra, extra).map((list) => {
    const slots = [...list];
    while (slots.length > 1 && slots[slots.length - 1] === undefined) slots.pop();
    return slots as JobDraft['workerPools'];
  });
}

/** A single TPU pool: v2/v3 devices by count, v5e/v6e slices by topology. */
function tpuPools(region: string): fc.Arbitrary<JobDraft['workerPools']> {
  const tpuMachine: fc.Arbitrary<WorkerPoolDraft['machine']> = fc.oneof(
    fc
      .constantFrom(
        ...BUILTIN_CATALOG.acceleratorOptions.filter((o) => o.machineType === 'cloud-tpu'),
      )
      .chain((o) =>
        fc.constantFrom(...o.counts).map((n) => ({
          machineType: 'cloud-tpu',
          acceleratorType: o.acceleratorType,
          acceleratorCount: n,
        })),
      ),
    fc
      .constantFrom(...BUILTIN_CATALOG.tpuTopologies)
      .chain((o) =>
        fc
          .constantFrom(...o.topologies)
          .map((tpuTopology) => ({machineType: o.machineType, tpuTopology})),
      ),
  );
  return fc
    .tuple(pool(region, fc.constant(1)), tpuMachine)
    .map(([p, machine]): JobDraft['workerPools'] => [{...p, machine}]);
}

/** GPU workers in pools 0 and 1 on a PyTorch image, and a Reduction Server in pool 2. */
function reductionServerPools(region: string): fc.Arbitrary<JobDraft['workerPools']> {
  const gpuPool = (replicas: fc.Arbitrary<number>) =>
    fc
      .tuple(
        pool(region, replicas),
        fc.constantFrom(...GPU_OPTIONS.filter((o) => o.machineType.startsWith('a2-'))),
      )
      .map(([p, o]): WorkerPoolDraft => ({
        ...p,
        machine: {
          machineType: o.machineType,
          acceleratorType: o.acceleratorType,
          acceleratorCount: o.counts[0] ?? 1,
        },
        task: {
          kind: 'python-package',
          executorImageUri: prebuiltImageUri('pytorch-gpu.2-4.py310', region),
          packageUris: ['gs://my-bucket/trainer.tar.gz'],
          pythonModule: 'trainer.task',
          args: [],
          env: [],
        },
      }));
  const server = fc.integer({min: 1, max: 32}).map((replicaCount): WorkerPoolDraft => ({
    machine: {machineType: 'n1-highcpu-16'},
    replicaCount,
    task: {
      kind: 'container',
      imageUri: reductionServerImageUri(region),
      command: [],
      args: [],
      env: [],
    },
  }));
  return fc
    .tuple(gpuPool(fc.constant(1)), gpuPool(fc.integer({min: 1, max: 8})), server)
    .map((list) => list);
}

function pools(region: string): fc.Arbitrary<JobDraft['workerPools']> {
  return fc.oneof(
    {arbitrary: generalPools(region), weight: 6},
    {arbitrary: tpuPools(region), weight: 1},
    {arbitrary: reductionServerPools(region), weight: 1},
  );
}

/** Job options; `tensorboard` comes with an output directory and the key with the region. */
function options(region: string): fc.Arbitrary<Partial<JobDraft>> {
  return fc
    .record(
      {
        timeoutSeconds: fc.integer({min: 1, max: 604_800}),
        restartJobOnWorkerRestart: fc.boolean(),
        disableRetries: fc.boolean(),
        schedule: fc.oneof(
          fc
            .constantFrom('STANDARD' as const, 'SPOT' as const)
            .map((s) => ({schedulingStrategy: s})),
          fc.record(
            {
              schedulingStrategy: fc.constant('FLEX_START' as const),
              maxWaitSeconds: fc.integer({min: 0, max: 86_400}),
            },
            {requiredKeys: ['schedulingStrategy']},
          ),
        ),
        serviceAccount: lower.map(
          (n) => `${n.replace(/[_-]/g, '')}x@my-project.iam.gserviceaccount.com`,
        ),
        network: fc.integer({min: 1, max: 1e9}).map((n) => `projects/${n}/global/networks/default`),
        output: fc.record(
          {
            baseOutputDirectory: lower.map((n) => `gs://my-bucket/${n}/`),
            tensorboard: fc.constant(`projects/p/locations/${region}/tensorboards/7`),
          },
          {requiredKeys: ['baseOutputDirectory']},
        ),
        enableWebAccess: fc.boolean(),
        enableDashboardAccess: fc.boolean(),
      },
      {requiredKeys: []},
    )
    .map(({schedule, output, ...rest}) => ({...rest, ...schedule, ...output}));
}

function identity(): fc.Arbitrary<
  Pick<JobDraft, 'displayName' | 'project' | 'region' | 'labels' | 'encryptionKeyName'>
> {
  return fc.constantFrom(...REGIONS).chain((region) =>
    fc.record(
      {
        displayName: fc.string({minLength: 1, maxLength: 40}).filter((s) => s.trim() !== ''),
        project: fc.constantFrom('my-project', 'p-123'),
        region: fc.constant(region),
        labels: fc.dictionary(
          token(LOWER, `${LOWER}0123456789_-`, 10),
          fc.string({unit: fc.constantFrom(...`${LOWER}0123456789_-`), maxLength: 10}),
          {maxKeys: 3},
        ),
        encryptionKeyName: fc.constant(`projects/p/locations/${region}/keyRings/r/cryptoKeys/k`),
      },
      {requiredKeys: ['displayName', 'project', 'region', 'labels']},
    ),
  );
}

// ---- Study ----------------------------------------------------------------------------------

const scale = fc.constantFrom(undefined, 'UNIT_LINEAR_SCALE' as const);
function leafParameter(id: string, grid: boolean): fc.Arbitrary<ParameterDraft> {
  const integer = fc
    .tuple(fc.integer({min: -50, max: 50}), fc.integer({min: 0, max: 50}), fc.boolean())
    .map(([min, span, log]): ParameterDraft => ({
      kind: 'integer',
      parameterId: id,
      min: log ? Math.abs(min) + 1 : min,
      max: (log ? Math.abs(min) + 1 : min) + span,
      ...(log ? {scale: 'UNIT_LOG_SCALE' as const} : {}),
    }));
  const categorical = fc
    .uniqueArray(word, {minLength: 1, maxLength: 4})
    .map((values): ParameterDraft => ({kind: 'categorical', parameterId: id, values}));
  const discrete = fc
    .uniqueArray(fc.integer({min: -1000, max: 1000}), {minLength: 1, maxLength: 6})
    .chain((values) =>
      scale.map((s): ParameterDraft => ({
        kind: 'discrete',
        parameterId: id,
        values: [...values].sort((a, b) => a - b).map((v) => v / 8),
        ...(s && {scale: s}),
      })),
    );
  const dbl = fc.tuple(double, double, scale).map(([a, b, s]): ParameterDraft => ({
    kind: 'double',
    parameterId: id,
    min: Math.min(a, b),
    max: Math.max(a, b),
    ...(s && {scale: s}),
  }));
  return grid
    ? fc.oneof(integer, categorical, discrete)
    : fc.oneof(integer, categorical, discrete, dbl);
}

/** A parameter with, sometimes, one conditional child whose parent values it can take. */
function parameter(id: string, grid: boolean): fc.Arbitrary<ParameterDraft> {
  return fc
    .tuple(leafParameter(id, grid), leafParameter(`${id}_child`, grid), fc.boolean())
    .map(([parent, child, nest]) => {
      if (!nest || parent.kind === 'double') return parent;
      const parentValues =
        parent.kind === 'integer'
          ? [parent.min]
          : parent.kind === 'categorical'
            ? [parent.values[0] ?? '']
            : [parent.values[0] ?? 0];
      return {...parent, conditions: [{parentValues, parameter: child}]};
    });
}

const study: fc.Arbitrary<StudyDraft> = fc
  .record({
    metricIds: fc.uniqueArray(token(LOWER, `${LOWER}0123456789_`, 8), {
      minLength: 1,
      maxLength: 2,
    }),
    goal: fc.constantFrom('MAXIMIZE' as const, 'MINIMIZE' as const),
    algorithm: fc.constantFrom(
      'ALGORITHM_UNSPECIFIED' as const,
      'GRID_SEARCH' as const,
      'RANDOM_SEARCH' as const,
    ),
    count: fc.integer({min: 1, max: 3}),
    measurementSelection: fc.option(
      fc.constantFrom('LAST_MEASUREMENT' as const, 'BEST_MEASUREMENT' as const),
      {nil: undefined},
    ),
    maxTrialCount: fc.integer({min: 1, max: 100}),
    parallel: fc.integer({min: 1, max: 100}),
    maxFailedTrialCount: fc.option(fc.integer({min: 0, max: 10}), {nil: undefined}),
  })
  .chain((s) =>
    fc
      .tuple(
        ...Array.from({length: s.count}, (_, i) =>
          parameter(`p${i}`, s.algorithm === 'GRID_SEARCH'),
        ),
      )
      .map((parameters): StudyDraft => ({
        metrics: s.metricIds.map((metricId) => ({metricId, goal: s.goal})),
        parameters,
        algorithm: s.algorithm,
        ...(s.measurementSelection && {measurementSelection: s.measurementSelection}),
        maxTrialCount: s.maxTrialCount,
        parallelTrialCount: Math.min(s.parallel, s.maxTrialCount),
        ...(s.maxFailedTrialCount !== undefined && {maxFailedTrialCount: s.maxFailedTrialCount}),
      })),
  );

// ---- Datasets and AutoML --------------------------------------------------------------------

const tenths = fc
  .tuple(
    fc.integer({min: 0, max: 10}),
    fc.integer({min: 0, max: 10}),
    fc.integer({min: 0, max: 10}),
  )
  .map(([a, b, c]) => {
    const total = Math.max(10, a + b + c);
    return [a / total, b / total, c / total] as const;
  });

const dataset: fc.Arbitrary<DatasetDraft> = fc.record(
  {
    kind: fc.constant('managed' as const),
    datasetId: fc.integer({min: 1, max: 1e9}).map(String),
    split: fc.oneof(
      tenths.map(([training, validation, test]) => ({
        kind: 'fraction' as const,
        training,
        validation,
        test,
      })),
      fc.tuple(word, word, word).map(([training, validation, test]) => ({
        kind: 'filter' as const,
        training,
        validation,
        test,
      })),
      word.map((key) => ({kind: 'predefined' as const, key})),
      fc.tuple(tenths, word).map(([[training, validation, test], key]) => ({
        kind: 'timestamp' as const,
        training,
        validation,
        test,
        key,
      })),
    ),
    destination: fc.oneof(
      lower.map((n) => ({kind: 'gcs' as const, outputUriPrefix: `gs://my-bucket/${n}/`})),
      fc
        .constantFrom('bq://my-project', 'bq://my-project.ds', 'bq://my-project.ds.t')
        .map((outputUri) => ({kind: 'bigquery' as const, outputUri})),
    ),
    annotationsFilter: word,
  },
  {requiredKeys: ['kind', 'datasetId']},
);

const transformations = fc.array(
  fc.record({
    type: fc.constantFrom(...TABULAR_TRANSFORMATIONS),
    columnName: word,
  }),
  {maxLength: 3},
);

const automlInput: fc.Arbitrary<AutoMlDraft> = fc.oneof(
  fc.record(
    {
      kind: fc.constant('tabular' as const),
      predictionType: fc.constant('regression' as const),
      targetColumn: word,
      transformations,
      optimizationObjective: fc.constantFrom('minimize-rmse', 'minimize-mae', 'minimize-rmsle'),
      trainBudgetMilliNodeHours: fc.integer({min: 1000, max: 72_000}),
      disableEarlyStopping: fc.boolean(),
      weightColumnName: word,
    },
    {
      requiredKeys: [
        'kind',
        'predictionType',
        'targetColumn',
        'transformations',
        'trainBudgetMilliNodeHours',
      ],
    },
  ),
  fc.record({
    kind: fc.constant('forecasting' as const),
    targetColumn: word,
    timeColumn: word,
    timeSeriesIdentifierColumn: word,
    forecastHorizon: fc.integer({min: 1, max: 100}),
    dataGranularity: fc.record({
      unit: fc.constantFrom('hour', 'day', 'week'),
      quantity: fc.integer({min: 1, max: 4}),
    }),
    transformations,
    availableAtForecastColumns: fc.array(word, {maxLength: 2}),
    unavailableAtForecastColumns: fc.array(word, {maxLength: 2}),
    trainBudgetMilliNodeHours: fc.integer({min: 1000, max: 72_000}),
  }),
  fc.record(
    {
      kind: fc.constant('image-classification' as const),
      modelType: fc.constantFrom('CLOUD', 'MOBILE_TF_LOW_LATENCY_1'),
      budgetMilliNodeHours: fc.integer({min: 1, max: 100_000}),
      multiLabel: fc.boolean(),
      disableEarlyStopping: fc.boolean(),
    },
    {requiredKeys: ['kind', 'modelType', 'budgetMilliNodeHours']},
  ),
  fc.record({kind: fc.constant('text-classification' as const), multiLabel: fc.boolean()}),
  fc.constant({kind: 'text-extraction' as const}),
  fc.record({
    kind: fc.constant('text-sentiment' as const),
    sentimentMax: fc.integer({min: 1, max: 10}),
  }),
  fc.record({
    kind: fc.constant('video-object-tracking' as const),
    modelType: fc.constantFrom('CLOUD', 'MOBILE_CORAL_LOW_LATENCY_1'),
  }),
);

/** A serving container (model.proto ModelContainerSpec): pre-built or custom, routes and port. */
const modelContainer: fc.Arbitrary<NonNullable<JobDraft['modelContainer']>> = fc.record(
  {
    imageUri: fc.constantFrom(
      'us-docker.pkg.dev/vertex-ai/prediction/tf2-cpu.2-15:latest',
      'europe-docker.pkg.dev/my-project/serving/server:v1',
    ),
    predictRoute: fc.constantFrom('/predict', '/v1/models/m:predict'),
    healthRoute: fc.constant('/health'),
    port: fc.integer({min: 1, max: 65535}),
  },
  {requiredKeys: ['imageUri']},
);

// ---- Drafts ---------------------------------------------------------------------------------

/**
 * Flex-start takes only DWS GPUs, the same machine in every pool (schedule-jobs-dws), and Spot no
 * TPU Pods: pools that do not qualify keep the options but run STANDARD, so drafts stay valid.
 */
function flexStartOrStandard(
  options: Partial<JobDraft>,
  workerPools: JobDraft['workerPools'],
): Partial<JobDraft> {
  const used = workerPools.filter((p): p is WorkerPoolDraft => p !== undefined);
  if (options.schedulingStrategy === 'SPOT') {
    // use-spot-vms: no TPU Pods (multi-host slices) on Spot.
    const chips = (p: WorkerPoolDraft) =>
      p.machine.tpuTopology
        ? p.machine.tpuTopology.split('x').reduce((n, d) => n * Number(d), 1)
        : (p.machine.acceleratorCount ?? 0);
    const pod = used.some(
      (p) =>
        (p.machine.acceleratorType ?? '').endsWith('_POD') ||
        ((p.machine.acceleratorType ?? '').startsWith('TPU_') && chips(p) > 8),
    );
    return pod ? {...options, schedulingStrategy: 'STANDARD'} : options;
  }
  if (options.schedulingStrategy !== 'FLEX_START') return options;
  const key = (p: WorkerPoolDraft) => JSON.stringify(p.machine);
  const ok = used.every(
    (p) =>
      (FLEX_START_ACCELERATORS as readonly string[]).includes(p.machine.acceleratorType ?? '') &&
      key(p) === key(used[0]!),
  );
  if (ok) return options;
  const {maxWaitSeconds: _wait, ...rest} = options;
  return {...rest, schedulingStrategy: 'STANDARD'};
}

export const validDraft: fc.Arbitrary<JobDraft> = identity().chain((id) => {
  const custom = fc
    .record({
      workerPools: pools(id.region),
      options: options(id.region),
      workflow: fc.constantFrom(
        'custom-job' as const,
        'hyperparameter-tuning-job' as const,
        'training-pipeline' as const,
      ),
      study,
      dataset: fc.option(dataset, {nil: undefined}),
      tuneInPipeline: fc.boolean(),
      modelDisplayName: fc.option(word, {nil: undefined}),
      modelContainer: modelContainer,
    })
    .map((c): JobDraft => {
      const pipeline = c.workflow === 'training-pipeline';
      return {
        trainingType: 'custom',
        workflow: c.workflow,
        ...id,
        workerPools: c.workerPools,
        ...flexStartOrStandard(c.options, c.workerPools),
        ...(c.workflow === 'hyperparameter-tuning-job' || (pipeline && c.tuneInPipeline)
          ? {study: c.study}
          : {}),
        ...(pipeline && c.dataset && {dataset: c.dataset}),
        ...(pipeline &&
          c.modelDisplayName !== undefined && {
            modelDisplayName: c.modelDisplayName,
            modelContainer: c.modelContainer,
          }),
      };
    });
  const automl = fc
    .record({automl: automlInput, dataset, modelDisplayName: fc.option(word, {nil: undefined})})
    .map((a): JobDraft => ({
      trainingType: 'automl',
      workflow: 'training-pipeline',
      ...id,
      workerPools: [defaultWorkerPool()],
      automl: a.automl,
      dataset: a.dataset,
      ...(a.modelDisplayName !== undefined && {modelDisplayName: a.modelDisplayName}),
    }));
  return fc.oneof({arbitrary: custom, weight: 3}, {arbitrary: automl, weight: 1});
});
