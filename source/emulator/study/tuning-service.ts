// google.cloud.aiplatform.v1.JobService (googleapis google/cloud/aiplatform/v1/job_service.proto,
// hyperparameter_tuning_job.proto): the HyperparameterTuningJob methods, as handlers keyed by
// proto method name (registered with the CustomJob ones in server.ts). Same parent/name checks,
// filter, paging, read mask and error behaviour as the CustomJob methods.
import {isTerminalState, type HyperparameterTuningJobLike} from '../../core/job-spec/index.js';
import type {JobRecord} from '../custom-job/job-record.js';
import type {JobRunner} from '../custom-job/job-runner.js';
import type {RecordStore} from '../records/record-store.js';
import {cancelInBackground, type ServiceLog} from '../records/cancel-failure.js';
import {findRecord, listPage, type ListRequest} from '../rpc/list-page.js';
import type {OperationStore} from '../rpc/operations.js';
import {TUNING_JOB_FIELDS} from '../rpc/read-mask.js';
import {resourceId} from '../rpc/resource-names.js';
import {nowMs} from '../rpc/clock.js';
import {
  deleteFinishedRun,
  LOST_JOB_MESSAGE,
  newRunRecord,
  requireCancellable,
  settleLostRun,
} from '../rpc/run-record.js';
import {tuningToProto, type TuningRecord} from './tuning-record.js';
import type {TuningRunner} from './tuning-runner.js';
import {validateTuningJob} from './validate-tuning.js';

/** Tuning jobs a crashed service left unfinished cannot resume: FAILED, as custom jobs are. */
export function recoverTuningJobs(store: RecordStore<TuningRecord>): string[] {
  const settled: string[] = [];
  for (const job of store.list()) {
    if (isTerminalState(job.state)) continue;
    settleLostRun(job);
    for (const trial of job.trials) {
      if (trial.state === 'SUCCEEDED' || trial.state === 'INFEASIBLE') continue;
      trial.state = 'INFEASIBLE';
      trial.infeasibleReason = LOST_JOB_MESSAGE;
      trial.endTimeMs = nowMs();
    }
    store.put(job);
    settled.push(job.id);
  }
  return settled;
}

export function tuningServiceHandlers(
  store: RecordStore<TuningRecord>,
  jobs: RecordStore<JobRecord>,
  runner: JobRunner,
  tuning: TuningRunner,
  operations: OperationStore,
  log: ServiceLog = () => {},
) {
  const find = (name: string): TuningRecord =>
    findRecord(store, name, 'hyperparameterTuningJobs', 'HyperparameterTuningJob');

  return {
    createHyperparameterTuningJob: (request: {
      parent: string;
      hyperparameterTuningJob?: HyperparameterTuningJobLike;
    }) => {
      const spec = request.hyperparameterTuningJob;
      validateTuningJob(spec);
      const job: TuningRecord = {
        ...newRunRecord(store, request.parent, 'hyperparameterTuningJobs', spec),
        studySpec: spec.studySpec,
        maxTrialCount: Number(spec.maxTrialCount),
        parallelTrialCount: Number(spec.parallelTrialCount),
        maxFailedTrialCount: Number(spec.maxFailedTrialCount ?? 0),
        trialJobSpec: spec.trialJobSpec,
        trials: [],
      };
      store.insert(job);
      const response = tuningToProto(job);
      tuning.start(job);
      return response;
    },

    getHyperparameterTuningJob: (request: {name: string}) => tuningToProto(find(request.name)),

    listHyperparameterTuningJobs: (request: ListRequest) => {
      const {items, nextPageToken} = listPage(
        store.list(),
        request,
        tuningToProto,
        TUNING_JOB_FIELDS,
      );
      return {hyperparameterTuningJobs: items, nextPageToken};
    },

    cancelHyperparameterTuningJob: (request: {name: string}) => {
      const job = find(request.name);
      requireCancellable(job, 'HyperparameterTuningJob');
      cancelInBackground(tuning.cancel(job), job.name, log);
      return {};
    },

    deleteHyperparameterTuningJob: async (request: {name: string}) => {
      const job = find(request.name);
      // The trials' CustomJobs belong to the tuning job and go with it.
      return deleteFinishedRun(store, operations, job, 'HyperparameterTuningJob', async () => {
        for (const trial of job.trials) {
          const custom = jobs.get(resourceId(trial.customJob));
          if (!custom) continue;
          jobs.delete(custom.id);
          await runner.forget(custom);
        }
      });
    },
  };
}
