// The uploaded model's serving container in the wizard at 80×22 (the smallest screen the app
// promises): a custom pipeline that names a model is stopped until it has one (Model.container_spec
// is required for custom-trained models, aiplatform v1 model.proto); the Options step offers a
// pre-built prediction image or the user's own with routes and port; the review's request shows
// it and its gcloud view says gcloud has no flag for it.
import {describe, expect, it} from 'vitest';
import {exampleDraft, type JobDraft} from '../../source/core/job-spec/index.js';
import {renderWizardAt80, tick} from '../helpers/wizard-harness.js';

const ENTER = '\r';
const DOWN = '\u001B[B';
const CTRL_U = '\u0015';
const PAGE_DOWN = '\u001B[6~';

const pipeline: JobDraft = {
  ...exampleDraft({
    project: 'my-project',
    region: 'europe-west4',
    packagePath: '/pkg',
    stagingBucket: 'bucket-b',
    now: new Date('2026-12-01T10:00:00Z'),
  }),
  workflow: 'training-pipeline',
  baseOutputDirectory: 'gs://bucket-b/out/',
  modelDisplayName: 'churn-model',
};

describe('the serving container of the uploaded model', () => {
  it('is required, offered pre-built or custom with routes and port, and carried to the review', async () => {
    const app = renderWizardAt80({
      initialDraft: pipeline,
      initialPlace: {step: 'options', field: 'servingKind'},
    });
    await app.waitFor(/❯ Serving container\s+—/);
    await app.waitFor(
      /modelToUpload\.containerSpec\.imageUri is required when a custom pipeline uploads a model/,
    );
    await app.press('+'); // pre-built prediction image
    await app.waitFor(/Serving image\s+TensorFlow 2\.15 · CPU · tf2-cpu\.2-15/);
    expect(app.flat()).not.toMatch(/containerSpec\.imageUri is required/);
    await app.press('+'); // your own serving image
    await app.waitFor(/Serving image URI\s+—/);
    await app.press(DOWN, ENTER);
    await app.press(...'europe-docker.pkg.dev/my-project/serve/server:1');
    await app.press(ENTER);
    await app.waitFor(/Serving image URI\s+europe-docker\.pkg\.dev\/my-project\/serve\/server:1/);
    await app.press(DOWN, ENTER, ...'/predict', ENTER);
    await app.waitFor(/Predict route\s+\/predict/);
    await app.press(DOWN, DOWN, ENTER, ...'99999', ENTER);
    await app.waitFor(/the port is a whole number from 1 to 65535/);
    await app.press(CTRL_U, ...'8501', ENTER);
    await app.waitFor(/Serving port\s+8501/);
    for (const line of app.frame().split('\n')) expect(line.length).toBeLessThanOrEqual(80);

    await app.press('\t'); // the review
    await app.waitFor(/Press enter to submit/);
    await app.press('v'); // the request JSON
    await tick(80);
    // Paged through (pgdn): the body is longer than the screen.
    let request = app.flat();
    for (let page = 0; page < 12 && !/"containerPort"/.test(request); page++) {
      await app.press(PAGE_DOWN);
      request += app.flat();
    }
    expect(request).toMatch(/"containerSpec": \{/);
    expect(request).toMatch(/"imageUri": "europe-docker\.pkg\.dev\/my-project\/serve\/server:1"/);
    expect(request).toMatch(/"containerPort": 8501/);
    await app.press('v', 'v'); // the gcloud view
    await tick(80);
    let gcloud = app.flat();
    for (let page = 0; page < 6 && !/gcloud has no flag/.test(gcloud); page++) {
      await app.press(PAGE_DOWN);
      gcloud += app.flat();
    }
    expect(gcloud).toMatch(
      /# The model's serving container \(modelToUpload\.containerSpec\) is in (# )?request\.json: gcloud has no flag for it\./,
    );
    app.unmount();
  }, 30_000);

  it('is not asked of a pipeline that names no model', async () => {
    const app = renderWizardAt80({
      initialDraft: {...pipeline, modelDisplayName: undefined},
      initialPlace: {step: 'options', field: 'displayName'},
    });
    await tick(80);
    expect(app.flat()).not.toMatch(/Serving container/);
    app.unmount();
  });
});
