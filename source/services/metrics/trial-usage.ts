// Which trial of a hyperparameter tuning job a `cloudml_job` series belongs to. Pure.
//
// In v1 every trial runs as its own CustomJob (Trial.custom_job, google/cloud/aiplatform/v1/
// study.proto: "The CustomJob name linked to the Trial. It's set for a HyperparameterTuningJob's
// Trial."), so its replicas' metrics may carry that job's id as the resource's `job_id` (a third
// party who checked real data found `job_id` to be "the CustomJob ID"). AI Platform, whose
// `cloudml_job` resource these metrics keep, ran a tuning job as one job whose trials were told
// apart by a trial id (its HyperparameterOutput.trial_id; gcloud's log reader filters trials by the
// `trial_id` / `ml.googleapis.com/trial_id` labels). Google's metrics list does not settle which
// shape Vertex publishes, so both are read: one query per metric type names the tuning job's id
// and each trial's custom job id (usageFilter), and each series is given to a trial here:
// - its `job_id` is a trial's own custom job id → that trial;
// - its `job_id` is the tuning job's id and a trial label names a trial → that trial;
// - anything else (the tuning job's id with no trial label) cannot be placed and is left out.
import type {TimeSeriesLike} from './usage-query.js';

export interface TrialRef {
  /** Trial.id */
  trialId: string;
  /** The id (last segment) of Trial.custom_job, once the tuning job names it. */
  customJobId?: string;
}

export interface TrialsScope {
  /** The HyperparameterTuningJob's id. */
  tuningJobId: string;
  trials: readonly TrialRef[];
}

/** Label keys that may name the trial, metric labels before resource labels. */
const TRIAL_LABELS = ['trial_id', 'ml.googleapis.com/trial_id', 'trial'];

/** The job ids a query for these trials names: the tuning job's and each trial's custom job. */
export function trialJobIds(scope: TrialsScope): string[] {
  return [
    ...new Set([
      scope.tuningJobId,
      ...scope.trials.flatMap((trial) => (trial.customJobId ? [trial.customJobId] : [])),
    ]),
  ];
}

/** The trial a series belongs to, or undefined when it cannot be placed in `scope`. */
export function trialOfSeries(series: TimeSeriesLike, scope: TrialsScope): string | undefined {
  const jobId = series.resource?.labels?.job_id;
  if (!jobId) return undefined;
  const own = scope.trials.find((trial) => trial.customJobId === jobId);
  if (own) return own.trialId;
  if (jobId !== scope.tuningJobId) return undefined;
  for (const labels of [series.metric?.labels, series.resource?.labels]) {
    for (const key of TRIAL_LABELS) {
      const value = labels?.[key];
      if (value === undefined || value === '') continue;
      // Trial ids are numbers as strings ("1", "2", …); a zero-padded one is the same trial.
      const wanted = scope.trials.find(
        (trial) =>
          trial.trialId === value ||
          (/^\d+$/.test(value) &&
            /^\d+$/.test(trial.trialId) &&
            Number(value) === Number(trial.trialId)),
      );
      return wanted?.trialId;
    }
  }
  return undefined;
}

/** Series grouped by trial (series that belong to no trial of `scope` are left out). */
export function seriesByTrial(
  series: readonly TimeSeriesLike[],
  scope: TrialsScope,
): Map<string, TimeSeriesLike[]> {
  const byTrial = new Map<string, TimeSeriesLike[]>();
  for (const one of series) {
    const trial = trialOfSeries(one, scope);
    if (trial === undefined) continue;
    const list = byTrial.get(trial) ?? [];
    list.push(one);
    byTrial.set(trial, list);
  }
  return byTrial;
}

/**
 * The trials worth reading: the ones still running (REQUESTED, ACTIVE, STOPPING: Trial.State in
 * study.proto), by id. Ended trials' replicas are gone, and a long study would otherwise make the
 * filter grow with every trial.
 */
export function runningTrials(
  trials: readonly {id?: unknown; state?: unknown; customJob?: unknown}[] | undefined,
): TrialRef[] {
  return (trials ?? [])
    .filter((trial) => ['REQUESTED', 'ACTIVE', 'STOPPING'].includes(String(trial.state)))
    .map(trialRef);
}

/** A Trial message as a TrialRef. */
export function trialRef(trial: {id?: unknown; customJob?: unknown}): TrialRef {
  const name = typeof trial.customJob === 'string' ? trial.customJob : '';
  const customJobId = /^projects\/[^/]+\/locations\/[^/]+\/customJobs\/([^/]+)$/.exec(name)?.[1];
  return {trialId: String(trial.id ?? ''), ...(customJobId && {customJobId})};
}
