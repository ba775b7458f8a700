// The guided job configuration, driven by the step model: only the steps that apply to the draft,
// a breadcrumb (and, on wide terminals, a side panel) with the choices so far and open errors,
// validation next to each field as it changes, esc / shift+tab back without losing anything, any
// step reachable again from the review. It owns the draft; submitting is the caller's job.
import {Box, Text} from 'ink';
import React, {useEffect, useMemo, useState} from 'react';
import {useCommands} from '../../shell/keys/key-dispatcher.js';
import {theme} from '../../shell/theme.js';
import {
  catalogNotice,
  validateDraft,
  type Catalog,
  type JobDraft,
  type Problem,
  type StudyDraft,
} from '../../../core/job-spec/index.js';
import {safeText} from '../../../core/text/safe-text.js';
import {wrapLines} from '../../../core/text/wrap-lines.js';
import type {DatasetListing} from './dataset-list.js';
import {useDatasetListing, usePackagePreview} from './use-wizard-data.js';
import type {Prefill} from './prefill.js';
import type {FieldContext, SessionTarget} from './steps/field-kit.js';
import {stepById, type StepId} from './steps/index.js';
import {applyTrainingType, trainingTypeChoices} from './steps/training-type.js';
import {applyWorkflow, selectedWorkflow, workflowChoices} from './steps/workflow.js';
import {FormStep} from './FormStep.js';
import {PoolsStep} from './PoolsStep.js';
import type {WriteTarget} from './job-files.js';
import {ReviewStep, type ReviewView} from './ReviewStep.js';
import {moveCursor, SelectList, type Choice} from './SelectList.js';
import {
  breadcrumb,
  poolsOfStep,
  problemsOfStep,
  stepAfter,
  stepBefore,
  visibleSteps,
  type ProblemLocation,
} from './step-model.js';
import {StudyStep} from './StudyStep.js';
import {poolRole} from './pools-model.js';

export interface WizardProps {
  initialDraft: JobDraft;
  /** Built-in catalog merged with the user's settings. */
  catalog: Catalog;
  /** Step to open on: an index into the steps that apply, or -1 for the review. */
  initialStep?: number;
  /** Or a step, pool and field to open on (e.g. where a problem is fixed). */
  initialPlace?: ProblemLocation;
  height: number;
  width: number;
  submitting: string | undefined;
  submitError: string | undefined;
  /** Where the settings file lives (named in the catalog notice). */
  settingsPath?: string;
  onSubmit: (draft: JobDraft) => void;
  onExit: () => void;
  /**
   * Review: write the job to a file (its config file, or the command as a script from the gcloud
   * view; the draft is then the one the view shows) / save it as a preset (the screen owns files).
   */
  onWrite?: (draft: JobDraft, target: WriteTarget) => void;
  onPreset?: (draft: JobDraft) => void;
  /**
   * The draft as staging will submit it (content-hashed package names), computed when the review
   * opens so its request and gcloud command are exactly what submit sends (Session.previewPackages).
   */
  previewPackages?: (draft: JobDraft) => Promise<JobDraft>;
  /** The project's managed datasets for the dataset step's picker (dataset-list.ts). */
  listDatasets?: (parent: string) => Promise<DatasetListing>;
  /** Where the draft's values came from, for the review ("preset gpu", "the example job"). */
  origin?: string;
  /** `l` on the first step: asks for a preset and returns it (the screen owns file access). */
  onLoadPreset?: () => Promise<Prefill | undefined>;
  /** Where the app runs now, and where its values came from (the Where step's notes). */
  session?: SessionTarget;
  whereSources?: FieldContext['sources'];
}

const SIDE_PANEL_MIN_COLUMNS = 110;

/**
 * The breadcrumb in one row: when every step does not fit, steps far from the current one give
 * way to "…" (the current step and its error counts always show; the review lists them all).
 */
