// The guided job configuration, driven by the step model: only the steps that apply to the draft,
// a breadcrumb (and, on wide terminals, a side panel) with the choices so far and open errors,
// validation next to each field as it changes, esc / shift+tab back without losing anything, any
// step reachable again from the review. It owns the draft; submitting is the caller's job.
// This file is the view: the state is wizard-state.ts, input and data use-wizard.ts, the layout
// wizard-layout.ts. The review's code loads when it is about to open (ReviewLoading.tsx).
import {Box, Text} from 'ink';
import React from 'react';
import {theme} from '../../shell/theme.js';
import type {JobDraft} from '../../../core/job-spec/index.js';
import {safeText} from '../../../core/text/safe-text.js';
import {ChoiceStep} from './ChoiceStep.js';
import {FormStep} from './FormStep.js';
import type {WriteTarget} from './job-files.js';
import {PoolsStep} from './PoolsStep.js';
import {poolRole} from './pools-model.js';
import {LoadedReview, ReviewLoading, useReviewCode} from './ReviewLoading.js';
import {breadcrumb, poolsOfStep, problemsOfStep, visibleSteps} from './step-model.js';
import {stepById} from './steps/index.js';
import {trainingTypeChoices} from './steps/training-type.js';
import {selectedWorkflow, workflowChoices} from './steps/workflow.js';
import {StudyStep} from './StudyStep.js';
import {useWizard, type WizardOptions} from './use-wizard.js';
import {breadcrumbRow, wizardLayout} from './wizard-layout.js';

export interface WizardProps extends WizardOptions {
  height: number;
  width: number;
  submitting: string | undefined;
  submitError: string | undefined;
  onSubmit: (draft: JobDraft) => void;
  /**
   * Review: write the job to a file (its config file, or the command as a script from the gcloud
   * view; the draft is then the one the view shows) / save it as a preset (the screen owns files).
   */
  onWrite?: (draft: JobDraft, target: WriteTarget) => void;
  onPreset?: (draft: JobDraft) => void;
}

export function Wizard(props: WizardProps) {
  const {height, width, submitting, submitError, onSubmit, onWrite, onPreset, catalog} = props;
  const {state, dispatch, problems, reviewed, packageNotice, catalogNote, ctx, back, common} =
    useWizard(props);
  const {draft, place, notice, origin, validating} = state;

  const steps = visibleSteps(draft);
  const current = stepById(place.step);
  const index = steps.findIndex((s) => s.id === place.step);
  const crumbs = breadcrumb(draft, place.step, problems);
  const {side, sideWidth, bodyWidth, bodyHeight} = wizardLayout({
    width,
    height,
    step: place.step,
    reviewView: state.reviewView,
    notice,
  });
  // The review's code: loaded when it is the step shown or the next one.
  const reviewLoaded = useReviewCode(place.step === 'review', steps[index + 1]?.id === 'review');
  const poolLabel = current.perPool
    ? ` · workerpool${place.pool} (${poolRole(place.pool)})${poolsOfStep(draft, place.step).length > 1 ? ' · p: next pool' : ''}`
    : '';
  const key = `${place.step}-${place.pool}-${place.visit}`;
  const edit = (changed: JobDraft) => dispatch({type: 'edit', draft: changed});
  const say = (text: string) => dispatch({type: 'notice', text});
  const next = () => dispatch({type: 'next'});

  const body = (() => {
    const formProps = {
      draft,
      ctx,
      problems,
      width: bodyWidth,
      height: bodyHeight,
      ...(place.field && {focusField: place.field}),
      onChange: edit,
      onNext: next,
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
            width={bodyWidth}
            problems={problemsOfStep(problems, 'training-type')}
            onCommon={common}
            onBack={back}
            onChoose={(value) => dispatch({type: 'chooseTrainingType', value})}
          />
        );
      case 'workflow':
        return (
          <ChoiceStep
            key={key}
            choices={workflowChoices(draft)}
            selected={selectedWorkflow(draft)}
            height={bodyHeight}
            width={bodyWidth}
            problems={problemsOfStep(problems, 'workflow')}
            onCommon={common}
            onBack={back}
            onChoose={(value) => dispatch({type: 'chooseWorkflow', value})}
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
            onChange={edit}
            onNext={next}
            onBack={back}
            onCommon={common}
          />
        );
      case 'study':
        return <StudyStep key={key} {...formProps} onNotice={say} onCommon={common} />;
      case 'review':
        if (!reviewLoaded) return <ReviewLoading key={key} onBack={back} />;
        return (
          <LoadedReview
            key={key}
            draft={reviewed}
            catalog={catalog}
            {...(origin && {origin})}
            {...(packageNotice && {notice: packageNotice})}
            {...(catalogNote && {catalogNote})}
            problems={problems}
            height={bodyHeight}
            width={bodyWidth}
            submitting={submitting}
            submitError={submitError}
            // Never before validation has run (the first frame) or while an error remains.
            onSubmit={() => {
              if (validating && !problems.some((p) => p.severity === 'error')) onSubmit(draft);
            }}
            onOpen={(location) => dispatch({type: 'open', location})}
            onBack={back}
            onViewChange={(view) => dispatch({type: 'reviewView', view})}
            onWrite={(target) =>
              onWrite
                ? onWrite(target === 'command' ? reviewed : draft, target)
                : say('writing files is not available here')
            }
            onPreset={() => (onPreset ? onPreset(draft) : say('presets are not available here'))}
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
          {breadcrumbRow(crumbs, width)}
        </Text>
      )}
      <Box marginTop={1} flexDirection="row">
        <Box flexDirection="column" width={bodyWidth}>
          {body}
        </Box>
        {side ? (
          <Box flexDirection="column" width={sideWidth} marginLeft={1}>
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
