// The wizard's screen state (wizard-state.ts): where it opens, how it moves over the steps that
// apply, what the two choice steps change, the study kept aside, presets and notices.
import {describe, expect, it} from 'vitest';
import {
  initialWizardState,
  wizardReducer,
  type WizardAction,
  type WizardState,
} from '../../../source/ui/screens/wizard/wizard-state.js';
import {baseDraft, packagePool, STUDY} from '../job-spec/fixtures.js';

const TODAY = '2026-01-01';
const start = (overrides: Partial<Parameters<typeof initialWizardState>[0]> = {}) =>
  initialWizardState({initialDraft: baseDraft(), today: TODAY, ...overrides});
const run = (state: WizardState, ...actions: WizardAction[]) =>
  actions.reduce(wizardReducer, state);

describe('where the wizard opens', () => {
  it('on the first step, the n-th step that applies, the review, or a given place', () => {
    expect(start().place).toEqual({step: 'where', pool: 0, visit: 0});
    expect(start({initialStep: 3}).place.step).toBe('container');
    expect(start({initialStep: -1}).place.step).toBe('review');
    expect(start({initialStep: 99}).place.step).toBe('where');
    expect(start({initialPlace: {step: 'compute', pool: 1, field: 'machineType'}}).place).toEqual({
      step: 'compute',
      pool: 1,
      field: 'machineType',
      visit: 0,
    });
  });

  it('validates only once asked, and shows the summary view', () => {
    const state = start({origin: 'preset gpu'});
    expect(state).toMatchObject({
      validating: false,
      reviewView: 'summary',
      origin: 'preset gpu',
      today: TODAY,
    });
    expect(wizardReducer(state, {type: 'validate'}).validating).toBe(true);
  });
});

describe('moving over the steps', () => {
  it('next and back go over the steps that apply, each arrival a new visit', () => {
    const state = run(start({initialStep: 2}), {type: 'next'});
    expect(state.place).toEqual({step: 'container', pool: 0, visit: 1});
    const back = run(state, {type: 'back'}, {type: 'back'});
    expect(back.place).toEqual({step: 'training-type', pool: 0, visit: 3});
  });

  it('back on the first step changes nothing (the owner leaves the wizard)', () => {
    const state = start();
    expect(wizardReducer(state, {type: 'back'})).toBe(state);
  });

  it('moving on drops the notices; opening a problem focuses its field and pool', () => {
    const state = run(start(), {type: 'notice', text: 'hello'});
    expect(state.notice).toBe('hello');
    const opened = run(state, {
      type: 'open',
      location: {step: 'compute', field: 'accelerator', pool: 1},
    });
    expect(opened).toMatchObject({notice: undefined});
    expect(opened.place).toEqual({step: 'compute', pool: 1, field: 'accelerator', visit: 1});
    expect(run(opened, {type: 'next'}).place.field).toBeUndefined();
  });

  it('the next pool cycles over the pools in use on a per-pool step', () => {
    const draft = baseDraft({workerPools: [packagePool(), undefined, packagePool(2)]});
    const state = start({initialDraft: draft, initialPlace: {step: 'container', field: 'image'}});
    expect(run(state, {type: 'nextPool'}).place.pool).toBe(2);
    expect(run(state, {type: 'nextPool'}, {type: 'nextPool'}).place.pool).toBe(0);
  });
});

describe('the choice steps', () => {
  it('AutoML changes the draft and moves on to the workflow', () => {
    const state = run(start({initialStep: 1}), {type: 'chooseTrainingType', value: 'automl'});
    expect(state.draft.trainingType).toBe('automl');
    expect(state.draft.workflow).toBe('training-pipeline');
    expect(state.place.step).toBe('workflow');
  });

  it('keeps the study aside while another workflow is chosen, and gives it back', () => {
    const tuning = baseDraft({workflow: 'hyperparameter-tuning-job', study: STUDY});
    const state = start({initialDraft: tuning, initialStep: 2});
    const away = run(state, {type: 'chooseWorkflow', value: 'custom-job'});
    expect(away.draft.study).toBeUndefined();
    expect(away.stash).toEqual(STUDY);
    expect(away.place.step).toBe('container');
    const back = run(
      away,
      {type: 'back'},
      {type: 'chooseWorkflow', value: 'training-pipeline+study'},
    );
    expect(back.draft).toMatchObject({workflow: 'training-pipeline', study: STUDY});
    expect(back.stash).toBeUndefined();
  });
});

describe('edits, presets and the review view', () => {
  it('an edit changes the draft only', () => {
    const state = start();
    const edited = wizardReducer(state, {type: 'edit', draft: baseDraft({displayName: 'x'})});
    expect(edited.draft.displayName).toBe('x');
    expect(edited.place).toBe(state.place);
  });

  it('a loaded preset replaces the draft and origin, back on its first step, and says so', () => {
    const state = run(start({initialStep: 2}), {
      type: 'loadPreset',
      prefill: {draft: baseDraft({displayName: 'gpu'}), origin: 'preset gpu'},
    });
    expect(state).toMatchObject({
      origin: 'preset gpu',
      notice: 'loaded preset gpu: its values replace the ones shown',
    });
    expect(state.draft.displayName).toBe('gpu');
    expect(state.place.step).toBe('where');
  });

  it('remembers the review view shown', () => {
    expect(wizardReducer(start(), {type: 'reviewView', view: 'gcloud'}).reviewView).toBe('gcloud');
  });
});
