// A Vertex resource (CustomJob, CustomJobSpec, HyperparameterTuningJob, TrainingPipeline) as a
// plain object → a draft. Used for gcloud/REST files (strict) and for jobs fetched from the API
// to clone (lenient). The inverse of build-request.ts: draft → request → draft is the identity.
import {automlKindOfDefinition, TASK_DEFINITIONS} from './automl.js';
import type {
  AutoMlDraft,
  ColumnTransformation,
  ConditionalParameterDraft,
  DataDestination,
  DataSplit,
  DatasetDraft,
  EnvVar,
  JobDraft,
  ParameterDraft,
  PoolTask,
  SchedulingStrategy,
  StudyDraft,
  TabularTransformationType,
  WorkerPoolDraft,
  WorkerPoolSlots,
} from './draft.js';
import {TABULAR_TRANSFORMATIONS} from './draft.js';
import {fromProtoValue, isProtoValue} from './proto-value.js';
import type {JsonValue, ProtoValue} from './request.js';
import type {Reader} from './import-reader.js';
import {type Json, type PathKey} from './import-reader.js';

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
export function defaultWorkerPool(): WorkerPoolDraft {
  return {
    machine: {machineType: 'n1-standard-4'},
    replicaCount: 1,
    task: {kind: 'container', imageUri: '', command: [], args: [], env: []},
  };
}

export function detectResourceKind(value: Json): ResourceKind | undefined {
  if ('trainingTaskDefinition' in value || 'trainingTaskInputs' in value) return 'TrainingPipeline';
  if ('studySpec' in value || 'trialJobSpec' in value) return 'HyperparameterTuningJob';
  if ('jobSpec' in value) return 'CustomJob';
  if ('workerPoolSpecs' in value) return 'CustomJobSpec';
  return undefined;
}

const JOB_SPEC_KEYS = [
  'workerPoolSpecs',
  'scheduling',
  'serviceAccount',
  'network',
  'baseOutputDirectory',
  'tensorboard',
  'enableWebAccess',
  'enableDashboardAccess',
];
const JOB_SPEC_UNSUPPORTED = [
  'persistentResourceId',
  'reservedIpRanges',
  'pscInterfaceConfig',
  'protectedArtifactLocationId',
  'experiment',
  'experimentRun',
  'models',
];
const RESOURCE_KEYS = ['name', 'displayName', 'labels', 'encryptionSpec'];
const STRATEGIES: readonly SchedulingStrategy[] = ['STANDARD', 'SPOT', 'FLEX_START'];

type JobOptions = Pick<
  JobDraft,
  | 'timeoutSeconds'
  | 'restartJobOnWorkerRestart'
  | 'schedulingStrategy'
  | 'disableRetries'
  | 'maxWaitSeconds'
  | 'serviceAccount'
  | 'network'
  | 'baseOutputDirectory'
  | 'tensorboard'
  | 'enableWebAccess'
  | 'enableDashboardAccess'
>;

function readEnv(r: Reader, value: unknown, path: PathKey[]): EnvVar[] {
  return r.list(value, path).flatMap((item, i) => {
    const env = r.object(item, [...path, i], ['name', 'value']);
    if (!env) return [];
    const name = r.string(env.name, [...path, i, 'name'], true);
    const text = r.strict ? r.string(env.value, [...path, i, 'value']) : String(env.value ?? '');
    return name === undefined ? [] : [{name, value: text ?? ''}];
  });
}

