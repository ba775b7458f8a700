// `vtrain-tui submit --config FILE [--dry-run] [--wait] [--json]`: validates the file like
// `validate`, then creates the job (uploading --package-path first) exactly once, even across a
// lost connection (services/vertex/create-job.ts). --wait follows it to its end: exit 0 succeeded, 1 not.
import {stat} from 'node:fs/promises';
import path from 'node:path';
import {
  buildCreateRequest,
  isTerminalState,
  normaliseJobState,
  restRequest,
  stagedPackageUri,
  type JobDraft,
} from '../../core/job-spec/index.js';
import {safeText} from '../../core/text/safe-text.js';
import type {ResourceMessage} from '../../services/vertex/api.js';
import type {Session} from '../../services/backend/session.js';
import type {MainContext} from '../main-context.js';
import type {ScriptCommand} from '../command-table.js';
import {defaultDataDir} from '../environment.js';
import {EXIT} from '../exit-codes.js';
import {formatStageProgress} from '../../services/backend/stage-packages.js';
import {
  CommandError,
  guarded,
  JOB_FILE_FLAGS,
  loadJobFile,
  parseFlags,
  writeProblems,
  DEFAULT_PROJECT,
  DEFAULT_REGION,
} from './job-file.js';

const USAGE =
  'vtrain-tui submit --config FILE [--dry-run] [--wait] [--json] [--package-path DIR] [--backend local|vertex] [--project ID] [--region R] [--staging-bucket B] [--display-name N]';

const FLAGS = {
  ...JOB_FILE_FLAGS,
  'dry-run': {type: 'boolean'},
  wait: {type: 'boolean'},
  'package-path': {type: 'string'},
  backend: {type: 'string'},
  'staging-bucket': {type: 'string'},
} as const;

/** The local emulator's staging bucket, as the wizard's placeholder names it (steps/container.ts). */
const LOCAL_STAGING_BUCKET = 'vtrain-local-staging';

const POLL_MS = Number(process.env.VTRAIN_POLL_MS) || 2000;

/** --package-path must name a folder: exit 3 when nothing is there, 2 when it is a file. */
async function checkPackageFolder(folder: string | undefined): Promise<void> {
  if (!folder) return;
  const info = await stat(folder).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT' || error.code === 'ENOTDIR')
      throw new CommandError(
        `--package-path ${folder}: no such folder; give the folder holding the package's setup.py or pyproject.toml`,
        EXIT.notFound,
      );
    throw new CommandError(
      `--package-path ${folder}: cannot read it (${error.message})`,
      EXIT.failed,
    );
  });
  if (!info.isDirectory())
    throw new CommandError(
      `--package-path ${folder} is a file, not a folder; give the folder holding the package's setup.py or pyproject.toml`,
      EXIT.usage,
    );
}

/**
 * --package-path: the folder is packaged and uploaded as each Python-package pool's first URI.
 * A file that names no package URI gets the wizard's placeholder (ui/screens/wizard/steps/
 * container.ts), which staging replaces by the content-hashed object
 * (services/backend/stage-packages.ts): in --staging-bucket, else the local emulator's bucket.
 * On Vertex without --staging-bucket the URI stays empty and the session's resolved staging bucket
 * is used (or staging says to pass --staging-bucket).
 */
function withLocalPackage(
  draft: JobDraft,
  folder: string | undefined,
  placeholderBucket: string | undefined,
): JobDraft {
  if (!folder) return draft;
  const name = path.basename(path.resolve(folder)) || 'trainer';
  const pools = draft.workerPools.map((pool) => {
    if (pool?.task.kind !== 'python-package') return pool;
    const packageUris =
      pool.task.packageUris.length === 0 && placeholderBucket
        ? [stagedPackageUri(placeholderBucket, name)]
        : pool.task.packageUris;
    return {...pool, task: {...pool.task, packageUris, localPackagePath: path.resolve(folder)}};
  });
  if (!pools.some((pool) => pool?.task.kind === 'python-package'))
    throw new CommandError('--package-path applies only to Python-package pools', EXIT.usage);
  return {...draft, workerPools: pools as JobDraft['workerPools']};
}

function summary(job: ResourceMessage, extra: Record<string, unknown>) {
  return {
    name: job.name,
    displayName: job.displayName,
    state: normaliseJobState(job.state),
    ...(job.error ? {error: job.error} : {}),
    ...extra,
  };
}

