// The last step: every step's choice (↑/↓ select, o opens it to change), the problems with the
// field that fixes each (e jumps there), and toggles (v) for the exact request JSON, the
// --config YAML and the equivalent gcloud command (one flag per line, copy-pasteable into a shell).
// w writes the YAML (in the gcloud view: the command as a script), s saves a preset, enter submits
// unless an error remains.
import {Box, Text} from 'ink';
import React, {useMemo, useReducer} from 'react';
import {useCommands} from '../../shell/keys/key-dispatcher.js';
import {theme} from '../../shell/theme.js';
import {
  buildCreateRequest,
  errorsOf,
  exportCommand,
  restRequest,
  stagedPackageNote,
  type JobDraft,
  type Problem,
} from '../../../core/job-spec/index.js';
import {safeText} from '../../../core/text/safe-text.js';
import {shellRows} from '../../../core/text/shell-rows.js';
import {wrapLines} from '../../../core/text/wrap-lines.js';
import type {WriteTarget} from './job-files.js';
import {INITIAL_REVIEW, nextView, reviewReducer, VIEWS, type ReviewView} from './review-state.js';
import {locateProblem, visibleSteps, type ProblemLocation} from './step-model.js';
import {openingField, stepById} from './steps/index.js';

const VIEW_TITLE: Record<ReviewView, string> = {
  summary: 'Summary',
  request: 'Request JSON',
  config: 'Config file',
  gcloud: 'gcloud command',
};

export interface ReviewStepProps {
  draft: JobDraft;
  problems: readonly Problem[];
  height: number;
  width: number;
  submitting: string | undefined;
  submitError: string | undefined;
  /** Where the values came from ("preset gpu", "the last submitted job (…)", "the example job"). */
  origin?: string;
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

/** The summary's first row: where the values came from (Where: the Where step's own notes). */
export function originText(origin: string, width: number): string {
  const full = `Values from ${origin}; Where from the app's resolution unless changed there`;
  return full.length <= width ? full : `Values from ${origin}`;
}

/** One problem as the summary shows it: step, message and fix, wrapped (never cut). */
export function problemRows(problem: Problem, width: number): string[] {
  const where = locateProblem(problem);
  const mark = problem.severity === 'error' ? '✖' : '⚠';
  return wrapLines(
    safeText(
      `${mark} ${stepById(where.step).title}${where.pool !== undefined ? ` (workerpool${where.pool})` : ''}: ${problem.message} → ${problem.fix}`,
    ),
    width,
    '  ',
  );
}

/** The problems that fit in `room` rows, whole, in order; the first always shows in full. */
export function fitProblems(
  problems: readonly Problem[],
  width: number,
  room: number,
): {problem: Problem; rows: string[]}[] {
  const out: {problem: Problem; rows: string[]}[] = [];
  let used = 0;
  for (const [index, problem] of problems.entries()) {
    const rows = problemRows(problem, width);
    // Leave a row for "… N more" unless this is the last problem.
    const reserve = index < problems.length - 1 ? 1 : 0;
    if (out.length > 0 && used + rows.length + reserve > room) break;
    out.push({problem, rows});
    used += rows.length;
  }
  return out;
}

/** The text of the request or config view, as lines (the gcloud view has its own rows). */
function fileLines(draft: JobDraft, view: 'request' | 'config'): string[] {
  if (view === 'request') {
    const request = restRequest(draft);
    return [
      `${request.method} ${request.url}`,
      ...JSON.stringify(request.body, null, 2).split('\n'),
    ];
  }
  const {file} = exportCommand(draft);
  return file
    ? [`# ${file.name}`, ...file.contents.trimEnd().split('\n')]
    : ['No config file is needed: the gcloud command carries everything (v shows it).'];
}

/**
 * What the gcloud view says about its command, as shell comments under it: text selected along
 * with the command and pasted into a shell then does nothing (a plain note would run).
 */
function gcloudNotes(draft: JobDraft): string[] {
  const packageNote = stagedPackageNote(draft);
  return [
    ...(buildCreateRequest(draft).method === 'createTrainingPipeline'
      ? ['# gcloud has no training-pipeline command: this posts the REST body (request.json).']
      : []),
    ...(packageNote ? [`# The command ${packageNote}.`] : []),
  ];
}

const BROKEN_WORD_NOTE =
  '# A row at the left edge continues the word above it (the shell joins them).';

/**
 * A non-summary view as screen rows of at most `width` columns; nothing is cut off. JSON and
 * YAML lines continue under their own indentation, the request URL in plain pieces (it has no
 * spaces). The gcloud command is one flag per line; a flag still too wide is broken where the
 * shell joins it back (see shellRows), so rows copied from the terminal still run.
 */
export function reviewRows(
  draft: JobDraft,
  view: Exclude<ReviewView, 'summary'>,
  width: number,
): string[] {
  if (view === 'gcloud') {
    const command = exportCommand(draft).lines.map((line) => shellRows(line, width));
    const broken = command.some((rows) => rows.length > 1);
    // The command first, so it starts at the top of the view; the notes follow it, one blank
    // row below, as comments.
    const notes = [...(broken ? [BROKEN_WORD_NOTE] : []), ...gcloudNotes(draft)];
    return [
      ...command.flat(),
      ...(notes.length > 0 ? [''] : []),
      ...notes.flatMap((note) => wrapLines(note, width, '# ')),
    ];
  }
  const lines = fileLines(draft, view);
  const [first = '', ...rest] = lines;
  const head =
    view === 'request'
      ? Array.from({length: Math.ceil(first.length / width)}, (_, i) =>
          first.slice(i * width, (i + 1) * width),
        )
      : wrapLines(first, width, '    ');
  return [
    ...head,
    ...rest.flatMap((line) => wrapLines(line, width, `${/^ */.exec(line)?.[0] ?? ''}  `)),
  ];
}

export function ReviewStep({
  draft,
  problems,
  height,
  width,
  submitting,
  submitError,
  origin,
  notice,
  onSubmit,
  onOpen,
  onBack,
  onWrite,
  onViewChange,
  onPreset,
  onCommon,
}: ReviewStepProps) {
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
        const ordered = [...errors, ...problems.filter((p) => p.severity === 'warning')];
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

  const originLine = origin ? originText(origin, width) : undefined;
  const ordered = [...errors, ...problems.filter((p) => p.severity === 'warning')];
  const shown = fitProblems(
    ordered,
    width,
    // Half the rows for problems (the first always whole), the rest for the steps.
    Math.max(1, Math.floor((bodyRows - (originLine ? 1 : 0)) / 2)),
  );
  const hidden = ordered.length - shown.length;
  const problemRows = shown.reduce((sum, p) => sum + p.rows.length, 0) + (hidden > 0 ? 1 : 0);
  const originRows = originLine ? 1 : 0;
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