function readPool(r: Reader, value: unknown, path: PathKey[]): WorkerPoolDraft | undefined {
  const spec = r.object(
    value,
    path,
    ['machineSpec', 'replicaCount', 'diskSpec', 'containerSpec', 'pythonPackageSpec'],
    ['nfsMounts', 'lustreMounts'],
  );
  if (!spec) return undefined;
  const machineValue = spec.machineSpec as Json | null | undefined;
  const hasTask = spec.containerSpec || spec.pythonPackageSpec;
  // `{}` (or, from the API, a spec with no machine) is an unused slot.
  if (!machineValue && !hasTask) return undefined;
  const machine = r.object(
    machineValue,
    [...path, 'machineSpec'],
    ['machineType', 'acceleratorType', 'acceleratorCount', 'tpuTopology'],
    ['gpuPartitionSize', 'reservationAffinity'],
  );
  if (!machine)
    r.error(
      [...path, 'machineSpec'],
      'a used worker pool needs a machineSpec',
      'add machineSpec: {machineType: n1-standard-4}',
    );
  const machineType =
    r.string(machine?.machineType, [...path, 'machineSpec', 'machineType'], true) ?? '';
  const acceleratorType = r.string(machine?.acceleratorType, [
    ...path,
    'machineSpec',
    'acceleratorType',
  ]);
  const acceleratorCount = r.integer(machine?.acceleratorCount, [
    ...path,
    'machineSpec',
    'acceleratorCount',
  ]);
  const tpuTopology = r.string(machine?.tpuTopology, [...path, 'machineSpec', 'tpuTopology']);
  const disk = r.object(spec.diskSpec, [...path, 'diskSpec'], ['bootDiskType', 'bootDiskSizeGb']);
  const bootDiskType = r.string(disk?.bootDiskType, [...path, 'diskSpec', 'bootDiskType']);
  const bootDiskSizeGb = r.integer(disk?.bootDiskSizeGb, [...path, 'diskSpec', 'bootDiskSizeGb']);
  const task = readTask(r, spec, path);
  const pool: WorkerPoolDraft = {
    machine: {
      machineType,
      ...(acceleratorType !== undefined && {acceleratorType}),
      ...(acceleratorType !== undefined && acceleratorCount !== undefined && {acceleratorCount}),
      ...(acceleratorType === undefined &&
        r.strict &&
        acceleratorCount !== undefined && {acceleratorCount}),
      ...(tpuTopology !== undefined && {tpuTopology}),
    },
    replicaCount: r.integer(spec.replicaCount, [...path, 'replicaCount']) ?? 1,
    task: task ?? {kind: 'container', imageUri: '', command: [], args: [], env: []},
  };
  if (bootDiskType !== undefined) pool.bootDiskType = bootDiskType;
  if (bootDiskSizeGb !== undefined) pool.bootDiskSizeGb = bootDiskSizeGb;
  return pool;
}

function readTask(r: Reader, spec: Json, path: PathKey[]): PoolTask | undefined {
  const container = spec.containerSpec;
  const pkg = spec.pythonPackageSpec;
  if (container && pkg) {
    r.error(
      path,
      'a worker pool has either containerSpec or pythonPackageSpec, not both',
      'keep only one of them',
    );
    return undefined;
  }
  if (pkg) {
    const p = [...path, 'pythonPackageSpec'];
    const o = r.object(pkg, p, ['executorImageUri', 'packageUris', 'pythonModule', 'args', 'env']);
    if (!o) return undefined;
    return {
      kind: 'python-package',
      executorImageUri: r.string(o.executorImageUri, [...p, 'executorImageUri'], true) ?? '',
      packageUris: r.stringList(o.packageUris, [...p, 'packageUris']),
      pythonModule: r.string(o.pythonModule, [...p, 'pythonModule'], true) ?? '',
      args: r.stringList(o.args, [...p, 'args']),
      env: readEnv(r, o.env, [...p, 'env']),
    };
  }
  if (container) {
    const p = [...path, 'containerSpec'];
    const o = r.object(container, p, ['imageUri', 'command', 'args', 'env']);
    if (!o) return undefined;
    return {
      kind: 'container',
      imageUri: r.string(o.imageUri, [...p, 'imageUri'], true) ?? '',
      command: r.stringList(o.command, [...p, 'command']),
      args: r.stringList(o.args, [...p, 'args']),
      env: readEnv(r, o.env, [...p, 'env']),
    };
  }
  r.error(
    path,
    'a used worker pool needs containerSpec or pythonPackageSpec',
    'add containerSpec: {imageUri: ...} or a pythonPackageSpec',
  );
  return undefined;
}

