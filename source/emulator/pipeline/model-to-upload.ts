// CreateTrainingPipeline's model_to_upload, refused where Vertex refuses it. The rules are the
// proto's (googleapis google/cloud/aiplatform/v1/model.proto, as shipped in
// @google-cloud/aiplatform build/protos): Model.display_name is "Required"; Model.container_spec
// is "Not required for AutoML Models" — so a custom-trained model (custom_task or
// hyperparameter_tuning_task) needs one — and ModelContainerSpec.image_uri is "Required";
// Port.container_port "Must be a valid port number, between 1 and 65535 inclusive".
// The error is INVALID_ARGUMENT with a google.rpc.BadRequest field violation naming the field, the
// shape Vertex answers a bad model field with (a real response quoted in
// https://github.com/kubeflow/pipelines/issues/6848: 'details': [{'@type':
// 'type.googleapis.com/google.rpc.BadRequest', 'fieldViolations': [{'field':
// 'model.container_spec.ports[0]', …}]}]). Vertex's exact wording for a missing container_spec is
// not published; the message names the field, the rule and the fix.
import * as grpc from '@grpc/grpc-js';
import {RpcError} from '../rpc/grpc-errors.js';
import {statusDetailsMetadata} from '../rpc/rpc-status.js';

interface ModelLike {
  displayName?: string;
  containerSpec?: {
    imageUri?: string;
    ports?: {containerPort?: number}[];
  } | null;
}

const FIELD = 'training_pipeline.model_to_upload';

function refuse(field: string, message: string): RpcError {
  return new RpcError(
    grpc.status.INVALID_ARGUMENT,
    message,
    statusDetailsMetadata(grpc.status.INVALID_ARGUMENT, message, [
      {type: 'BadRequest', fieldViolations: [{field, description: message}]},
    ]),
  );
}

/** Throws INVALID_ARGUMENT for a model a custom training pipeline cannot upload. */
export function validateModelToUpload(model: ModelLike | undefined | null): void {
  if (!model) return;
  if (!model.displayName)
    throw refuse(`${FIELD}.display_name`, `${FIELD}.display_name is required.`);
  const spec = model.containerSpec;
  if (!spec)
    throw refuse(
      `${FIELD}.container_spec`,
      `${FIELD}.container_spec is required for a custom-trained model (only AutoML models may omit it): set container_spec.image_uri to a serving image, e.g. a pre-built prediction container.`,
    );
  if (!spec.imageUri)
    throw refuse(
      `${FIELD}.container_spec.image_uri`,
      `${FIELD}.container_spec.image_uri is required.`,
    );
  (spec.ports ?? []).forEach((port, i) => {
    const value = port.containerPort ?? 0;
    if (!Number.isInteger(value) || value < 1 || value > 65535)
      throw refuse(
        `${FIELD}.container_spec.ports[${i}].container_port`,
        `${FIELD}.container_spec.ports[${i}].container_port must be between 1 and 65535; got ${value}.`,
      );
  });
}
