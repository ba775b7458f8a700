// What `validate`, `submit` and `new --from` share: the flags naming a job file and where it runs,
// reading and importing the file, and validating the draft against the user's catalog. Problems
// come back as `field: message [rule] → fix` lines (and as JSON), so a script can act on each.
import {open} from 'node:fs/promises';
import path from 'node:path';
import {parseArgs, type ParseArgsConfig} from 'node:util';
import {importJobText, validateDraft, type JobDraft} from '../../core/job-spec/index.js';
import {safeText} from '../../core/text/safe-text.js';
import {EXIT} from '../exit-codes.js';

export const DEFAULT_PROJECT = 'local-project';
export const DEFAULT_REGION = 'us-central1';

export class CommandError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
  }
}

/** Flags every job-file command takes (each command adds its own). */
export const JOB_FILE_FLAGS = {
  config: {type: 'string'},
  project: {type: 'string'},
  region: {type: 'string'},
  'display-name': {type: 'string'},
  json: {type: 'boolean'},
  'data-dir': {type: 'string'},
  python: {type: 'string'},
} as const satisfies ParseArgsConfig['options'];

export function parseFlags<O extends NonNullable<ParseArgsConfig['options']>>(
  argv: string[],
  options: O,
  usage: string,
) {
  try {
    return parseArgs({args: argv, options, strict: true, allowPositionals: false}).values;
  } catch (error) {
    const reason = String((error as Error).message).replace(/\. To specify.*$/s, '.');
    throw new CommandError(`${reason}\nUsage: ${usage}`, EXIT.usage);
  }
}

/** One problem, as scripts and people read it. */
export interface ReportedProblem {
  path: string;
  rule: string;
  severity: 'error' | 'warning';
  message: string;
  fix: string;
  line?: number;
  column?: number;
}

export function problemLine(problem: ReportedProblem): string {
  const where = problem.line ? ` (line ${problem.line}:${problem.column ?? 1})` : '';
  const field = problem.path || 'file';
  // Messages quote the file's values: never let them reach the terminal as control codes.
  return safeText(`${field}${where}: ${problem.message} [${problem.rule}] → ${problem.fix}`);
}

export interface LoadedJob {
  file: string;
  draft?: JobDraft;
  errors: ReportedProblem[];
  warnings: ReportedProblem[];
}

/** Display name for a gcloud config (which never holds one): the file's name. */
function nameFromFile(file: string): string {
  return (
    path
      .basename(file)
      .replace(/\.(ya?ml|json)$/i, '')
      .slice(0, 128) || 'job'
  );
}

/**
 * Validation speaks of `workerPools[i]` and `timeout`; the file holds them under the resource's
 * own keys, so name the place the user edits.
 */
