// The emulator's record of a CustomJob, and its conversion to the v1 message shape.
import type {CustomJobSpecLike} from '../../core/job-spec/index.js';
import {lifecycleToProto, type RunRecord} from '../rpc/run-record.js';

export interface JobRecord extends RunRecord {
  jobSpec: CustomJobSpecLike;
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

export function jobToProto(job: JobRecord): Record<string, unknown> {
  return {
    name: job.name,
    displayName: job.displayName,
    jobSpec: job.jobSpec,
    ...lifecycleToProto(job),
  };
}
