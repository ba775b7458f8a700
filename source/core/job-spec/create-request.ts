// The create call a draft's workflow needs, with its exact request.
import {buildCreateTrainingPipelineRequest} from './build-pipeline.js';
import {
  buildCreateCustomJobRequest,
  buildCreateHyperparameterTuningJobRequest,
} from './build-request.js';
import type {JobDraft} from './draft.js';
import type {
  CreateCustomJobRequest,
  CreateHyperparameterTuningJobRequest,
  CreateTrainingPipelineRequest,
} from './request.js';

export type CreateRequest =
  | {method: 'createCustomJob'; request: CreateCustomJobRequest}
  | {method: 'createHyperparameterTuningJob'; request: CreateHyperparameterTuningJobRequest}
  | {method: 'createTrainingPipeline'; request: CreateTrainingPipelineRequest};

/** The create call a draft's workflow needs, with its request. */
export function buildCreateRequest(draft: JobDraft): CreateRequest {
  if (draft.trainingType === 'automl' || draft.workflow === 'training-pipeline') {
    return {method: 'createTrainingPipeline', request: buildCreateTrainingPipelineRequest(draft)};
  }
  if (draft.workflow === 'hyperparameter-tuning-job') {
    return {
      method: 'createHyperparameterTuningJob',
      request: buildCreateHyperparameterTuningJobRequest(draft),
    };
  }
  return {method: 'createCustomJob', request: buildCreateCustomJobRequest(draft)};
}
