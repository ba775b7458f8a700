// Runs a HyperparameterTuningJob as Vertex does: up to parallel_trial_count trials at once, each a
// full CustomJob of trial_job_spec (its own replicas, `--<parameter>=<value>` arguments, trial id
// in CLUSTER_SPEC/TF_CONFIG/CLOUD_ML_TRIAL_ID, AIP_* under <base>/<trial id>/, its own
// CLOUD_ML_HP_METRIC_FILE), until max_trial_count trials have run or the grid is exhausted.
// Metrics are read live from each trial's metric file; a trial whose job succeeds without the
// study's metric is INFEASIBLE. The job fails once max_failed_trial_count trials have failed
// (0 = the local default: half of max_trial_count, at least 1), and succeeds when any trial did.
import fs from 'node:fs';
import path from 'node:path';
import {isTerminalState, type CustomJobSpecLike} from '../../core/job-spec/index.js';
import type {JobRecord} from '../custom-job/job-record.js';
import type {JobRunner} from '../custom-job/job-runner.js';
import type {RecordStore} from '../records/record-store.js';
import {attempt, cancelInBackground, type ServiceLog} from '../records/cancel-failure.js';
import {type LogStore} from '../logging/log-store.js';
import {nowMs, nowNs} from '../rpc/clock.js';
import {logName, resourceId, resourceName} from '../rpc/resource-names.js';
import {finalMeasurement, readMetricFile} from './metrics-file.js';
import {StudySearch, trialArgs} from './search.js';
import type {TrialRecord, TuningRecord} from './tuning-record.js';

/** How often running trials' metric files are read for live measurements. */
const METRICS_POLL_MS = 1000;

export function effectiveMaxFailed(job: TuningRecord): number {
  return job.maxFailedTrialCount > 0
    ? job.maxFailedTrialCount
    : Math.max(1, Math.floor(job.maxTrialCount / 2));
}

interface Run {
  job: TuningRecord;
  search: StudySearch;
  stopping?: {
    state: 'JOB_STATE_CANCELLED' | 'JOB_STATE_FAILED';
    error: {code: number; message: string};
  };
  timer: NodeJS.Timeout;
}

export class TuningRunner {
  private readonly runs = new Map<string, Run>();

  constructor(
    private readonly store: RecordStore<TuningRecord>,
    private readonly jobs: RecordStore<JobRecord>,
    private readonly runner: JobRunner,
    private readonly logs: LogStore,
    private readonly dataDir: string,
    /** Told of every change of a tuning job (a training pipeline follows its backing job). */
    private readonly onChange: (job: TuningRecord) => void = () => undefined,
    /** The service log, told of a cancel that could not write a record. */
    private readonly log: ServiceLog = () => {},
  ) {}

  start(job: TuningRecord): void {
    const run: Run = {
      job,
      search: new StudySearch(job.studySpec, job.id),
      timer: setInterval(() => this.pollMetrics(run), METRICS_POLL_MS),
    };
    run.timer.unref();
    this.runs.set(job.id, run);
    this.serviceLog(job, 'Waiting for the study to start.');
    job.state = 'JOB_STATE_PENDING';
    this.save(job);
    this.fill(run);
  }

  /** Called for every CustomJob change; trial jobs move their trial and the study along. */
  onCustomJobChange(custom: JobRecord): void {
    if (!custom.trial) return;
    const run = this.runs.get(custom.trial.tuningJobId);
    if (!run) return;
    const trial = run.job.trials.find((t) => t.id === custom.trial?.trialId);
    if (!trial || trial.state === 'SUCCEEDED' || trial.state === 'INFEASIBLE') return;
    if (custom.state === 'JOB_STATE_RUNNING' && run.job.state === 'JOB_STATE_PENDING') {
      run.job.startTimeNs = nowNs();
      run.job.state = 'JOB_STATE_RUNNING';
      this.serviceLog(run.job, 'Study is running.');
    }
    if (isTerminalState(custom.state)) this.endTrial(run, trial, custom);
    this.save(run.job);
    if (isTerminalState(custom.state)) this.advance(run);
  }

  async cancel(job: TuningRecord): Promise<void> {
    const run = this.runs.get(job.id);
    if (!run || run.stopping) return;
    job.state = 'JOB_STATE_CANCELLING';
    // A failed record write (records/cancel-failure.ts) still lets the cancel stop the trials.
    const failed = attempt(() => this.save(job));
    this.serviceLog(job, 'Job is being cancelled.');
    await this.stop(run, 'JOB_STATE_CANCELLED', {code: 1, message: 'CANCELED'});
    if (failed) throw failed.error;
  }

