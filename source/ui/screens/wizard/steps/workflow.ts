// The Workflow step, a choice: custom job, tuning job, training pipeline (with or without tuning),
// and what choosing one changes. The wizard keeps a tuning study aside while another workflow is
// chosen, so switching back and forth loses nothing.
import type {JobDraft, StudyDraft} from '../../../../core/job-spec/index.js';
import type {Choice} from '../SelectList.js';
import {defineStep} from './field-kit.js';
import {DEFAULT_STUDY} from './study.js';

const WORKFLOW_LABEL: Record<JobDraft['workflow'], string> = {
  'custom-job': 'custom job',
  'hyperparameter-tuning-job': 'tuning job',
  'training-pipeline': 'training pipeline',
};

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

/** The workflow list's value for the draft (a pipeline with a study is its own choice). */
export function selectedWorkflow(draft: JobDraft): string {
  return draft.workflow === 'training-pipeline' && draft.study
    ? 'training-pipeline+study'
    : draft.workflow;
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

export const workflowStep = defineStep({
  id: 'workflow',
  title: 'Workflow',
  kind: 'choice',
  // AutoML offers only the training pipeline, but the step still shows so an imported AutoML
  // job with another workflow can be corrected.
  when: () => true,
  fields: [],
  parts: ['workflow'],
  claims: [{path: /^workflow$/, field: 'workflow'}],
  summary: (draft) => WORKFLOW_LABEL[draft.workflow],
});