export function fitBreadcrumb(parts: string[], current: number, width: number): string {
  const join = (list: string[]) => list.join(' › ');
  if (join(parts).length <= width) return join(parts);
  let first = 0;
  let last = parts.length - 1;
  const shown = () => [
    ...(first > 0 ? ['…'] : []),
    ...parts.slice(first, last + 1),
    ...(last < parts.length - 1 ? ['…'] : []),
  ];
  while (join(shown()).length > width && first < last) {
    // Drop from the side farther from the current step.
    if (current - first >= last - current) first++;
    else last--;
  }
  return join(shown());
}
const SIDE_PANEL_WIDTH = 34;

function ChoiceStep({
  choices,
  selected,
  height,
  problems,
  onChoose,
  onBack,
  onCommon,
}: {
  /** This step's problems, shown under the list. */
  problems: readonly Problem[];
  choices: Choice<string>[];
  selected: string;
  height: number;
  onChoose(value: string): void;
  onBack(): void;
  onCommon(command: string): boolean;
}) {
  const [cursor, setCursor] = useState(() =>
    Math.max(
      0,
      choices.findIndex((c) => c.value === selected),
    ),
  );
  const [notice, setNotice] = useState<string | undefined>();
  useCommands(
    (command) => {
      if (onCommon(command)) return;
      if (command === 'nav.up' || command === 'nav.down') {
        setCursor((c) => moveCursor(c, command === 'nav.up' ? -1 : 1, choices.length));
        setNotice(undefined);
      } else if (command === 'nav.confirm') {
        const choice = choices[cursor];
        if (!choice) return;
        if (choice.disabledReason) setNotice(`${choice.label}: ${choice.disabledReason}.`);
        else onChoose(choice.value);
      } else if (command === 'nav.back') onBack();
    },
    {hints: ['nav.confirm', 'nav.up', 'wizard.next', 'nav.back']},
  );
  return (
    <Box flexDirection="column">
      <SelectList choices={choices} cursor={cursor} height={height - 1 - problems.length} />
      {notice ? <Text color={theme.status.warning}>{notice}</Text> : null}
      {problems.map((problem, i) => (
        <Text
          key={`${problem.rule}${i}`}
          wrap="wrap"
          color={problem.severity === 'error' ? theme.status.error : theme.status.warning}
        >
          {problem.severity === 'error' ? '✖' : '⚠'} {safeText(problem.message)} →{' '}
          {safeText(problem.fix)}
        </Text>
      ))}
    </Box>
  );
}