  /** Emulator shutdown: no new trials; running ones are settled by the job runner's shutdown. */
  beginShutdown(): void {
    for (const run of this.runs.values()) {
      run.stopping ??= {
        state: 'JOB_STATE_FAILED',
        error: {code: 14, message: 'The local emulator stopped while the job was running.'},
      };
    }
  }

  finishShutdown(): void {
    for (const run of [...this.runs.values()]) this.finish(run);
  }

  private fill(run: Run): void {
    const {job} = run;
    while (
      !run.stopping &&
      this.active(job).length < job.parallelTrialCount &&
      job.trials.length < job.maxTrialCount
    ) {
      const point = run.search.suggest();
      if (!point) break;
      const trialId = String(job.trials.length + 1);
      const id = this.jobs.nextId();
      const now = nowNs();
      const metricFile = path.join(this.dataDir, 'jobs', id, 'hypertune', 'output.metrics');
      fs.mkdirSync(path.dirname(metricFile), {recursive: true, mode: 0o700});
      const custom: JobRecord = {
        id,
        name: resourceName(job, 'customJobs', id),
        project: job.project,
        location: job.location,
        displayName: `${job.displayName}-trial-${trialId}`.slice(0, 128),
        jobSpec: trialSpec(job.trialJobSpec, trialId),
        labels: job.labels,
        state: 'JOB_STATE_QUEUED',
        createTimeNs: now,
        updateTimeNs: now,
        trial: {tuningJobId: job.id, trialId, args: trialArgs(point), metricFile},
        ...(job.extraEnv && {extraEnv: job.extraEnv}),
      };
      const trial: TrialRecord = {
        id: trialId,
        state: 'ACTIVE',
        parameters: point,
        measurements: [],
        customJob: custom.name,
        startTimeMs: nowMs(),
      };
      job.trials.push(trial);
      this.save(job);
      this.jobs.put(custom);
      this.serviceLog(
        job,
        `Trial ${trialId} started with ${trialArgs(point).join(' ') || 'no parameters'} (CustomJob ${id}).`,
      );
      this.runner.start(custom);
    }
  }

  private endTrial(run: Run, trial: TrialRecord, custom: JobRecord): void {
    const {job} = run;
    this.readMeasurements(job, trial, custom);
    trial.endTimeMs = nowMs();
    const primary = job.studySpec.metrics[0] as {metricId: string; goal: string};
    const final = finalMeasurement(
      trial.measurements,
      job.studySpec.measurementSelectionType,
      primary,
    );
    if (custom.state === 'JOB_STATE_SUCCEEDED' && final) {
      trial.state = 'SUCCEEDED';
      trial.finalMeasurement = final;
    } else {
      trial.state = 'INFEASIBLE';
      if (final) trial.finalMeasurement = final;
      trial.failed = custom.state === 'JOB_STATE_FAILED';
      trial.infeasibleReason =
        custom.state === 'JOB_STATE_SUCCEEDED'
          ? this.missingMetricReason(job, custom)
          : custom.state === 'JOB_STATE_CANCELLED'
            ? 'The trial was cancelled.'
            : `The trial's CustomJob failed: ${custom.error?.message ?? 'unknown error'}`;
    }
    const value = trial.finalMeasurement?.metrics.find((m) => m.metricId === primary.metricId);
    this.serviceLog(
      job,
      `Trial ${trial.id} ${trial.state === 'SUCCEEDED' ? `succeeded: ${primary.metricId}=${value?.value}` : `is infeasible: ${trial.infeasibleReason}`}`,
      trial.failed ? 'ERROR' : 'INFO',
    );
  }

  private missingMetricReason(job: TuningRecord, custom: JobRecord): string {
    const ids = job.studySpec.metrics.map((m) => m.metricId);
    const {otherTags} = readMetricFile(custom.trial?.metricFile ?? '', ids, 0);
    return `The trial ended without reporting the metric ${ids.map((id) => `"${id}"`).join(', ')} (report it with cloudml-hypertune's report_hyperparameter_tuning_metric(hyperparameter_metric_tag="${ids[0]}", ...))${otherTags.length > 0 ? `; it reported ${otherTags.map((tag) => `"${tag}"`).join(', ')} instead` : ''}.`;
  }

  /** After a trial ended: fail on too many failures, start more trials, or finish. */
  private advance(run: Run): void {
    const {job} = run;
    const failed = job.trials.filter((t) => t.failed);
    const limit = effectiveMaxFailed(job);
    if (!run.stopping && failed.length >= limit) {
      const last = failed[failed.length - 1] as TrialRecord;
      void this.stop(run, 'JOB_STATE_FAILED', {
        code: 9,
        message: `${failed.length} trial(s) failed, which reaches max_failed_trial_count (${limit}${job.maxFailedTrialCount > 0 ? '' : ', the local default for 0: half of max_trial_count'}). Trial ${last.id}: ${last.infeasibleReason}`,
      });
      return;
    }
    this.fill(run);
    if (this.active(job).length === 0) this.finish(run);
  }

