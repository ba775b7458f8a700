// The review step while its code loads (lazy-code.ts; issue #22: the wizard's first frame does not
// parse the review, the request builders, the YAML writer or the gcloud command). It loads when the
// step before the review opens, without holding keys, so the review usually draws at once; when the
// review is on screen before that (opened from a file, a clone), keys wait for it (KeyRouter.hold)
// and this draws "Loading…" after a while. A failed load says so; esc/q goes back a step.
import {Text} from 'ink';
import React, {useEffect, useReducer, useState} from 'react';
import {theme} from '../../shell/theme.js';
import {useCommands, useKeyRouter} from '../../shell/keys/key-dispatcher.js';
import {reviewCode} from './lazy-code.js';

import type {ReviewStepProps} from './ReviewStep.js';

/** How long the review's place stays blank before it says it is loading. */
const SHOW_LOADING_AFTER_MS = 250;

/**
 * Whether the review's code is loaded; loads it when `open` (the review is the step shown: keys
 * wait) or `soon` (the next step is the review: loaded in the background).
 */
export function useReviewCode(open: boolean, soon: boolean): boolean {
  const router = useKeyRouter();
  const [, loaded] = useReducer((count: number) => count + 1, 0);
  const ready = reviewCode.current() !== undefined;
  useEffect(() => {
    if (ready || (!open && !soon)) return;
    let live = true;
    const load = open ? router.holdWhile(() => reviewCode.load()) : reviewCode.load();
    // A failure is ReviewLoading's to show (it loads again, and reports).
    load.then(
      () => live && loaded(),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [ready, open, soon, router]);
  return ready;
}

/** The review step, once useReviewCode says its code is loaded (one component, loaded once). */
export function LoadedReview(props: ReviewStepProps) {
  const ReviewStep = reviewCode.current();
  return ReviewStep ? React.createElement(ReviewStep, props) : null;
}

export function ReviewLoading({onBack}: {onBack: () => void}) {
  const [failure, setFailure] = useState<Error | undefined>(undefined);
  const [slow, setSlow] = useState(false);
  useEffect(() => {
    let live = true;
    const timer = setTimeout(() => live && setSlow(true), SHOW_LOADING_AFTER_MS);
    reviewCode.load().then(
      () => undefined,
      (error: Error) => live && setFailure(error),
    );
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, []);
  useCommands(
    (command) => {
      if (command !== 'nav.back' && command !== 'wizard.previous') return false;
      onBack();
      return true;
    },
    {hints: ['nav.back']},
  );
  if (failure)
    return (
      <Text color={theme.status.error} wrap="wrap">
        could not load the review: {failure.message} → reinstall vtrain-tui (npm install -g
        vtrain-tui)
      </Text>
    );
  return slow ? <Text color={theme.text.muted}>Loading…</Text> : null;
}
