// The wizard's steps in order, built from the step modules beside this file: each module defines
// its step (when it applies, its fields, the problems it fixes) once, and the ids come from them.
import type {JobDraft} from '../../../../core/job-spec/index.js';
import {automlStep} from './automl.js';
import {computeStep} from './compute.js';
import {containerStep} from './container.js';
import {datasetStep} from './dataset.js';
import type {Field, FieldContext, StepDef} from './field-kit.js';
import {optionsStep} from './options.js';
import {poolsStep} from './pools.js';
import {reviewStep} from './review.js';
import {studyStep} from './study.js';
import {trainingTypeStep} from './training-type.js';
import {whereStep} from './where.js';
import {workflowStep} from './workflow.js';

export const STEPS = [
  whereStep,
  trainingTypeStep,
  workflowStep,
  datasetStep,
  automlStep,
  containerStep,
  computeStep,
  poolsStep,
  studyStep,
  optionsStep,
  reviewStep,
] as const;

export type StepId = (typeof STEPS)[number]['id'];
export type Step = StepDef<StepId>;

const BY_ID = new Map<StepId, Step>(STEPS.map((step) => [step.id, step]));

export function stepById(id: StepId): Step {
  return BY_ID.get(id)!;
}

/** The fields of a form step that apply to the draft (and pool) now. */
export function fieldsOf(step: StepId, draft: JobDraft, ctx: FieldContext): Field[] {
  return stepById(step).fields.filter((field) => field.when?.(draft, ctx) ?? true);
}

/** What a problem can be located at on a step: its fields' ids and its other parts. */
export function fixTargets(step: Step): string[] {
  return [...step.fields.map((field) => field.id), ...(step.parts ?? [])];
}

/** The field the review's `o` opens a step on. */
export function openingField(step: Step): string {
  return step.opens ?? fixTargets(step)[0] ?? '';
}