/** Worker pools and job options of a CustomJobSpec. */
export function readJobSpec(
  r: Reader,
  value: unknown,
  path: PathKey[],
): {workerPools: WorkerPoolSlots; options: JobOptions} {
  const spec = r.object(value, path, JOB_SPEC_KEYS, JOB_SPEC_UNSUPPORTED) ?? {};
  const poolsPath = [...path, 'workerPoolSpecs'];
  let list = r.list(spec.workerPoolSpecs, poolsPath);
  // gcloud's help shows a single pool written as a map rather than a list; accept it.
  if (r.strict && spec.workerPoolSpecs && !Array.isArray(spec.workerPoolSpecs)) {
    r.problems.pop();
    list = [spec.workerPoolSpecs];
  }
  if (list.length > 4)
    r.error(
      poolsPath,
      `at most 4 worker pools; there are ${list.length}`,
      'remove the extra pools',
    );
  const pools = list.slice(0, 4).map((item, i) => readPool(r, item, [...poolsPath, i]));
  if (!pools[0])
    r.error(
      [...poolsPath, 0],
      'worker pool 0 (the primary replica) is required',
      'describe the primary pool first',
    );
  const workerPools: WorkerPoolSlots = [
    pools[0] ?? defaultWorkerPool(),
    pools[1],
    pools[2],
    pools[3],
  ];
  while (workerPools.length > 1 && workerPools[workerPools.length - 1] === undefined)
    workerPools.pop();
  const sPath = [...path, 'scheduling'];
  const scheduling = r.object(spec.scheduling, sPath, [
    'timeout',
    'restartJobOnWorkerRestart',
    'strategy',
    'disableRetries',
    'maxWaitDuration',
  ]);
  const options: JobOptions = {};
  const set = <K extends keyof JobOptions>(key: K, v: JobOptions[K] | undefined) => {
    if (v !== undefined) options[key] = v;
  };
  set('timeoutSeconds', r.duration(scheduling?.timeout, [...sPath, 'timeout']));
  set(
    'restartJobOnWorkerRestart',
    r.boolean(scheduling?.restartJobOnWorkerRestart, [...sPath, 'restartJobOnWorkerRestart']),
  );
  set('schedulingStrategy', r.enumName(scheduling?.strategy, [...sPath, 'strategy'], STRATEGIES));
  set('disableRetries', r.boolean(scheduling?.disableRetries, [...sPath, 'disableRetries']));
  set('maxWaitSeconds', r.duration(scheduling?.maxWaitDuration, [...sPath, 'maxWaitDuration']));
  set('serviceAccount', r.string(spec.serviceAccount, [...path, 'serviceAccount']));
  set('network', r.string(spec.network, [...path, 'network']));
  const output = r.object(
    spec.baseOutputDirectory,
    [...path, 'baseOutputDirectory'],
    ['outputUriPrefix'],
  );
  set(
    'baseOutputDirectory',
    r.string(output?.outputUriPrefix, [...path, 'baseOutputDirectory', 'outputUriPrefix']),
  );
  set('tensorboard', r.string(spec.tensorboard, [...path, 'tensorboard']));
  set('enableWebAccess', r.boolean(spec.enableWebAccess, [...path, 'enableWebAccess']));
  set(
    'enableDashboardAccess',
    r.boolean(spec.enableDashboardAccess, [...path, 'enableDashboardAccess']),
  );
  return {workerPools, options};
}

// ---- Study ----------------------------------------------------------------------------------

const SCALES = ['UNIT_LINEAR_SCALE', 'UNIT_LOG_SCALE', 'UNIT_REVERSE_LOG_SCALE'] as const;

