// Runs a custom-task TrainingPipeline through a backing CustomJob (worker pools) or
// HyperparameterTuningJob (trialJobSpec), as Vertex does, following its state; on success it
// records the model of modelToUpload with artifactUri = the job's AIP_MODEL_DIR (the best
// trial's for tuning) unless the request named one.
import {isTerminalState, type CustomJobSpecLike} from '../../core/job-spec/index.js';
import type {JobRecord} from '../custom-job/job-record.js';
import type {JobRunner} from '../custom-job/job-runner.js';
import type {RecordStore} from '../records/record-store.js';
import {attempt} from '../records/cancel-failure.js';
import {nowNs} from '../rpc/clock.js';
import {resourceName} from '../rpc/resource-names.js';
import type {TuningRecord} from '../study/tuning-record.js';
import type {TuningRunner} from '../study/tuning-runner.js';
import type {PipelineRecord} from './pipeline-record.js';
import type {TaskPlan} from './task-inputs.js';

export class PipelineRunner {
  constructor(
    private readonly store: RecordStore<PipelineRecord>,
    private readonly jobs: RecordStore<JobRecord>,
    private readonly runner: JobRunner,
    private readonly tuningStore: RecordStore<TuningRecord>,
    private readonly tuning: TuningRunner,
  ) {}

  start(pipeline: PipelineRecord, plan: TaskPlan, env: Record<string, string>): void {
    const now = nowNs();
    pipeline.state = 'JOB_STATE_PENDING';
    pipeline.startTimeNs = now;
    if (plan.kind === 'custom') {
      const id = this.jobs.nextId();
      const job: JobRecord = {
        id,
        name: resourceName(pipeline, 'customJobs', id),
        project: pipeline.project,
        location: pipeline.location,
        displayName: `${pipeline.displayName}-custom-job`.slice(0, 128),
        jobSpec: plan.jobSpec,
        labels: pipeline.labels,
        state: 'JOB_STATE_QUEUED',
        createTimeNs: now,
        updateTimeNs: now,
        pipelineId: pipeline.id,
        ...(Object.keys(env).length > 0 && {extraEnv: env}),
      };
      pipeline.backing = {kind: 'custom', id, name: job.name};
      this.save(pipeline);
      this.jobs.put(job);
      this.runner.start(job);
      return;
    }
    const id = this.tuningStore.nextId();
    const job: TuningRecord = {
      id,
      name: resourceName(pipeline, 'hyperparameterTuningJobs', id),
      project: pipeline.project,
      location: pipeline.location,
      displayName: `${pipeline.displayName}-hptuning-job`.slice(0, 128),
      labels: pipeline.labels,
      state: 'JOB_STATE_QUEUED',
      createTimeNs: now,
      updateTimeNs: now,
      studySpec: plan.studySpec,
      maxTrialCount: plan.maxTrialCount,
      parallelTrialCount: plan.parallelTrialCount,
      maxFailedTrialCount: plan.maxFailedTrialCount,
      trialJobSpec: plan.trialJobSpec,
      trials: [],
      pipelineId: pipeline.id,
      ...(Object.keys(env).length > 0 && {extraEnv: env}),
    };
    pipeline.backing = {kind: 'tuning', id, name: job.name};
    this.save(pipeline);
    this.tuningStore.put(job);
    this.tuning.start(job);
  }

  /** Follows a backing job: RUNNING while it runs, then its outcome (and the model). */
  onBackingChange(job: JobRecord | TuningRecord): void {
    if (!job.pipelineId) return;
    const pipeline = this.store.get(job.pipelineId);
    if (!pipeline || isTerminalState(pipeline.state)) return;
    if (!isTerminalState(job.state)) {
      const next = job.state === 'JOB_STATE_RUNNING' ? 'JOB_STATE_RUNNING' : pipeline.state;
      const cancelling = job.state === 'JOB_STATE_CANCELLING' ? 'JOB_STATE_CANCELLING' : next;
      if (cancelling !== pipeline.state) {
        pipeline.state = cancelling;
        this.save(pipeline);
      }
      return;
    }
    pipeline.endTimeNs = nowNs();
    if (job.state === 'JOB_STATE_SUCCEEDED') {
      if (pipeline.modelToUpload) {
        const artifactUri =
          typeof pipeline.modelToUpload.artifactUri === 'string' &&
          pipeline.modelToUpload.artifactUri
            ? pipeline.modelToUpload.artifactUri
            : modelDirOf(job);
        const modelId = pipeline.modelId || `${Date.now()}${Math.floor(Math.random() * 1000)}`;
        pipeline.model = {
          name: resourceName(pipeline, 'models', modelId),
          artifactUri: artifactUri ?? '',
        };
      }
      pipeline.state = 'JOB_STATE_SUCCEEDED';
    } else {
      pipeline.state =
        job.state === 'JOB_STATE_CANCELLED' ? 'JOB_STATE_CANCELLED' : 'JOB_STATE_FAILED';
      if (job.error) pipeline.error = job.error;
    }
    this.save(pipeline);
  }

  async cancel(pipeline: PipelineRecord): Promise<void> {
    pipeline.state = 'JOB_STATE_CANCELLING';
    // A failed record write (records/cancel-failure.ts) still lets the cancel reach the backing job.
    const failed = attempt(() => this.save(pipeline));
    const backing = pipeline.backing;
    if (backing?.kind === 'custom') {
      const job = this.jobs.get(backing.id);
      if (job && !isTerminalState(job.state)) await this.runner.cancel(job);
    } else if (backing?.kind === 'tuning') {
      const job = this.tuningStore.get(backing.id);
      if (job && !isTerminalState(job.state)) await this.tuning.cancel(job);
    }
    if (failed) throw failed.error;
  }

  private save(pipeline: PipelineRecord): void {
    pipeline.updateTimeNs = nowNs();
    this.store.put(pipeline);
  }
}

function outputBase(spec: CustomJobSpecLike): string | undefined {
  const prefix = spec.baseOutputDirectory?.outputUriPrefix;
  return prefix ? prefix.replace(/\/?$/, '/') : undefined;
}

/** AIP_MODEL_DIR of the job; for a tuning job, the best trial's (by the first metric's goal). */
function modelDirOf(job: JobRecord | TuningRecord): string | undefined {
  if ('jobSpec' in job) {
    const base = outputBase(job.jobSpec);
    return base && `${base}model/`;
  }
  const base = outputBase(job.trialJobSpec);
  if (!base) return undefined;
  const primary = job.studySpec.metrics[0];
  const valueOf = (trial: TuningRecord['trials'][number]) =>
    trial.finalMeasurement?.metrics.find((m) => m.metricId === primary?.metricId)?.value;
  const best = job.trials
    .filter((t) => t.state === 'SUCCEEDED' && valueOf(t) !== undefined)
    .sort((a, b) =>
      primary?.goal === 'MINIMIZE'
        ? (valueOf(a) as number) - (valueOf(b) as number)
        : (valueOf(b) as number) - (valueOf(a) as number),
    )[0];
  return best ? `${base}${best.id}/model/` : undefined;
}
