// The uploaded model's serving container (Model.container_spec, aiplatform v1 model.proto): the
// request carries it, the three exports show it (the gcloud view and script say gcloud has no flag
// for it), files and API objects read it back, and a pipeline read back without it (container_spec
// is INPUT_ONLY, so Vertex may not return it) becomes a draft the validator stops with the fix.
import {describe, expect, it} from 'vitest';
import {
  buildCreateTrainingPipelineRequest,
  draftFromApiJob,
  gcloudCommandScript,
  importJobText,
  restBodyJson,
  validateDraft,
} from '../../../source/core/job-spec/index.js';
import {reviewRows} from '../../../source/ui/screens/wizard/review-text.js';
import {SERVING, withModel} from './model-rule-cases.js';

const draft = withModel({modelContainer: {imageUri: SERVING, predictRoute: '/p', port: 9000}});

describe("a custom pipeline's model serving container", () => {
  it('is sent as modelToUpload.containerSpec with only the fields set', () => {
    const {trainingPipeline} = buildCreateTrainingPipelineRequest(draft);
    expect(trainingPipeline.modelToUpload).toEqual({
      displayName: 'model-1',
      containerSpec: {imageUri: SERVING, predictRoute: '/p', ports: [{containerPort: 9000}]},
    });
  });

  it('shows in the request JSON, the config file and the gcloud view, which says gcloud has no flag for it', () => {
    expect(JSON.parse(restBodyJson(draft)).modelToUpload.containerSpec.imageUri).toBe(SERVING);
    for (const view of ['request', 'config'] as const)
      expect(reviewRows(draft, view, 100).join('\n')).toContain(SERVING);
    // Wrapped notes continue on rows starting "# ": joined back for the match.
    const gcloud = reviewRows(draft, 'gcloud', 100).join('\n').replace(/\n# /g, ' ');
    expect(gcloud).toMatch(
      /The model's serving container \(modelToUpload\.containerSpec\) is in request\.json: gcloud has no flag for it\./,
    );
    expect(gcloudCommandScript(draft)).toMatch(/# The model's serving container .*no flag for it/);
    const plain = withModel({modelDisplayName: undefined, modelContainer: undefined});
    expect(reviewRows(plain, 'gcloud', 100).join('\n')).not.toMatch(/serving container/);
  });

  it('reads back from a file, and a file without one is stopped by the validator', () => {
    const file = restBodyJson(draft);
    const read = importJobText(file);
    expect(read.ok && read.draft.modelContainer).toEqual(draft.modelContainer);
    const body = JSON.parse(file);
    delete body.modelToUpload.containerSpec;
    const without = importJobText(JSON.stringify(body));
    expect(without.ok).toBe(true);
    const problems = validateDraft(without.ok ? without.draft : draft, new Date('2026-12-06'));
    expect(problems.find((p) => p.rule === 'model-container-required')).toMatchObject({
      severity: 'error',
      path: 'modelToUpload.containerSpec.imageUri',
    });
  });

  it('refuses in a file what drafts cannot hold (command) instead of dropping it', () => {
    const body = JSON.parse(restBodyJson(draft));
    body.modelToUpload.containerSpec.command = ['serve'];
    const read = importJobText(JSON.stringify(body));
    expect(read.ok).toBe(false);
    expect(!read.ok && read.errors.map((e) => e.path)).toContain(
      'modelToUpload.containerSpec.command',
    );
  });

  it('clones from an API object with or without container_spec (INPUT_ONLY: either shape may come back)', () => {
    const {trainingPipeline} = buildCreateTrainingPipelineRequest(draft);
    const served = {
      ...trainingPipeline,
      name: 'projects/p/locations/us-central1/trainingPipelines/1',
    };
    const withSpec = draftFromApiJob(served);
    expect(withSpec.ok && withSpec.draft.modelContainer).toEqual(draft.modelContainer);
    const bare = draftFromApiJob({
      ...served,
      modelToUpload: {displayName: 'model-1', containerSpec: null, artifactUri: 'gs://b/m/'},
    });
    expect(bare.ok).toBe(true);
    expect(bare.ok && bare.draft.modelContainer).toBeUndefined();
    expect(
      validateDraft(bare.ok ? bare.draft : draft).some(
        (p) => p.rule === 'model-container-required',
      ),
    ).toBe(true);
  });
});