function readParameter(r: Reader, value: unknown, path: PathKey[]): ParameterDraft | undefined {
  const o = r.object(value, path, [
    'parameterId',
    'doubleValueSpec',
    'integerValueSpec',
    'categoricalValueSpec',
    'discreteValueSpec',
    'scaleType',
    'conditionalParameterSpecs',
  ]);
  if (!o) return undefined;
  const parameterId = r.string(o.parameterId, [...path, 'parameterId'], true) ?? '';
  const specs = [
    'doubleValueSpec',
    'integerValueSpec',
    'categoricalValueSpec',
    'discreteValueSpec',
  ].filter((key) => o[key] !== undefined && o[key] !== null);
  if (specs.length !== 1) {
    r.error(
      path,
      `parameter ${parameterId} needs exactly one value spec; it has ${specs.length}`,
      'keep one of doubleValueSpec, integerValueSpec, categoricalValueSpec, discreteValueSpec',
    );
    return undefined;
  }
  const key = specs[0] ?? '';
  const p = [...path, key];
  const base = {parameterId} as {parameterId: string; scale?: ParameterDraft['scale']};
  const scale = r.enumName(o.scaleType, [...path, 'scaleType'], SCALES);
  if (scale !== undefined) base.scale = scale;
  let parameter: ParameterDraft;
  if (key === 'doubleValueSpec' || key === 'integerValueSpec') {
    const spec = r.object(o[key], p, ['minValue', 'maxValue'], ['defaultValue']) ?? {};
    const read = key === 'doubleValueSpec' ? r.number.bind(r) : r.integer.bind(r);
    // A 0 bound is a real bound, so read it without proto3 "unset" defaults.
    const min =
      (r.strict ? read(spec.minValue, [...p, 'minValue'], true) : Number(spec.minValue ?? 0)) ?? 0;
    const max =
      (r.strict ? read(spec.maxValue, [...p, 'maxValue'], true) : Number(spec.maxValue ?? 0)) ?? 0;
    parameter = {...base, kind: key === 'doubleValueSpec' ? 'double' : 'integer', min, max};
  } else if (key === 'categoricalValueSpec') {
    const spec = r.object(o[key], p, ['values'], ['defaultValue']) ?? {};
    parameter = {...base, kind: 'categorical', values: r.stringList(spec.values, [...p, 'values'])};
  } else {
    const spec = r.object(o[key], p, ['values'], ['defaultValue']) ?? {};
    const values = r.list(spec.values, [...p, 'values']).flatMap((v, i) => {
      const n = r.number(v, [...p, 'values', i], true);
      return n === undefined ? [] : [n];
    });
    parameter = {...base, kind: 'discrete', values};
  }
  const conditionsPath = [...path, 'conditionalParameterSpecs'];
  const conditions = r.list(o.conditionalParameterSpecs, conditionsPath).flatMap((item, i) => {
    const c = readCondition(r, item, [...conditionsPath, i]);
    return c ? [c] : [];
  });
  if (conditions.length > 0) parameter.conditions = conditions;
  return parameter;
}

function readCondition(
  r: Reader,
  value: unknown,
  path: PathKey[],
): ConditionalParameterDraft | undefined {
  const o = r.object(value, path, [
    'parentDiscreteValues',
    'parentIntValues',
    'parentCategoricalValues',
    'parameterSpec',
  ]);
  if (!o) return undefined;
  const parentKey = ['parentDiscreteValues', 'parentIntValues', 'parentCategoricalValues'].find(
    (key) => o[key] !== undefined && o[key] !== null,
  );
  if (!parentKey) {
    r.error(
      path,
      'a conditional parameter needs parentDiscreteValues, parentIntValues or parentCategoricalValues',
      'add the parent values it applies to',
    );
    return undefined;
  }
  const holder = r.object(o[parentKey], [...path, parentKey], ['values']) ?? {};
  const vPath = [...path, parentKey, 'values'];
  const parentValues: (string | number)[] =
    parentKey === 'parentCategoricalValues'
      ? r.stringList(holder.values, vPath)
      : r.list(holder.values, vPath).flatMap((v, i) => {
          const n =
            parentKey === 'parentIntValues'
              ? r.integer(v, [...vPath, i], true)
              : r.number(v, [...vPath, i], true);
          return n === undefined ? [] : [n];
        });
  const parameter = readParameter(r, o.parameterSpec, [...path, 'parameterSpec']);
  return parameter ? {parentValues, parameter} : undefined;
}

const ALGORITHMS = ['ALGORITHM_UNSPECIFIED', 'GRID_SEARCH', 'RANDOM_SEARCH'] as const;

