// The guided job configuration: one step at a time, a breadcrumb of where you are, q/esc goes
// back a step. It owns only the draft and the step index; submitting is the caller's job.
import {Box, Text} from 'ink';
import React, {lazy, Suspense, useEffect, useState} from 'react';
import {theme} from '../app/theme.js';
import type {Catalog, JobDraft} from '../job-spec/index.js';
import {ChoiceStepView} from './ChoiceStepView.js';
import {PoolsStep} from './PoolsStep.js';
import {CHOICE_STEPS, STEP_TITLES} from './steps.js';

export interface WizardProps {
  initialDraft: JobDraft;
  /** Built-in catalog merged with the user's settings. */
  catalog: Catalog;
  /** Step to open on; -1 is the review. */
  initialStep?: number;
  height: number;
  width: number;
  submitting: string | undefined;
  submitError: string | undefined;
  onSubmit: (draft: JobDraft) => void;
  onExit: () => void;
}

// The review pulls in the request builders, validation and the YAML exporter; keep them off the
// first frame's path and load them while the user reads the first step.
const loadReview = () => import('./ReviewStep.js');
const ReviewStep = lazy(async () => ({default: (await loadReview()).ReviewStep}));

export function Wizard({
  initialDraft,
  catalog,
  initialStep = 0,
  height,
  width,
  submitting,
  submitError,
  onSubmit,
  onExit,
}: WizardProps) {
  const [draft, setDraft] = useState(initialDraft);
  const [today] = useState(() => new Date());
  useEffect(() => {
    void loadReview();
  }, []);
  const [step, setStep] = useState(initialStep < 0 ? STEP_TITLES.length - 1 : initialStep);
  const back = () => (step === 0 ? onExit() : setStep(step - 1));
  const next = () => setStep(Math.min(step + 1, STEP_TITLES.length - 1));
  const choiceStep = CHOICE_STEPS[step];
  const poolsIndex = CHOICE_STEPS.length;
  return (
    <Box flexDirection="column">
      <Text>
        <Text color={theme.text.heading} bold>
          New training job
        </Text>
        <Text color={theme.text.muted}>
          {'  '}step {step + 1}/{STEP_TITLES.length}: {STEP_TITLES[step]}
        </Text>
      </Text>
      <Text color={theme.text.muted} wrap="truncate-end">
        {STEP_TITLES.map((title, index) => (index === step ? `[${title}]` : title)).join(' › ')}
      </Text>
      <Box marginTop={1} flexDirection="column">
        {choiceStep ? (
          <ChoiceStepView
            key={choiceStep.id}
            step={choiceStep}
            draft={draft}
            height={height - 3}
            catalog={catalog}
            today={today}
            onChoose={(changed) => {
              setDraft(changed);
              next();
            }}
            onBack={back}
          />
        ) : step === poolsIndex ? (
          <PoolsStep draft={draft} onChange={setDraft} onNext={next} onBack={back} />
        ) : (
          <Suspense fallback={<Text color={theme.text.muted}>Preparing the review…</Text>}>
            <ReviewStep
              draft={draft}
              catalog={catalog}
              today={today}
              height={height - 3}
              width={width}
              submitting={submitting}
              submitError={submitError}
              onSubmit={() => onSubmit(draft)}
              onBack={back}
            />
          </Suspense>
        )}
      </Box>
    </Box>
  );
}
