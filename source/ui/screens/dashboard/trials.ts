// A tuning job's trials as the trials table shows them: id, state, parameters, the study metric
// of the final measurement, the best trial by the study's goal; plus the trial view of the job
// (a custom-job-like snapshot of one trial's replicas) and a one-line chart of the metric.
import {normaliseJobState, type JobState} from '../../../core/job-spec/index.js';
import type {ResourceMessage} from '../../../services/vertex/api.js';
import {
  toJobSnapshot,
  type CustomJobMessage,
  type JobSummary,
} from '../../../services/vertex/job-snapshot.js';

export interface TrialRow {
  id: string;
  state: string;
  parameters: string;
  metric?: number;
  best: boolean;
}

export interface TrialTable {
  rows: TrialRow[];
  metricId: string;
  goal: 'MAXIMIZE' | 'MINIMIZE';
}

interface TrialMessage {
  id?: string;
  state?: unknown;
  parameters?: {parameterId?: string; value?: unknown}[];
  finalMeasurement?: {metrics?: {metricId?: string; value?: number}[]};
  /** The CustomJob the trial runs in (Trial.custom_job, study.proto; output only). */
  customJob?: string;
}

function valueText(value: unknown): string {
  if (value && typeof value === 'object') {
    const v = value as {numberValue?: number; stringValue?: string; kind?: string};
    if (typeof v.numberValue === 'number') return String(Number(v.numberValue.toPrecision(6)));
    if (typeof v.stringValue === 'string') return v.stringValue;
  }
  return typeof value === 'number' || typeof value === 'string' ? String(value) : '?';
}

export function trialTable(resource: ResourceMessage): TrialTable {
  const study = resource.studySpec as {metrics?: {metricId?: string; goal?: unknown}[]} | undefined;
  const metric = study?.metrics?.[0];
  const metricId = metric?.metricId ?? 'metric';
  const goal = metric?.goal === 'MINIMIZE' || metric?.goal === 2 ? 'MINIMIZE' : 'MAXIMIZE';
  const rows: TrialRow[] = ((resource.trials as TrialMessage[] | undefined) ?? []).map((trial) => {
    const value = trial.finalMeasurement?.metrics?.find((m) => m.metricId === metricId)?.value;
    return {
      id: String(trial.id ?? '?'),
      state: typeof trial.state === 'string' ? trial.state : String(trial.state ?? ''),
      parameters: (trial.parameters ?? [])
        .map((p) => `${p.parameterId}=${valueText(p.value)}`)
        .join(' '),
      ...(typeof value === 'number' && {metric: value}),
      best: false,
    };
  });
  const scored = rows.filter((row) => row.metric !== undefined);
  if (scored.length > 0) {
    const best = scored.reduce((a, b) =>
      goal === 'MAXIMIZE' ? (b.metric! > a.metric! ? b : a) : b.metric! < a.metric! ? b : a,
    );
    best.best = true;
  }
  return {rows, metricId, goal};
}

/** By id, or best metric first (trials without a metric last). */
export function sortTrials(table: TrialTable, byMetric: boolean): TrialRow[] {
  if (!byMetric) return [...table.rows].sort((a, b) => Number(a.id) - Number(b.id));
  const sign = table.goal === 'MAXIMIZE' ? -1 : 1;
  return [...table.rows].sort((a, b) => {
    if (a.metric === undefined) return b.metric === undefined ? 0 : 1;
    if (b.metric === undefined) return -1;
    return sign * (a.metric - b.metric);
  });
}

const BARS = '▁▂▃▄▅▆▇█';

/** One character per trial (in id order), higher bars for higher values; · for no metric. */
export function metricChart(rows: readonly TrialRow[]): string {
  const values = rows.map((row) => row.metric).filter((v): v is number => v !== undefined);
  const low = Math.min(...values);
  const high = Math.max(...values);
  return rows
    .map((row) => {
      if (row.metric === undefined) return '·';
      const step = high === low ? BARS.length - 1 : ((row.metric - low) / (high - low)) * 7;
      return BARS[Math.round(step)];
    })
    .join('');
}

const TRIAL_TO_JOB: Record<string, JobState> = {
  REQUESTED: 'JOB_STATE_QUEUED',
  ACTIVE: 'JOB_STATE_RUNNING',
  STOPPING: 'JOB_STATE_CANCELLING',
  SUCCEEDED: 'JOB_STATE_SUCCEEDED',
  INFEASIBLE: 'JOB_STATE_FAILED',
};

/** The tuning job seen as one trial: its replicas (trialJobSpec), state and times. */
export function trialSnapshot(resource: ResourceMessage, trialId: string): JobSummary {
  const base = toJobSnapshot(resource as CustomJobMessage, 'hptuning');
  const trial = ((resource.trials as (TrialMessage & Record<string, unknown>)[]) ?? []).find(
    (candidate) => String(candidate.id) === trialId,
  );
  const state = trial
    ? (TRIAL_TO_JOB[String(trial.state)] ?? normaliseJobState(trial.state))
    : base.state;
  const times = toJobSnapshot({
    startTime: trial?.startTime as never,
    endTime: trial?.endTime as never,
  });
  return {
    ...base,
    displayName: `${base.displayName} · trial ${trialId}`,
    state,
    jobSpec: (resource.trialJobSpec ?? {workerPoolSpecs: []}) as JobSummary['jobSpec'],
    ...(times.startTime && {startTime: times.startTime}),
    endTime: times.endTime,
    ...(trial?.infeasibleReason
      ? {error: {code: 3, message: String(trial.infeasibleReason)}}
      : state === 'JOB_STATE_FAILED'
        ? {}
        : {error: undefined}),
  };
}

/** The id of the CustomJob one trial runs in, once the tuning job names it (its logs may be there). */
export function trialCustomJobId(resource: ResourceMessage, trialId: string): string | undefined {
  const trial = ((resource.trials as TrialMessage[] | undefined) ?? []).find(
    (candidate) => String(candidate.id) === trialId,
  );
  const name = typeof trial?.customJob === 'string' ? trial.customJob : '';
  return /^projects\/[^/]+\/locations\/[^/]+\/customJobs\/([^/]+)$/.exec(name)?.[1];
}