function readStudy(r: Reader, job: Json, path: PathKey[]): StudyDraft {
  const sPath = [...path, 'studySpec'];
  const spec =
    r.object(
      job.studySpec,
      sPath,
      ['metrics', 'parameters', 'algorithm', 'measurementSelectionType'],
      [
        'decayCurveStoppingSpec',
        'medianAutomatedStoppingSpec',
        'convexAutomatedStoppingSpec',
        'observationNoise',
        'studyStoppingConfig',
      ],
    ) ?? {};
  if (!job.studySpec)
    r.error(sPath, 'a tuning job needs a studySpec', 'add studySpec with metrics and parameters');
  const metrics = r.list(spec.metrics, [...sPath, 'metrics']).flatMap((item, i) => {
    const m = r.object(item, [...sPath, 'metrics', i], ['metricId', 'goal'], ['safetyConfig']);
    if (!m) return [];
    const metricId = r.string(m.metricId, [...sPath, 'metrics', i, 'metricId'], true) ?? '';
    const goal =
      r.enumName(m.goal, [...sPath, 'metrics', i, 'goal'], ['MAXIMIZE', 'MINIMIZE'] as const) ??
      'MAXIMIZE';
    return [{metricId, goal}];
  });
  const parameters = r.list(spec.parameters, [...sPath, 'parameters']).flatMap((item, i) => {
    const p = readParameter(r, item, [...sPath, 'parameters', i]);
    return p ? [p] : [];
  });
  const study: StudyDraft = {
    metrics,
    parameters,
    algorithm:
      r.enumName(spec.algorithm, [...sPath, 'algorithm'], ALGORITHMS) ?? 'ALGORITHM_UNSPECIFIED',
    maxTrialCount: r.integer(job.maxTrialCount, [...path, 'maxTrialCount']) ?? 1,
    parallelTrialCount: r.integer(job.parallelTrialCount, [...path, 'parallelTrialCount']) ?? 1,
  };
  const selection = r.enumName(
    spec.measurementSelectionType,
    [...sPath, 'measurementSelectionType'],
    ['LAST_MEASUREMENT', 'BEST_MEASUREMENT'] as const,
  );
  if (selection !== undefined) study.measurementSelection = selection;
  const failed = r.integer(job.maxFailedTrialCount, [...path, 'maxFailedTrialCount']);
  if (failed !== undefined) study.maxFailedTrialCount = failed;
  return study;
}

// ---- Datasets and AutoML --------------------------------------------------------------------

function readDataset(r: Reader, value: unknown, path: PathKey[]): DatasetDraft | undefined {
  const o = r.object(
    value,
    path,
    [
      'datasetId',
      'fractionSplit',
      'filterSplit',
      'predefinedSplit',
      'timestampSplit',
      'gcsDestination',
      'bigqueryDestination',
      'annotationsFilter',
      'annotationSchemaUri',
      'savedQueryId',
    ],
    ['stratifiedSplit', 'persistMlUseAssignment'],
  );
  if (!o) return undefined;
  const dataset: DatasetDraft = {
    kind: 'managed',
    datasetId: r.string(o.datasetId, [...path, 'datasetId'], true) ?? '',
  };
  const fraction = (key: string, f: Json, p: PathKey[]) => r.number(f[key], [...p, key]) ?? 0;
  let split: DataSplit | undefined;
  if (o.fractionSplit) {
    const p = [...path, 'fractionSplit'];
    const f =
      r.object(o.fractionSplit, p, ['trainingFraction', 'validationFraction', 'testFraction']) ??
      {};
    split = {
      kind: 'fraction',
      training: fraction('trainingFraction', f, p),
      validation: fraction('validationFraction', f, p),
      test: fraction('testFraction', f, p),
    };
  } else if (o.filterSplit) {
    const p = [...path, 'filterSplit'];
    const f =
      r.object(o.filterSplit, p, ['trainingFilter', 'validationFilter', 'testFilter']) ?? {};
    split = {
      kind: 'filter',
      training: r.string(f.trainingFilter, [...p, 'trainingFilter'], true) ?? '',
      validation: r.string(f.validationFilter, [...p, 'validationFilter'], true) ?? '',
      test: r.string(f.testFilter, [...p, 'testFilter'], true) ?? '',
    };
  } else if (o.predefinedSplit) {
    const p = [...path, 'predefinedSplit'];
    const f = r.object(o.predefinedSplit, p, ['key']) ?? {};
    split = {kind: 'predefined', key: r.string(f.key, [...p, 'key'], true) ?? ''};
  } else if (o.timestampSplit) {
    const p = [...path, 'timestampSplit'];
    const f =
      r.object(o.timestampSplit, p, [
        'trainingFraction',
        'validationFraction',
        'testFraction',
        'key',
      ]) ?? {};
    split = {
      kind: 'timestamp',
      training: fraction('trainingFraction', f, p),
      validation: fraction('validationFraction', f, p),
      test: fraction('testFraction', f, p),
      key: r.string(f.key, [...p, 'key'], true) ?? '',
    };
  }
  if (split) dataset.split = split;
  let destination: DataDestination | undefined;
  if (o.gcsDestination) {
    const f = r.object(o.gcsDestination, [...path, 'gcsDestination'], ['outputUriPrefix']) ?? {};
    destination = {
      kind: 'gcs',
      outputUriPrefix:
        r.string(f.outputUriPrefix, [...path, 'gcsDestination', 'outputUriPrefix'], true) ?? '',
    };
  } else if (o.bigqueryDestination) {
    const f =
      r.object(o.bigqueryDestination, [...path, 'bigqueryDestination'], ['outputUri']) ?? {};
    destination = {
      kind: 'bigquery',
      outputUri: r.string(f.outputUri, [...path, 'bigqueryDestination', 'outputUri'], true) ?? '',
    };
  }
  if (destination) dataset.destination = destination;
  for (const key of ['annotationsFilter', 'annotationSchemaUri', 'savedQueryId'] as const) {
    const v = r.string(o[key], [...path, key]);
    if (v !== undefined) dataset[key] = v;
  }
  return dataset;
}

