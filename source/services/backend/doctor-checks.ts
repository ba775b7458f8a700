// `vtrain-tui doctor`: every check that decides whether a run can work, one line each with the
// fix. The checks take their probes as dependencies, so each failing check is tested by
// simulating what it probes; the command (entry/commands/doctor.ts) passes the real ones.
import {wrapLines} from '../../core/text/wrap-lines.js';
import type {ResolvedBackend} from './resolve-backend.js';
import {bucketProblem, type BucketInfo} from './object-store.js';
import type {ExplainedError} from '../vertex/explain-error.js';

export type CheckStatus = 'pass' | 'fail' | 'warn' | 'skip';

export interface Check {
  /** Stable id for --json consumers, e.g. "credentials". */
  id: string;
  title: string;
  status: CheckStatus;
  detail: string;
  fix?: string;
}

export interface TerminalFacts {
  isTTY: boolean;
  columns: number;
  rows: number;
  /** 0 none, 1 basic 16, 2 256, 3 truecolor (tty.WriteStream.getColorDepth ÷ bits). */
  colorLevel: number;
}

export interface EmulatorFacts {
  running: boolean;
  pid?: number;
  address?: string;
  python?: string;
  /** A data-folder permission problem (checkPrivate's message), if any. */
  folderProblem?: string;
  /** Replica processes that outlived their service (leftover-replicas.ts describeLeftovers). */
  leftovers?: string;
}

/** The engine local custom containers would use (emulator/contract/container-engine.ts). */
export type ContainerEngineFacts =
  | {
      ok: true;
      binary: string;
      kind: string;
      version: string;
      /** Why each extra flag is there. */
      notes: string[];
      /** Engines tried before it, with why they were not used. */
      skipped: {binary: string; problem: string}[];
    }
  | {ok: false; tried: {binary: string; problem: string}[]};

export interface DoctorProbes {
  nodeVersion: string;
  terminal: TerminalFacts;
  resolved: ResolvedBackend;
  python: {command: string; path?: string; version?: string};
  emulator: () => Promise<EmulatorFacts>;
  /** Which container engine local custom-container jobs would run under (absent: not checked). */
  containerEngine?: () => Promise<ContainerEngineFacts>;
  /** Vertex only: an access token through ADC; resolves to the identity when known. */
  credentials: () => Promise<{identity?: string}>;
  /** Vertex only: one cheap authenticated call to the regional endpoint. */
  endpoint: () => Promise<void>;
  /**
   * Vertex only: one Cloud Logging entries.list of one entry on the project, through the client
   * the log pane uses, so a missing logging.viewer shows here and not first in the log pane.
   */
  logging: () => Promise<void>;
  bucket: (name: string) => Promise<BucketInfo>;
  explain: (error: unknown) => ExplainedError;
}

export interface DoctorReport {
  ok: boolean;
  exitCode: number;
  checks: Check[];
}

const MIN_NODE = 20;

function nodeCheck(version: string): Check {
  const major = Number(/^v?(\d+)/.exec(version)?.[1] ?? 0);
  return major >= MIN_NODE
    ? {id: 'node', title: 'Node.js', status: 'pass', detail: version}
    : {
        id: 'node',
        title: 'Node.js',
        status: 'fail',
        detail: `${version} is older than ${MIN_NODE}`,
        fix: `install Node.js ${MIN_NODE} or newer (e.g. the current LTS)`,
      };
}

function terminalCheck(terminal: TerminalFacts): Check {
  const colours =
    ['no colour', '16 colours', '256 colours', 'true colour'][terminal.colorLevel] ?? '';
  if (!terminal.isTTY)
    return {
      id: 'terminal',
      title: 'Terminal',
      status: 'warn',
      detail: 'standard output is not a terminal (fine for scripts; the app needs one)',
    };
  const big = terminal.columns >= 80 && terminal.rows >= 24;
  return {
    id: 'terminal',
    title: 'Terminal',
    status: big ? 'pass' : 'fail',
    detail: `${terminal.columns}×${terminal.rows}, ${colours}`,
    ...(!big && {fix: 'enlarge the window to at least 80×24'}),
  };
}

function sourced(value: {value: string; source: string}): string {
  return value.source.startsWith('default')
    ? `${value.value} (${value.source})`
    : `${value.value} (from ${value.source})`;
}