export function Wizard({
  initialDraft,
  catalog,
  initialStep = 0,
  initialPlace,
  height,
  width,
  submitting,
  submitError,
  settingsPath = 'the settings file',
  onSubmit,
  onExit,
  onWrite,
  onPreset,
  previewPackages,
  listDatasets,
  session,
  whereSources,
  origin: initialOrigin,
  onLoadPreset,
}: WizardProps) {
  const [draft, setDraft] = useState(initialDraft);
  const [origin, setOrigin] = useState(initialOrigin);
  const [today] = useState(() => new Date().toISOString().slice(0, 10));
  const [place, setPlace] = useState<{step: StepId; pool: number; field?: string; visit: number}>(
    () => {
      if (initialPlace)
        return {
          step: initialPlace.step,
          pool: initialPlace.pool ?? 0,
          field: initialPlace.field,
          visit: 0,
        };
      const steps = visibleSteps(initialDraft);
      const step = initialStep < 0 ? 'review' : (steps[initialStep]?.id ?? steps[0]!.id);
      return {step, pool: 0, visit: 0};
    },
  );
  const [stash, setStash] = useState<StudyDraft | undefined>();
  const [notice, setNotice] = useState<string | undefined>();
  // The catalog notice is said once: on the step the wizard opens on, until the user moves on.
  const [showCatalogNotice, setShowCatalogNotice] = useState(true);
  // Validation runs from the second frame on, so it never delays the first one.
  const [validating, setValidating] = useState(false);
  const [reviewView, setReviewView] = useState<ReviewView>('summary');
  useEffect(() => {
    // A timer, not a synchronous update: the first frame is drawn before validation starts.
    const timer = setTimeout(() => setValidating(true), 0);
    return () => clearTimeout(timer);
  }, []);
  const problems = useMemo(
    () => (validating ? validateDraft(draft, new Date(today), {catalog}) : []),
    [validating, draft, today, catalog],
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
  const catalogSays = useMemo(
    () => catalogNotice(catalog, today, settingsPath),
    [catalog, today, settingsPath],
  );

  const go = (step: StepId, pool = 0, field?: string) => {
    setPlace((current) => ({step, pool, visit: current.visit + 1, ...(field && {field})}));
    setShowCatalogNotice(false);
    setNotice(undefined);
  };
  const next = (from: JobDraft = draft) => go(stepAfter(from, place.step));
  const back = () => {
    const previous = stepBefore(draft, place.step);
    if (previous) go(previous);
    else onExit();
  };
  const open = (location: ProblemLocation) => go(location.step, location.pool ?? 0, location.field);
  const common = (command: string): boolean => {
    if (command === 'wizard.next' && place.step !== 'review') {
      next();
      return true;
    }
    if (command === 'wizard.previous') {
      back();
      return true;
    }
    if (command === 'wizard.loadPreset' && place.step === visibleSteps(draft)[0]?.id) {
      if (!onLoadPreset) setNotice('presets are not available here');
      else
        void onLoadPreset().then((loaded) => {
          if (!loaded) return;
          setDraft(loaded.draft);
          setOrigin(loaded.origin);
          go(visibleSteps(loaded.draft)[0]!.id);
          setNotice(`loaded ${loaded.origin}: its values replace the ones shown`);
        });
      return true;
    }
    if (command === 'wizard.pool' && stepById(place.step).perPool) {
      const pools = poolsOfStep(draft, place.step);
      const index = pools.indexOf(place.pool);
      go(place.step, pools[(index + 1) % pools.length] ?? 0);
      return true;
    }
    return false;
  };

  const steps = visibleSteps(draft);
  const current = stepById(place.step);
  const index = steps.findIndex((s) => s.id === place.step);
  const ctx: FieldContext = {
    catalog,
    today,
    pool: place.pool,
    ...(datasets && {datasets}),
    ...(session && {session}),
    ...(whereSources && {sources: whereSources}),
  };
  const crumbs = breadcrumb(draft, place.step, problems);
  // No side panel beside the gcloud command: a terminal selection takes whole rows, and the
  // panel's text on the command's rows would be pasted into the shell with it.
  const copyingCommand = place.step === 'review' && reviewView === 'gcloud';
  const side = width >= SIDE_PANEL_MIN_COLUMNS && !copyingCommand;
  const bodyWidth = side ? width - SIDE_PANEL_WIDTH - 1 : width;
  const noticeText =
    showCatalogNotice && catalogSays ? `⚠ ${catalogSays.message} → ${catalogSays.fix}` : undefined;
  const headRows = 2 + (side ? 0 : 1) + (noticeText ? wrapLines(noticeText, width).length : 0);
  const bodyHeight = Math.max(6, height - headRows - (notice ? 1 : 0));
  const poolLabel = current.perPool
    ? ` · workerpool${place.pool} (${poolRole(place.pool)})${poolsOfStep(draft, place.step).length > 1 ? ' · p: next pool' : ''}`
    : '';
  const key = `${place.step}-${place.pool}-${place.visit}`;

  const body = (() => {
    const formProps = {
      draft,
      ctx,
      problems,
      width: bodyWidth,
      height: bodyHeight,
      ...(place.field && {focusField: place.field}),
      onChange: setDraft,
      onNext: () => next(),
      onBack: back,
    };
    switch (place.step) {
      case 'training-type':
        return (
          <ChoiceStep
            key={key}
            choices={trainingTypeChoices()}
            selected={draft.trainingType}
            height={bodyHeight}
            problems={problemsOfStep(problems, 'training-type')}
            onCommon={common}
            onBack={back}
            onChoose={(value) => {
              const changed = applyTrainingType(draft, value);
              setDraft(changed);
              next(changed);
            }}
          />
        );
      case 'workflow':
        return (
          <ChoiceStep
            key={key}
            choices={workflowChoices(draft)}
            selected={selectedWorkflow(draft)}
            height={bodyHeight}
            problems={problemsOfStep(problems, 'workflow')}
            onCommon={common}
            onBack={back}
            onChoose={(value) => {
              const changed = applyWorkflow(draft, value, stash);
              setDraft(changed.draft);
              setStash(changed.stash);
              next(changed.draft);
            }}
          />
        );
      case 'pools':
        return (
          <PoolsStep
            key={key}
            draft={draft}
            catalog={catalog}
            problems={problems}
            width={bodyWidth}
            onChange={setDraft}
            onNext={() => next()}
            onBack={back}
            onCommon={common}
          />
        );
      case 'study':
        return <StudyStep key={key} {...formProps} onNotice={setNotice} onCommon={common} />;
      case 'review':
        return (
          <ReviewStep
            key={key}
            draft={reviewed}
            {...(origin && {origin})}
            {...(packageNotice && {notice: packageNotice})}
            problems={problems}
            height={bodyHeight}
            width={bodyWidth}
            submitting={submitting}
            submitError={submitError}
            // Never before validation has run (the first frame) or while an error remains.
            onSubmit={() => {
              if (validating && !problems.some((p) => p.severity === 'error')) onSubmit(draft);
            }}
            onOpen={open}
            onBack={back}
            onViewChange={setReviewView}
            onWrite={(target) =>
              onWrite
                ? onWrite(target === 'command' ? reviewed : draft, target)
                : setNotice('writing files is not available here')
            }
            onPreset={() =>
              onPreset ? onPreset(draft) : setNotice('presets are not available here')
            }
            onCommon={common}
          />
        );
      default:
        return (
          <FormStep
            key={key}
            step={place.step}
            {...formProps}
            {...(index === 0 && {extraHints: ['wizard.loadPreset' as const]})}
            onCommand={(command) => common(command)}
          />
        );
    }
  })();

  return (
    <Box flexDirection="column">
      <Text wrap="truncate-end">
        <Text color={theme.text.heading} bold>
          New training job
        </Text>
        <Text color={theme.text.muted}>
          {'  '}step {index + 1}/{steps.length}: {current.title}
          {poolLabel}
        </Text>
      </Text>
      {side ? null : (
        <Text color={theme.text.muted} wrap="truncate-end">
          {fitBreadcrumb(
            crumbs.map(
              (c) => `${c.current ? `[${c.title}]` : c.title}${c.errors ? ` ✖${c.errors}` : ''}`,
            ),
            crumbs.findIndex((c) => c.current),
            width,
          )}
        </Text>
      )}
      {noticeText ? (
        <Text color={theme.status.warning} wrap="wrap">
          {safeText(noticeText)}
        </Text>
      ) : null}
      <Box marginTop={1} flexDirection="row">
        <Box flexDirection="column" width={bodyWidth}>
          {body}
        </Box>
        {side ? (
          <Box flexDirection="column" width={SIDE_PANEL_WIDTH} marginLeft={1}>
            {crumbs.map((c) => (
              <Text
                key={c.id}
                wrap="truncate-end"
                color={
                  c.current ? theme.text.accent : c.errors ? theme.status.error : theme.text.muted
                }
              >
                {c.current ? '❯ ' : '  '}
                {c.title}
                {c.summary ? `: ${safeText(c.summary)}` : ''}
                {c.errors ? ` ✖${c.errors}` : ''}
              </Text>
            ))}
          </Box>
        ) : null}
      </Box>
      {notice ? <Text color={theme.status.warning}>{safeText(notice)}</Text> : null}
    </Box>
  );
}
