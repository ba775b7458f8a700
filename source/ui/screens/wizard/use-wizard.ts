// The wizard's state and input: the reducer (wizard-state.ts) with validation from the second
// frame on (its code loads after the first frame), what it reads from the backend while a step is open, and the commands every step
// shares (next, previous, load a preset on the first step, next pool on a per-pool step). Wizard.tsx
// renders what this returns.
import {useEffect, useLayoutEffect, useMemo, useReducer} from 'react';
import type {Catalog, JobDraft} from '../../../core/job-spec/index.js';
import {useKeyRouter} from '../../shell/keys/key-dispatcher.js';
import type {DatasetListing} from './dataset-list.js';
import type {Prefill} from './prefill.js';
import {resourceParent, resourceProblems, type ResourceListing} from './resource-list.js';
import {stepBefore, visibleSteps, type ProblemLocation} from './step-model.js';
import type {FieldContext, SessionTarget} from './steps/field-kit.js';
import {reviewCatalogNote} from './steps/catalog-note.js';
import {stepById} from './steps/index.js';
import {draftBackend} from './steps/where.js';
import {useDatasetListing, usePackagePreview, useResourceListing} from './use-wizard-data.js';
import {validatorCode} from './lazy-code.js';
import {initialWizardState, wizardReducer} from './wizard-state.js';

export interface WizardOptions {
  initialDraft: JobDraft;
  /** Built-in catalog merged with the user's settings. */
  catalog: Catalog;
  /** Step to open on: an index into the steps that apply, or -1 for the review. */
  initialStep?: number;
  /** Or a step, pool and field to open on (e.g. where a problem is fixed). */
  initialPlace?: ProblemLocation;
  /** Where the settings file lives (named where the catalog notes say how to update it). */
  settingsPath?: string;
  onExit: () => void;
  /**
   * The draft as staging will submit it (content-hashed package names), computed when the review
   * opens so its request and gcloud command are exactly what submit sends (Session.previewPackages).
   */
  previewPackages?: (draft: JobDraft) => Promise<JobDraft>;
  /** The project's managed datasets for the dataset step's picker (dataset-list.ts). */
  listDatasets?: (parent: string) => Promise<DatasetListing>;
  /** The region's persistent resources for the options step's choice (resource-list.ts). */
  listResources?: (parent: string) => Promise<ResourceListing>;
  /** Where the draft's values came from, for the review ("preset gpu", "the example job"). */
  origin?: string;
  /** `l` on the first step: asks for a preset and returns it (the screen owns file access). */
  onLoadPreset?: () => Promise<Prefill | undefined>;
  /** Where the app runs now, and where its values came from (the Where step's notes). */
  session?: SessionTarget;
  whereSources?: FieldContext['sources'];
}

export function useWizard({
  initialDraft,
  catalog,
  initialStep,
  initialPlace,
  settingsPath = 'the settings file',
  onExit,
  previewPackages,
  listDatasets,
  listResources,
  origin,
  onLoadPreset,
  session,
  whereSources,
}: WizardOptions) {
  const [state, dispatch] = useReducer(wizardReducer, undefined, () =>
    initialWizardState({
      initialDraft,
      ...(initialStep !== undefined && {initialStep}),
      ...(initialPlace && {initialPlace}),
      ...(origin !== undefined && {origin}),
      today: new Date().toISOString().slice(0, 10),
    }),
  );
  const {draft, place, today, validating} = state;
  const router = useKeyRouter();
  useEffect(() => {
    // A timer, not a synchronous update: the first frame is drawn before the validator loads and
    // runs. Keys on the steps do not wait for it (they only show problems, and an earlier run held
    // the first key up for the load: bench/README.md); on the review they do (below).
    let live = true;
    const timer = setTimeout(
      () =>
        void validatorCode.load().then(
          () => live && dispatch({type: 'validate'}),
          (error: Error) =>
            live && dispatch({type: 'notice', text: `cannot load the validator: ${error.message}`}),
        ),
      0,
    );
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, []);
  // The review before validation has run: keys wait (enter must meet the errors, e jump to them).
  // A layout effect, so the release comes before the validated review's commit lets them through.
  useLayoutEffect(() => {
    if (validating || place.step !== 'review') return;
    const owner = Symbol('validation');
    router.hold(owner);
    return () => router.release(owner);
  }, [validating, place.step, router]);
  // Where the job runs decides what an expired image means (steps/catalog-note.ts).
  const backend = draftBackend(draft, session);
  // Read when the options step opens, and again on the review of a job on a resource.
  const resources = useResourceListing(
    draft.trainingType === 'custom' &&
      (place.step === 'options' || (place.step === 'review' && !!draft.persistentResourceId)),
    place.visit,
    resourceParent(draft),
    listResources,
  );
  const problems = useMemo(
    () =>
      validating
        ? [
            // Loaded: `validating` is set once the validator's code is (above).
            ...validatorCode.current()!(draft, new Date(today), {catalog, backend}),
            // The chosen resource against the last listing: machine or replicas changed since.
            ...resourceProblems(draft, resources),
          ]
        : [],
    [validating, draft, today, catalog, backend, resources],
  );
  const {reviewed, notice: packageNotice} = usePackagePreview(
    draft,
    place.step === 'review',
    previewPackages,
  );
  const datasets = useDatasetListing(
    place.step === 'dataset',
    place.visit,
    `projects/${draft.project}/locations/${draft.region}`,
    listDatasets,
  );
  // Only the review shows it (not worked out for the first frame or any other step).
  const catalogNote =
    place.step === 'review' ? reviewCatalogNote(draft, {catalog, today}, backend) : undefined;

  const back = () => {
    if (stepBefore(draft, place.step)) dispatch({type: 'back'});
    else onExit();
  };
  /** The commands every step shares; true when handled. */
  const common = (command: string): boolean => {
    if (command === 'wizard.next' && place.step !== 'review') {
      dispatch({type: 'next'});
      return true;
    }
    if (command === 'wizard.previous') {
      back();
      return true;
    }
    if (command === 'wizard.loadPreset' && place.step === visibleSteps(draft)[0]?.id) {
      if (!onLoadPreset) dispatch({type: 'notice', text: 'presets are not available here'});
      else
        void onLoadPreset().then((loaded) => {
          if (loaded) dispatch({type: 'loadPreset', prefill: loaded});
        });
      return true;
    }
    if (command === 'wizard.pool' && stepById(place.step).perPool) {
      dispatch({type: 'nextPool'});
      return true;
    }
    return false;
  };
  const ctx: FieldContext = {
    catalog,
    today,
    pool: place.pool,
    ...(datasets && {datasets}),
    ...(resources && {persistentResources: resources}),
    ...(session && {session}),
    ...(whereSources && {sources: whereSources}),
    settingsPath,
  };
  return {state, dispatch, problems, reviewed, packageNotice, catalogNote, ctx, back, common};
}
