// The dataset step's picker: the project's datasets (display name, type, id) filtered by typing,
// then the split and the export destination; an empty list and a failed one say what to do.
import {describe, expect, it, vi} from 'vitest';
import {exampleDraft, type JobDraft} from '../../source/core/job-spec/index.js';
import {ApiError, type DatasetsApi} from '../../source/services/vertex/api.js';
import {listProjectDatasets} from '../../source/ui/screens/wizard/dataset-list.js';
import {renderWizardAt80} from '../helpers/wizard-harness.js';

const ENTER = '\r';
const DOWN = '\u001B[B';
const CTRL_U = '\u0015';
const PARENT = 'projects/my-project/locations/us-central1';

const pipeline: JobDraft = {
  ...exampleDraft({
    project: 'my-project',
    region: 'us-central1',
    packagePath: '/pkg',
    stagingBucket: 'bucket-b',
  }),
  workflow: 'training-pipeline',
  dataset: {kind: 'managed', datasetId: ''},
};

function fakeApi(datasets: Record<string, unknown>[] | Error): Pick<DatasetsApi, 'listDatasets'> {
  return {
    listDatasets: vi.fn(async (request) => {
      if (datasets instanceof Error) throw datasets;
      expect(request.parent).toBe(PARENT);
      return {items: datasets, nextPageToken: ''};
    }),
  };
}

const TABLE = {
  name: `${PARENT}/datasets/1234567890`,
  displayName: 'churn table',
  metadataSchemaUri: 'gs://google-cloud-aiplatform/schema/dataset/metadata/tabular_1.0.0.yaml',
};
const PHOTOS = {
  name: `${PARENT}/datasets/987`,
  displayName: 'photos',
  metadataSchemaUri: 'gs://google-cloud-aiplatform/schema/dataset/metadata/image_1.0.0.yaml',
};

function renderDatasetStep(api: Pick<DatasetsApi, 'listDatasets'>) {
  return renderWizardAt80({
    initialDraft: pipeline,
    initialPlace: {step: 'dataset', field: 'datasetId'},
    listDatasets: (parent) => listProjectDatasets(api, parent),
  });
}

describe('dataset step: the picker', () => {
  it("lists the project's datasets with name, type and id, filters by typing, and picks one", async () => {
    const wizard = renderDatasetStep(fakeApi([TABLE, PHOTOS]));
    await wizard.waitFor(/Managed dataset/);
    await wizard.press(ENTER); // open the list
    await wizard.waitFor(/churn table · tabular · 1234567890/);
    expect(wizard.flat()).toMatch(/photos · image · 987/);
    for (const char of 'phot') await wizard.press(char);
    await wizard.waitFor(/❯ photos · image · 987/);
    expect(wizard.flat()).not.toMatch(/churn table · tabular/);
    await wizard.press(ENTER);
    await wizard.waitFor(/Managed dataset\s+photos · image · 987/);
    // The split: each kind and its own field; then the export destination.
    await wizard.press(DOWN); // Split
    await wizard.waitFor(/❯ Split\s+none: Vertex's default/);
    await wizard.press('+');
    await wizard.waitFor(/Fractions\s+0\.8\/0\.1\/0\.1/);
    await wizard.press('+');
    await wizard.waitFor(/Filters\s+labels\.aiplatform\.googleapis\.com\/ml_use=training/);
    await wizard.press('+');
    await wizard.waitFor(/Split column\s+ml_use/);
    await wizard.press(DOWN, DOWN, ENTER, CTRL_U);
    for (const char of 'gs://bucket-b/export/') await wizard.press(char);
    await wizard.press(ENTER);
    await wizard.waitFor(/Export to\s+gs:\/\/bucket-b\/export\//);
  });

  it('explains an empty list with the next step, and takes a typed id', async () => {
    const wizard = renderDatasetStep(fakeApi([]));
    await wizard.waitFor(/has no managed datasets → create one/);
    expect(wizard.flat()).toMatch(/Dataset id/);
    await wizard.press(ENTER);
    for (const char of '42') await wizard.press(char);
    await wizard.press(ENTER);
    await wizard.waitFor(/Dataset id\s+42/);
  });

  it('explains a failed list in plain words with the next step', async () => {
    const denied = new ApiError(
      '7 PERMISSION_DENIED: Permission aiplatform.datasets.list denied',
      7,
      "Permission 'aiplatform.datasets.list' denied on resource",
      {
        reason: 'IAM_PERMISSION_DENIED',
        errorInfoMetadata: {permission: 'aiplatform.datasets.list'},
      },
    );
    const wizard = renderDatasetStep(fakeApi(denied));
    await wizard.waitFor(
      /could not list the datasets of projects\/my-project\/locations\/us-central1:/,
    );
    expect(wizard.flat()).toMatch(/aiplatform\.datasets\.list/);
    expect(wizard.flat()).toMatch(/→ .+; or type the dataset id/);
    expect(wizard.flat()).not.toMatch(/at .*\.js:\d+/);
  });
});
