// The model a training pipeline uploads (TrainingPipeline.model_to_upload), checked before submit.
// Google's rules, from aiplatform v1 model.proto: Model.display_name is "Required … up to 128
// characters"; Model.container_spec is "Not required for AutoML Models", so a custom-trained
// model needs one, and ModelContainerSpec.image_uri is "Required"; Port.container_port "Must be a
// valid port number, between 1 and 65535 inclusive". The Python SDK refuses the same mistake
// before sending ("model_display_name was provided but model_serving_container_image_uri was
// not provided", googleapis/python-aiplatform google/cloud/aiplatform/training_jobs.py).
// Pre-built serving images need the :latest tag, as training ones do
// (https://cloud.google.com/vertex-ai/docs/predictions/pre-built-containers).
import type {JobDraft} from './draft.js';
import {findPredictionImage, isPredictionRepositoryUri} from './prediction-images.js';
import type {RuleContext} from './validate-context.js';

const MODEL = 'modelToUpload';
const SPEC = `${MODEL}.containerSpec`;

export function validateModelToUpload(draft: JobDraft, ctx: RuleContext): void {
  if (draft.workflow !== 'training-pipeline') return;
  const {add} = ctx;
  const name = draft.modelDisplayName;
  const container = draft.modelContainer;
  if (name === undefined) {
    if (container && draft.trainingType === 'custom') {
      add(
        'model-container-unused',
        MODEL,
        'a serving container applies only to an uploaded model; this pipeline names no model',
        'give the model a name in the options step, or clear the serving container',
        'warning',
      );
    }
    return;
  }
  if (name.trim() === '') {
    add('model-name-required', `${MODEL}.displayName`, 'the model name is empty', 'type a name');
  } else if ([...name].length > 128) {
    add(
      'model-name-length',
      `${MODEL}.displayName`,
      `the model name is longer than 128 characters (${[...name].length})`,
      'shorten it to 128 characters or fewer',
    );
  }
  // AutoML models are served by Vertex itself; only custom-trained ones need a container.
  if (draft.trainingType !== 'custom') return;
  if (!container || container.imageUri.trim() === '') {
    add(
      'model-container-required',
      `${SPEC}.imageUri`,
      `${SPEC}.imageUri is required when a custom pipeline uploads a model (only AutoML models may omit the serving container)`,
      'pick a pre-built prediction image or give your serving image URI in the options step, or clear the model name',
    );
    return;
  }
  const {imageUri, port, predictRoute, healthRoute} = container;
  if (isPredictionRepositoryUri(imageUri) && !findPredictionImage(imageUri)) {
    add(
      'model-image-prebuilt',
      `${SPEC}.imageUri`,
      imageUri.endsWith(':latest')
        ? `${imageUri} is not in the catalog of pre-built prediction images`
        : `pre-built prediction images must use the :latest tag; ${imageUri} does not`,
      'pick a pre-built prediction image from the list, or use your own serving image',
      imageUri.endsWith(':latest') ? 'warning' : 'error',
    );
  }
  const image = findPredictionImage(imageUri);
  if (image && image.endOfAvailability < ctx.today) {
    add(
      'model-image-end-of-availability',
      `${SPEC}.imageUri`,
      `${image.name} passed its end of availability (${image.endOfAvailability})`,
      'pick a newer pre-built prediction image, or use your own serving image',
      'warning',
    );
  }
  if (port !== undefined && (!Number.isInteger(port) || port < 1 || port > 65535)) {
    add(
      'model-container-port',
      `${SPEC}.ports[0].containerPort`,
      `the serving port must be a whole number from 1 to 65535; it is ${port}`,
      'use e.g. 8080 (the default when unset)',
    );
  }
  for (const [route, field] of [
    [predictRoute, 'predictRoute'],
    [healthRoute, 'healthRoute'],
  ] as const) {
    if (route !== undefined && !route.startsWith('/')) {
      add(
        'model-container-route',
        `${SPEC}.${field}`,
        `the ${field === 'predictRoute' ? 'predict' : 'health'} route is an HTTP path; "${route}" does not start with /`,
        `write it as /${route.replace(/^\/*/, '')}`,
        'warning',
      );
    }
  }
}
