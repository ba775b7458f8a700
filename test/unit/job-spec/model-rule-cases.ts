// The uploaded model's rules (validate-model.ts): one failing and one passing draft each, joined
// into CASES by rule-cases.ts. Google's rules: aiplatform v1 model.proto (Model.display_name
// required, container_spec "Not required for AutoML Models", ModelContainerSpec.image_uri
// required, Port.container_port 1-65535).
import type {JobDraft} from '../../../source/core/job-spec/index.js';
import {AUTOML_INPUTS, baseDraft} from './fixtures.js';
import type {RuleCase} from './rule-cases.js';

export const SERVING = 'us-docker.pkg.dev/vertex-ai/prediction/tf2-cpu.2-15:latest';

/** A custom training pipeline that uploads a model with the given serving container. */
export const withModel = (patch: Partial<JobDraft> = {}): JobDraft =>
  baseDraft({
    workflow: 'training-pipeline',
    baseOutputDirectory: 'gs://my-bucket/out/',
    modelDisplayName: 'model-1',
    modelContainer: {imageUri: SERVING},
    ...patch,
  });

const container = (patch: Partial<NonNullable<JobDraft['modelContainer']>>) =>
  withModel({modelContainer: {imageUri: SERVING, ...patch}});

export const MODEL_CASES: RuleCase[] = [
  {
    rule: 'model-container-required',
    path: 'modelToUpload.containerSpec.imageUri',
    bad: withModel({modelContainer: undefined}),
    good: withModel(),
    message: /modelToUpload\.containerSpec\.imageUri is required .*only AutoML models may omit/,
  },
  {
    rule: 'model-container-required',
    path: 'modelToUpload.containerSpec.imageUri',
    bad: container({imageUri: ' '}),
    good: container({imageUri: 'us-docker.pkg.dev/p/repo/server:1'}),
  },
  {
    // AutoML models need no serving container: the "good" AutoML pipeline names a model only.
    rule: 'model-container-required',
    path: 'modelToUpload.containerSpec.imageUri',
    bad: withModel({modelContainer: undefined}),
    good: baseDraft({
      trainingType: 'automl',
      workflow: 'training-pipeline',
      automl: AUTOML_INPUTS[0],
      dataset: {kind: 'managed', datasetId: '123'},
      modelDisplayName: 'automl-model',
    }),
  },
  {
    rule: 'model-container-unused',
    path: 'modelToUpload',
    bad: withModel({modelDisplayName: undefined}),
    good: withModel({modelDisplayName: undefined, modelContainer: undefined}),
  },
  {
    rule: 'model-name-required',
    path: 'modelToUpload.displayName',
    bad: withModel({modelDisplayName: ' '}),
    good: withModel(),
  },
  {
    rule: 'model-name-length',
    path: 'modelToUpload.displayName',
    bad: withModel({modelDisplayName: 'm'.repeat(129)}),
    good: withModel({modelDisplayName: 'm'.repeat(128)}),
  },
  {
    rule: 'model-image-prebuilt',
    path: 'modelToUpload.containerSpec.imageUri',
    bad: container({imageUri: 'us-docker.pkg.dev/vertex-ai/prediction/tf2-cpu.2-15'}),
    good: container({imageUri: SERVING}),
    message: /:latest tag/,
  },
  {
    rule: 'model-image-end-of-availability',
    path: 'modelToUpload.containerSpec.imageUri',
    bad: container({imageUri: 'us-docker.pkg.dev/vertex-ai/prediction/tf2-cpu.2-13:latest'}),
    good: container({imageUri: SERVING}),
  },
  {
    rule: 'model-container-port',
    path: 'modelToUpload.containerSpec.ports[0].containerPort',
    bad: container({port: 70000}),
    good: container({port: 8080}),
  },
  {
    rule: 'model-container-route',
    path: 'modelToUpload.containerSpec.predictRoute',
    bad: container({predictRoute: 'predict'}),
    good: container({predictRoute: '/predict'}),
  },
  {
    rule: 'model-container-route',
    path: 'modelToUpload.containerSpec.healthRoute',
    bad: container({healthRoute: 'health'}),
    good: container({healthRoute: '/health'}),
  },
];
