// Export a draft as the REST JSON body Vertex accepts and as the `--config` file gcloud takes
// (camelCase, Durations as "3600s"), so users can leave the TUI with their job at any time.
import {stringify} from 'yaml';
import type {JobDraft} from './draft.js';
import {buildTrainingPipeline, customJobSpecJson, trainingTaskOf} from './build-pipeline.js';
import {buildCustomJob, buildHyperparameterTuningJob, locationPath} from './build-request.js';
import {buildCreateRequest} from './create-request.js';
import type {JsonValue} from './request.js';

type JsonObject = {[key: string]: JsonValue};

const clone = (value: unknown): JsonObject => structuredClone(value) as JsonObject;

/** The resource a draft creates, in REST JSON form (the body of the create POST). */
export function restBody(draft: JobDraft): JsonObject {
  const built = buildCreateRequest(draft);
  if (built.method === 'createCustomJob') {
    const job = buildCustomJob(draft);
    return {...clone(job), jobSpec: customJobSpecJson(job.jobSpec)};
  }
  if (built.method === 'createHyperparameterTuningJob') {
    const job = buildHyperparameterTuningJob(draft);
    return {...clone(job), trialJobSpec: customJobSpecJson(job.trialJobSpec)};
  }
  const pipeline = buildTrainingPipeline(draft);
  // REST carries google.protobuf.Value as the plain JSON it stands for.
  return {...clone(pipeline), trainingTaskInputs: trainingTaskOf(draft).inputs};
}

const COLLECTION = {
  createCustomJob: 'customJobs',
  createHyperparameterTuningJob: 'hyperparameterTuningJobs',
  createTrainingPipeline: 'trainingPipelines',
} as const;

/** The REST call that creates the job: method, URL and JSON body. */
export function restRequest(draft: JobDraft): {method: 'POST'; url: string; body: JsonObject} {
  const {method} = buildCreateRequest(draft);
  const host = `https://${draft.region}-aiplatform.googleapis.com/v1`;
  return {
    method: 'POST',
    url: `${host}/${locationPath(draft.project, draft.region)}/${COLLECTION[method]}`,
    body: restBody(draft),
  };
}

export function restBodyJson(draft: JobDraft): string {
  return `${JSON.stringify(restBody(draft), null, 2)}\n`;
}

/**
 * The object gcloud's `--config` file holds: a CustomJobSpec for `ai custom-jobs create`, a
 * HyperparameterTuningJob (without the flag-given name, labels and key) for `ai hp-tuning-jobs
 * create`. Training pipelines have no gcloud command; their config is the REST body.
 */
export function gcloudConfigObject(draft: JobDraft): JsonObject {
  const body = restBody(draft);
  const {method} = buildCreateRequest(draft);
  if (method === 'createCustomJob') return body.jobSpec as JsonObject;
  if (method === 'createHyperparameterTuningJob') {
    const {displayName: _name, labels: _labels, encryptionSpec: _key, ...config} = body;
    return config;
  }
  return body;
}

export function gcloudConfigYaml(draft: JobDraft): string {
  return stringify(gcloudConfigObject(draft), {lineWidth: 0});
}