  private async stop(
    run: Run,
    state: 'JOB_STATE_CANCELLED' | 'JOB_STATE_FAILED',
    error: {code: number; message: string},
  ): Promise<void> {
    run.stopping = {state, error};
    const active = this.active(run.job);
    if (active.length === 0) {
      this.finish(run);
      return;
    }
    for (const trial of active) {
      trial.state = 'STOPPING';
      const custom = this.jobs.get(resourceId(trial.customJob));
      if (custom) cancelInBackground(this.runner.cancel(custom), custom.name, this.log);
    }
    this.save(run.job);
    // Each cancelled trial job reports back through onCustomJobChange, which finishes the run.
  }

  private finish(run: Run): void {
    const {job} = run;
    if (!this.runs.has(job.id)) return;
    clearInterval(run.timer);
    this.runs.delete(job.id);
    const now = nowNs();
    for (const trial of job.trials) {
      if (trial.state === 'SUCCEEDED' || trial.state === 'INFEASIBLE') continue;
      trial.state = 'INFEASIBLE';
      trial.infeasibleReason = 'The trial was stopped before it finished.';
      trial.endTimeMs = nowMs();
    }
    job.endTimeNs = now;
    if (run.stopping) {
      job.state = run.stopping.state;
      job.error = run.stopping.error;
    } else if (job.trials.some((t) => t.state === 'SUCCEEDED')) {
      job.state = 'JOB_STATE_SUCCEEDED';
    } else {
      job.state = 'JOB_STATE_FAILED';
      job.error = {
        code: 9,
        message: `No trial succeeded with the metric "${job.studySpec.metrics[0]?.metricId}": ${job.trials[job.trials.length - 1]?.infeasibleReason ?? 'no trial ran'}`,
      };
    }
    this.save(job);
    this.serviceLog(
      job,
      job.state === 'JOB_STATE_SUCCEEDED'
        ? 'Job completed successfully.'
        : job.state === 'JOB_STATE_CANCELLED'
          ? 'Job was cancelled.'
          : `Job failed. ${job.error?.message ?? ''}`,
      job.state === 'JOB_STATE_FAILED' ? 'ERROR' : 'INFO',
    );
  }

  private active(job: TuningRecord): TrialRecord[] {
    return job.trials.filter(
      (t) => t.state === 'ACTIVE' || t.state === 'STOPPING' || t.state === 'REQUESTED',
    );
  }

  private pollMetrics(run: Run): void {
    let changed = false;
    for (const trial of this.active(run.job)) {
      const custom = this.jobs.get(resourceId(trial.customJob));
      if (custom && this.readMeasurements(run.job, trial, custom)) changed = true;
    }
    if (changed) this.save(run.job);
  }

  /** Refreshes a trial's measurements from its metric file; true when they changed. */
  private readMeasurements(job: TuningRecord, trial: TrialRecord, custom: JobRecord): boolean {
    if (!custom.trial) return false;
    const {measurements} = readMetricFile(
      custom.trial.metricFile,
      job.studySpec.metrics.map((m) => m.metricId),
      (trial.startTimeMs ?? nowMs()) / 1000,
    );
    if (JSON.stringify(measurements) === JSON.stringify(trial.measurements)) return false;
    trial.measurements = measurements;
    return true;
  }

  private save(job: TuningRecord): void {
    job.updateTimeNs = nowNs();
    this.store.put(job);
    this.onChange(job);
  }

  private serviceLog(job: TuningRecord, message: string, severity = 'INFO'): void {
    this.logs.append(
      {
        logName: logName(job.project, 'service'),
        resource: {
          type: 'ml_job',
          labels: {job_id: job.id, task_name: 'service', project_id: job.project},
        },
        labels: {},
        severity,
        textPayload: message,
      },
      `service${job.id}`,
    );
  }
}

/** The trial's CustomJobSpec: the shared spec with base_output_directory moved to <base>/<trial id>/. */
function trialSpec(spec: CustomJobSpecLike, trialId: string): CustomJobSpecLike {
  const base = spec.baseOutputDirectory?.outputUriPrefix;
  return {
    ...spec,
    ...(base && {
      baseOutputDirectory: {outputUriPrefix: `${base.replace(/\/?$/, '/')}${trialId}/`},
    }),
  };
}
