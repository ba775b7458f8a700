// What `validate`, `submit` and `new --from` share: the flags naming a job file and where it runs,
// reading and importing the file, and validating the draft against the user's catalog. Problems
// come back as `field: message [rule] → fix` lines (and as JSON), so a script can act on each.
import {readFile} from 'node:fs/promises';
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

/** Reads, imports and validates the job file named by --config. */
export async function loadJobFile(values: {
  config?: string;
  project?: string;
  region?: string;
  'display-name'?: string;
}): Promise<LoadedJob> {
  if (!values.config) throw new CommandError('--config FILE is required', EXIT.usage);
  const file = path.resolve(values.config);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
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
  const draft: JobDraft = {
    ...imported.draft,
    ...(values.project && {project: values.project}),
    ...(values.region && {region: values.region}),
    ...(values['display-name'] && {displayName: values['display-name']}),
  };
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
