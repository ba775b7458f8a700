// The two choice steps (training type, workflow): what each offers for the draft and what a choice
// changes. Pure; the wizard keeps a tuning study aside while another workflow is chosen, so
// switching back and forth loses nothing.
import type {JobDraft, StudyDraft} from '../../../core/job-spec/index.js';
import type {Choice} from './SelectList.js';

export function trainingTypeChoices(): Choice<string>[] {
  return [
    {
      value: 'custom',
      label: 'Custom training',
      description: 'your own code in a pre-built or custom container: full control',
    },
    {
      value: 'automl',
      label: 'AutoML',
      description:
        'no code: Vertex trains a model on a managed dataset (tabular, image, text, video)',
    },
  ];
}

export function workflowChoices(draft: JobDraft): Choice<string>[] {
  const automl = draft.trainingType === 'automl';
  const onlyCustom = automl ? 'AutoML runs only as a training pipeline' : undefined;
  return [
    {
      value: 'custom-job',
      label: 'Custom job',
      description: 'run the code once on the pools you choose',
      ...(onlyCustom && {disabledReason: onlyCustom}),
    },
    {
      value: 'hyperparameter-tuning-job',
      label: 'Hyperparameter tuning job',
      description: 'run many trials, each with other hyperparameters, and keep the best',
      ...(onlyCustom && {disabledReason: onlyCustom}),
    },
    {
      value: 'training-pipeline',
      label: 'Training pipeline',
      description: automl
        ? 'train on a managed dataset and upload the model'
        : 'a custom job that can read a managed dataset and upload the model',
    },
    ...(automl
      ? []
      : [
          {
            value: 'training-pipeline+study',
            label: 'Training pipeline with tuning',
            description: 'a pipeline whose training is a hyperparameter tuning job',
          },
        ]),
  ];
}

export const DEFAULT_STUDY: StudyDraft = {
  metrics: [{metricId: 'accuracy', goal: 'MAXIMIZE'}],
  parameters: [
    {parameterId: 'learning_rate', kind: 'double', min: 0.0001, max: 0.1, scale: 'UNIT_LOG_SCALE'},
  ],
  algorithm: 'ALGORITHM_UNSPECIFIED',
  maxTrialCount: 10,
  parallelTrialCount: 2,
};

export function selectedWorkflow(draft: JobDraft): string {
  return draft.workflow === 'training-pipeline' && draft.study
    ? 'training-pipeline+study'
    : draft.workflow;
}

/** The draft after choosing a training type. */
export function applyTrainingType(draft: JobDraft, value: string): JobDraft {
  if (value === 'automl') {
    const {study: _study, ...rest} = draft;
    return {
      ...rest,
      trainingType: 'automl',
      workflow: 'training-pipeline',
      automl: draft.automl ?? {
        kind: 'tabular',
        predictionType: 'classification',
        targetColumn: '',
        transformations: [],
        trainBudgetMilliNodeHours: 1000,
      },
      dataset: draft.dataset?.kind === 'managed' ? draft.dataset : {kind: 'managed', datasetId: ''},
    };
  }
  const {automl: _automl, ...rest} = draft;
  return {...rest, trainingType: 'custom'};
}

/** The draft after choosing a workflow; `stash` is the study kept aside (if any). */
export function applyWorkflow(
  draft: JobDraft,
  value: string,
  stash: StudyDraft | undefined,
): {draft: JobDraft; stash: StudyDraft | undefined} {
  const study = draft.study ?? stash;
  const {study: _drop, ...without} = draft;
  if (value === 'hyperparameter-tuning-job' || value === 'training-pipeline+study') {
    const workflow =
      value === 'hyperparameter-tuning-job' ? 'hyperparameter-tuning-job' : 'training-pipeline';
    return {draft: {...without, workflow, study: study ?? DEFAULT_STUDY}, stash: undefined};
  }
  return {draft: {...without, workflow: value as JobDraft['workflow']}, stash: study};
}
