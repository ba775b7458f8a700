// `vtrain-tui top TUNING_JOB [--trial ID]`: the replicas of a tuning job's running trials (or of
// the one trial named), each trial read under both shapes its Monitoring series may take: its own
// CustomJob's id (Trial.custom_job, study.proto) or the tuning job's id with a trial label
// (services/metrics/trial-usage.ts). All trials run the tuning job's trial_job_spec, so they share
// its machines.
import {replicasOf, type WorkerPoolSpecLike} from '../../core/job-spec/index.js';
import type {ResourceMessage} from '../../services/vertex/api.js';
import type {UsageReader} from '../../services/metrics/usage-reader.js';
import type {TopCost, TrialUsageJson} from '../../services/metrics/usage-format.js';
import {EXIT} from '../exit-codes.js';
import {commandFailure, exitCodeFor} from './job-command-session.js';

const fail = commandFailure('top');

const reason = (error: unknown) =>
  (error as {details?: string}).details || (error as Error).message || String(error);

interface TrialMessage {
  id?: unknown;
  state?: unknown;
  customJob?: unknown;
}

export async function printTrials(
  reader: UsageReader,
  job: ResourceMessage,
  project: string,
  options: {json: boolean; trial?: string},
  local: boolean,
  topCost: (job: ResourceMessage, local: boolean, kind: 'hptuning') => Promise<TopCost>,
): Promise<number> {
  const [{poolMachines}, {loadCatalog}, {settingsFile}, format, {runningTrials, trialRef}] =
    await Promise.all([
      import('../../services/metrics/replica-usage.js'),
      import('../../core/settings/catalog-overrides.js'),
      import('../../core/settings/settings-file.js'),
      import('../../services/metrics/usage-format.js'),
      import('../../services/metrics/trial-usage.js'),
    ]);
  const name = String(job.name);
  const all = (job.trials as TrialMessage[] | undefined) ?? [];
  let chosen: TrialMessage[];
  if (options.trial !== undefined) {
    const wanted = all.find((trial) => String(trial.id) === options.trial);
    if (!wanted)
      return fail(
        `${name} has no trial ${options.trial}${all.length ? ` (its trials: ${all.map((trial) => String(trial.id)).join(', ')})` : ' yet'}.`,
        EXIT.notFound,
      );
    chosen = [wanted];
  } else {
    const running = new Set(runningTrials(all).map((trial) => trial.trialId));
    chosen = all.filter((trial) => running.has(String(trial.id)));
    if (chosen.length === 0)
      return fail(
        `${name} has no running trial${all.length ? `; pass --trial ID for one that ran (${all.map((trial) => String(trial.id)).join(', ')})` : ' yet'}.`,
        EXIT.failed,
      );
  }
  const {catalog} = await loadCatalog(settingsFile());
  const pools = ((job.trialJobSpec as {workerPoolSpecs?: WorkerPoolSpecLike[]} | undefined)
    ?.workerPoolSpecs ?? []) as WorkerPoolSpecLike[];
  let snapshot;
  try {
    snapshot = await reader.readTrials({
      project,
      tuningJobId: name.split('/').at(-1)!,
      trials: chosen.map(trialRef),
      machines: poolMachines(pools, catalog.machineTypes),
      replicas: replicasOf(pools).map((replica) => replica.name),
    });
  } catch (error) {
    return fail(`reading Cloud Monitoring: ${reason(error)}`, exitCodeFor(error));
  }
  const trials: TrialUsageJson[] = chosen.map((trial) => ({
    trial: String(trial.id),
    customJob: typeof trial.customJob === 'string' && trial.customJob ? trial.customJob : null,
    state: String(trial.state ?? ''),
    replicas: snapshot.trials.get(String(trial.id)) ?? [],
  }));
  if (options.json) {
    const cost = await topCost(job, local, 'hptuning');
    process.stdout.write(
      `${JSON.stringify(format.topTrialsJson(name, snapshot.atMs, trials, cost))}\n`,
    );
    return EXIT.ok;
  }
  const rows = trials.flatMap((trial) => trial.replicas);
  const trialOfRow = trials.flatMap((trial) => trial.replicas.map(() => trial.trial));
  process.stdout.write(format.topTable(rows, trialOfRow));
  if (rows.every((replica) => replica.atMs === undefined))
    process.stderr.write(format.noSamplesNotice(job.state));
  return EXIT.ok;
}
