// google.cloud.aiplatform.v1.JobService: the CustomJob methods the app uses, as declared in
// googleapis google/cloud/aiplatform/v1/job_service.proto (the copy @google-cloud/aiplatform ships
// in build/protos) with the CustomJob message of custom_job.proto.
import type * as grpc from '@grpc/grpc-js';
import type {CustomJobLike} from '../../core/job-spec/index.js';
import {jobToProto, type JobRecord} from './job-record.js';
import type {JobRunner} from './job-runner.js';
import type {RecordStore} from '../records/record-store.js';
import {findRecord, listPage, type ListRequest} from '../rpc/list-page.js';
import type {OperationStore} from '../rpc/operations.js';
import {deleteFinishedRun, newRunRecord, requireCancellable} from '../rpc/run-record.js';
import {validateComputeRequest} from './validate-compute-request.js';
import {validateCustomJob} from './validate-request.js';
import {parseParent} from '../rpc/resource-names.js';
import {cancelInBackground, type ServiceLog} from '../records/cancel-failure.js';

export type Unary<Req, Res> = (request: Req, metadata: grpc.Metadata) => Promise<Res> | Res;

export function jobServiceHandlers(
  store: RecordStore<JobRecord>,
  runner: JobRunner,
  operations: OperationStore,
  /** Refuses a job whose persistent resource is missing, not RUNNING or has no room for it. */
  checkPlacement: (
    parent: {project: string; location: string},
    job: CustomJobLike,
  ) => void = () => {},
  log: ServiceLog = () => {},
) {
  const findJob = (name: string): JobRecord => findRecord(store, name, 'customJobs', 'CustomJob');

  return {
    createCustomJob: ((request: {parent: string; customJob?: CustomJobLike}) => {
      validateCustomJob(request.customJob);
      validateComputeRequest(request.customJob, request.parent);
      checkPlacement(parseParent(request.parent), request.customJob);
      const job: JobRecord = {
        ...newRunRecord(store, request.parent, 'customJobs', request.customJob),
        jobSpec: request.customJob.jobSpec,
      };
      store.insert(job);
      runner.start(job);
      return jobToProto(job);
    }) satisfies Unary<{parent: string; customJob?: CustomJobLike}, unknown>,

    getCustomJob: ((request: {name: string}) => jobToProto(findJob(request.name))) satisfies Unary<
      {name: string},
      unknown
    >,

    listCustomJobs: ((request: ListRequest) => {
      // Trials' CustomJobs belong to their tuning job: Get works on them, List leaves them out.
      const {items, nextPageToken} = listPage(
        store.list().filter((job) => !job.trial),
        request,
        jobToProto,
      );
      return {customJobs: items, nextPageToken};
    }) satisfies Unary<ListRequest, unknown>,

    deleteCustomJob: (async (request: {name: string}) => {
      const job = findJob(request.name);
      return deleteFinishedRun(store, operations, job, 'CustomJob', () => runner.forget(job));
    }) satisfies Unary<{name: string}, unknown>,

    cancelCustomJob: (async (request: {name: string}) => {
      const job = findJob(request.name);
      requireCancellable(job, 'CustomJob');
      cancelInBackground(runner.cancel(job), job.name, log);
      return {};
    }) satisfies Unary<{name: string}, unknown>,
  };
}
