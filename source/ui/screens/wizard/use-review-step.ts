// The review step's input: v switches the view, e jumps to each problem in turn, o opens the
// selected step, w writes, s saves a preset, ↑/↓ and pages move, enter submits unless an error
// remains. The state is review-state.ts; ReviewStep.tsx renders what this returns.
import {useMemo, useReducer} from 'react';
import {useCommands} from '../../shell/keys/key-dispatcher.js';
import type {JobDraft, Problem} from '../../../core/job-spec/index.js';
import {errorsOf} from '../../../core/job-spec/problem.js';
import {wrapLines} from '../../../core/text/wrap-lines.js';
import type {WriteTarget} from './job-files.js';
import {INITIAL_REVIEW, nextView, reviewReducer, type ReviewView} from './review-state.js';
import {reviewRows} from './review-text.js';
import {locateProblem, reviewOrder, visibleSteps, type ProblemLocation} from './step-model.js';
import {openingField} from './steps/index.js';

export interface ReviewInput {
  draft: JobDraft;
  problems: readonly Problem[];
  height: number;
  width: number;
  submitting: string | undefined;
  submitError: string | undefined;
  /** A line above the submit hint (e.g. the package folder's staged name is being computed). */
  notice?: string;
  onSubmit(): void;
  onOpen(location: ProblemLocation): void;
  onBack(): void;
  /** `w`: the config file, or (in the gcloud view) the command as a script. */
  onWrite(target: WriteTarget): void;
  /** The view shown changed (the wizard drops its side panel beside the command). */
  onViewChange?(view: ReviewView): void;
  onPreset(): void;
  onCommon(command: string): boolean;
}

export function useReviewStep({
  draft,
  problems,
  height,
  width,
  submitting,
  submitError,
  notice,
  onSubmit,
  onOpen,
  onBack,
  onWrite,
  onViewChange,
  onPreset,
  onCommon,
}: ReviewInput) {
  const steps = visibleSteps(draft).filter((step) => step.id !== 'review');
  const [{cursor, view, scroll, nextProblem}, dispatch] = useReducer(reviewReducer, INITIAL_REVIEW);
  const errors = errorsOf(problems);
  const blocked = errors.length > 0;
  const lines = useMemo(
    () => (view === 'summary' ? [] : reviewRows(draft, view, Math.max(20, width - 1))),
    [draft, view, width],
  );
  const noticeRows = notice ? wrapLines(notice, width).length : 0;
  const footerRows =
    2 +
    (submitError
      ? wrapLines(
          `Submit failed: ${submitError} (esc or o: back to any step; every edit is kept)`,
          width,
        ).length
      : 0) +
    noticeRows;
  const bodyRows = Math.max(3, height - footerRows - 1);

  useCommands(
    (command) => {
      if (submitting) return;
      if (onCommon(command)) return;
      if (command === 'review.view') {
        const next = nextView(view);
        dispatch({type: 'view', view: next});
        onViewChange?.(next);
      } else if (command === 'review.jump' && problems.length > 0) {
        const ordered = reviewOrder(problems);
        const problem = ordered[nextProblem % ordered.length]!;
        dispatch({type: 'jumped'});
        onOpen(locateProblem(problem));
      } else if (command === 'review.open' && view === 'summary') {
        const step = steps[cursor];
        if (step)
          onOpen({step: step.id, field: openingField(step), ...(step.perPool && {pool: 0})});
      } else if (command === 'review.write') onWrite(view === 'gcloud' ? 'command' : 'config');
      else if (command === 'review.preset') onPreset();
      else if (
        command === 'nav.up' ||
        command === 'nav.down' ||
        command === 'nav.pageUp' ||
        command === 'nav.pageDown'
      )
        dispatch({
          type: 'move',
          move: command,
          steps: steps.length,
          lines: lines.length,
          bodyRows,
        });
      else if (command === 'nav.confirm' && !blocked) onSubmit();
      else if (command === 'nav.back') onBack();
    },
    {
      hints: [
        'nav.confirm',
        'review.view',
        'review.jump',
        'review.open',
        'review.write',
        'review.preset',
        'nav.back',
      ],
      disabled: {
        ...(blocked && {'nav.confirm': `fix the ${errors.length} error(s) first (e goes to each)`}),
        ...(problems.length === 0 && {'review.jump': 'there are no problems'}),
        ...(view !== 'summary' && {'review.open': 'only in the summary view (v)'}),
      },
    },
  );

  return {cursor, view, scroll, steps, errors, blocked, lines, bodyRows};
}