export async function runDoctor(probes: DoctorProbes): Promise<DoctorReport> {
  const {resolved} = probes;
  const vertex = resolved.backend.value === 'vertex';
  const checks: Check[] = [nodeCheck(probes.nodeVersion), terminalCheck(probes.terminal)];
  checks.push({
    id: 'backend',
    title: 'Backend',
    status: 'pass',
    detail: sourced({
      value: vertex ? 'Vertex AI' : 'local emulator',
      source: resolved.backend.source,
    }),
  });
  const projectProblem = resolved.problems.find((p) => /project/i.test(p));
  checks.push(
    resolved.project && !projectProblem
      ? {id: 'project', title: 'Project', status: 'pass', detail: sourced(resolved.project)}
      : {
          id: 'project',
          title: 'Project',
          status: 'fail',
          detail: projectProblem ?? 'no project',
          fix: 'pass --project PROJECT_ID, set GOOGLE_CLOUD_PROJECT, or run `gcloud config set project PROJECT_ID`',
        },
  );
  const regionProblem = resolved.problems.find((p) => /region/i.test(p) && !/project/i.test(p));
  // A region outside the built-in list is a warning: the endpoint answers (resolve-backend.ts).
  const regionNote = resolved.notes.find((p) => /^region /.test(p));
  checks.push(
    regionProblem
      ? {
          id: 'region',
          title: 'Region',
          status: 'fail',
          detail: regionProblem,
          fix: 'pass --region us-central1 (or another training region)',
        }
      : regionNote
        ? {id: 'region', title: 'Region', status: 'warn', detail: regionNote}
        : {
            id: 'region',
            title: 'Region',
            status: 'pass',
            detail: `${sourced(resolved.region)} offers Vertex AI training`,
          },
  );

  const notNeeded = (id: string, title: string): Check => ({
    id,
    title,
    status: 'skip',
    detail: 'not needed for the local emulator',
  });
  if (!vertex) {
    checks.push(notNeeded('credentials', 'Credentials'));
    checks.push(notNeeded('endpoint', 'Regional endpoint'));
    checks.push(notNeeded('api', 'Vertex AI API'));
    checks.push(notNeeded('logging', 'Cloud Logging'));
    checks.push(notNeeded('bucket', 'Staging bucket'));
  } else {
    checks.push(...(await vertexChecks(probes)));
  }

  const python = probes.python;
  checks.push(
    python.path
      ? {
          id: 'python',
          title: 'python3 for local runs',
          status: 'pass',
          detail: `${python.path}${python.version ? ` (${python.version})` : ''}`,
        }
      : {
          id: 'python',
          title: 'python3 for local runs',
          status: vertex ? 'warn' : 'fail',
          detail: `"${python.command}" was not found on PATH`,
          fix: 'install Python 3 (e.g. apt-get install python3) or pass --python PATH',
        },
  );
  if (probes.containerEngine) checks.push(containerCheck(await probes.containerEngine()));
  const emulator = await probes.emulator();
  checks.push(
    emulator.folderProblem
      ? {id: 'emulator', title: 'Local emulator', status: 'fail', detail: emulator.folderProblem}
      : emulator.running
        ? {
            id: 'emulator',
            title: 'Local emulator',
            status: 'pass',
            detail: `running (pid ${emulator.pid}, ${emulator.address}, interpreter ${emulator.python}); data folder private`,
          }
        : {
            id: 'emulator',
            title: 'Local emulator',
            status: 'pass',
            detail: 'not running (the app starts it when needed); data folder private',
          },
  );
  if (emulator.leftovers)
    checks.push({
      id: 'leftover-replicas',
      title: 'Leftover replicas',
      status: 'fail',
      detail: emulator.leftovers,
      fix: '`vtrain-tui emulator stop` ends them (so does the next start of the service)',
    });
  const failed = checks.filter((check) => check.status === 'fail');
  const credentialFailure = failed.some((check) =>
    ['credentials', 'api', 'logging'].includes(check.id),
  );
  return {
    ok: failed.length === 0,
    exitCode: failed.length === 0 ? 0 : credentialFailure ? 4 : 1,
    checks,
  };
}

/**
 * google-auth-library sends the quota project as x-goog-user-project (adc-source.ts
 * findQuotaProject); Google then bills and checks the API against it, not the job's project
 * (https://cloud.google.com/docs/quotas/set-quota-project).
 */
