// `vtrain-tui logs JOB`: a job's log entries for scripts, each exactly once, in (timestamp,
// insertId) order, through the same engine as the dashboard. With --follow it waits for new
// entries until the job has ended and its logs are drained, then exits with the job's outcome.
import type {MainContext} from '../main-context.js';
import {EXIT} from '../exit-codes.js';
import {commandFailure, exitCodeFor, openJobCommand} from './job-command-session.js';
import {isTerminalState} from '../../core/job-spec/index.js';
import {BadJobReference, findJob, JobNotFound} from '../../services/jobs/find-job.js';
import {JobLogEngine} from '../../services/logs/job-log-engine.js';
import {JobPoller} from '../../services/logs/job-poller.js';
import {cursorIso, type LogLine} from '../../services/vertex/log-line.js';
import {OrderedWriter} from '../../services/logs/ordered-writer.js';
import {readBudgetFor} from '../../services/logs/read-budget.js';
import {toRestEntry} from '../../services/logs/rest-entry.js';
import {safeText} from '../../core/text/safe-text.js';
import type {JobKind, ResourceMessage} from '../../services/vertex/api.js';
import {backingJobOf, jobIdOf} from '../../services/jobs/pipeline-backing-job.js';
import {
  toJobSnapshot,
  type CustomJobMessage,
  type JobSummary,
} from '../../services/vertex/job-snapshot.js';
import type {Session} from '../../services/backend/session.js';
import {parseLogsArgs, type LogsOptions} from './logs-args.js';

export const LOGS_USAGE = `Usage
  vtrain-tui logs JOB [--follow] [--replica NAME] [--severity S] [--grep RE] [--since DUR]
                      [--timestamps] [--json] [--backend local|vertex] [--project ID] [--region R]
                      [--data-dir DIR]
JOB is a job's numeric id, display name or full resource name; a training pipeline's logs are those of
the job doing its work (its backing custom job or tuning job). Every entry is printed once, in
(timestamp, insertId) order. --follow waits until the job has ended and its logs are drained,
then exits 0 if it succeeded and 1 if it failed or was cancelled. --grep RE runs in linear time:
no backreferences, lookarounds or counts above {16}. Exit codes: 2 usage, 3 not found,
4 credentials or permission.
`;

export const usage = LOGS_USAGE;

const fail = commandFailure('logs');

interface ResolvedJob {
  kind: JobKind;
  job: JobSummary;
  /** The job whose logs are read (a pipeline's backing job); undefined: none yet. */
  logJobId: string | undefined;
}

function resolved(kind: JobKind, resource: ResourceMessage): ResolvedJob {
  const job = toJobSnapshot(resource as CustomJobMessage, kind);
  if (kind !== 'pipeline') return {kind, job, logJobId: job.id};
  // A pipeline writes no replica logs of its own: its backing job does the work.
  const backing = backingJobOf(resource);
  return {kind, job, logJobId: backing && jobIdOf(backing.name)};
}

async function resolveJob(
  session: Session,
  options: LogsOptions,
  project: string,
  region: string,
): Promise<ResolvedJob> {
  const reference = 'id' in options.job ? options.job.id : options.job.name;
  const found = await findJob(
    session.api.jobs,
    `projects/${project}/locations/${region}`,
    reference,
  );
  return resolved(found.kind, found.resource);
}

/** A pipeline that has not named its backing job yet: read it again until it does or ends. */
async function awaitBacking(session: Session, start: ResolvedJob): Promise<ResolvedJob> {
  let current = start;
  const intervalMs = session.backend.kind === 'local' ? 500 : 5000;
  while (current.logJobId === undefined && !isTerminalState(current.job.state)) {
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
    current = resolved('pipeline', await session.api.jobs.getJob('pipeline', current.job.name));
  }
  return current;
}

/** `[workerpool0-0] text`; a multi-line entry (a traceback) continues on indented lines. */
function formatText(line: LogLine, timestamps: boolean): string {
  const time = timestamps ? `${cursorIso(line)} ` : '';
  const message = safeText(line.message, {multiline: true}).replace(/\n/g, '\n  ');
  return `${time}[${safeText(line.replica)}] ${message}\n`;
}

/**
 * Tells stderr when the stream stops being a live tail (Cloud Logging refused one: 10 per
 * project) and when it is live again, so a script's user knows why output comes in steps.
 */
function streamNotes(engine: JobLogEngine): () => void {
  let polling = false;
  return engine.subscribe(() => {
    const {state, detail} = engine.status();
    if (state === 'polling' && !polling) {
      polling = true;
      process.stderr.write(`vtrain-tui logs: ${detail ?? 'live tail refused'}; nothing is lost.\n`);
    } else if (polling && (state === 'live' || state === 'backfilling')) {
      polling = false;
      process.stderr.write('vtrain-tui logs: live tail open again.\n');
    }
  });
}

