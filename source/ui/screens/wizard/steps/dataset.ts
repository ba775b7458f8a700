// The Dataset step: none (the code reads Cloud Storage or BigQuery itself) or a managed dataset of
// the project, picked from its list (or typed when there is none), how it is split, and where
// Vertex exports the split for the code.
import type {DataSplit, JobDraft} from '../../../../core/job-spec/index.js';
import {datasetListNote, datasetOptions, datasetTypeNeeded} from '../dataset-list.js';
import {defineStep, type Field, type FieldContext} from './field-kit.js';

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

const FIELDS: Field[] = [
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

const isPipeline = (draft: JobDraft) =>
  draft.trainingType === 'automl' || draft.workflow === 'training-pipeline';

export const datasetStep = defineStep({
  id: 'dataset',
  title: 'Dataset',
  kind: 'form',
  when: (draft) => isPipeline(draft) || draft.dataset?.kind === 'managed',
  fields: FIELDS,
  claims: [
    {path: /^inputDataConfig\.datasetId$/, field: 'dataset'},
    {path: /^inputDataConfig\.fractionSplit/, field: 'fractions'},
    {path: /^inputDataConfig\.filterSplit/, field: 'filters'},
    {path: /^inputDataConfig\.predefinedSplit/, field: 'predefinedKey'},
    {path: /^inputDataConfig\.(timestamp|stratified)Split/, field: 'split'},
    {path: /^inputDataConfig\.(gcs|bigquery)Destination/, field: 'destination'},
    {path: /^inputDataConfig/, field: 'dataset'},
  ],
  summary: (draft) =>
    draft.dataset?.kind === 'managed' ? `dataset ${draft.dataset.datasetId}` : 'no dataset',
});