function quotaProjectCheck(resolved: ResolvedBackend): Check {
  const quota = resolved.quotaProject;
  const project = resolved.project?.value;
  const base = {id: 'quota-project', title: 'Quota project'};
  if (!quota)
    return {...base, status: 'pass', detail: `none set; Google bills ${project ?? 'the project'}`};
  if (quota.value === project)
    return {...base, status: 'pass', detail: `${quota.value} (from ${quota.source})`};
  const fromEnv = quota.source.startsWith('env ');
  return {
    ...base,
    status: 'warn',
    detail: `${quota.value} (from ${quota.source}) is billed and checked for the APIs, not ${project ?? 'the project'}`,
    fix: `run \`gcloud auth application-default set-quota-project ${project ?? 'PROJECT'}\`${fromEnv ? ' and unset GOOGLE_CLOUD_QUOTA_PROJECT' : ''}, or enable the APIs on ${quota.value}`,
  };
}

async function loggingCheck(probes: DoctorProbes, credentialsOk: boolean): Promise<Check> {
  const project = probes.resolved.project?.value;
  const base = {id: 'logging', title: 'Cloud Logging'};
  if (!credentialsOk || !project)
    return {...base, status: 'skip', detail: 'needs valid credentials and a project'};
  try {
    await probes.logging();
    return {
      ...base,
      status: 'pass',
      detail: `reading log entries of projects/${project} is allowed`,
    };
  } catch (error) {
    const explained = probes.explain(error);
    return {
      ...base,
      status: 'fail',
      detail: `the log pane cannot read projects/${project}: ${explained.summary}`,
      ...(explained.nextStep && {fix: explained.nextStep}),
    };
  }
}

async function vertexChecks(probes: DoctorProbes): Promise<Check[]> {
  const {resolved} = probes;
  const checks: Check[] = [];
  const skipped = (id: string, title: string, why: string): Check => ({
    id,
    title,
    status: 'skip',
    detail: why,
  });
  const source = resolved.credentials;
  let credentialsOk = false;
  if (source.kind === 'none') {
    const explained = probes.explain(new Error('Could not load the default credentials.'));
    checks.push({
      id: 'credentials',
      title: 'Credentials',
      status: 'fail',
      detail: explained.summary,
      ...(explained.nextStep && {fix: explained.nextStep}),
    });
  } else {
    const where =
      source.kind === 'file'
        ? `${source.type ?? 'unknown type'} from ${source.from} (${source.path})`
        : `metadata server (${source.reason})`;
    try {
      const {identity} = await probes.credentials();
      const whose = identity ?? resolved.account?.value;
      checks.push({
        id: 'credentials',
        title: 'Credentials',
        status: 'pass',
        detail: `${where}; valid${whose ? `, ${whose}` : ''}`,
      });
      credentialsOk = true;
    } catch (error) {
      const explained = probes.explain(error);
      checks.push({
        id: 'credentials',
        title: 'Credentials',
        status: 'fail',
        detail: `${where}: ${explained.summary}`,
        ...(explained.nextStep && {fix: explained.nextStep}),
      });
    }
  }
  checks.push(quotaProjectCheck(resolved));
  const endpoint = resolved.endpoints?.aiplatform;
  const endpointName = endpoint
    ? `${endpoint.host}:${endpoint.port} (${endpoint.source})`
    : 'unknown';
  if (!credentialsOk || !resolved.project) {
    checks.push(skipped('endpoint', 'Regional endpoint', 'needs valid credentials and a project'));
    checks.push(skipped('api', 'Vertex AI API', 'needs valid credentials and a project'));
  } else {
    // The API check can only pass or fail once the endpoint has answered.
    const endpointAnswers = (): Check => ({
      id: 'endpoint',
      title: 'Regional endpoint',
      status: 'pass',
      detail: `${endpointName} answers`,
    });
    try {
      await probes.endpoint();
      checks.push(endpointAnswers(), {
        id: 'api',
        title: 'Vertex AI API',
        status: 'pass',
        detail: `enabled in ${resolved.project.value}; listing custom jobs is allowed`,
      });
    } catch (error) {
      const explained = probes.explain(error);
      const fix = explained.nextStep ? {fix: explained.nextStep} : {};
      if (explained.kind === 'unreachable' || explained.kind === 'region') {
        checks.push(
          {
            id: 'endpoint',
            title: 'Regional endpoint',
            status: 'fail',
            detail: `${endpointName}: ${explained.summary}`,
            ...fix,
          },
          skipped('api', 'Vertex AI API', 'the endpoint did not answer'),
        );
      } else {
        checks.push(endpointAnswers(), {
          id: 'api',
          title: 'Vertex AI API',
          status: 'fail',
          detail: explained.summary,
          ...fix,
        });
      }
    }
  }
  checks.push(await loggingCheck(probes, credentialsOk));
  const bucket = resolved.stagingBucket;
  if (!bucket) {
    checks.push({
      id: 'bucket',
      title: 'Staging bucket',
      status: 'warn',
      detail: 'none set; the wizard proposes PROJECT-vtrain-staging',
      fix: 'pass --staging-bucket BUCKET, set VTRAIN_STAGING_BUCKET, or "stagingBucket" in settings',
    });
  } else if (!credentialsOk) {
    checks.push(skipped('bucket', 'Staging bucket', 'needs valid credentials'));
  } else {
    try {
      const info = await probes.bucket(bucket.value);
      const problem = bucketProblem(bucket.value, info, resolved.region.value);
      checks.push(
        problem
          ? {id: 'bucket', title: 'Staging bucket', status: 'fail', detail: problem}
          : {
              id: 'bucket',
              title: 'Staging bucket',
              status: 'pass',
              detail: `gs://${bucket.value} (from ${bucket.source}) exists in ${info.location ?? resolved.region.value}${info.writable === undefined ? '' : ', writable'}`,
            },
      );
    } catch (error) {
      const explained = probes.explain(error);
      checks.push({
        id: 'bucket',
        title: 'Staging bucket',
        status: 'fail',
        detail: `gs://${bucket.value}: ${explained.summary}`,
        ...(explained.nextStep && {fix: explained.nextStep}),
      });
    }
  }
  return checks;
}