function writeOut(text: string): Promise<void> {
  return new Promise((resolve) => {
    if (process.stdout.write(text)) resolve();
    else process.stdout.once('drain', resolve);
  });
}

export async function run(argv: string[], context: MainContext): Promise<number> {
  const opened = await openJobCommand(argv, context, {
    name: 'logs',
    usage: LOGS_USAGE,
    parse: parseLogsArgs,
  });
  if (typeof opened === 'number') return opened;
  const {options, session, project, region} = opened;
  try {
    return await follow(session, options, project, region);
  } finally {
    await session.close().catch(() => undefined);
  }
}

async function follow(
  session: Session,
  options: LogsOptions,
  project: string,
  region: string,
): Promise<number> {
  let resolved: ResolvedJob;
  try {
    resolved = await resolveJob(session, options, project, region);
  } catch (error) {
    if (error instanceof JobNotFound) return fail(`${error.message}.`, EXIT.notFound);
    if (error instanceof BadJobReference) return fail(`${error.message}.`, EXIT.usage);
    return fail((error as Error).message, exitCodeFor(error));
  }
  if (resolved.logJobId === undefined && options.follow) {
    try {
      resolved = await awaitBacking(session, resolved);
    } catch (error) {
      return fail((error as Error).message, exitCodeFor(error));
    }
  }
  if (resolved.logJobId === undefined) {
    const ended = isTerminalState(resolved.job.state);
    process.stderr.write(
      ended
        ? `vtrain-tui logs: pipeline ${resolved.job.name} ended without a backing job (it never started training), so it has no logs.\n`
        : `vtrain-tui logs: pipeline ${resolved.job.name} has not started its training job yet; no logs so far (--follow waits for them).\n`,
    );
    if (!options.follow) return EXIT.ok;
    return resolved.job.state === 'JOB_STATE_SUCCEEDED' ? EXIT.ok : EXIT.failed;
  }
  const logJobId = resolved.logJobId;
  let job = resolved.job;
  const following = options.follow && !isTerminalState(job.state);
  const engine = new JobLogEngine({
    logging: session.api.logging,
    budget: readBudgetFor(session.api.logging, session.backend.kind),
    project,
    jobId: logJobId,
    jobCreateTimeMs: job.createTime?.getTime() ?? 0,
    ...(options.sinceMs !== undefined && {startMs: options.sinceMs}),
    open: 'start',
    follow: following,
    narrow: {
      ...(options.replica && {replica: options.replica}),
      ...(options.severity && {minSeverity: options.severity}),
    },
    keepRaw: options.json,
    // Scripts hold lines only until written; a generous cap covers a backlog during a flood.
    store: {maxLines: 1_000_000, maxBytes: 512 * 1024 * 1024},
    // The order guarantee rests on the lateness bound: an entry may trail newer ones by up to this
    // long and still be written in place. The engine's defaults are Google's margins (5 s, as
    // gcloud's log streaming allows; engine-options.ts) on both backends: a replica's entries can
    // reach the emulator late too, and output held 5 s is never out of order.
  });
  let closed = false;
  process.stdout.on('error', () => {
    // A closed pipe (`| head`): stop quietly.
    closed = true;
    engine.stop();
  });
  const writer = new OrderedWriter({
    engine,
    ...(options.grep && {accept: (line: LogLine) => options.grep!.test(line.message)}),
    write: (lines) => {
      if (closed) return Promise.resolve();
      const text = options.json
        ? lines.map((line) => `${JSON.stringify(toRestEntry(line.raw ?? {}))}\n`).join('')
        : lines.map((line) => formatText(line, options.timestamps)).join('');
      return writeOut(text);
    },
  });
  const poller = new JobPoller({
    jobs: session.api.jobs,
    kind: resolved.kind,
    name: job.name,
    minMs: session.backend.kind === 'local' ? 500 : 2000,
    maxMs: session.backend.kind === 'local' ? 3000 : 15_000,
    onJob: (next) => {
      job = next;
      if (isTerminalState(next.state)) engine.jobEnded();
    },
  });
  writer.start();
  const stopNotes = streamNotes(engine);
  engine.start();
  if (following) poller.start(500);
  try {
    await engine.ended();
    await writer.finish();
  } finally {
    stopNotes();
    poller.stop();
    engine.stop();
  }
  const status = engine.status();
  if (closed) return EXIT.ok;
  if (status.state === 'failed')
    return fail(`reading the logs failed: ${status.detail ?? 'unknown error'}`, EXIT.failed);
  if (writer.late > 0)
    process.stderr.write(
      `vtrain-tui logs: ${writer.late} entries arrived after later ones had been written; they were written late, out of order.\n`,
    );
  if (!options.follow) return EXIT.ok;
  return job.state === 'JOB_STATE_SUCCEEDED' ? EXIT.ok : EXIT.failed;
}
