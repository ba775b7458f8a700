// Issue #21: the catalog notice (every PyTorch/TensorFlow/… image past its end of availability)
// belongs where images are chosen and at the review, not on a first run's first screen, and in
// proportion to the backend: a note for the local emulator (which never pulls the image), a
// warning for Vertex AI (which runs it).
import {afterEach, describe, expect, it} from 'vitest';
import {exampleDraft} from '../../source/core/job-spec/index.js';
import {renderWizard} from '../helpers/wizard-harness.js';

const draft = exampleDraft({
  project: 'my-project',
  region: 'us-central1',
  packagePath: '/pkg',
  stagingBucket: 'bucket-b',
  now: new Date('2026-12-01T10:00:00Z'),
});
const EXPIRED = /image in it is still available/;
const SIZE = {width: 100, height: 60};

let wizard: ReturnType<typeof renderWizard> | undefined;
afterEach(() => wizard?.unmount());

describe('the catalog notice', () => {
  it('is not on the first screen', async () => {
    wizard = renderWizard({initialDraft: draft}, SIZE);
    await wizard.waitFor(/step 1\/8: Where/);
    expect(wizard.flat()).not.toMatch(EXPIRED);
  });

  it('is a note at the container step and the review on the local emulator', async () => {
    wizard = renderWizard(
      {initialDraft: draft, initialPlace: {step: 'container', field: 'kind', pool: 0}},
      SIZE,
    );
    await wizard.waitFor(EXPIRED);
    expect(wizard.flat()).toMatch(
      /note: .*image in it is still available; the local emulator runs the code without the image/,
    );
    expect(wizard.flat()).not.toContain('⚠ catalog');
    wizard.unmount();
    wizard = renderWizard({initialDraft: draft, initialStep: -1}, SIZE);
    await wizard.waitFor(/note: .*image in it is still available/);
  });

  it('is a warning on Vertex AI, which runs the image', async () => {
    wizard = renderWizard(
      {
        initialDraft: draft,
        initialStep: -1,
        session: {backend: 'vertex', project: 'my-project', region: 'us-central1'},
      },
      SIZE,
    );
    await wizard.waitFor(
      /⚠ .*image in it is still available: Vertex AI does not run images past their end of availability → use a custom container/,
    );
  });
});
