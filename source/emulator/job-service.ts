// google.cloud.aiplatform.v1.JobService: the CustomJob methods the app uses.
import {findRecord} from './list-page.js';
import type * as grpc from '@grpc/grpc-js';
import {isTerminalState, type CustomJobLike} from '../job-spec/index.js';
import {failedPrecondition, invalidArgument} from './grpc-errors.js';
import {compileJobFilter, jobMatches} from './job-filter.js';
import {jobToProto, type JobRecord} from './job-record.js';
import type {JobRunner} from './job-runner.js';
import type {JobStore} from './job-store.js';
import {nowNs} from './log-store.js';
import {deleteOperationMetadata, EMPTY_RESPONSE, type OperationStore} from './operations.js';
import {applyReadMask, checkReadMask} from './read-mask.js';
import {validateCustomJob} from './validate-request.js';
import {decodePageToken, encodePageToken} from './paging.js';

const PARENT = /^projects\/([^/]+)\/locations\/([^/]+)$/;

export type Unary<Req, Res> = (request: Req, metadata: grpc.Metadata) => Promise<Res> | Res;

export function jobServiceHandlers(store: JobStore, runner: JobRunner, operations: OperationStore) {
  const findJob = (name: string): JobRecord => findRecord(store, name, 'customJobs', 'CustomJob');

  return {
    createCustomJob: ((request: {parent: string; customJob?: CustomJobLike}) => {
      const parent = PARENT.exec(request.parent ?? '');
      if (!parent)
        throw invalidArgument(
          `parent must look like projects/*/locations/*; got "${request.parent}".`,
        );
      validateCustomJob(request.customJob);
      const id = store.nextId();
      const now = nowNs();
      const job: JobRecord = {
        id,
        name: `${request.parent}/customJobs/${id}`,
        project: parent[1] as string,
        location: parent[2] as string,
        displayName: request.customJob.displayName,
        jobSpec: request.customJob.jobSpec,
        labels: request.customJob.labels ?? {},
        state: 'JOB_STATE_QUEUED',
        createTimeNs: now,
        updateTimeNs: now,
      };
      store.put(job);
      runner.start(job);
      return jobToProto(job);
    }) satisfies Unary<{parent: string; customJob?: CustomJobLike}, unknown>,

    getCustomJob: ((request: {name: string}) => jobToProto(findJob(request.name))) satisfies Unary<
      {name: string},
      unknown
    >,

    listCustomJobs: ((request: {
      parent: string;
      filter?: string;
      pageSize?: number;
      pageToken?: string;
      readMask?: {paths?: string[]} | null;
    }) => {
      const parent = PARENT.exec(request.parent ?? '');
      if (!parent)
        throw invalidArgument(
          `parent must look like projects/*/locations/*; got "${request.parent}".`,
        );
      const expr = compileJobFilter(request.filter);
      const mask = checkReadMask(request.readMask);
      if (request.pageSize !== undefined && request.pageSize < 0)
        throw invalidArgument(`page_size must not be negative; got ${request.pageSize}.`);
      // Trials' CustomJobs belong to their tuning job: Get works on them, List leaves them out.
      const matching = store
        .list()
        .filter(
          (job) =>
            !job.trial &&
            job.project === parent[1] &&
            job.location === parent[2] &&
            jobMatches(expr, job),
        );
      const offset = decodePageToken(request.pageToken, request.filter);
      const size =
        request.pageSize && request.pageSize > 0 ? Math.min(request.pageSize, 1000) : 100;
      const page = matching.slice(offset, offset + size);
      const next =
        offset + size < matching.length ? encodePageToken(offset + size, request.filter) : '';
      return {
        customJobs: page.map((job) => applyReadMask(jobToProto(job), mask)),
        nextPageToken: next,
      };
    }) satisfies Unary<{parent: string}, unknown>,

    deleteCustomJob: (async (request: {name: string}) => {
      const job = findJob(request.name);
      // Vertex only deletes jobs that have finished; a live one must be cancelled first.
      if (!isTerminalState(job.state)) {
        throw failedPrecondition(
          `The CustomJob ${job.name} is in state ${job.state} and cannot be deleted; cancel it and wait until it is JOB_STATE_CANCELLED first.`,
        );
      }
      const started = nowNs();
      store.delete(job.id);
      await runner.forget(job);
      return operations.addDone(`projects/${job.project}/locations/${job.location}`, {
        metadata: deleteOperationMetadata(started, nowNs()),
        response: EMPTY_RESPONSE,
      });
    }) satisfies Unary<{name: string}, unknown>,

    cancelCustomJob: (async (request: {name: string}) => {
      const job = findJob(request.name);
      if (isTerminalState(job.state)) {
        throw failedPrecondition(
          `Cannot cancel CustomJob ${job.name}: it is already in state ${job.state}.`,
        );
      }
      void runner.cancel(job);
      return {};
    }) satisfies Unary<{name: string}, unknown>,
  };
}
