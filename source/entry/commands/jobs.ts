// `vtrain-tui jobs list|describe|cancel`: triage from scripts, with the same backend, job lookup
// and list merging as the app. Plain output is an aligned table or YAML; --json prints the REST
// shape (one JSON array for a list). In a terminal the table's last column (resources, or a long
// error) is cut at the terminal's width, so each job stays one aligned row; a pipe gets it whole
// (and `jobs describe` always shows the whole error).
import {createInterface} from 'node:readline/promises';
import {stringify} from 'yaml';
import type {MainContext} from '../main-context.js';
import {isTerminalState, shortState} from '../../core/job-spec/index.js';
import {findJob, BadJobReference, JobNotFound} from '../../services/jobs/find-job.js';
import {errorLine, KIND_LABELS, type JobSummary} from '../../services/jobs/job-summary.js';
import {durationText} from '../../services/jobs/job-table-layout.js';
import {listJobsMerged} from '../../services/jobs/list-jobs.js';
import {expandFilterShorthand} from '../../services/jobs/server-filter.js';
import {summarise} from '../../services/jobs/job-summary.js';
import {readPendingReason} from '../../services/jobs/pending-notes.js';
import {pendingLine} from '../../services/jobs/pending-reason.js';
import {safeText} from '../../core/text/safe-text.js';
import {JOB_KINDS, type JobKind} from '../../services/vertex/api.js';
import {toRestShape} from '../../services/vertex/rest-shape.js';
import {CommandError, reportFailure} from '../command-errors.js';
import {parse, text, usageError, withSession} from './jobs-shared.js';
import {wait} from './jobs-wait.js';
import {EXIT} from '../exit-codes.js';

export const JOBS_USAGE = `Usage
  vtrain-tui jobs list [--type custom|hptuning|pipeline] [--state S] [--filter F] [--limit N] [--json]
  vtrain-tui jobs describe JOB [--json|--yaml]
  vtrain-tui jobs cancel JOB [--yes]
  vtrain-tui jobs wait JOB [--timeout DUR] [--interval DUR]
JOB is a job's numeric id, display name or full resource name. Exit codes: 0 ok, 1 failed, 2 usage,
3 not found, 4 credentials or permission, 5 still running when --timeout ran out.
jobs wait blocks until the job ends: exit 0 if it succeeded, 1 if it failed, was cancelled or
expired (DUR: 90s, 15m, 2h, 1d).`;

export const usage = `${JOBS_USAGE}\n`;

const TYPES: Record<string, JobKind> = {
  custom: 'custom',
  hptuning: 'hptuning',
  pipeline: 'pipeline',
};

function stateFilter(state: string): string {
  const name = state
    .trim()
    .toUpperCase()
    .replace(/^(JOB|PIPELINE)_STATE_/, '');
  if (!/^[A-Z_]+$/.test(name))
    throw usageError(`--state must be a state such as RUNNING or FAILED; got "${state}".`);
  return `state="JOB_STATE_${name}"`;
}