function fileTerms(draft: JobDraft): (path: string) => string {
  const spec =
    draft.trainingType === 'automl' || draft.workflow === 'training-pipeline'
      ? 'trainingTaskInputs.'
      : draft.workflow === 'hyperparameter-tuning-job'
        ? 'trialJobSpec.'
        : '';
  return (path) =>
    path
      .replace(/^workerPools\[/, `${spec}workerPoolSpecs[`)
      .replace(/^timeout$/, `${spec}scheduling.timeout`);
}

/**
 * Our bound on a job file's size, far above any real one (a CustomJob request is a few KiB, and
 * gRPC refuses messages over 4 MiB by default), checked before the file is read.
 */
export const MAX_JOB_FILE_BYTES = 1024 * 1024;

const mebibytes = (bytes: number) =>
  bytes >= 1024 * 1024
    ? `${(bytes / (1024 * 1024)).toFixed(1).replace(/\.0$/, '')} MiB`
    : `${bytes} bytes`;

/**
 * The file's text, refused before parsing when it is a folder or larger than the bound: parsing a
 * 50 MB file took 2 GB and 15 s. Read with a bound too, for files whose size stat cannot tell
 * (a pipe, /dev/zero) or that grow meanwhile.
 */
async function readJobText(file: string, given: string): Promise<string> {
  const tooLarge = (size: string) =>
    new CommandError(
      `${given} is ${size}; a job file may be at most ${mebibytes(MAX_JOB_FILE_BYTES)} (real ones are a few KiB): give the job file itself, with large data in Cloud Storage`,
      EXIT.usage,
    );
  const handle = await open(file, 'r');
  try {
    const info = await handle.stat();
    if (info.isDirectory())
      throw new CommandError(
        `${given} is a folder, not a job file; name the YAML or JSON job file itself (e.g. ${path.join(given, 'job.yaml')})`,
        EXIT.usage,
      );
    if (info.size > MAX_JOB_FILE_BYTES) throw tooLarge(mebibytes(info.size));
    const buffer = Buffer.alloc(MAX_JOB_FILE_BYTES + 1);
    let length = 0;
    for (;;) {
      const {bytesRead} = await handle.read(buffer, length, buffer.length - length, null);
      if (bytesRead === 0) break;
      length += bytesRead;
      if (length > MAX_JOB_FILE_BYTES) throw tooLarge(`over ${mebibytes(MAX_JOB_FILE_BYTES)}`);
    }
    return buffer.toString('utf8', 0, length);
  } finally {
    await handle.close();
  }
}

/**
 * Reads, imports and validates the job file named by --config; `prepare` adds what the command's
 * flags contribute (submit's --package-path) before validation, so the file need not.
 */
export async function loadJobFile(
  values: {
    config?: string;
    project?: string;
    region?: string;
    'display-name'?: string;
  },
  prepare: (draft: JobDraft) => JobDraft = (draft) => draft,
): Promise<LoadedJob> {
  if (!values.config) throw new CommandError('--config FILE is required', EXIT.usage);
  const file = path.resolve(values.config);
  let text: string;
  try {
    text = await readJobText(file, values.config);
  } catch (error) {
    if (error instanceof CommandError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new CommandError(
      code === 'ENOENT'
        ? `${values.config}: no such file`
        : `${values.config}: cannot read it (${(error as Error).message})`,
      code === 'ENOENT' ? EXIT.notFound : EXIT.failed,
    );
  }
  const imported = importJobText(text, {
    project: values.project ?? DEFAULT_PROJECT,
    region: values.region ?? DEFAULT_REGION,
    displayName: values['display-name'] ?? nameFromFile(file),
  });
  const fromImport = (list: typeof imported.warnings): ReportedProblem[] =>
    list.map((p) => ({...p, rule: 'import'}));
  if (!imported.ok) {
    return {file, errors: fromImport(imported.errors), warnings: fromImport(imported.warnings)};
  }
  // Flags win over what the file says, as with gcloud.
  const draft: JobDraft = prepare({
    ...imported.draft,
    ...(values.project && {project: values.project}),
    ...(values.region && {region: values.region}),
    ...(values['display-name'] && {displayName: values['display-name']}),
  });
  const {loadCatalog} = await import('../../core/settings/catalog-overrides.js');
  const {settingsFile} = await import('../../core/settings/settings-file.js');
  const {catalog} = await loadCatalog(settingsFile());
  const problems = validateDraft(draft, new Date(), {catalog});
  const toFile = fileTerms(draft);
  const strip = ({field: _field, ...p}: (typeof problems)[number]): ReportedProblem => ({
    ...p,
    path: toFile(p.path),
  });
  return {
    file,
    draft,
    errors: problems.filter((p) => p.severity === 'error').map(strip),
    warnings: [
      ...fromImport(imported.warnings),
      ...problems.filter((p) => p.severity === 'warning').map(strip),
    ],
  };
}

export function writeProblems(job: LoadedJob): void {
  for (const problem of job.errors) process.stdout.write(`${problemLine(problem)}\n`);
  for (const problem of job.warnings) process.stderr.write(`warning: ${problemLine(problem)}\n`);
}

/** Runs a command body, turning CommandError into its message and exit code. */
export async function guarded(body: () => Promise<number>): Promise<number> {
  try {
    return await body();
  } catch (error) {
    if (error instanceof CommandError) {
      process.stderr.write(`vtrain-tui: ${safeText(error.message, {multiline: true})}\n`);
      return error.exitCode;
    }
    throw error;
  }
}
