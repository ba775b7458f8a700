// The wizard's screen state as a pure reducer: the draft, the place (step, pool, field to focus,
// and a visit count that gives each arrival a fresh step view), the study kept aside while another
// workflow is chosen, the notice line, the catalog notice shown once, whether validation has
// started, and the review's view. use-wizard.ts dispatches to it; the tests drive it directly.
import type {JobDraft, StudyDraft} from '../../../core/job-spec/index.js';
import type {Prefill} from './prefill.js';
import type {ReviewView} from './review-state.js';
import {
  poolsOfStep,
  stepAfter,
  stepBefore,
  visibleSteps,
  type ProblemLocation,
} from './step-model.js';
import type {StepId} from './steps/index.js';
import {applyTrainingType} from './steps/training-type.js';
import {applyWorkflow} from './steps/workflow.js';

export interface WizardPlace {
  step: StepId;
  /** The worker pool a per-pool step shows. */
  pool: number;
  /** The field to focus on arrival (a jump to a problem). */
  field?: string;
  /** Counts arrivals, so going to a step again opens a fresh view of it. */
  visit: number;
}

export interface WizardState {
  draft: JobDraft;
  /** Where the draft's values came from, for the review ("preset gpu", "the example job"). */
  origin: string | undefined;
  place: WizardPlace;
  /** The study kept aside while a workflow without one is chosen. */
  stash: StudyDraft | undefined;
  /** The line under the step (e.g. "presets are not available here"). */
  notice: string | undefined;
  /** Validation runs from the second frame on, so it never delays the first one. */
  validating: boolean;
  reviewView: ReviewView;
  /** The day validation judges image availability by, fixed when the wizard opens. */
  today: string;
}

export type WizardAction =
  | {type: 'edit'; draft: JobDraft}
  | {type: 'go'; step: StepId; pool?: number; field?: string}
  | {type: 'open'; location: ProblemLocation}
  | {type: 'next'}
  | {type: 'back'}
  | {type: 'nextPool'}
  | {type: 'chooseTrainingType'; value: string}
  | {type: 'chooseWorkflow'; value: string}
  | {type: 'loadPreset'; prefill: Prefill}
  | {type: 'notice'; text: string}
  | {type: 'validate'}
  | {type: 'reviewView'; view: ReviewView};

export interface WizardStart {
  initialDraft: JobDraft;
  /** An index into the steps that apply, or -1 for the review. */
  initialStep?: number;
  /** Or a step, pool and field to open on. */
  initialPlace?: ProblemLocation;
  origin?: string;
  today: string;
}

export function initialWizardState({
  initialDraft,
  initialStep = 0,
  initialPlace,
  origin,
  today,
}: WizardStart): WizardState {
  let place: WizardPlace;
  if (initialPlace)
    place = {
      step: initialPlace.step,
      pool: initialPlace.pool ?? 0,
      field: initialPlace.field,
      visit: 0,
    };
  else {
    const steps = visibleSteps(initialDraft);
    const step = initialStep < 0 ? 'review' : (steps[initialStep]?.id ?? steps[0]!.id);
    place = {step, pool: 0, visit: 0};
  }
  return {
    draft: initialDraft,
    origin,
    place,
    stash: undefined,
    notice: undefined,
    validating: false,
    reviewView: 'summary',
    today,
  };
}

/** Arriving at a step: a fresh visit, and the notices said so far are gone. */
function go(state: WizardState, step: StepId, pool = 0, field?: string): WizardState {
  return {
    ...state,
    place: {step, pool, visit: state.place.visit + 1, ...(field && {field})},
    notice: undefined,
  };
}

export function wizardReducer(state: WizardState, action: WizardAction): WizardState {
  const {draft, place} = state;
  switch (action.type) {
    case 'edit':
      return {...state, draft: action.draft};
    case 'go':
      return go(state, action.step, action.pool, action.field);
    case 'open':
      return go(state, action.location.step, action.location.pool ?? 0, action.location.field);
    case 'next':
      return go(state, stepAfter(draft, place.step));
    case 'back': {
      // On the first step there is nothing before: the wizard's owner leaves it (onExit).
      const previous = stepBefore(draft, place.step);
      return previous ? go(state, previous) : state;
    }
    case 'nextPool': {
      const pools = poolsOfStep(draft, place.step);
      const index = pools.indexOf(place.pool);
      return go(state, place.step, pools[(index + 1) % pools.length] ?? 0);
    }
    case 'chooseTrainingType': {
      const changed = applyTrainingType(draft, action.value);
      return go({...state, draft: changed}, stepAfter(changed, place.step));
    }
    case 'chooseWorkflow': {
      const changed = applyWorkflow(draft, action.value, state.stash);
      return go(
        {...state, draft: changed.draft, stash: changed.stash},
        stepAfter(changed.draft, place.step),
      );
    }
    case 'loadPreset': {
      const {prefill} = action;
      const loaded = go(
        {...state, draft: prefill.draft, origin: prefill.origin},
        visibleSteps(prefill.draft)[0]!.id,
      );
      return {...loaded, notice: `loaded ${prefill.origin}: its values replace the ones shown`};
    }
    case 'notice':
      return {...state, notice: action.text};
    case 'validate':
      return {...state, validating: true};
    case 'reviewView':
      return {...state, reviewView: action.view};
  }
}
