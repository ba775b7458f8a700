// The emulator's record of a CustomJob, and its conversion to the v1 message shape.
import type {CustomJobSpecLike, JobState} from '../job-spec/index.js';

export interface JobRecord {
  id: string;
  name: string;
  project: string;
  location: string;
  displayName: string;
  jobSpec: CustomJobSpecLike;
  labels: Record<string, string>;
  state: JobState;
  createTimeNs: bigint;
  updateTimeNs: bigint;
  startTimeNs?: bigint;
  endTimeNs?: bigint;
  error?: {code: number; message: string};
  /** Set when the job backs a hyperparameter tuning trial (hidden from ListCustomJobs). */
  trial?: TrialBinding;
  /** The TrainingPipeline this job backs, if any. */
  pipelineId?: string;
  /** Variables every replica gets on top of Vertex's (a pipeline's AIP_*_DATA_URI). */
  extraEnv?: Record<string, string>;
}

/** What a trial's CustomJob gets from its tuning job. */
export interface TrialBinding {
  tuningJobId: string;
  trialId: string;
  /** `--<parameter_id>=<value>` for every replica. */
  args: string[];
  /** CLOUD_ML_HP_METRIC_FILE: where this trial's cloudml-hypertune writes. */
  metricFile: string;
}

export function timestamp(ns: bigint | undefined): {seconds: string; nanos: number} | undefined {
  if (ns === undefined) return undefined;
  return {seconds: (ns / 1_000_000_000n).toString(), nanos: Number(ns % 1_000_000_000n)};
}

export function jobToProto(job: JobRecord): Record<string, unknown> {
  return {
    name: job.name,
    displayName: job.displayName,
    jobSpec: job.jobSpec,
    labels: job.labels,
    state: job.state,
    createTime: timestamp(job.createTimeNs),
    updateTime: timestamp(job.updateTimeNs),
    startTime: timestamp(job.startTimeNs),
    endTime: timestamp(job.endTimeNs),
    error: job.error,
  };
}
