// Creating a job exactly once. A create whose answer was lost (connection dropped, deadline passed)
// may or may not have created the job, so it is never simply sent again: every job the app creates
// carries a request-id label, and after an unclear failure the app first looks for a job with that
// label; only when there is none is the create repeated (once).
import {randomUUID} from 'node:crypto';
import type {CreateRequest, JobDraft} from '../../core/job-spec/index.js';
import {ApiError, type JobKind, type JobsApi, type ResourceMessage} from './api.js';
import {isConnectionLoss} from './reconnecting-api.js';

/** Label key carrying the request id (label keys allow lowercase letters, digits, _ and -). */
export const REQUEST_ID_LABEL = 'vtrain_request_id';

const DEADLINE_EXCEEDED = 4;
const UNKNOWN = 2;

export function newRequestId(): string {
  return randomUUID();
}

/** The draft with its request-id label set (kept when the draft already has one: a resubmit). */
export function withRequestId(draft: JobDraft, requestId: string): JobDraft {
  return {...draft, labels: {...draft.labels, [REQUEST_ID_LABEL]: requestId}};
}

export function kindOfCreate(create: CreateRequest): JobKind {
  if (create.method === 'createHyperparameterTuningJob') return 'hptuning';
  if (create.method === 'createTrainingPipeline') return 'pipeline';
  return 'custom';
}

/** A failure after which the job may exist: the request may have reached the server. */
export function isUnclearOutcome(error: unknown): boolean {
  if (isConnectionLoss(error)) return true;
  return error instanceof ApiError && (error.code === DEADLINE_EXCEEDED || error.code === UNKNOWN);
}

function requestIdOf(create: CreateRequest): string | undefined {
  const resource =
    create.method === 'createCustomJob'
      ? create.request.customJob
      : create.method === 'createHyperparameterTuningJob'
        ? create.request.hyperparameterTuningJob
        : create.request.trainingPipeline;
  return resource.labels?.[REQUEST_ID_LABEL];
}

function send(api: JobsApi, create: CreateRequest): Promise<ResourceMessage> {
  if (create.method === 'createCustomJob')
    return api.createCustomJob(create.request) as Promise<ResourceMessage>;
  if (create.method === 'createHyperparameterTuningJob')
    return api.createHyperparameterTuningJob(create.request);
  return api.createTrainingPipeline(create.request);
}

/** The job created by an earlier attempt of this request, if any. */
export async function findByRequestId(
  api: JobsApi,
  kind: JobKind,
  parent: string,
  requestId: string,
): Promise<ResourceMessage | undefined> {
  const page = await api.listJobs(kind, {
    parent,
    filter: `labels.${REQUEST_ID_LABEL}="${requestId}"`,
    pageSize: 10,
  });
  return page.items[0];
}

export interface CreatedJob {
  job: ResourceMessage;
  kind: JobKind;
  /** True when an earlier, unanswered attempt had created it and it was found by its label. */
  recovered: boolean;
}

/**
 * Sends the create; after an unclear failure, finds the job by its request-id label or, when
 * there is none, sends it once more. The request must carry the label (withRequestId).
 */
export async function createJobOnce(
  api: JobsApi,
  create: CreateRequest,
  options: {
    /** An earlier attempt with this request id ended unclearly (the user retries): look first. */
    checkFirst?: boolean;
  } = {},
): Promise<CreatedJob> {
  const kind = kindOfCreate(create);
  const requestId = requestIdOf(create);
  if (!requestId) throw new Error(`the create request has no ${REQUEST_ID_LABEL} label`);
  if (options.checkFirst) {
    const existing = await findByRequestId(api, kind, create.request.parent, requestId);
    if (existing) return {job: existing, kind, recovered: true};
  }
  try {
    return {job: await send(api, create), kind, recovered: false};
  } catch (error) {
    if (!isUnclearOutcome(error)) throw error;
    const existing = await findByRequestId(api, kind, create.request.parent, requestId);
    if (existing) return {job: existing, kind, recovered: true};
    return {job: await send(api, create), kind, recovered: false};
  }
}
