// `vtrain-tui top JOB [--json]`: what each replica of a job is using now, like `kubectl top`: the
// latest one-minute sample of CPU, memory and (on accelerator machines) accelerator use from Cloud
// Monitoring, read by services/metrics in both modes. A tuning job shows its running trials (or
// the one --trial names), each trial's replicas read under both shapes Vertex may file them under
// (services/metrics/trial-usage.ts).
import {parseArgs} from 'node:util';
import type {MainContext} from '../main-context.js';
import {UsageError} from '../args.js';
import {BACKEND_FLAGS} from '../backend-flags.js';
import {EXIT} from '../exit-codes.js';
import {commandFailure, exitCodeFor, openJobCommand} from './job-command-session.js';
import {BadJobReference, findJob, JobNotFound} from '../../services/jobs/find-job.js';
import {backingJobOf} from '../../services/jobs/pipeline-backing-job.js';
import type {ResourceMessage} from '../../services/vertex/api.js';
import type {Session} from '../../services/backend/session.js';
import {replicasOf, type WorkerPoolSpecLike} from '../../core/job-spec/index.js';
import {parseJobReference, type JobReference} from './logs-args.js';
import type {UsageReader} from '../../services/metrics/usage-reader.js';
import type {TopCost} from '../../services/metrics/usage-format.js';

export const usage = `Usage
  vtrain-tui top JOB [--trial ID] [--json] [--backend local|vertex] [--project ID] [--region R] [--data-dir DIR]
One row per replica of a custom job (or of a pipeline's backing job) with its latest
sample from Cloud Monitoring: CPU cores and % of the machine's vCPUs, memory and % of the
machine's memory, and for accelerator machines GPU % and GPU memory % ("-" where there is no
value). For a tuning job, one row per replica of each running trial, led by its TRIAL
(--trial ID: that trial only, running or not). Vertex publishes these metrics every 60 s, up
to 4 minutes late. --json prints
{"job", "at", "replicas": [{"replica", "cpuCores", "cpuUtilization", "memoryBytes",
"memoryUtilization", "acceleratorUtilization", "acceleratorMemoryUtilization"}], "cost"}, where
"cost" is {"currency": "USD", "perHour", "soFar", "source", "asOf", "stale", "basis"}: an
estimate at list price, compute only (never a bill), or null with "costReason" when the price
table (built in, or "catalog"."prices" in the settings file) does not list the job's machines.
For a tuning job, --json has "trials": [{"trial", "customJob", "state", "replicas"}] in place
of "replicas".
Exit codes: 1 failed, 2 usage, 3 not found, 4 credentials or permission.
`;

const fail = commandFailure('top');

/** The gRPC error's own words (gax puts "7 PERMISSION_DENIED: …" in message, the text in details). */
const reason = (error: unknown) =>
  (error as {details?: string}).details || (error as Error).message || String(error);

interface TopOptions {
  job: JobReference;
  json: boolean;
  /** A tuning job's trial (Trial.id). */
  trial?: string;
  backend: Record<string, unknown>;
}

export function parseTopArgs(argv: string[]): TopOptions {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {json: {type: 'boolean'}, trial: {type: 'string'}, ...BACKEND_FLAGS},
    });
  } catch (error) {
    throw new UsageError(`top: ${(error as Error).message}`);
  }
  const {values, positionals} = parsed;
  if (positionals.length !== 1)
    throw new UsageError(
      positionals.length === 0
        ? 'top needs the job: vtrain-tui top JOB (a numeric id, a display name or projects/…/customJobs/ID).'
        : `top takes one job; got ${positionals.length} (${positionals.join(' ')}).`,
    );
  if (values.trial !== undefined && !/^\d+$/.test(values.trial))
    throw new UsageError(
      `top: --trial must be a trial id (a number, as jobs describe lists them); got "${values.trial}".`,
    );
  return {
    job: parseJobReference(positionals[0]!),
    json: values.json ?? false,
    ...(values.trial !== undefined && {trial: values.trial}),
    backend: Object.fromEntries(
      Object.keys(BACKEND_FLAGS).map((flag) => [flag, values[flag as never]]),
    ),
  };
}

type Target = {kind: 'custom' | 'hptuning'; job: ResourceMessage};

/**
 * The job whose replicas run: a custom job, a tuning job (its trials'), or a pipeline's backing
 * job; a string says why there is none.
 */
