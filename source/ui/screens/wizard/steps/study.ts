// The Study step of a tuning job: metric and goal, algorithm and trial counts as form fields, then
// the parameter table, one editable field per parameter built from the draft (parameterFields).
import type {JobDraft, StudyDraft} from '../../../../core/job-spec/index.js';
import {parameterRow, parseParameterRow, PARAMETER_SYNTAX} from '../study-table.js';
import {defineStep, isCustom, plural, type Field} from './field-kit.js';

/** The study a tuning workflow starts with (and gets back when it had none). */
export const DEFAULT_STUDY: StudyDraft = {
  metrics: [{metricId: 'accuracy', goal: 'MAXIMIZE'}],
  parameters: [
    {parameterId: 'learning_rate', kind: 'double', min: 0.0001, max: 0.1, scale: 'UNIT_LOG_SCALE'},
  ],
  algorithm: 'ALGORITHM_UNSPECIFIED',
  maxTrialCount: 10,
  parallelTrialCount: 2,
};

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

const FIELDS: Field[] = [
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

/** The parameter table as fields: a header (a adds, x deletes) and one text field per row. */
export function parameterFields(study: StudyDraft): Field[] {
  const rows: Field[] = study.parameters.map((parameter, index) => ({
    id: `parameter-${index}`,
    label: index === 0 ? 'Parameters' : '',
    kind: 'text',
    hint: PARAMETER_SYNTAX,
    owns: (problem) => problem.path.startsWith(`studySpec.parameters[${index}]`),
    get: () => parameterRow(parameter),
    set: (current, text) => {
      const parsed = parseParameterRow(text);
      if (typeof parsed === 'string') return parsed;
      const base = current.study ?? DEFAULT_STUDY;
      const parameters = base.parameters.map((p, i) =>
        i === index ? {...parsed, ...(p.conditions && {conditions: p.conditions})} : p,
      );
      return {...current, study: {...base, parameters}};
    },
  }));
  const header: Field = {
    id: 'parameters',
    label: study.parameters.length === 0 ? 'Parameters' : 'Parameter table',
    kind: 'choice',
    owns: (problem) => problem.path === 'studySpec.parameters' || problem.path === 'studySpec',
    options: () => [
      {
        value: '',
        label: `${plural(study.parameters.length, 'row')} · a: add · x: delete · enter: edit`,
      },
    ],
    get: () => '',
    set: (current) => current,
  };
  return [header, ...rows];
}

export const studyStep = defineStep({
  id: 'study',
  title: 'Study',
  kind: 'table',
  when: (draft) =>
    draft.workflow === 'hyperparameter-tuning-job' ||
    (draft.workflow === 'training-pipeline' && isCustom(draft) && draft.study !== undefined),
  fields: FIELDS,
  // The parameter table (parameterFields).
  parts: ['parameters'],
  claims: [
    {path: /^studySpec\.metrics/, field: 'metrics'},
    {path: /^studySpec\.parameters/, field: 'parameters'},
    {path: /^studySpec\.(algorithm|measurementSelectionType)/, field: 'algorithm'},
    {path: /^(maxTrialCount|parallelTrialCount|maxFailedTrialCount)$/, field: 'trials'},
    {path: /^studySpec$/, field: 'parameters'},
  ],
  summary: (draft) =>
    draft.study
      ? `${plural(draft.study.parameters.length, 'parameter')} · ${plural(draft.study.maxTrialCount, 'trial')}`
      : '',
});
