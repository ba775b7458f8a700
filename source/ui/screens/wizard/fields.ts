// The editable fields of each form step, as data: how to show a field's value, which values a
// choice field offers (from the catalog, only the valid ones), and how typed text becomes a draft.
// Pure, so every step's behaviour is testable without Ink. Field ids match step-model.ts.
import {
  acceleratorOptionsFor,
  compareImagesNewestFirst,
  defaultImageFor,
  newestAvailableImage,
  DISK_TYPES,
  findPrebuiltImage,
  isImageAvailable,
  MODEL_TYPES,
  prebuiltImageUri,
  reductionServerImageUri,
  TABULAR_OBJECTIVES,
  FORECASTING_OBJECTIVES,
  tpuTopologiesFor,
  type AutoMlDraft,
  type Catalog,
  type DataSplit,
  type JobDraft,
  type PoolTask,
  type PrebuiltImage,
  type WorkerPoolDraft,
} from '../../../core/job-spec/index.js';
import {
  datasetListNote,
  datasetOptions,
  datasetTypeNeeded,
  type DatasetListing,
} from './dataset-list.js';
import type {StepId} from './step-model.js';

export interface FieldContext {
  catalog: Catalog;
  today: string;
  /** The worker pool a per-pool step edits. */
  pool: number;
  /** The project's managed datasets, while the dataset step is open (dataset-list.ts). */
  datasets?: DatasetListing;
  /** Where the app's session runs now (the Where step says when submit will reopen it). */
  session?: SessionTarget;
  /** Where the app's resolution found each value ("gcloud config \"default\"", "settings" …). */
  sources?: Partial<Record<WhereKey, {value: string; source: string}>>;
}

export type WhereKey = 'backend' | 'project' | 'region' | 'stagingBucket';

export interface SessionTarget {
  backend: 'local' | 'vertex';
  project: string;
  region: string;
  /** The bucket the session stages to regardless of the draft (Vertex, when resolved). */
  stagingBucket?: string;
}

const BACKEND_LABEL = {local: 'local emulator', vertex: 'Vertex AI'} as const;

/** The backend a draft goes to: its own choice, else the session's. */
export function draftBackend(draft: JobDraft, session?: SessionTarget): 'local' | 'vertex' {
  return draft.backend ?? session?.backend ?? 'local';
}

/** Submit reopens the session when the draft names another backend, project or region. */
export function needsReopen(draft: JobDraft, session: SessionTarget | undefined): boolean {
  if (!session) return false;
  return (
    draftBackend(draft, session) !== session.backend ||
    draft.project !== session.project ||
    draft.region !== session.region ||
    // A session bound to a staging bucket uploads there: another bucket needs another session.
    (session.stagingBucket !== undefined &&
      stagingBucketOf(draft) !== '' &&
      stagingBucketOf(draft) !== session.stagingBucket)
  );
}

/** "from gcloud config …" when the value is still the one the app resolved. */
function sourceNote(ctx: FieldContext, key: WhereKey, current: string): string | undefined {
  const resolved = ctx.sources?.[key];
  return resolved && resolved.value === current ? `from ${resolved.source}` : undefined;
}

export interface Option {
  value: string;
  label: string;
}

interface FieldBase {
  id: string;
  label: string;
  /** Shown only when it applies (e.g. the package fields for a pre-built image). */
  when?(draft: JobDraft, ctx: FieldContext): boolean;
  /** A one-line hint under the field while it is focused. */
  hint?: string;
  /** Which located problems show under this field (default: those with its id as field). */
  owns?(problem: {path: string; field: string}, draft: JobDraft): boolean;
  /** A line always shown under the field (e.g. why a list is empty and what to do). */
  note?(draft: JobDraft, ctx: FieldContext): string | undefined;
}

export interface TextField extends FieldBase {
  kind: 'text';
  get(draft: JobDraft, ctx: FieldContext): string;
  /** The changed draft, or a message saying why the text is not a value. */
  set(draft: JobDraft, text: string, ctx: FieldContext): JobDraft | string;
}

export interface ChoiceField extends FieldBase {
  kind: 'choice';
  options(draft: JobDraft, ctx: FieldContext): Option[];
  get(draft: JobDraft, ctx: FieldContext): string;
  set(draft: JobDraft, value: string, ctx: FieldContext): JobDraft;
}

export type Field = TextField | ChoiceField;

// ---- helpers ------------------------------------------------------------------------------

const EMPTY_POOL: WorkerPoolDraft = {
  machine: {machineType: 'n1-standard-4'},
  replicaCount: 1,
  task: {kind: 'container', imageUri: '', command: [], args: [], env: []},
};

function poolOf(draft: JobDraft, index: number): WorkerPoolDraft {
  return draft.workerPools[index] ?? draft.workerPools[0] ?? EMPTY_POOL;
}

export function withPool(
  draft: JobDraft,
  index: number,
  change: (pool: WorkerPoolDraft) => WorkerPoolDraft,
): JobDraft {
  const pools = [...draft.workerPools] as (WorkerPoolDraft | undefined)[];
  pools[index] = change(poolOf(draft, index));
  return {...draft, workerPools: pools as JobDraft['workerPools']};
}

const withTask = (draft: JobDraft, index: number, task: PoolTask): JobDraft =>
  withPool(draft, index, (pool) => ({...pool, task}));

/** Splits like a shell, without running one: spaces separate, quotes group. */
export function splitArgs(text: string): string[] {
  const out: string[] = [];
  const pattern = /"([^"]*)"|'([^']*)'|(\S+)/g;
  for (const match of text.matchAll(pattern)) out.push(match[1] ?? match[2] ?? match[3] ?? '');
  return out;
}

