// The image catalog in the wizard at 80×22 (issue #21 papercut): nothing on the first screen; said
// where images are chosen (the container step) and at the review, in proportion to the backend —
// a note on the local emulator, which runs the code without the image; on Vertex AI the warning
// that it may refuse an image past its end of availability
// (https://cloud.google.com/vertex-ai/docs/training/pre-built-containers gives the date; the
// answer to an expired image is not documented). Every row stays within the screen.
import {describe, expect, it} from 'vitest';
import {exampleDraft, type JobDraft} from '../../source/core/job-spec/index.js';
import {renderWizardAt80, tick} from '../helpers/wizard-harness.js';

// The example job's image, pytorch-xla.2-4.py310, and every other PyTorch image in the built-in
// catalog are past their end of availability on the day these tests run (2026-12 and later).
const example = exampleDraft({
  project: 'my-project',
  region: 'us-central1',
  packagePath: '/pkg',
  stagingBucket: 'bucket-b',
  now: new Date('2026-12-01T10:00:00Z'),
});

function fits(frame: string) {
  const rows = frame.split('\n');
  expect(rows.length).toBeLessThanOrEqual(22);
  for (const row of rows) expect(row.length).toBeLessThanOrEqual(80);
}

describe('the catalog said where images are chosen, as the backend makes it matter', () => {
  it('local: nothing on the first screen; a note on the container step and one row at the review', async () => {
    const app = renderWizardAt80({initialDraft: example});
    await tick(80);
    expect(app.flat()).not.toMatch(/end of availability|still available|catalog checked/);
    app.unmount();

    const container = renderWizardAt80({
      initialDraft: example,
      initialPlace: {step: 'container', field: 'framework', pool: 0},
    });
    await container.waitFor(
      /note: no PyTorch image in the catalog is still available; the local emulator runs your code without the image \(Vertex AI may refuse it\)/,
    );
    // Not a warning on the local emulator: the Version field has no problem under it.
    expect(container.flat()).not.toMatch(/⚠ pytorch-xla\.2-4\.py310 passed its end/);
    fits(container.frame());
    container.unmount();

    const review = renderWizardAt80({initialDraft: example, initialStep: -1});
    await review.waitFor(/Press enter to submit/);
    await tick(200); // validation runs from the second frame on
    const rows = review.frame().split('\n');
    expect(rows.filter((row) => /end of availability/.test(row))).toEqual([
      expect.stringMatching(
        /^\s*note: pytorch-xla\.2-4\.py310 is past its end of availability \(not used locally\)$/,
      ),
    ]);
    expect(review.flat()).not.toMatch(/⚠ Container/);
    fits(review.frame());
    review.unmount();
  });

  it('Vertex AI: the warning that it may refuse the image, under the version and at the review', async () => {
    const vertex: JobDraft = {...example, backend: 'vertex'};
    const container = renderWizardAt80({
      initialDraft: vertex,
      initialPlace: {step: 'container', field: 'framework', pool: 0},
    });
    await container.waitFor(
      /⚠ pytorch-xla\.2-4\.py310 passed its end of availability \(\d{4}-\d\d-\d\d\): Vertex AI may refuse it/,
    );
    expect(container.flat()).not.toMatch(/the local emulator runs your code without/);
    fits(container.frame());
    container.unmount();

    const review = renderWizardAt80({initialDraft: vertex, initialStep: -1});
    await review.waitFor(
      /⚠ Container \(workerpool0\): pytorch-xla\.2-4\.py310 passed its end of availability/,
    );
    expect(review.frame()).not.toMatch(/^note: /m);
    fits(review.frame());
    review.unmount();
  });

  it('says nothing for a job that runs no pre-built image', async () => {
    const custom: JobDraft = {
      ...example,
      workerPools: [
        {
          ...example.workerPools[0],
          task: {
            kind: 'container',
            imageUri: 'us-docker.pkg.dev/p/r/i:1',
            command: [],
            args: [],
            env: [],
          },
        },
      ],
    };
    const review = renderWizardAt80({initialDraft: custom, initialStep: -1});
    await review.waitFor(/Press enter to submit/);
    await tick(200);
    expect(review.flat()).not.toMatch(/end of availability|still available/);
    review.unmount();
  });
});