async function targetOf(
  session: Session,
  options: TopOptions,
  parent: string,
): Promise<Target | string> {
  const reference = 'id' in options.job ? options.job.id : options.job.name;
  const found = await findJob(session.api.jobs, parent, reference);
  let target: Target | string;
  if (found.kind === 'custom' || found.kind === 'hptuning')
    target = {kind: found.kind, job: found.resource};
  else {
    const backing = backingJobOf(found.resource);
    target = backing
      ? {kind: backing.kind, job: await session.api.jobs.getJob(backing.kind, backing.name)}
      : `pipeline ${String(found.resource.name)} has no backing job yet.`;
  }
  if (options.trial !== undefined && typeof target !== 'string' && target.kind !== 'hptuning')
    return `--trial is for a tuning job; ${String(target.job.name)} is a custom job.`;
  return target;
}

export async function run(argv: string[], context: MainContext): Promise<number> {
  const opened = await openJobCommand(argv, context, {name: 'top', usage, parse: parseTopArgs});
  if (typeof opened === 'number') return opened;
  const {options, session, project, region} = opened;
  const {UsageReader: Reader} = await import('../../services/metrics/usage-reader.js');
  const reader = new Reader(() => session.backend);
  try {
    let target: Target | string;
    try {
      target = await targetOf(session, options, `projects/${project}/locations/${region}`);
    } catch (error) {
      if (error instanceof JobNotFound) return fail(`${error.message}.`, EXIT.notFound);
      if (error instanceof BadJobReference) return fail(`${error.message}.`, EXIT.usage);
      return fail(reason(error), exitCodeFor(error));
    }
    if (typeof target === 'string') return fail(target, EXIT.failed);
    const local = session.backend.kind === 'local';
    if (target.kind === 'hptuning') {
      const {printTrials} = await import('./top-trials.js');
      return await printTrials(reader, target.job, project, options, local, topCost);
    }
    return await print(reader, target.job, project, options.json, local);
  } finally {
    await reader.close();
    await session.close().catch(() => undefined);
  }
}

async function print(
  reader: UsageReader,
  job: ResourceMessage,
  project: string,
  json: boolean,
  local: boolean,
): Promise<number> {
  const {poolMachines} = await import('../../services/metrics/replica-usage.js');
  // The user's catalog overrides size the machines, as in the app (a broken settings file falls
  // back to the built-in catalog, as loadCatalog documents).
  const {loadCatalog} = await import('../../core/settings/catalog-overrides.js');
  const {settingsFile} = await import('../../core/settings/settings-file.js');
  const {catalog} = await loadCatalog(settingsFile());
  const {noSamplesNotice, topJson, topTable} =
    await import('../../services/metrics/usage-format.js');
  const name = String(job.name);
  const pools = ((job.jobSpec as {workerPoolSpecs?: WorkerPoolSpecLike[]} | undefined)
    ?.workerPoolSpecs ?? []) as WorkerPoolSpecLike[];
  let snapshot;
  try {
    snapshot = await reader.read({
      project,
      jobId: name.split('/').at(-1)!,
      machines: poolMachines(pools, catalog.machineTypes),
      replicas: replicasOf(pools).map((replica) => replica.name),
    });
  } catch (error) {
    return fail(`reading Cloud Monitoring: ${reason(error)}`, exitCodeFor(error));
  }
  if (json) {
    const cost = await topCost(job, local);
    process.stdout.write(`${JSON.stringify(topJson(name, snapshot, cost))}\n`);
    return EXIT.ok;
  }
  process.stdout.write(topTable(snapshot.replicas));
  if (snapshot.replicas.every((replica) => replica.atMs === undefined))
    process.stderr.write(noSamplesNotice(job.state));
  return EXIT.ok;
}

/** The job's cost estimate from the catalog in use (built-in prices and the settings file's). */
export async function topCost(
  job: ResourceMessage,
  local: boolean,
  kind: 'custom' | 'hptuning' = 'custom',
): Promise<TopCost> {
  const [{loadCatalog}, {settingsFile}, {jobCost, costJson}, {summarise}] = await Promise.all([
    import('../../core/settings/catalog-overrides.js'),
    import('../../core/settings/settings-file.js'),
    import('../../services/jobs/job-cost.js'),
    import('../../services/jobs/job-summary.js'),
  ]);
  const {catalog} = await loadCatalog(settingsFile());
  const cost = jobCost(summarise(kind, job), catalog, Date.now());
  const json = costJson(cost, local);
  return json ? {cost: json} : {cost: null, costReason: cost.ok ? '' : cost.reason};
}