export function joinArgs(args: readonly string[]): string {
  // An imported file may hold anything here; show it rather than fail.
  if (!Array.isArray(args)) return JSON.stringify(args) ?? '';
  return args
    .map((arg) => (/[\s"']/.test(arg) || arg === '' ? JSON.stringify(arg) : arg))
    .join(' ');
}

const list = (text: string) =>
  text
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');

function pairs(text: string): [string, string][] | string {
  const out: [string, string][] = [];
  for (const item of list(text)) {
    const at = item.indexOf('=');
    if (at <= 0) return `write KEY=VALUE pairs separated by commas; "${item}" has no KEY=`;
    out.push([item.slice(0, at).trim(), item.slice(at + 1).trim()]);
  }
  return out;
}

/** "24h", "90m", "45s" or plain seconds → seconds. */
export function parseDuration(text: string): number | undefined | string {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  const match = /^(\d+(?:\.\d+)?)\s*([smhd]?)$/.exec(trimmed);
  if (!match) return 'write a duration such as 24h, 90m or 3600s';
  const unit = {'': 1, s: 1, m: 60, h: 3600, d: 86400}[match[2] as '' | 's' | 'm' | 'h' | 'd'];
  return Math.round(Number(match[1]) * unit);
}

export function formatDuration(seconds: number | undefined): string {
  if (seconds === undefined) return '';
  if (seconds % 3600 === 0) return `${seconds / 3600}h`;
  if (seconds % 60 === 0) return `${seconds / 60}m`;
  return `${seconds}s`;
}

function wholeNumber(text: string, what: string): number | string {
  const value = Number(text.trim());
  return text.trim() !== '' && Number.isInteger(value) ? value : `${what} must be a whole number`;
}

function optionalText<K extends keyof JobDraft>(key: K, label: string, hint?: string): TextField {
  return {
    id: key,
    label,
    kind: 'text',
    ...(hint && {hint}),
    get: (draft) => String(draft[key] ?? ''),
    set: (draft, text) => {
      const next = {...draft};
      if (text.trim() === '') delete next[key];
      else (next as Record<string, unknown>)[key] = text.trim();
      return next;
    },
  };
}

// ---- Where ----------------------------------------------------------------------------------

/** The bucket the local package folders are uploaded to (the first part of their gs:// URI). */
export function stagingBucketOf(draft: JobDraft): string {
  for (const pool of draft.workerPools) {
    if (pool?.task.kind === 'python-package' && pool.task.localPackagePath) {
      const match = /^gs:\/\/([^/]+)\//.exec(pool.task.packageUris[0] ?? '');
      if (match) return match[1] ?? '';
    }
  }
  return '';
}

const WHERE: Field[] = [
  {
    id: 'backend',
    label: 'Backend',
    kind: 'choice',
    hint: 'the local emulator runs the code here; Vertex AI needs a Google Cloud project',
    options: () => [
      {value: 'local', label: 'local emulator (runs the code on this machine)'},
      {value: 'vertex', label: 'Vertex AI (Google Cloud)'},
    ],
    // Before the session is open, the backend the app resolved.
    get: (draft, ctx) =>
      draft.backend ??
      ctx.session?.backend ??
      (ctx.sources?.backend?.value === 'vertex' ? 'vertex' : 'local'),
    set: (draft, value) => ({...draft, backend: value === 'vertex' ? 'vertex' : 'local'}),
    note: (draft, ctx) => {
      if (!needsReopen(draft, ctx.session))
        return sourceNote(ctx, 'backend', draftBackend(draft, ctx.session));
      const to = `${BACKEND_LABEL[draftBackend(draft, ctx.session)]} · ${draft.project} · ${draft.region}`;
      return `submit reopens the app on ${to} (the app runs on ${BACKEND_LABEL[ctx.session!.backend]} · ${ctx.session!.project} · ${ctx.session!.region} now); the job list then shows that project`;
    },
  },
  {
    id: 'project',
    label: 'Project',
    kind: 'text',
    get: (draft) => draft.project,
    note: (draft, ctx) => sourceNote(ctx, 'project', draft.project),
    set: (draft, text) =>
      /^[a-z][a-z0-9-]{4,28}[a-z0-9]$/.test(text.trim())
        ? {...draft, project: text.trim()}
        : 'a project id is 6–30 lowercase letters, digits or hyphens, starting with a letter',
  },
  {
    id: 'region',
    label: 'Region',
    kind: 'choice',
    hint: 'only regions that offer custom training (the catalog lists them)',
    note: (draft, ctx) => sourceNote(ctx, 'region', draft.region),
    options: (_draft, ctx) => ctx.catalog.regions.map((region) => ({value: region, label: region})),
    get: (draft) => draft.region,
    set: (draft, region) => ({...draft, region}),
  },
  {
    id: 'stagingBucket',
    label: 'Staging bucket',
    kind: 'text',
    hint: 'where local package folders are uploaded at submit',
    when: (draft) => stagingBucketOf(draft) !== '',
    note: (draft, ctx) => sourceNote(ctx, 'stagingBucket', stagingBucketOf(draft)),
    get: stagingBucketOf,
    set: (draft, text) => {
      const bucket = text
        .trim()
        .replace(/^gs:\/\//, '')
        .replace(/\/.*$/, '');
      if (!/^[a-z0-9][a-z0-9._-]{1,220}[a-z0-9]$/.test(bucket))
        return 'a bucket name is 3–222 lowercase letters, digits, dots, _ or -';
      const pools = draft.workerPools.map((pool) =>
        pool?.task.kind === 'python-package' && pool.task.localPackagePath
          ? {
              ...pool,
              task: {
                ...pool.task,
                packageUris: pool.task.packageUris.map((uri, i) =>
                  i === 0 ? uri.replace(/^gs:\/\/[^/]+\//, `gs://${bucket}/`) : uri,
                ),
              },
            }
          : pool,
      );
      return {...draft, workerPools: pools as JobDraft['workerPools']};
    },
  },
];

// ---- Dataset --------------------------------------------------------------------------------

function managed(draft: JobDraft) {
  return draft.dataset?.kind === 'managed' ? draft.dataset : undefined;
}

/** The managed dataset's split, when it is of `kind` (each split field edits one kind). */
function splitOf<K extends DataSplit['kind']>(
  draft: JobDraft,
  kind: K,
): Extract<DataSplit, {kind: K}> | undefined {
  const split = managed(draft)?.split;
  return split?.kind === kind ? (split as Extract<DataSplit, {kind: K}>) : undefined;
}

const withSplit = (draft: JobDraft, split: DataSplit): JobDraft => ({
  ...draft,
  dataset: {...managed(draft)!, split},
});

const DATASET_ID = 'inputDataConfig.datasetId';

const setDatasetId = (draft: JobDraft, id: string): JobDraft => ({
  ...draft,
  dataset: {...managed(draft)!, datasetId: id.trim().replace(/^.*\/datasets\//, '')},
});

const pickable = (ctx: FieldContext) =>
  ctx.datasets?.state === 'ready' && ctx.datasets.items.length > 0;

const DEFAULT_FILTERS = {
  training: 'labels.aiplatform.googleapis.com/ml_use=training',
  validation: 'labels.aiplatform.googleapis.com/ml_use=validation',
  test: 'labels.aiplatform.googleapis.com/ml_use=test',
};

const DATASET: Field[] = [
  {
    id: 'dataset',
    label: 'Dataset',
    kind: 'choice',
    options: () => [
      {value: 'none', label: 'none: the code reads Cloud Storage or BigQuery URIs itself'},
      {value: 'managed', label: 'a managed dataset of the project'},
    ],
    // With no managed dataset chosen, "a dataset is required" shows here, where it is fixed.
    owns: (problem, draft) =>
      problem.field === 'dataset' && (problem.path !== DATASET_ID || !managed(draft)),
    get: (draft) => (managed(draft) ? 'managed' : 'none'),
    set: (draft, value) =>
      value === 'managed'
        ? {...draft, dataset: managed(draft) ?? {kind: 'managed', datasetId: ''}}
        : {...draft, dataset: {kind: 'none'}},
  },
  {
    // The picker: the project's datasets, filtered by typing (name, type or id).
    id: 'datasetId',
    label: 'Managed dataset',
    kind: 'choice',
    hint: 'enter opens the list; type to filter by name, type or id',
    when: (draft, ctx) => !!managed(draft) && pickable(ctx),
    owns: (problem) => problem.path === DATASET_ID,
    note: (_draft, ctx) => datasetListNote(ctx.datasets),
    options: (draft, ctx) => {
      const items = ctx.datasets?.state === 'ready' ? ctx.datasets.items : [];
      const needed =
        draft.trainingType === 'automl' ? datasetTypeNeeded(draft.automl?.kind) : undefined;
      const options = datasetOptions(items, needed);
      const current = managed(draft)?.datasetId ?? '';
      return current && !items.some((item) => item.id === current)
        ? [{value: current, label: `${current} (not in this project's list)`}, ...options]
        : options;
    },
    get: (draft) => managed(draft)?.datasetId ?? '',
    set: setDatasetId,
  },
  {
    // No list to pick from (loading, none, or it failed): the id is typed, and the note says why.
    id: 'datasetId',
    label: 'Dataset id',
    kind: 'text',
    hint: 'the numeric id (the last part of projects/…/datasets/ID)',
    when: (draft, ctx) => !!managed(draft) && !pickable(ctx),
    owns: (problem) => problem.path === DATASET_ID,
    note: (_draft, ctx) => datasetListNote(ctx.datasets),
    get: (draft) => managed(draft)?.datasetId ?? '',
    set: setDatasetId,
  },
  {
    id: 'split',
    label: 'Split',
    kind: 'choice',
    when: (draft) => !!managed(draft),
    options: () => [
      {value: 'default', label: "none: Vertex's default (80/10/10, random)"},
      {value: 'fraction', label: 'fractions (training / validation / test)'},
      {value: 'filter', label: 'filters on the data items (e.g. ml_use labels)'},
      {value: 'predefined', label: 'predefined by a column'},
    ],
    get: (draft) => managed(draft)?.split?.kind ?? 'default',
    set: (draft, value) => {
      const dataset = {...managed(draft)!};
      if (value === 'default') delete dataset.split;
      else if (value === 'fraction')
        dataset.split = {kind: 'fraction', training: 0.8, validation: 0.1, test: 0.1};
      else if (value === 'predefined') dataset.split = {kind: 'predefined', key: 'ml_use'};
      else dataset.split = {kind: 'filter', ...DEFAULT_FILTERS};
      return {...draft, dataset};
    },
  },
  {
    id: 'fractions',
    label: 'Fractions',
    kind: 'text',
    hint: 'training / validation / test, e.g. 0.8/0.1/0.1',
    when: (draft) => !!splitOf(draft, 'fraction'),
    get: (draft) => {
      const split = splitOf(draft, 'fraction');
      return split ? `${split.training}/${split.validation}/${split.test}` : '';
    },
    set: (draft, text) => {
      const parts = text.split('/').map((part) => Number(part.trim()));
      if (parts.length !== 3 || parts.some((n) => !Number.isFinite(n)))
        return 'write three fractions, e.g. 0.8/0.1/0.1';
      const [training = 0, validation = 0, test = 0] = parts;
      return withSplit(draft, {kind: 'fraction', training, validation, test});
    },
  },
  {
    id: 'filters',
    label: 'Filters',
    kind: 'text',
    hint: 'training ; validation ; test (each an AIP-160 filter on the data items)',
    when: (draft) => !!splitOf(draft, 'filter'),
    get: (draft) => {
      const split = splitOf(draft, 'filter');
      return split ? [split.training, split.validation, split.test].join(' ; ') : '';
    },
    set: (draft, text) => {
      const parts = text.split(';').map((part) => part.trim());
      if (parts.length !== 3)
        return 'write three filters separated by ";": training ; validation ; test';
      const [training = '', validation = '', test = ''] = parts;
      return withSplit(draft, {kind: 'filter', training, validation, test});
    },
  },
  {
    id: 'predefinedKey',
    label: 'Split column',
    kind: 'text',
    hint: 'the column holding TRAIN / VALIDATE / TEST for each row',
    when: (draft) => !!splitOf(draft, 'predefined'),
    get: (draft) => splitOf(draft, 'predefined')?.key ?? '',
    set: (draft, text) => withSplit(draft, {kind: 'predefined', key: text.trim()}),
  },
  {
    id: 'destination',
    label: 'Export to',
    kind: 'text',
    hint: 'where Vertex writes the split for your code: gs://bucket/prefix/ or bq://project',
    when: (draft) => !!managed(draft),
    get: (draft) => {
      const destination = managed(draft)?.destination;
      if (!destination) return '';
      return destination.kind === 'gcs' ? destination.outputUriPrefix : destination.outputUri;
    },
    set: (draft, text) => {
      const dataset = {...managed(draft)!};
      const value = text.trim();
      if (value === '') delete dataset.destination;
      else
        dataset.destination = value.startsWith('bq://')
          ? {kind: 'bigquery', outputUri: value}
          : {kind: 'gcs', outputUriPrefix: value};
      return {...draft, dataset};
    },
  },
];

// ---- AutoML ---------------------------------------------------------------------------------

const AUTOML_DEFAULTS: Record<string, AutoMlDraft> = {
  tabular: {
    kind: 'tabular',
    predictionType: 'classification',
    targetColumn: '',
    transformations: [],
    trainBudgetMilliNodeHours: 1000,
  },
  'image-classification': {
    kind: 'image-classification',
    modelType: 'CLOUD',
    budgetMilliNodeHours: 8000,
  },
  forecasting: {
    kind: 'forecasting',
    targetColumn: '',
    timeColumn: '',
    timeSeriesIdentifierColumn: '',
    forecastHorizon: 7,
    dataGranularity: {unit: 'day', quantity: 1},
    transformations: [],
    availableAtForecastColumns: [],
    unavailableAtForecastColumns: [],
    trainBudgetMilliNodeHours: 1000,
  },
  'text-classification': {kind: 'text-classification', multiLabel: false},
  'text-sentiment': {kind: 'text-sentiment', sentimentMax: 4},
  'video-classification': {kind: 'video-classification', modelType: 'CLOUD'},
};

const AUTOML: Field[] = [
  {
    id: 'objective',
    label: 'Objective',
    kind: 'choice',
    options: () => [
      {value: 'tabular/classification', label: 'tabular: classification'},
      {value: 'tabular/regression', label: 'tabular: regression'},
      {value: 'forecasting', label: 'tabular: forecasting'},
      {value: 'image-classification', label: 'image: classification'},
      {value: 'text-classification', label: 'text: classification'},
      {value: 'text-sentiment', label: 'text: sentiment'},
      {value: 'video-classification', label: 'video: classification'},
    ],
    get: (draft) =>
      draft.automl?.kind === 'tabular'
        ? `tabular/${draft.automl.predictionType}`
        : (draft.automl?.kind ?? 'tabular/classification'),
    set: (draft, value) => {
      const [kind, predictionType] = value.split('/');
      const base = AUTOML_DEFAULTS[kind ?? ''] ?? AUTOML_DEFAULTS.tabular!;
      const automl =
        base.kind === 'tabular'
          ? {
              ...base,
              ...(draft.automl?.kind === 'tabular' && draft.automl),
              predictionType: (predictionType ?? 'classification') as 'classification',
            }
          : base;
      if (automl.kind === 'tabular') delete automl.optimizationObjective;
      return {...draft, automl};
    },
  },
  {
    id: 'targetColumn',
    label: 'Target column',
    kind: 'text',
    when: (draft) => draft.automl?.kind === 'tabular' || draft.automl?.kind === 'forecasting',
    get: (draft) =>
      draft.automl?.kind === 'tabular' || draft.automl?.kind === 'forecasting'
        ? draft.automl.targetColumn
        : '',
    set: (draft, text) =>
      draft.automl?.kind === 'tabular' || draft.automl?.kind === 'forecasting'
        ? {...draft, automl: {...draft.automl, targetColumn: text.trim()}}
        : draft,
  },
  {
    id: 'optimizationObjective',
    label: 'Optimisation objective',
    kind: 'choice',
    when: (draft) => draft.automl?.kind === 'tabular' || draft.automl?.kind === 'forecasting',
    options: (draft) => {
      const automl = draft.automl;
      const objectives: readonly string[] =
        automl?.kind === 'forecasting'
          ? FORECASTING_OBJECTIVES
          : automl?.kind === 'tabular' && automl.predictionType === 'regression'
            ? TABULAR_OBJECTIVES.regression
            : TABULAR_OBJECTIVES.classification;
      return [
        {value: '', label: 'default for the prediction type'},
        ...objectives.map((objective) => ({value: objective, label: objective})),
      ];
    },
    get: (draft) =>
      draft.automl?.kind === 'tabular' || draft.automl?.kind === 'forecasting'
        ? (draft.automl.optimizationObjective ?? '')
        : '',
    set: (draft, value) => {
      if (draft.automl?.kind !== 'tabular' && draft.automl?.kind !== 'forecasting') return draft;
      const automl = {...draft.automl};
      if (value === '') delete automl.optimizationObjective;
      else automl.optimizationObjective = value;
      return {...draft, automl};
    },
  },
  {
    id: 'objectiveValue',
    label: 'Recall/precision',
    kind: 'text',
    hint: 'the value the objective holds fixed, from 0 to 1',
    when: (draft) =>
      draft.automl?.kind === 'tabular' &&
      /at-(recall|precision)$/.test(draft.automl.optimizationObjective ?? ''),
    get: (draft) => {
      if (draft.automl?.kind !== 'tabular') return '';
      const value =
        draft.automl.optimizationObjectiveRecallValue ??
        draft.automl.optimizationObjectivePrecisionValue;
      return value === undefined ? '' : String(value);
    },
    set: (draft, text) => {
      if (draft.automl?.kind !== 'tabular') return draft;
      const value = Number(text.trim());
      if (text.trim() === '' || !Number.isFinite(value)) return 'write a number from 0 to 1';
      const recall = draft.automl.optimizationObjective?.endsWith('at-recall');
      return {
        ...draft,
        automl: {
          ...draft.automl,
          [recall ? 'optimizationObjectiveRecallValue' : 'optimizationObjectivePrecisionValue']:
            value,
        },
      };
    },
  },
  {
    id: 'dataGranularity',
    label: 'Data granularity',
    kind: 'text',
    hint: 'UNIT QUANTITY, e.g. day 1 (minute, hour, day, week, month, year)',
    when: (draft) => draft.automl?.kind === 'forecasting',
    get: (draft) =>
      draft.automl?.kind === 'forecasting'
        ? `${draft.automl.dataGranularity.unit} ${draft.automl.dataGranularity.quantity}`
        : '',
    set: (draft, text) => {
      if (draft.automl?.kind !== 'forecasting') return draft;
      const [unit = '', quantity = '1'] = text.trim().split(/\s+/);
      const count = Number(quantity);
      if (!unit || !Number.isInteger(count)) return 'write a unit and a whole number, e.g. day 1';
      return {...draft, automl: {...draft.automl, dataGranularity: {unit, quantity: count}}};
    },
  },
  {
    id: 'sentimentMax',
    label: 'Highest sentiment',
    kind: 'text',
    hint: 'sentiment scores run from 0 to this (1 to 10)',
    when: (draft) => draft.automl?.kind === 'text-sentiment',
    get: (draft) =>
      draft.automl?.kind === 'text-sentiment' ? String(draft.automl.sentimentMax) : '',
    set: (draft, text) => {
      if (draft.automl?.kind !== 'text-sentiment') return draft;
      const value = wholeNumber(text, 'the highest sentiment');
      return typeof value === 'string'
        ? value
        : {...draft, automl: {...draft.automl, sentimentMax: value}};
    },
  },
  {
    id: 'budget',
    label: 'Budget',
    kind: 'text',
    hint: 'in milli node hours: 1000 = one node hour',
    when: (draft) =>
      draft.automl?.kind === 'tabular' ||
      draft.automl?.kind === 'forecasting' ||
      (!!draft.automl && 'budgetMilliNodeHours' in draft.automl),
    get: (draft) =>
      draft.automl?.kind === 'tabular' || draft.automl?.kind === 'forecasting'
        ? String(draft.automl.trainBudgetMilliNodeHours)
        : draft.automl && 'budgetMilliNodeHours' in draft.automl
          ? String(draft.automl.budgetMilliNodeHours)
          : '',
    set: (draft, text) => {
      const value = wholeNumber(text, 'the budget');
      if (typeof value === 'string' || !draft.automl)
        return typeof value === 'string' ? value : draft;
      if (draft.automl.kind === 'tabular' || draft.automl.kind === 'forecasting')
        return {...draft, automl: {...draft.automl, trainBudgetMilliNodeHours: value}};
      if ('budgetMilliNodeHours' in draft.automl)
        return {...draft, automl: {...draft.automl, budgetMilliNodeHours: value}};
      return draft;
    },
  },
  {
    id: 'modelType',
    label: 'Model type',
    kind: 'choice',
    when: (draft) => !!draft.automl && 'modelType' in draft.automl,
    options: (draft) =>
      (MODEL_TYPES[draft.automl?.kind ?? 'tabular'] ?? []).map((type) => ({
        value: type,
        label: type,
      })),
    get: (draft) => (draft.automl && 'modelType' in draft.automl ? draft.automl.modelType : ''),
    set: (draft, value) =>
      draft.automl && 'modelType' in draft.automl
        ? {...draft, automl: {...draft.automl, modelType: value}}
        : draft,
  },
];

// ---- Container ------------------------------------------------------------------------------

function imageOf(draft: JobDraft, ctx: FieldContext): PrebuiltImage | undefined {
  const task = poolOf(draft, ctx.pool).task;
  return task.kind === 'python-package'
    ? findPrebuiltImage(task.executorImageUri, ctx.catalog)
    : undefined;
}

/** The accelerator kind the pool's machine needs: GPU images on GPUs, TPU images on TPUs. */
function acceleratorKind(draft: JobDraft, ctx: FieldContext): PrebuiltImage['accelerator'] {
  const machine = poolOf(draft, ctx.pool).machine;
  if (
    tpuTopologiesFor(machine.machineType, ctx.catalog) ||
    machine.acceleratorType?.startsWith('TPU')
  )
    return 'TPU';
  return machine.acceleratorType ? 'GPU' : 'CPU';
}

function imagesFor(ctx: FieldContext, framework: string, accelerator: string): PrebuiltImage[] {
  return ctx.catalog.prebuiltImages
    .filter((image) => image.framework === framework && image.accelerator === accelerator)
    .sort(compareImagesNewestFirst);
}

function setImage(draft: JobDraft, ctx: FieldContext, image: PrebuiltImage | undefined): JobDraft {
  const task = poolOf(draft, ctx.pool).task;
  if (task.kind !== 'python-package' || !image) return draft;
  return withTask(draft, ctx.pool, {
    ...task,
    executorImageUri: prebuiltImageUri(image.name, draft.region),
  });
}

const isPackage = (draft: JobDraft, ctx: FieldContext) =>
  poolOf(draft, ctx.pool).task.kind === 'python-package';

function taskText(
  id: string,
  label: string,
  read: (task: PoolTask) => string,
  write: (task: PoolTask, text: string) => PoolTask | string,
  when?: (draft: JobDraft, ctx: FieldContext) => boolean,
  hint?: string,
): TextField {
  return {
    id,
    label,
    kind: 'text',
    ...(when && {when}),
    ...(hint && {hint}),
    get: (draft, ctx) => read(poolOf(draft, ctx.pool).task),
    set: (draft, text, ctx) => {
      const task = write(poolOf(draft, ctx.pool).task, text);
      return typeof task === 'string' ? task : withTask(draft, ctx.pool, task);
    },
  };
}

function envText(task: PoolTask): string {
  if (!Array.isArray(task.env)) return JSON.stringify(task.env) ?? '';
  return task.env.map((e) => `${e.name}=${e.value}`).join(', ');
}

function envFrom(task: PoolTask, text: string): PoolTask | string {
  const parsed = pairs(text);
  return typeof parsed === 'string'
    ? parsed
    : {...task, env: parsed.map(([name, value]) => ({name, value}))};
}

const CONTAINER: Field[] = [
  {
    id: 'kind',
    label: 'Container',
    kind: 'choice',
    options: () => [
      {value: 'python-package', label: 'pre-built image + your Python package'},
      {value: 'container', label: 'your own container image'},
    ],
    get: (draft, ctx) => poolOf(draft, ctx.pool).task.kind,
    set: (draft, value, ctx) => {
      const task = poolOf(draft, ctx.pool).task;
      if (task.kind === value) return draft;
      if (value === 'container')
        return withTask(draft, ctx.pool, {
          kind: 'container',
          imageUri: '',
          command: [],
          args: task.args,
          env: task.env,
        });
      // A default nobody chose must still be available; when none is, the field stays empty and
      // the image list (retired ones marked) is where the user decides.
      const image = newestAvailableImage(
        ctx.catalog,
        'PyTorch',
        acceleratorKind(draft, ctx),
        ctx.today,
      );
      return withTask(draft, ctx.pool, {
        kind: 'python-package',
        executorImageUri: image ? prebuiltImageUri(image.name, draft.region) : '',
        packageUris: [],
        pythonModule: 'trainer.task',
        args: task.args,
        env: task.env,
      });
    },
  },
  {
    id: 'framework',
    label: 'Framework',
    kind: 'choice',
    when: isPackage,
    options: (draft, ctx) =>
      [...new Set(ctx.catalog.prebuiltImages.map((image) => image.framework))].map((framework) => {
        const usable = imagesFor(ctx, framework, acceleratorKind(draft, ctx));
        const left = usable.some((image) => isImageAvailable(image, ctx.today));
        const note =
          usable.length === 0 ? ' (no image for this accelerator)' : left ? '' : ' (all retired)';
        return {value: framework, label: `${framework}${note}`};
      }),
    get: (draft, ctx) => imageOf(draft, ctx)?.framework ?? '',
    set: (draft, framework, ctx) =>
      setImage(
        draft,
        ctx,
        defaultImageFor(ctx.catalog, framework, acceleratorKind(draft, ctx), ctx.today)?.image,
      ),
  },
  {
    id: 'image',
    label: 'Version',
    kind: 'choice',
    hint: "newest first; only images for the pool's accelerator; retired ones are marked",
    when: isPackage,
    options: (draft, ctx) => {
      const framework = imageOf(draft, ctx)?.framework ?? 'PyTorch';
      return imagesFor(ctx, framework, acceleratorKind(draft, ctx)).map((image) => ({
        value: image.name,
        label: `${image.version} · py${image.python} · ${image.name}${isImageAvailable(image, ctx.today) ? '' : ` · ⚠ retired ${image.endOfAvailability}`}`,
      }));
    },
    get: (draft, ctx) => imageOf(draft, ctx)?.name ?? '',
    set: (draft, name, ctx) =>
      setImage(
        draft,
        ctx,
        ctx.catalog.prebuiltImages.find((i) => i.name === name),
      ),
  },
  {
    id: 'image',
    label: 'Image URI',
    kind: 'text',
    when: (draft, ctx) => !isPackage(draft, ctx),
    get: (draft, ctx) => {
      const task = poolOf(draft, ctx.pool).task;
      return task.kind === 'container' ? task.imageUri : '';
    },
    set: (draft, text, ctx) => {
      const task = poolOf(draft, ctx.pool).task;
      return task.kind === 'container'
        ? withTask(draft, ctx.pool, {...task, imageUri: text.trim()})
        : draft;
    },
  },
  taskText(
    'localPackage',
    'Local package folder',
    (task) => (task.kind === 'python-package' ? (task.localPackagePath ?? '') : ''),
    (task, text) => {
      if (task.kind !== 'python-package') return task;
      const folder = text.trim();
      const next = {...task};
      if (folder === '') delete next.localPackagePath;
      else {
        next.localPackagePath = folder;
        const name = folder.replace(/\/+$/, '').split('/').pop() || 'trainer';
        const bucket =
          /^gs:\/\/([^/]+)\//.exec(task.packageUris[0] ?? '')?.[1] ?? 'vtrain-local-staging';
        next.packageUris = [
          `gs://${bucket}/vtrain-packages/${name}.tar.gz`,
          ...task.packageUris.slice(1),
        ];
      }
      return next;
    },
    isPackage,
    'packaged and uploaded at submit; or leave empty and give gs:// URIs',
  ),
  taskText(
    'packages',
    'Package URIs',
    (task) => (task.kind === 'python-package' ? task.packageUris.join(', ') : ''),
    (task, text) => (task.kind === 'python-package' ? {...task, packageUris: list(text)} : task),
    isPackage,
    'gs:// URIs of sdists, separated by commas',
  ),
  taskText(
    'module',
    'Python module',
    (task) => (task.kind === 'python-package' ? task.pythonModule : ''),
    (task, text) => (task.kind === 'python-package' ? {...task, pythonModule: text.trim()} : task),
    isPackage,
  ),
  taskText(
    'command',
    'Command',
    (task) => (task.kind === 'container' ? joinArgs(task.command) : ''),
    (task, text) => (task.kind === 'container' ? {...task, command: splitArgs(text)} : task),
    (draft, ctx) => !isPackage(draft, ctx),
    "empty: the image's ENTRYPOINT",
  ),
  taskText(
    'args',
    'Arguments',
    (task) => joinArgs(task.args),
    (task, text) => ({...task, args: splitArgs(text)}),
  ),
  taskText('env', 'Environment', envText, envFrom, undefined, 'NAME=value, separated by commas'),
];

// ---- Compute --------------------------------------------------------------------------------

const machineOf = (draft: JobDraft, ctx: FieldContext) => poolOf(draft, ctx.pool).machine;

const COMPUTE: Field[] = [
  {
    id: 'machineType',
    label: 'Machine type',
    kind: 'choice',
    hint: 'type to filter; grouped by family with vCPUs and memory',
    options: (_draft, ctx) =>
      ctx.catalog.machineTypes.map((machine) => ({
        value: machine.name,
        label: `${machine.family.padEnd(4)} ${machine.name} · ${machine.vcpus} vCPU · ${machine.memoryGb} GB`,
      })),
    get: (draft, ctx) => machineOf(draft, ctx).machineType,
    set: (draft, machineType, ctx) =>
      withPool(draft, ctx.pool, (pool) => {
        // Keep the accelerator only when the new machine takes it.
        const options = acceleratorOptionsFor(machineType, ctx.catalog);
        const keep = options.find((o) => o.acceleratorType === pool.machine.acceleratorType);
        const only =
          options.length > 0 && options.every((o) => o.counts.length === 1) && options.length === 1
            ? options[0]
            : undefined;
        const accelerator = keep ?? only;
        const topologies = tpuTopologiesFor(machineType, ctx.catalog);
        return {
          ...pool,
          machine: {
            machineType,
            ...(accelerator && {
              acceleratorType: accelerator.acceleratorType,
              acceleratorCount: accelerator.counts.includes(pool.machine.acceleratorCount ?? 0)
                ? pool.machine.acceleratorCount
                : accelerator.counts[0],
            }),
            ...(topologies && {tpuTopology: topologies[0]}),
          },
        };
      }),
  },
  {
    id: 'accelerator',
    label: 'Accelerator',
    kind: 'choice',
    hint: 'only what this machine type takes',
    options: (draft, ctx) => {
      const machine = machineOf(draft, ctx);
      const options = acceleratorOptionsFor(machine.machineType, ctx.catalog).flatMap((option) =>
        option.counts.map((count) => ({
          value: `${option.acceleratorType}×${count}`,
          label: `${count} × ${option.acceleratorType}`,
        })),
      );
      const required = ctx.catalog.machineTypes.find(
        (m) => m.name === machine.machineType,
      )?.acceleratorRequired;
      return required && options.length > 0 ? options : [{value: '', label: 'none'}, ...options];
    },
    get: (draft, ctx) => {
      const machine = machineOf(draft, ctx);
      return machine.acceleratorType
        ? `${machine.acceleratorType}×${machine.acceleratorCount ?? 1}`
        : '';
    },
    set: (draft, value, ctx) =>
      withPool(draft, ctx.pool, (pool) => {
        const {acceleratorType: _type, acceleratorCount: _count, ...rest} = pool.machine;
        if (value === '') return {...pool, machine: rest};
        const [acceleratorType = '', count = '1'] = value.split('×');
        return {...pool, machine: {...rest, acceleratorType, acceleratorCount: Number(count)}};
      }),
  },
  {
    id: 'tpuTopology',
    label: 'TPU topology',
    kind: 'choice',
    when: (draft, ctx) =>
      tpuTopologiesFor(machineOf(draft, ctx).machineType, ctx.catalog) !== undefined ||
      machineOf(draft, ctx).tpuTopology !== undefined,
    options: (draft, ctx) => {
      const topologies = tpuTopologiesFor(machineOf(draft, ctx).machineType, ctx.catalog);
      return topologies
        ? topologies.map((t) => ({value: t, label: t}))
        : [{value: '', label: 'none (this machine takes no topology)'}];
    },
    get: (draft, ctx) => machineOf(draft, ctx).tpuTopology ?? '',
    set: (draft, tpuTopology, ctx) =>
      withPool(draft, ctx.pool, (pool) => {
        const {tpuTopology: _old, ...machine} = pool.machine;
        return {...pool, machine: tpuTopology ? {...machine, tpuTopology} : machine};
      }),
  },
  {
    id: 'disk',
    label: 'Boot disk type',
    kind: 'choice',
    options: () => [
      {value: '', label: 'default (pd-ssd)'},
      ...DISK_TYPES.map((type) => ({value: type, label: type})),
    ],
    get: (draft, ctx) => poolOf(draft, ctx.pool).bootDiskType ?? '',
    set: (draft, value, ctx) =>
      withPool(draft, ctx.pool, (pool) => {
        const next = {...pool};
        if (value === '') delete next.bootDiskType;
        else next.bootDiskType = value;
        return next;
      }),
  },
  {
    id: 'diskSize',
    label: 'Boot disk size (GB)',
    kind: 'text',
    hint: '100 to 64000; empty for the default (100)',
    get: (draft, ctx) => String(poolOf(draft, ctx.pool).bootDiskSizeGb ?? ''),
    set: (draft, text, ctx) => {
      if (text.trim() === '')
        return withPool(draft, ctx.pool, ({bootDiskSizeGb: _size, ...pool}) => pool);
      const size = wholeNumber(text, 'the disk size');
      return typeof size === 'string'
        ? size
        : withPool(draft, ctx.pool, (pool) => ({...pool, bootDiskSizeGb: size}));
    },
  },
  {
    id: 'scheduling',
    label: 'Scheduling',
    kind: 'choice',
    when: (_draft, ctx) => ctx.pool === 0,
    hint: 'for the whole job',
    options: () => [
      {value: 'STANDARD', label: 'standard (on-demand)'},
      {value: 'SPOT', label: 'Spot VMs (cheaper, can be preempted)'},
      {value: 'FLEX_START', label: 'flex-start (waits for capacity)'},
    ],
    get: (draft) => draft.schedulingStrategy ?? 'STANDARD',
    set: (draft, value) => {
      const next = {...draft, schedulingStrategy: value as JobDraft['schedulingStrategy']};
      if (value === 'STANDARD') delete next.schedulingStrategy;
      if (value !== 'FLEX_START') delete next.maxWaitSeconds;
      return next;
    },
  },
  {
    id: 'maxWait',
    label: 'Max wait',
    kind: 'text',
    hint: 'how long flex-start may queue, e.g. 2h (0 waits indefinitely)',
    when: (draft, ctx) =>
      ctx.pool === 0 &&
      (draft.schedulingStrategy === 'FLEX_START' || draft.maxWaitSeconds !== undefined),
    get: (draft) => formatDuration(draft.maxWaitSeconds),
    set: (draft, text) => {
      const seconds = parseDuration(text);
      if (typeof seconds === 'string') return seconds;
      const next = {...draft};
      if (seconds === undefined) delete next.maxWaitSeconds;
      else next.maxWaitSeconds = seconds;
      return next;
    },
  },
  {
    id: 'timeout',
    label: 'Timeout',
    kind: 'text',
    hint: "e.g. 24h; per trial for tuning jobs; empty: Vertex's 7 days",
    when: (_draft, ctx) => ctx.pool === 0,
    get: (draft) => formatDuration(draft.timeoutSeconds),
    set: (draft, text) => {
      const seconds = parseDuration(text);
      if (typeof seconds === 'string') return seconds;
      const next = {...draft};
      if (seconds === undefined) delete next.timeoutSeconds;
      else next.timeoutSeconds = seconds;
      return next;
    },
  },
];

// ---- Study ----------------------------------------------------------------------------------

function studyOf(draft: JobDraft) {
  return (
    draft.study ?? {
      metrics: [{metricId: 'accuracy', goal: 'MAXIMIZE' as const}],
      parameters: [],
      algorithm: 'ALGORITHM_UNSPECIFIED' as const,
      maxTrialCount: 10,
      parallelTrialCount: 2,
    }
  );
}

const STUDY: Field[] = [
  {
    id: 'metrics',
    label: 'Metric',
    kind: 'text',
    hint: 'the metric your code reports with hypertune, e.g. accuracy',
    get: (draft) => studyOf(draft).metrics[0]?.metricId ?? '',
    set: (draft, text) => {
      const study = studyOf(draft);
      const [first, ...rest] = study.metrics;
      return {
        ...draft,
        study: {
          ...study,
          metrics: [{goal: first?.goal ?? 'MAXIMIZE', metricId: text.trim()}, ...rest],
        },
      };
    },
  },
  {
    id: 'goal',
    label: 'Goal',
    kind: 'choice',
    options: () => [
      {value: 'MAXIMIZE', label: 'maximise'},
      {value: 'MINIMIZE', label: 'minimise'},
    ],
    get: (draft) => studyOf(draft).metrics[0]?.goal ?? 'MAXIMIZE',
    set: (draft, goal) => {
      const study = studyOf(draft);
      const [first, ...rest] = study.metrics;
      return {
        ...draft,
        study: {
          ...study,
          metrics: [{metricId: first?.metricId ?? '', goal: goal as 'MAXIMIZE'}, ...rest],
        },
      };
    },
  },
  {
    id: 'algorithm',
    label: 'Algorithm',
    kind: 'choice',
    options: () => [
      {value: 'ALGORITHM_UNSPECIFIED', label: 'Bayesian optimisation (default)'},
      {value: 'GRID_SEARCH', label: 'grid search'},
      {value: 'RANDOM_SEARCH', label: 'random search'},
    ],
    get: (draft) => studyOf(draft).algorithm,
    set: (draft, algorithm) => ({
      ...draft,
      study: {...studyOf(draft), algorithm: algorithm as 'GRID_SEARCH'},
    }),
  },
  {
    id: 'trials',
    label: 'Trials',
    kind: 'text',
    hint: 'max / parallel / failed, e.g. 20/4/0 (failed 0 lets Vertex decide)',
    get: (draft) => {
      const study = studyOf(draft);
      return `${study.maxTrialCount}/${study.parallelTrialCount}/${study.maxFailedTrialCount ?? 0}`;
    },
    set: (draft, text) => {
      const parts = text.split('/').map((part) => Number(part.trim()));
      if (parts.length < 2 || parts.some((n) => !Number.isInteger(n)))
        return 'write max/parallel[/failed] trial counts, e.g. 20/4/0';
      const [maxTrialCount = 1, parallelTrialCount = 1, failed] = parts;
      const study = {...studyOf(draft), maxTrialCount, parallelTrialCount};
      if (failed) study.maxFailedTrialCount = failed;
      else delete study.maxFailedTrialCount;
      return {...draft, study};
    },
  },
];

// ---- Options --------------------------------------------------------------------------------

const OPTIONS: Field[] = [
  {
    id: 'displayName',
    label: 'Display name',
    kind: 'text',
    get: (draft) => draft.displayName,
    set: (draft, text) => ({...draft, displayName: text.trim()}),
  },
  {
    id: 'labels',
    label: 'Labels',
    kind: 'text',
    hint: 'key=value, separated by commas',
    get: (draft) =>
      Object.entries(draft.labels)
        .filter(([key]) => key !== 'vtrain_request_id')
        .map(([key, value]) => `${key}=${value}`)
        .join(', '),
    set: (draft, text) => {
      const parsed = pairs(text);
      return typeof parsed === 'string' ? parsed : {...draft, labels: Object.fromEntries(parsed)};
    },
  },
  optionalText(
    'baseOutputDirectory',
    'Base output directory',
    'gs://bucket/path/ (sets AIP_MODEL_DIR, …)',
  ),
  optionalText('serviceAccount', 'Service account', 'NAME@PROJECT.iam.gserviceaccount.com'),
  optionalText('network', 'Network', 'projects/PROJECT_NUMBER/global/networks/NETWORK'),
  optionalText('tensorboard', 'TensorBoard', 'projects/PROJECT/locations/REGION/tensorboards/ID'),
  {
    ...optionalText(
      'encryptionKeyName',
      'Encryption key (CMEK)',
      'projects/…/keyRings/…/cryptoKeys/…',
    ),
    id: 'encryption',
  },
  {
    id: 'webAccess',
    label: 'Web access',
    hint: 'an interactive shell into the running replicas',
    kind: 'choice',
    when: (draft) => draft.trainingType === 'custom',
    options: () => [
      {value: 'off', label: 'off'},
      {value: 'on', label: 'on'},
    ],
    get: (draft) => (draft.enableWebAccess ? 'on' : 'off'),
    set: (draft, value) => {
      const next = {...draft};
      if (value === 'on') next.enableWebAccess = true;
      else delete next.enableWebAccess;
      return next;
    },
  },
  {
    ...optionalText('modelDisplayName', 'Model name', 'the model the pipeline uploads (optional)'),
    when: (draft: JobDraft) =>
      draft.workflow === 'training-pipeline' || draft.trainingType === 'automl',
  },
];

export const STEP_FIELDS: Partial<Record<StepId, readonly Field[]>> = {
  where: WHERE,
  dataset: DATASET,
  automl: AUTOML,
  container: CONTAINER,
  compute: COMPUTE,
  study: STUDY,
  options: OPTIONS,
};

/** The fields of a form step that apply to the draft (and pool) now. */
export function fieldsOf(step: StepId, draft: JobDraft, ctx: FieldContext): Field[] {
  return (STEP_FIELDS[step] ?? []).filter((field) => field.when?.(draft, ctx) ?? true);
}

/** A field's value as the form shows it (the option's label for a choice). */
export function shownValue(field: Field, draft: JobDraft, ctx: FieldContext): string {
  const value = field.get(draft, ctx);
  if (field.kind === 'text') return value;
  return field.options(draft, ctx).find((option) => option.value === value)?.label ?? value;
}

/** The next (or previous) option of a choice field, wrapping around. */
export function cycleChoice(
  field: ChoiceField,
  draft: JobDraft,
  ctx: FieldContext,
  by: 1 | -1,
): JobDraft {
  const options = field.options(draft, ctx);
  if (options.length === 0) return draft;
  const at = options.findIndex((option) => option.value === field.get(draft, ctx));
  const next = options[(at + by + options.length) % options.length]!;
  return field.set(draft, next.value, ctx);
}

/** The Reduction Server pool the distributed-training docs recommend, in slot 2. */
export function withReductionServer(draft: JobDraft, catalog: Catalog): JobDraft {
  const pools = [...draft.workerPools] as (WorkerPoolDraft | undefined)[];
  pools[2] = {
    machine: {machineType: 'n1-highcpu-16'},
    replicaCount: Math.max(1, pools[1]?.replicaCount ?? 1),
    task: {
      kind: 'container',
      imageUri: reductionServerImageUri(draft.region, catalog),
      command: [],
      args: [],
      env: [],
    },
  };
  return {...draft, workerPools: pools as JobDraft['workerPools']};
}