/** The table; with `width` (a terminal's columns) the last column is cut to fit, keeping ≥ 12. */
export function table(rows: JobSummary[], now: number, width?: number): string {
  const cells = rows.map((job) => [
    safeText(job.displayName),
    job.id,
    KIND_LABELS[job.kind],
    shortState(job.state),
    job.createTime?.toISOString().replace(/\.\d+Z$/, 'Z') ?? '—',
    durationText(job, now),
    safeText(errorLine(job) ? `error: ${errorLine(job)}` : (job.resources ?? '')),
  ]);
  const header = ['NAME', 'ID', 'TYPE', 'STATE', 'CREATED', 'DURATION', 'RESOURCES / ERROR'];
  const widths = header.map((title, column) =>
    Math.max(title.length, ...cells.map((row) => [...row[column]!].length)),
  );
  const before = widths.slice(0, -1).reduce((sum, columnWidth) => sum + columnWidth + 2, 0);
  const last = width === undefined ? Infinity : Math.max(12, width - before);
  const cut = (cell: string) =>
    [...cell].length <= last ? cell : `${[...cell].slice(0, last - 1).join('')}…`;
  return [header, ...cells]
    .map((row) =>
      row
        .map((cell, column) =>
          column === row.length - 1
            ? cut(cell)
            : cell + ' '.repeat(widths[column]! - [...cell].length),
        )
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

async function list(argv: string[], context: MainContext): Promise<number> {
  const {values, positionals} = parse(argv, {
    type: {type: 'string'},
    state: {type: 'string'},
    filter: {type: 'string'},
    limit: {type: 'string'},
    json: {type: 'boolean'},
  });
  if (positionals.length)
    throw usageError(`jobs list takes no argument; got "${positionals.join(' ')}".`);
  const kinds = text(values, 'type') === undefined ? JOB_KINDS : [TYPES[text(values, 'type')!]];
  if (kinds.some((kind) => kind === undefined))
    throw usageError(`--type must be custom, hptuning or pipeline; got "${text(values, 'type')}".`);
  const limit = text(values, 'limit') === undefined ? 100 : Number(text(values, 'limit'));
  if (!Number.isInteger(limit) || limit < 1)
    throw usageError(`--limit must be a whole number ≥ 1; got "${text(values, 'limit')}".`);
  const state = text(values, 'state');
  const userFilter = text(values, 'filter');
  const filters = [
    ...(state ? [stateFilter(state)] : []),
    ...(userFilter ? [expandFilterShorthand(userFilter)] : []),
  ];
  const filter = filters.map((part) => (filters.length > 1 ? `(${part})` : part)).join(' AND ');
  const rows = await withSession(values, context, (session, parent) =>
    listJobsMerged(session.api.jobs, parent, kinds as JobKind[], filter, limit),
  );
  if (values.json)
    process.stdout.write(
      `${JSON.stringify(
        rows.map((row) => toRestShape(row.resource)),
        null,
        2,
      )}\n`,
    );
  else if (rows.length === 0) process.stdout.write('No jobs.\n');
  else
    process.stdout.write(
      `${table(rows, Date.now(), process.stdout.isTTY ? process.stdout.columns : undefined)}\n`,
    );
  return EXIT.ok;
}

async function describe(argv: string[], context: MainContext): Promise<number> {
  const {values, positionals} = parse(argv, {json: {type: 'boolean'}, yaml: {type: 'boolean'}});
  if (positionals.length !== 1) throw usageError('jobs describe takes one JOB.');
  if (values.json && values.yaml) throw usageError('choose one of --json and --yaml.');
  const found = await withSession(values, context, async (session, parent) => {
    const job = await findJob(session.api.jobs, parent, positionals[0]!);
    // A waiting job says what it waits for, on stderr so stdout stays the resource.
    const summary = summarise(job.kind, job.resource);
    const reason = await readPendingReason(session.api.logging, parent, summary, Date.now());
    if (reason) process.stderr.write(`${summary.name}: ${safeText(pendingLine(reason))}\n`);
    return job;
  });
  const shape = toRestShape(found.resource);
  process.stdout.write(
    values.json
      ? `${JSON.stringify(shape, null, 2)}\n`
      : safeText(stringify(shape, {lineWidth: 0}), {multiline: true}),
  );
  return EXIT.ok;
}

async function askYesNo(question: string): Promise<boolean> {
  const prompt = createInterface({input: process.stdin, output: process.stderr});
  try {
    const answer = await prompt.question(question);
    return /^y(es)?$/i.test(answer.trim());
  } finally {
    prompt.close();
  }
}

async function cancel(argv: string[], context: MainContext): Promise<number> {
  const {values, positionals} = parse(argv, {yes: {type: 'boolean'}});
  if (positionals.length !== 1) throw usageError('jobs cancel takes one JOB.');
  const interactive = Boolean(process.stdin.isTTY && process.stderr.isTTY);
  if (!values.yes && !interactive)
    throw usageError(
      'cancelling needs a confirmation: run it in a terminal to be asked, or pass --yes.',
    );
  return withSession(values, context, async (session, parent) => {
    const {kind, resource} = await findJob(session.api.jobs, parent, positionals[0]!);
    const job = summarise(kind, resource);
    if (job.state === 'JOB_STATE_CANCELLING' || job.state === 'JOB_STATE_CANCELLED') {
      process.stdout.write(`${job.name} is already ${shortState(job.state)}.\n`);
      return EXIT.ok;
    }
    if (isTerminalState(job.state))
      throw new CommandError(
        `${job.name} has already ended (${shortState(job.state)}); nothing to cancel.`,
        EXIT.failed,
      );
    if (!values.yes) {
      const yes = await askYesNo(
        `Cancel ${KIND_LABELS[kind]} "${safeText(job.displayName)}" (${job.name})? [y/N] `,
      );
      if (!yes) {
        process.stderr.write('Not cancelled.\n');
        return EXIT.failed;
      }
    }
    await session.api.jobs.cancelJob(kind, job.name);
    process.stdout.write(`Cancel requested for ${job.name}.\n`);
    return EXIT.ok;
  });
}

const SUBCOMMANDS: Record<string, (argv: string[], context: MainContext) => Promise<number>> = {
  list,
  describe,
  cancel,
  wait,
};

export async function run(argv: string[], context: MainContext): Promise<number> {
  const [name, ...rest] = argv;
  try {
    if (name === '--help' || name === '-h' || name === undefined || rest.includes('--help')) {
      process.stdout.write(`${JOBS_USAGE}\n`);
      return name === undefined ? EXIT.usage : EXIT.ok;
    }
    const subcommand = SUBCOMMANDS[name];
    if (!subcommand) throw usageError(`unknown command "jobs ${name}".`);
    return await subcommand(rest, context);
  } catch (error) {
    if (error instanceof JobNotFound)
      return reportFailure(new CommandError(error.message, EXIT.notFound));
    if (error instanceof BadJobReference)
      return reportFailure(new CommandError(error.message, EXIT.usage));
    return reportFailure(error);
  }
}
