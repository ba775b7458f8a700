// The review's text, pure: where the values came from, each problem with the step that fixes it
// (wrapped, never cut, as many as fit), and the request JSON, config file and gcloud command as
// screen rows no wider than the view, so rows copied from the terminal still run.
import type {JobDraft, Problem} from '../../../core/job-spec/index.js';
import {buildCreateRequest} from '../../../core/job-spec/create-request.js';
import {restRequest} from '../../../core/job-spec/export.js';
import {
  exportCommand,
  servingContainerNote,
  stagedPackageNote,
} from '../../../core/job-spec/gcloud-command.js';
import {safeText} from '../../../core/text/safe-text.js';
import {shellRows} from '../../../core/text/shell-rows.js';
import {wrapLines} from '../../../core/text/wrap-lines.js';
import type {ReviewView} from './review-state.js';
import {locateProblem} from './step-model.js';
import {stepById} from './steps/index.js';

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
  const servingNote = servingContainerNote(draft);
  return [
    ...(buildCreateRequest(draft).method === 'createTrainingPipeline'
      ? ['# gcloud has no training-pipeline command: this posts the REST body (request.json).']
      : []),
    ...(packageNote ? [`# The command ${packageNote}.`] : []),
    ...(servingNote ? [`# ${servingNote[0]!.toUpperCase()}${servingNote.slice(1)}.`] : []),
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
