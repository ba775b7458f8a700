// The model a custom training pipeline uploads, on the emulator through the official
// @google-cloud/aiplatform PipelineServiceClient: refused as Vertex refuses it (aiplatform v1
// model.proto: Model.container_spec "Not required for AutoML Models", so a custom-trained model
// needs one; ModelContainerSpec.image_uri "Required"; Port.container_port 1-65535), with
// INVALID_ARGUMENT and a google.rpc.BadRequest field violation naming the field; accepted, and
// kept on the pipeline, once the wizard's draft carries a serving container.
import * as grpc from '@grpc/grpc-js';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {
  buildCreateTrainingPipelineRequest,
  exampleDraft,
  type JobDraft,
} from '../../source/core/job-spec/index.js';
import {serializeError} from '../../source/services/vertex/worker-protocol.js';
import {EXAMPLE_PACKAGE, startTestEmulator, type TestEmulator} from '../helpers/emulator.js';

const SERVING = 'us-docker.pkg.dev/vertex-ai/prediction/tf2-cpu.2-15:latest';
let env: TestEmulator;

beforeAll(async () => {
  env = await startTestEmulator({queueDelayMs: 20, provisionDelayMs: 20});
});
afterAll(async () => env?.close());

function draft(patch: Partial<JobDraft>): JobDraft {
  return {
    ...exampleDraft({
      project: 'test-project',
      region: 'us-central1',
      packagePath: EXAMPLE_PACKAGE,
      stagingBucket: 'staging',
    }),
    workflow: 'training-pipeline',
    displayName: 'with-model',
    baseOutputDirectory: 'gs://out-bucket/run/',
    modelDisplayName: 'served-model',
    ...patch,
  };
}

async function refusal(request: unknown) {
  const error = await env.clients.pipelines.createTrainingPipeline(request as never).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeDefined();
  return serializeError(error);
}

describe('model_to_upload of a custom training pipeline', () => {
  it('is refused without container_spec: INVALID_ARGUMENT naming the field, with a BadRequest violation', async () => {
    const request = buildCreateTrainingPipelineRequest(draft({}));
    expect(request.trainingPipeline.modelToUpload).toEqual({displayName: 'served-model'});
    const error = await refusal(request);
    expect(error.code).toBe(grpc.status.INVALID_ARGUMENT);
    expect(error.details).toMatch(
      /training_pipeline\.model_to_upload\.container_spec is required for a custom-trained model \(only AutoML models may omit it\)/,
    );
    expect(error.statusDetails).toContainEqual(
      expect.objectContaining({
        '@type': 'type.googleapis.com/google.rpc.BadRequest',
        fieldViolations: [
          expect.objectContaining({field: 'training_pipeline.model_to_upload.container_spec'}),
        ],
      }),
    );
    const [pipelines] = await env.clients.pipelines.listTrainingPipelines({
      parent: request.parent,
    });
    expect(pipelines.filter((p) => p.displayName === 'with-model')).toEqual([]);
  });

  it('is refused with an empty image_uri or a port out of range', async () => {
    const noImage = buildCreateTrainingPipelineRequest(draft({modelContainer: {imageUri: ''}}));
    expect((await refusal(noImage)).details).toMatch(
      /model_to_upload\.container_spec\.image_uri is required/,
    );
    const badPort = buildCreateTrainingPipelineRequest(
      draft({modelContainer: {imageUri: SERVING, port: 70000}}),
    );
    const error = await refusal(badPort);
    expect(error.code).toBe(grpc.status.INVALID_ARGUMENT);
    expect(error.details).toMatch(/ports\[0\]\.container_port must be between 1 and 65535/);
  });

  it('is refused without display_name', async () => {
    const request = buildCreateTrainingPipelineRequest(draft({}));
    request.trainingPipeline.modelToUpload = {containerSpec: {imageUri: SERVING}} as never;
    expect((await refusal(request)).details).toMatch(/model_to_upload\.display_name is required/);
  });

  it('is accepted with a serving container, which the pipeline keeps', async () => {
    const request = buildCreateTrainingPipelineRequest(
      draft({modelContainer: {imageUri: SERVING, predictRoute: '/predict', port: 8501}}),
    );
    const [created] = await env.clients.pipelines.createTrainingPipeline(request as never);
    expect(created.modelToUpload?.displayName).toBe('served-model');
    expect(created.modelToUpload?.containerSpec).toMatchObject({
      imageUri: SERVING,
      predictRoute: '/predict',
      ports: [{containerPort: 8501}],
    });
    // Kept as sent (the package was never staged, so the run itself fails: not this test's subject).
    const [read] = await env.clients.pipelines.getTrainingPipeline({name: created.name as string});
    expect(read.modelToUpload?.containerSpec?.imageUri).toBe(SERVING);
  });
});
