// Loading a preset with `l` on the first step replaces the draft, and the review says where the
// values came from.
import {describe, expect, it, vi} from 'vitest';
import {exampleDraft, type JobDraft} from '../../source/core/job-spec/index.js';
import type {Prefill} from '../../source/ui/screens/wizard/prefill.js';
import {renderWizardAt80, tick} from '../helpers/wizard-harness.js';

const TAB = '\t';
const example = exampleDraft({
  project: 'my-project',
  region: 'us-central1',
  packagePath: '/pkg',
  stagingBucket: 'bucket-b',
});
const preset: JobDraft = {...example, project: 'preset-project', displayName: 'from-the-preset'};

function renderWizard(onLoadPreset: () => Promise<Prefill | undefined>, origin?: string) {
  return renderWizardAt80({initialDraft: example, onLoadPreset, ...(origin && {origin})});
}

describe('presets in the wizard', () => {
  it('l on the first step loads a preset; the review names it', async () => {
    const load = vi.fn(async () => ({draft: preset, origin: 'preset gpu-run'}));
    const wizard = renderWizard(load, 'the example job');
    await tick(60);
    await wizard.press('l');
    await tick(60);
    expect(load).toHaveBeenCalledTimes(1);
    expect(wizard.flat()).toMatch(/Project\s+preset-project/);
    expect(wizard.flat()).toMatch(/loaded preset gpu-run/);
    await wizard.press(...Array.from({length: 7}, () => TAB));
    expect(wizard.flat()).toMatch(/step 8\/8: Review/);
    expect(wizard.flat()).toMatch(/Values from preset gpu-run/);
    expect(wizard.flat()).toMatch(/Where\s+preset-project · us-central1/);
  });

  it('l does nothing on later steps, and a cancelled load keeps the draft', async () => {
    const load = vi.fn(async () => undefined);
    const wizard = renderWizard(load, 'the example job');
    await wizard.press('l');
    expect(wizard.flat()).toMatch(/Project\s+my-project/);
    await wizard.press(TAB);
    await wizard.press('l');
    expect(load).toHaveBeenCalledTimes(1);
    await wizard.press(...Array.from({length: 6}, () => TAB));
    expect(wizard.flat()).toMatch(/Values from the example job/);
  });
});