const MARK: Record<CheckStatus, string> = {pass: 'ok  ', fail: 'FAIL', warn: 'warn', skip: 'skip'};

/** The human report: one line per check, the fix indented under a failure. */
/**
 * The report as text. Given a terminal's `columns`, a long detail or fix wraps at spaces and goes
 * on under itself (it wrapped mid-word under the titles before); a pipe gets one line each.
 */
export function formatDoctor(report: DoctorReport, columns?: number): string {
  const width = Math.max(...report.checks.map((check) => check.title.length));
  const indent = ' '.repeat(6 + width + 2);
  const room = columns === undefined ? Infinity : columns - indent.length;
  const wrap = (text: string, hang = '') =>
    room >= 30
      ? wrapLines(text, room, hang).map((row, index) => (index ? indent : '') + row)
      : [text];
  const lines = report.checks.flatMap((check) => {
    const [first = '', ...rest] = wrap(check.detail);
    const [fixFirst = '', ...fixRest] = check.fix ? wrap(`→ ${check.fix}`, '  ') : [];
    return [
      `${MARK[check.status]}  ${check.title.padEnd(width)}  ${first}`,
      ...rest,
      ...(check.fix ? [indent + fixFirst, ...fixRest] : []),
    ];
  });
  const failed = report.checks.filter((check) => check.status === 'fail').length;
  lines.push(
    failed === 0 ? 'All checks passed.' : `${failed} check${failed === 1 ? '' : 's'} failed.`,
  );
  return `${lines.join('\n')}\n`;
}

/**
 * Only custom-container jobs on the local emulator need an engine, so a missing one is a warning
 * that says what was tried; a usable one is named with why it was chosen and any host flags.
 */
export function containerCheck(facts: ContainerEngineFacts): Check {
  const title = 'Container engine for local custom containers';
  if (!facts.ok)
    return {
      id: 'container-engine',
      title,
      status: 'warn',
      detail: `none usable: ${facts.tried.map((t) => `${t.binary} ${t.problem}`).join('; ')}`,
      fix: 'start the Docker daemon, or install Podman (Debian: apt-get install podman runc); only custom-container jobs on the local emulator need one',
    };
  const why = facts.skipped.length
    ? ` (${facts.skipped.map((t) => `${t.binary} ${t.problem}`).join('; ')})`
    : facts.kind === 'docker'
      ? ' (its daemon answers)'
      : ' (it answers `podman info`)';
  const flags = facts.notes.length ? `; with ${facts.notes.join('; ')}` : '';
  return {
    id: 'container-engine',
    title,
    status: 'pass',
    detail: `${facts.binary} (${facts.kind} ${facts.version})${why}${flags}`,
  };
}
