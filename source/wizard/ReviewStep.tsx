// The last step: every step's choice (↑/↓ select, o opens it to change), the problems with the
// field that fixes each (e jumps there), and toggles (v) for the exact request JSON, the
// --config YAML and the equivalent gcloud command. w writes the YAML, s saves a preset, enter
// submits unless an error remains.
import {Box, Text} from 'ink';
import React, {useMemo, useState} from 'react';
import {useCommands} from '../app/key-dispatcher.js';
import {theme} from '../app/theme.js';
import {
  buildCreateRequest,
  errorsOf,
  exportCommand,
  restRequest,
  stagedPackageNote,
  type JobDraft,
  type Problem,
} from '../job-spec/index.js';
import {safeText} from '../text/safe-text.js';
import {wrapLines} from '../text/wrap-lines.js';
import {locateProblem, stepById, visibleSteps, type ProblemLocation} from './step-model.js';

export type ReviewView = 'summary' | 'request' | 'config' | 'gcloud';
const VIEWS: ReviewView[] = ['summary', 'request', 'config', 'gcloud'];
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
  onWrite(): void;
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

/** The text of a non-summary view, as lines. */
export function reviewLines(draft: JobDraft, view: ReviewView): string[] {
  if (view === 'request') {
    const request = restRequest(draft);
    return [
      `${request.method} ${request.url}`,
      ...JSON.stringify(request.body, null, 2).split('\n'),
    ];
  }
  const exported = exportCommand(draft);
  if (view === 'config')
    return exported.file
      ? [`# ${exported.file.name}`, ...exported.file.contents.trimEnd().split('\n')]
      : ['No config file is needed: the gcloud command carries everything (v shows it).'];
  const method = buildCreateRequest(draft).method;
  const packageNote = stagedPackageNote(draft);
  return [
    ...(method === 'createTrainingPipeline'
      ? ['# gcloud has no training-pipeline command: this posts the REST body (request.json).']
      : []),
    exported.command,
    ...(packageNote ? ['', `(${packageNote})`] : []),
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
  onPreset,
  onCommon,
}: ReviewStepProps) {
  const steps = visibleSteps(draft).filter((step) => step.id !== 'review');
  const [cursor, setCursor] = useState(0);
  const [view, setView] = useState<ReviewView>('summary');
  const [scroll, setScroll] = useState(0);
  const [nextProblem, setNextProblem] = useState(0);
  const errors = errorsOf(problems);
  const blocked = errors.length > 0;
  // The request URL is cut into lines of the screen's width: truncated, it would not work.
  // Nothing is cut at the screen's width: long lines continue on the next rows (the request URL
  // in plain pieces, as it has no spaces; JSON and YAML lines under their own indentation).
  const lines = useMemo(() => {
    if (view === 'summary') return [];
    const room = Math.max(20, width - 1);
    const [first = '', ...rest] = reviewLines(draft, view);
    const head =
      view === 'request'
        ? Array.from({length: Math.ceil(first.length / room)}, (_, i) =>
            first.slice(i * room, (i + 1) * room),
          )
        : wrapLines(first, room, '    ');
    return [
      ...head,
      ...rest.flatMap((line) => wrapLines(line, room, `${/^ */.exec(line)?.[0] ?? ''}  `)),
    ];
  }, [draft, view, width]);
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
        setView(VIEWS[(VIEWS.indexOf(view) + 1) % VIEWS.length]!);
        setScroll(0);
      } else if (command === 'review.jump' && problems.length > 0) {
        const ordered = [...errors, ...problems.filter((p) => p.severity === 'warning')];
        const problem = ordered[nextProblem % ordered.length]!;
        setNextProblem(nextProblem + 1);
        onOpen(locateProblem(problem));
      } else if (command === 'review.open' && view === 'summary') {
        const step = steps[cursor];
        if (step)
          onOpen({step: step.id, field: step.fields[0]?.id ?? '', ...(step.perPool && {pool: 0})});
      } else if (command === 'review.write') onWrite();
      else if (command === 'review.preset') onPreset();
      else if (command === 'nav.up' || command === 'nav.down') {
        const by = command === 'nav.up' ? -1 : 1;
        if (view === 'summary') setCursor(Math.max(0, Math.min(steps.length - 1, cursor + by)));
        else setScroll(Math.max(0, Math.min(Math.max(0, lines.length - bodyRows), scroll + by)));
      } else if (command === 'nav.pageDown' || command === 'nav.pageUp') {
        const by = command === 'nav.pageUp' ? -bodyRows : bodyRows;
        setScroll(Math.max(0, Math.min(Math.max(0, lines.length - bodyRows), scroll + by)));
      } else if (command === 'nav.confirm' && !blocked) onSubmit();
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
              {safeText(line)}
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
            {width >= 60 ? ' · w writes the config file · s saves a preset' : ''}.
          </Text>
        )
      ) : null}
    </Box>
  );
}
