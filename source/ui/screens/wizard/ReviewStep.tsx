// The last step: every step's choice (↑/↓ select, o opens it to change), the problems with the
// field that fixes each (e jumps there), and toggles (v) for the exact request JSON, the
// --config YAML and the equivalent gcloud command (one flag per line, copy-pasteable into a shell).
// w writes the YAML (in the gcloud view: the command as a script), s saves a preset, enter submits
// unless an error remains. This is the view: input is use-review-step.ts, text review-text.ts.
import {Box, Text} from 'ink';
import React, {useContext} from 'react';
import type {Catalog} from '../../../core/job-spec/index.js';
import {draftCost, draftCostLine} from '../../../core/job-spec/draft-cost.js';
import {AppContext} from '../../shell/session-context.js';
import {theme} from '../../shell/theme.js';
import {safeText} from '../../../core/text/safe-text.js';
import {VIEWS, type ReviewView} from './review-state.js';
import {fitProblems, originText} from './review-text.js';
import {locateProblem, reviewOrder} from './step-model.js';
import {useReviewStep, type ReviewInput} from './use-review-step.js';

const VIEW_TITLE: Record<ReviewView, string> = {
  summary: 'Summary',
  request: 'Request JSON',
  config: 'Config file',
  gcloud: 'gcloud command',
};

export interface ReviewStepProps extends ReviewInput {
  /** Where the values came from ("preset gpu", "the last submitted job (…)", "the example job"). */
  origin?: string;
  /**
   * One row about the images, on the local emulator (steps/catalog-note.ts): it takes the place
   * of the problem the validator leaves out there, so the summary never grows.
   */
  catalogNote?: string;
  /** The catalog in use (built-in prices and the settings file's) for the cost row. */
  catalog: Catalog;
}

export function ReviewStep(props: ReviewStepProps) {
  const {draft, problems, width, submitting, submitError, origin, notice, catalogNote, catalog} =
    props;
  const {cursor, view, scroll, steps, errors, blocked, lines, bodyRows} = useReviewStep(props);
  const originLine = origin ? originText(origin, width) : undefined;
  const noteRows = catalogNote ? 1 : 0;
  const app = useContext(AppContext);
  const local =
    (draft.backend ??
      (app?.status.kind === 'ready' ? app.status.session.backend.kind : 'vertex')) === 'local';
  const today = new Date().toISOString().slice(0, 10);
  const costLine = draftCostLine(draftCost(draft, catalog, today), width, local);
  const ordered = reviewOrder(problems);
  const shown = fitProblems(
    ordered,
    width,
    // Half the rows for problems (the first always whole), the rest for the steps.
    Math.max(1, Math.floor((bodyRows - (originLine ? 1 : 0) - noteRows - 1) / 2)),
  );
  const hidden = ordered.length - shown.length;
  const problemRows = shown.reduce((sum, p) => sum + p.rows.length, 0) + (hidden > 0 ? 1 : 0);
  // The origin row, the catalog note and the cost row under the steps.
  const originRows = (originLine ? 1 : 0) + noteRows + 1;
  const stepRows = Math.max(1, bodyRows - Math.max(1, problemRows) - originRows);
  const firstStep = Math.max(0, Math.min(cursor - stepRows + 1, steps.length - stepRows));
  return (
    <Box flexDirection="column">
      <Text color={theme.text.heading}>
        {VIEWS.map((v) => (v === view ? `[${VIEW_TITLE[v]}]` : VIEW_TITLE[v])).join('  ')}
        <Text color={theme.text.muted}> (v switches)</Text>
      </Text>
      {view === 'summary' ? (
        <Box flexDirection="column" height={bodyRows} overflow="hidden">
          {originLine ? (
            <Text color={theme.text.muted} wrap="truncate-end">
              {safeText(originLine)}
            </Text>
          ) : null}
          {catalogNote ? (
            <Text color={theme.text.muted} wrap="truncate-end">
              {safeText(catalogNote)}
            </Text>
          ) : null}
          {steps.slice(firstStep, firstStep + stepRows).map((step) => {
            const selected = steps[cursor]?.id === step.id;
            const count = errors.filter((p) => locateProblem(p).step === step.id).length;
            return (
              <Text
                key={step.id}
                wrap="truncate-end"
                color={selected ? theme.text.accent : undefined}
              >
                {selected ? '❯ ' : '  '}
                {step.title.padEnd(14)}
                {safeText(step.summary(draft))}
                {count > 0 ? <Text color={theme.status.error}> ✖ {count}</Text> : null}
              </Text>
            );
          })}
          <Text color={theme.text.muted} wrap="truncate-end">
            {safeText(costLine)}
          </Text>
          {problems.length === 0 ? (
            <Text color={theme.status.success}>No problems found.</Text>
          ) : (
            shown.map(({problem, rows}, i) =>
              rows.map((row, r) => (
                <Text
                  key={`${problem.rule}${i}-${r}`}
                  wrap="truncate-end"
                  color={problem.severity === 'error' ? theme.status.error : theme.status.warning}
                >
                  {row}
                </Text>
              )),
            )
          )}
          {hidden > 0 ? (
            <Text color={theme.text.muted} wrap="truncate-end">
              … {hidden} more (e goes to each in turn)
            </Text>
          ) : null}
        </Box>
      ) : (
        <Box flexDirection="column" height={bodyRows} overflow="hidden">
          {lines.slice(scroll, scroll + bodyRows).map((line, index) => (
            <Text key={index} wrap="truncate-end">
              {/* An empty Text takes no row; a space keeps the count of rows right. */}
              {safeText(line) || ' '}
            </Text>
          ))}
        </Box>
      )}
      {lines.length > bodyRows ? (
        <Text color={theme.text.muted}>
          lines {scroll + 1}-{Math.min(scroll + bodyRows, lines.length)} of {lines.length} · ↑↓ pgup
          pgdn
        </Text>
      ) : null}
      {notice ? (
        <Text color={theme.status.warning} wrap="wrap">
          {safeText(notice)}
        </Text>
      ) : null}
      {submitting ? <Text color={theme.status.info}>{submitting}</Text> : null}
      {submitError ? (
        <Text color={theme.status.error} wrap="wrap">
          Submit failed: {safeText(submitError)}
          <Text color={theme.text.muted}> (esc or o: back to any step; every edit is kept)</Text>
        </Text>
      ) : null}
      {!submitting ? (
        blocked ? (
          <Text color={theme.status.error} wrap="truncate-end">
            {errors.length} error(s) block submitting: e goes to the field that fixes each.
          </Text>
        ) : (
          <Text color={theme.status.success} wrap="truncate-end">
            Press enter to submit
            {width >= 60
              ? ` · w writes ${view === 'gcloud' ? 'the command as a script' : 'the config file'} · s saves a preset`
              : ''}
            .
          </Text>
        )
      ) : null}
    </Box>
  );
}
