// The AutoML step: the data type and objective, then only the inputs that objective takes (target
// column, optimisation objective and its recall/precision value, budget, model type, …).
import type {AutoMlDraft} from '../../../../core/job-spec/index.js';
import {
  FORECASTING_OBJECTIVES,
  MODEL_TYPES,
  TABULAR_OBJECTIVES,
} from '../../../../core/job-spec/automl.js';
import {defineStep, wholeNumber, type Field} from './field-kit.js';

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

const FIELDS: Field[] = [
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

export const automlStep = defineStep({
  id: 'automl',
  title: 'AutoML',
  kind: 'form',
  when: (draft) => draft.trainingType === 'automl',
  fields: FIELDS,
  // Inputs the form has no field for (e.g. transformations): their problems show on the review.
  parts: ['inputs'],
  claims: [
    {path: /^trainingTaskInputs\.targetColumn$/, field: 'targetColumn'},
    {
      path: /^trainingTaskInputs\.optimizationObjective(Recall|Precision)Value$/,
      field: 'objectiveValue',
    },
    {path: /^trainingTaskInputs\.optimizationObjective/, field: 'optimizationObjective'},
    {path: /^trainingTaskInputs\.sentimentMax$/, field: 'sentimentMax'},
    {path: /^trainingTaskInputs\.(train)?[bB]udgetMilliNodeHours$/, field: 'budget'},
    {path: /^trainingTaskInputs\.modelType$/, field: 'modelType'},
    {path: /^trainingTaskInputs\.dataGranularity/, field: 'dataGranularity'},
    {path: /^trainingTaskInputs$/, field: 'objective'},
    {path: /^trainingTaskInputs\./, field: 'inputs'},
  ],
  summary: (draft) => draft.automl?.kind ?? '',
});