const camelKeys = (value: JsonValue): JsonValue => {
  if (Array.isArray(value)) return value.map(camelKeys);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [
      k.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase()),
      camelKeys(v),
    ]),
  );
};

function readTransformations(r: Reader, value: unknown, path: PathKey[]): ColumnTransformation[] {
  const camelTypes = TABULAR_TRANSFORMATIONS.map((t) =>
    t.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase()),
  );
  return r.list(value, path).flatMap((item, i) => {
    const o = r.object(item, [...path, i], camelTypes) ?? {};
    const key = Object.keys(o)[0];
    const index = camelTypes.indexOf(key ?? '');
    if (index < 0) {
      r.error(
        [...path, i],
        'a transformation names one type, e.g. {auto: {columnName: x}}',
        `use ${camelTypes.join(', ')}`,
      );
      return [];
    }
    const detail =
      r.object(
        o[key ?? ''],
        [...path, i, key ?? ''],
        ['columnName', 'invalidValuesAllowed', 'timeFormat'],
      ) ?? {};
    const columnName =
      r.string(detail.columnName, [...path, i, key ?? '', 'columnName'], true) ?? '';
    return [{type: TABULAR_TRANSFORMATIONS[index] as TabularTransformationType, columnName}];
  });
}

function readAutoMl(
  r: Reader,
  kind: AutoMlDraft['kind'],
  value: Json,
  path: PathKey[],
): AutoMlDraft | undefined {
  const p = (key: string) => [...path, key];
  const opt = <T>(v: T | undefined, key: string) => (v === undefined ? {} : {[key]: v});
  switch (kind) {
    case 'tabular': {
      const o =
        r.object(
          value,
          path,
          [
            'predictionType',
            'targetColumn',
            'transformations',
            'optimizationObjective',
            'optimizationObjectiveRecallValue',
            'optimizationObjectivePrecisionValue',
            'trainBudgetMilliNodeHours',
            'disableEarlyStopping',
            'weightColumnName',
          ],
          ['exportEvaluatedDataItemsConfig', 'additionalExperiments'],
        ) ?? {};
      return {
        kind,
        predictionType:
          r.enumName(o.predictionType, p('predictionType'), [
            'classification',
            'regression',
          ] as const) ?? 'classification',
        targetColumn: r.string(o.targetColumn, p('targetColumn'), true) ?? '',
        transformations: readTransformations(r, o.transformations, p('transformations')),
        ...opt(
          r.string(o.optimizationObjective, p('optimizationObjective')),
          'optimizationObjective',
        ),
        ...opt(
          r.number(o.optimizationObjectiveRecallValue, p('optimizationObjectiveRecallValue')),
          'optimizationObjectiveRecallValue',
        ),
        ...opt(
          r.number(o.optimizationObjectivePrecisionValue, p('optimizationObjectivePrecisionValue')),
          'optimizationObjectivePrecisionValue',
        ),
        trainBudgetMilliNodeHours:
          r.integer(o.trainBudgetMilliNodeHours, p('trainBudgetMilliNodeHours'), true) ?? 0,
        ...opt(
          r.boolean(o.disableEarlyStopping, p('disableEarlyStopping')),
          'disableEarlyStopping',
        ),
        ...opt(r.string(o.weightColumnName, p('weightColumnName')), 'weightColumnName'),
      };
    }
    case 'forecasting': {
      const o =
        r.object(
          value,
          path,
          [
            'targetColumn',
            'timeColumn',
            'timeSeriesIdentifierColumn',
            'forecastHorizon',
            'dataGranularity',
            'transformations',
            'availableAtForecastColumns',
            'unavailableAtForecastColumns',
            'trainBudgetMilliNodeHours',
            'optimizationObjective',
            'contextWindow',
            'weightColumn',
          ],
          [
            'timeSeriesAttributeColumns',
            'quantiles',
            'validationOptions',
            'holidayRegions',
            'exportEvaluatedDataItemsConfig',
            'additionalExperiments',
          ],
        ) ?? {};
      const g = r.object(o.dataGranularity, p('dataGranularity'), ['unit', 'quantity']) ?? {};
      return {
        kind,
        targetColumn: r.string(o.targetColumn, p('targetColumn'), true) ?? '',
        timeColumn: r.string(o.timeColumn, p('timeColumn'), true) ?? '',
        timeSeriesIdentifierColumn:
          r.string(o.timeSeriesIdentifierColumn, p('timeSeriesIdentifierColumn'), true) ?? '',
        forecastHorizon: r.integer(o.forecastHorizon, p('forecastHorizon'), true) ?? 0,
        dataGranularity: {
          unit: r.string(g.unit, [...p('dataGranularity'), 'unit'], true) ?? '',
          quantity: r.integer(g.quantity, [...p('dataGranularity'), 'quantity'], true) ?? 0,
        },
        transformations: readTransformations(r, o.transformations, p('transformations')),
        availableAtForecastColumns: r.stringList(
          o.availableAtForecastColumns,
          p('availableAtForecastColumns'),
        ),
        unavailableAtForecastColumns: r.stringList(
          o.unavailableAtForecastColumns,
          p('unavailableAtForecastColumns'),
        ),
        trainBudgetMilliNodeHours:
          r.integer(o.trainBudgetMilliNodeHours, p('trainBudgetMilliNodeHours'), true) ?? 0,
        ...opt(
          r.string(o.optimizationObjective, p('optimizationObjective')),
          'optimizationObjective',
        ),
        ...opt(r.integer(o.contextWindow, p('contextWindow')), 'contextWindow'),
        ...opt(r.string(o.weightColumn, p('weightColumn')), 'weightColumn'),
      };
    }
    case 'image-classification':
    case 'image-object-detection':
    case 'image-segmentation': {
      const o =
        r.object(
          value,
          path,
          [
            'modelType',
            'budgetMilliNodeHours',
            'disableEarlyStopping',
            'multiLabel',
            'baseModelId',
          ],
          ['uptrainBaseModelId', 'tunableParameter'],
        ) ?? {};
      return {
        kind,
        modelType: r.string(o.modelType, p('modelType'), true) ?? '',
        budgetMilliNodeHours:
          r.integer(o.budgetMilliNodeHours, p('budgetMilliNodeHours'), true) ?? 0,
        ...opt(
          r.boolean(o.disableEarlyStopping, p('disableEarlyStopping')),
          'disableEarlyStopping',
        ),
        ...opt(r.boolean(o.multiLabel, p('multiLabel')), 'multiLabel'),
        ...opt(r.string(o.baseModelId, p('baseModelId')), 'baseModelId'),
      };
    }
    case 'text-classification': {
      const o = r.object(value, path, ['multiLabel']) ?? {};
      return {kind, multiLabel: r.boolean(o.multiLabel, p('multiLabel')) ?? false};
    }
    case 'text-extraction':
      r.object(value, path, []);
      return {kind};
    case 'text-sentiment': {
      const o = r.object(value, path, ['sentimentMax']) ?? {};
      return {kind, sentimentMax: r.integer(o.sentimentMax, p('sentimentMax'), true) ?? 0};
    }
    case 'video-classification':
    case 'video-action-recognition':
    case 'video-object-tracking': {
      const o = r.object(value, path, ['modelType']) ?? {};
      return {kind, modelType: r.string(o.modelType, p('modelType'), true) ?? ''};
    }
  }
}

// ---- Resources ------------------------------------------------------------------------------

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
  const model = r.object(o.modelToUpload, ['modelToUpload'], ['displayName'], []);
  const modelDisplayName = r.string(model?.displayName, ['modelToUpload', 'displayName']);
  const extras = {...(modelDisplayName !== undefined && {modelDisplayName})};
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