async function follow(
  session: Session,
  kind: Parameters<Session['api']['jobs']['getJob']>[0],
  name: string,
  json: boolean,
): Promise<ResourceMessage> {
  let last = '';
  for (;;) {
    const job = await session.api.jobs.getJob(kind, name);
    const state = normaliseJobState(job.state);
    if (state !== last && !json) process.stdout.write(`${state}\n`);
    last = state;
    if (isTerminalState(state)) return job;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

async function submit(argv: string[], context: MainContext): Promise<number> {
  const values = parseFlags(argv, FLAGS, USAGE);
  const bucketFlag = values['staging-bucket']?.replace(/^gs:\/\//, '').replace(/\/.*$/, '');
  const local = values.backend === undefined || values.backend === 'local';
  const loaded = await loadJobFile(values, (draft) =>
    withLocalPackage(
      draft,
      values['package-path'],
      bucketFlag || (local ? LOCAL_STAGING_BUCKET : undefined),
    ),
  );
  if (!loaded.draft || loaded.errors.length > 0) {
    writeProblems(loaded);
    return EXIT.usage;
  }
  for (const warning of loaded.warnings)
    writeProblems({...loaded, errors: [], warnings: [warning]});
  const [{newRequestId, withRequestId, createJobOnce}, {explainApiError}] = await Promise.all([
    import('../../services/vertex/create-job.js'),
    import('../../services/vertex/explain-api-error.js'),
  ]);
  await checkPackageFolder(values['package-path']);
  const requestId = newRequestId();
  let draft = withRequestId(loaded.draft, requestId);
  if (values['dry-run']) {
    const request = restRequest(draft);
    const method = buildCreateRequest(draft).method;
    if (values.json) {
      process.stdout.write(
        `${JSON.stringify({dryRun: true, createMethod: method, ...request}, null, 2)}\n`,
      );
    } else {
      process.stdout.write(`dry run: nothing was created. ${method} would send:\n`);
      process.stdout.write(
        `${request.method} ${request.url}\n${JSON.stringify(request.body, null, 2)}\n`,
      );
    }
    return EXIT.ok;
  }
  const {openSession} = await import('../../services/backend/open-session.js');
  const project = values.project ?? loaded.draft.project ?? DEFAULT_PROJECT;
  const region = values.region ?? loaded.draft.region ?? DEFAULT_REGION;
  let session: Session;
  try {
    // --backend: resolved as the app resolves it (credentials, endpoints, staging bucket), for
    // the file's project and region unless the flags name others.
    const choice = values.backend
      ? await (
          await import('../backend-flags.js')
        ).backendChoice({...values, project, region}, context)
      : {
          project,
          region,
          dataDir: path.resolve(values['data-dir'] ?? defaultDataDir()),
          python: values.python ?? process.env.VTRAIN_PYTHON ?? 'python3',
          binScript: context.binScript,
        };
    session = await openSession(choice);
  } catch (error) {
    const {BackendFlagError} = await import('../../services/backend/resolve-backend.js');
    if (error instanceof BackendFlagError) throw new CommandError(error.message, EXIT.usage);
    const code = (error as {exitCode?: number}).exitCode;
    throw new CommandError(
      `could not open the backend: ${(error as Error).message}`,
      typeof code === 'number' ? code : EXIT.failed,
    );
  }
  try {
    const progress = (line: string) => {
      if (!values.json) process.stderr.write(`${line}\n`);
    };
    try {
      if (
        draft.workerPools.some((p) => p?.task.kind === 'python-package' && p.task.localPackagePath)
      ) {
        progress('packaging and uploading the Python package…');
        // The staged draft names the uploaded (content-hashed) package instead of the folder.
        draft = await session.stagePackages(draft, (p) => progress(formatStageProgress(p)));
      }
    } catch (error) {
      throw new CommandError(
        `could not upload the package: ${(error as Error).message}`,
        EXIT.failed,
      );
    }
    progress('creating the job…');
    let created;
    try {
      created = await createJobOnce(session.api.jobs, buildCreateRequest(draft));
    } catch (error) {
      const explained = explainApiError(error);
      throw new CommandError(`${explained.message}\n  next: ${explained.next}`, explained.exitCode);
    }
    const name = String(created.job.name);
    if (!values.json)
      process.stdout.write(
        `${created.recovered ? 'found (created by the unanswered attempt, not duplicated)' : 'created'} ${safeText(name)}\n`,
      );
    if (!values.wait) {
      if (values.json)
        process.stdout.write(
          `${JSON.stringify(summary(created.job, {kind: created.kind, requestId, recovered: created.recovered}), null, 2)}\n`,
        );
      return EXIT.ok;
    }
    const final = await follow(session, created.kind, name, values.json ?? false);
    const state = normaliseJobState(final.state);
    if (values.json) {
      process.stdout.write(
        `${JSON.stringify(summary(final, {kind: created.kind, requestId, recovered: created.recovered}), null, 2)}\n`,
      );
    } else if (state !== 'JOB_STATE_SUCCEEDED') {
      const error = final.error as {message?: string} | undefined;
      if (error?.message)
        process.stdout.write(`error: ${safeText(error.message, {multiline: true})}\n`);
    }
    return state === 'JOB_STATE_SUCCEEDED' ? EXIT.ok : EXIT.failed;
  } finally {
    await session.close();
  }
}

export const command: ScriptCommand = {
  usage: `Usage: ${USAGE}\n`,
  run: (argv, context) => guarded(() => submit(argv, context)),
};
