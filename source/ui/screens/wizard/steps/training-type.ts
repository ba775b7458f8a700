// The Training type step, a choice: custom training (your own code) or AutoML, and what choosing
// one changes in the draft (AutoML brings a training pipeline on a managed dataset).
import type {JobDraft} from '../../../../core/job-spec/index.js';
import type {Choice} from '../SelectList.js';
import {defineStep} from './field-kit.js';

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

export const trainingTypeStep = defineStep({
  id: 'training-type',
  title: 'Training type',
  kind: 'choice',
  when: () => true,
  fields: [],
  parts: ['trainingType'],
  claims: [],
  summary: (draft) => (draft.trainingType === 'automl' ? 'AutoML' : 'custom training'),
});
