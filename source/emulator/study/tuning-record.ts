// The emulator's record of a HyperparameterTuningJob with its trials, and the v1 message shape.
import type {CustomJobSpecLike, StudySpecLike} from '../../core/job-spec/index.js';
import {lifecycleToProto, timestamp, type RunRecord} from '../rpc/run-record.js';
import type {Measurement} from './metrics-file.js';
import type {Assignment} from './search.js';

export type TrialState = 'REQUESTED' | 'ACTIVE' | 'STOPPING' | 'SUCCEEDED' | 'INFEASIBLE';

export interface TrialRecord {
  id: string;
  state: TrialState;
  parameters: Assignment[];
  measurements: Measurement[];
  finalMeasurement?: Measurement;
  infeasibleReason?: string;
  /** The CustomJob name backing the trial. */
  customJob?: string;
  /** Whether the backing CustomJob failed (counts against max_failed_trial_count). */
  failed?: boolean;
  startTimeMs?: number;
  endTimeMs?: number;
}

export interface TuningRecord extends RunRecord {
  studySpec: StudySpecLike;
  maxTrialCount: number;
  parallelTrialCount: number;
  maxFailedTrialCount: number;
  trialJobSpec: CustomJobSpecLike;
  trials: TrialRecord[];
  /** The TrainingPipeline this tuning job backs, if any. */
  pipelineId?: string;
  /** Variables every trial's replicas get (a pipeline's AIP_*_DATA_URI). */
  extraEnv?: Record<string, string>;
}

const msTimestamp = (ms: number | undefined) =>
  ms === undefined ? undefined : timestamp(BigInt(Math.round(ms)) * 1_000_000n);

function measurementToProto(m: Measurement) {
  const seconds = Math.floor(m.elapsedSeconds);
  return {
    elapsedDuration: {
      seconds: String(seconds),
      nanos: Math.round((m.elapsedSeconds - seconds) * 1e9),
    },
    stepCount: String(m.stepCount),
    metrics: m.metrics,
  };
}

export function trialToProto(trial: TrialRecord): Record<string, unknown> {
  return {
    id: trial.id,
    state: trial.state,
    parameters: trial.parameters.map((p) => ({
      parameterId: p.parameterId,
      value: typeof p.value === 'string' ? {stringValue: p.value} : {numberValue: p.value},
    })),
    measurements: trial.measurements.map(measurementToProto),
    ...(trial.finalMeasurement && {finalMeasurement: measurementToProto(trial.finalMeasurement)}),
    ...(trial.infeasibleReason && {infeasibleReason: trial.infeasibleReason}),
    ...(trial.customJob && {customJob: trial.customJob}),
    startTime: msTimestamp(trial.startTimeMs),
    endTime: msTimestamp(trial.endTimeMs),
  };
}

export function tuningToProto(job: TuningRecord): Record<string, unknown> {
  return {
    name: job.name,
    displayName: job.displayName,
    studySpec: job.studySpec,
    maxTrialCount: job.maxTrialCount,
    parallelTrialCount: job.parallelTrialCount,
    maxFailedTrialCount: job.maxFailedTrialCount,
    trialJobSpec: job.trialJobSpec,
    trials: job.trials.map(trialToProto),
    ...lifecycleToProto(job),
  };
}
