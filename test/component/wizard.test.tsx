// The wizard's steps and branches, rendered with Ink and driven by keys (no backend): every
// applicable step, AutoML vs custom, each workflow, both container kinds, managed vs no dataset,
// the study table, per-pool compute, going back without losing edits, and validation next to
// the field that fixes it, for every rule.
import {render} from 'ink-testing-library';
import React from 'react';
import {describe, expect, it, vi} from 'vitest';
import {KeyDispatcher} from '../../source/ui/shell/keys/key-dispatcher.js';
import {
  BUILTIN_CATALOG,
  exampleDraft,
  validateDraft,
  type JobDraft,
} from '../../source/core/job-spec/index.js';
import {locateProblem, type ProblemLocation} from '../../source/ui/screens/wizard/step-model.js';
import {stepById} from '../../source/ui/screens/wizard/steps/index.js';
import {Wizard} from '../../source/ui/screens/wizard/Wizard.js';
import {CASES, TODAY} from '../unit/job-spec/rule-cases.js';

const ENTER = '\r';
const DOWN = '\u001B[B';
const UP = '\u001B[A';
const ESC = '\u001B';
const TAB = '\t';
const SHIFT_TAB = '\u001B[Z';

const example = exampleDraft({
  project: 'my-project',
  region: 'us-central1',
  packagePath: '/pkg',
  stagingBucket: 'bucket-b',
  now: new Date('2026-12-01T10:00:00Z'),
});
const tick = (ms = 25) => new Promise((resolve) => setTimeout(resolve, ms));

function renderWizard(
  options: {draft?: JobDraft; place?: ProblemLocation; step?: number; width?: number} = {},
) {
  const onSubmit = vi.fn();
  const onExit = vi.fn();
  const app = render(
    <KeyDispatcher onQuit={onExit}>
      <Wizard
        initialDraft={options.draft ?? example}
        catalog={BUILTIN_CATALOG}
        {...(options.place && {initialPlace: options.place})}
        {...(options.step !== undefined && {initialStep: options.step})}
        height={60}
        width={options.width ?? 100}
        submitting={undefined}
        submitError={undefined}
        onSubmit={onSubmit}
        onExit={onExit}
      />
    </KeyDispatcher>,
  );
  const press = async (...keys: string[]) => {
    for (const key of keys) {
      await tick();
      app.stdin.write(key);
      await tick();
    }
  };
  /** Types text one key at a time, as a person does. */
  const type = async (text: string) => press(...[...text]);
  const frame = () => app.lastFrame() ?? '';
  /** The frame as one line per field, wrapped text joined back. */
  const flat = () => frame().replace(/\n\s*/g, ' ');
  /** The review's code loads when first needed (wizard/lazy-code.ts): wait for what it draws. */
  const waitFor = async (pattern: RegExp) => {
    for (let i = 0; i < 200 && !pattern.test(frame()); i++)
      await new Promise((resolve) => setTimeout(resolve, 25));
    expect(frame()).toMatch(pattern);
  };
  return {...app, press, type, frame, flat, waitFor, onSubmit, onExit};
}

describe('walking the wizard', () => {
  it('goes through every step of a custom job with enter and submits the draft', async () => {
    const wizard = renderWizard();
    expect(wizard.frame()).toMatch(/step 1\/8: Where/);
    await wizard.press(ENTER); // Where: continue
    expect(wizard.frame()).toMatch(/step 2\/8: Training type/);
    await wizard.press(ENTER, ENTER); // custom training, custom job
    expect(wizard.frame()).toMatch(/step 4\/8: Container · workerpool0 \(primary\)/);
    await wizard.press(ENTER, ENTER); // container, compute
    expect(wizard.frame()).toMatch(/workerpool1 workers\s+2 × n1-standard-4/);
    await wizard.press('+');
    expect(wizard.frame()).toMatch(/workerpool1 workers\s+3 × n1-standard-4/);
    await wizard.press(ENTER, ENTER); // pools, options
    expect(wizard.frame()).toMatch(/step 8\/8: Review/);
    await wizard.waitFor(/Worker pools\s+2 pools · 4 replicas/);
    await wizard.press(ENTER);
    const submitted = wizard.onSubmit.mock.calls[0]?.[0] as JobDraft;
    expect(submitted.workerPools[1]?.replicaCount).toBe(3);
  });

  it('goes back with esc and shift+tab without losing an edit; esc on the first step leaves', async () => {
    const wizard = renderWizard({place: {step: 'options', field: 'displayName'}});
    expect(wizard.frame()).toMatch(/step 7\/8: Options/);
    await wizard.press(ENTER); // edit the display name
    await wizard.press('\u0015'); // ctrl+u clears the field
    await wizard.type('my-run');
    await wizard.press(ENTER);
    expect(wizard.frame()).toMatch(/Display name\s+my-run/);
    await wizard.press(SHIFT_TAB);
    expect(wizard.frame()).toMatch(/step 6\/8: Worker pools/);
    await wizard.press(ESC);
    expect(wizard.frame()).toMatch(/step 5\/8: Compute/);
    await wizard.press(TAB, TAB);
    expect(wizard.frame()).toMatch(/Display name\s+my-run/);
    const first = renderWizard();
    await first.press(ESC);
    expect(first.onExit).toHaveBeenCalled();
  });

  it('refuses a value that is not one and keeps the field open with the reason', async () => {
    const wizard = renderWizard({place: {step: 'compute', field: 'timeout', pool: 0}});
    await wizard.press(ENTER);
    await wizard.type('soon');
    await wizard.press(ENTER);
    expect(wizard.frame()).toMatch(/write a duration such as 24h/);
    await wizard.press('\u0015');
    await wizard.type('2h');
    await wizard.press(ENTER);
    expect(wizard.frame()).toMatch(/Timeout\s+2h/);
    expect(wizard.frame()).not.toMatch(/no timeout set/);
  });
});

describe('branches', () => {
  it('AutoML: dataset and AutoML steps, no container, only the pipeline workflow', async () => {
    const wizard = renderWizard({step: 1});
    await wizard.press(DOWN, ENTER); // AutoML
    expect(wizard.frame()).toMatch(/step 3\/7: Workflow/);
    await wizard.press(UP, UP, ENTER);
    expect(wizard.frame()).toMatch(/Custom job: AutoML runs only as a training pipeline/);
    await wizard.press(DOWN, DOWN, ENTER);
    expect(wizard.frame()).toMatch(/step 4\/7: Dataset/);
    expect(wizard.frame()).toMatch(/Dataset id/);
    expect(wizard.frame()).not.toMatch(/Container ›/);
    await wizard.press(TAB);
    expect(wizard.frame()).toMatch(/step 5\/7: AutoML/);
    expect(wizard.frame()).toMatch(/Target column/);
    expect(wizard.frame()).toMatch(/Budget\s+1000/);
  });

  it('tuning job: the study step with its parameter table and the flag each trial gets', async () => {
    const wizard = renderWizard({step: 2});
    await wizard.press(DOWN, ENTER); // tuning job
    expect(wizard.frame()).toMatch(/Where › Training type › \[Workflow\]|step 4\/9: Container/);
    const steps = wizard.frame();
    expect(steps).toMatch(/Study/);
    await wizard.press(TAB, TAB, TAB); // container → compute → pools → study
    expect(wizard.frame()).toMatch(/step 7\/9: Study/);
    expect(wizard.frame()).toMatch(/learning_rate double 0\.0001 0\.1 log/);
    expect(wizard.frame()).toMatch(/Each trial gets: --learning_rate=0\.0001/);
    await wizard.press(UP, ENTER, '\u0015');
    await wizard.type('layers integer 1 8');
    await wizard.press(ENTER);
    expect(wizard.frame()).toMatch(/layers integer 1 8/);
    expect(wizard.frame()).toMatch(/--layers=1/);
    await wizard.press('x');
    expect(wizard.frame()).toMatch(/No parameters yet/);
  });

  it('training pipeline: managed dataset fields appear only for a managed dataset', async () => {
    const wizard = renderWizard({step: 2});
    await wizard.press(DOWN, DOWN, ENTER); // training pipeline
    expect(wizard.frame()).toMatch(/step 4\/9: Dataset/);
    expect(wizard.frame()).not.toMatch(/Dataset id/);
    await wizard.press(UP, '+');
    expect(wizard.frame()).toMatch(/Dataset id/);
    expect(wizard.frame()).toMatch(/Split\s+none: Vertex's default/);
    await wizard.press(DOWN, DOWN, '+');
    expect(wizard.frame()).toMatch(/Fractions\s+0\.8\/0\.1\/0\.1/);
  });

  it('container: pre-built image fields or a custom image, switched with ←/→', async () => {
    const wizard = renderWizard({place: {step: 'container', field: 'kind', pool: 0}});
    expect(wizard.frame()).toMatch(/Framework\s+PyTorch/);
    expect(wizard.frame()).toMatch(
      /Version\s+2\.4 · py3\.10 · pytorch-xla\.2-4\.py310 · ⚠ retired/,
    );
    await wizard.press('+');
    expect(wizard.frame()).toMatch(/Image URI/);
    expect(wizard.frame()).toMatch(/Command/);
    expect(wizard.frame()).not.toMatch(/Framework/);
    expect(wizard.flat()).toMatch(/container image URI is required/);
    await wizard.press('-');
    // Every PyTorch image in the catalog is retired today, so none is picked for the user (a
    // default is never retired): the field waits for a choice from the marked list.
    expect(wizard.frame()).toMatch(/Framework\s+—/);
    expect(wizard.flat()).toMatch(/pick a pre-built image from the list/);
  });

  it('offers only images for the pool accelerator, newest first', async () => {
    const gpu = {
      ...example,
      workerPools: [
        {
          ...example.workerPools[0],
          machine: {
            machineType: 'n1-standard-8',
            acceleratorType: 'NVIDIA_TESLA_T4',
            acceleratorCount: 1,
          },
        },
      ] as JobDraft['workerPools'],
    };
    const wizard = renderWizard({draft: gpu, place: {step: 'container', field: 'image', pool: 0}});
    await wizard.press(ENTER);
    const options = wizard
      .frame()
      .split('\n')
      .filter((line) => /^\s{4,}(❯ )?\s*\d+\.\d+ · py/.test(line));
    expect(options.length).toBeGreaterThan(3);
    expect(options.every((line) => line.includes('pytorch-gpu'))).toBe(true);
    expect(options[0]).toMatch(/2\.4 · py3\.10 · pytorch-gpu\.2-4\.py310/);
  });

  it('compute per pool: p moves to the next pool; accelerators only as the machine takes them', async () => {
    const wizard = renderWizard({place: {step: 'compute', field: 'machineType', pool: 0}});
    await wizard.press(ENTER);
    await wizard.type('a2-highgpu-2g');
    expect(wizard.frame()).toMatch(/a2-highgpu-2g · 24 vCPU/);
    await wizard.press(ENTER);
    expect(wizard.frame()).toMatch(/Accelerator\s+2 × NVIDIA_TESLA_A100/);
    await wizard.press('p');
    expect(wizard.frame()).toMatch(/workerpool1 \(workers\)/);
    expect(wizard.frame()).toMatch(/Machine type\s+n1\s+n1-standard-4/);
    expect(wizard.frame()).not.toMatch(/Timeout/); // job-wide fields live on the primary's page
  });

  it('worker pools: adds a Reduction Server pool and previews CLUSTER_SPEC', async () => {
    const wizard = renderWizard({place: {step: 'pools', field: 'pools'}});
    await wizard.press('r');
    expect(wizard.frame()).toMatch(
      /workerpool2 parameter servers\s+2 × n1-highcpu-16 · Reduction Server/,
    );
    expect(wizard.flat()).toMatch(/CLUSTER_SPEC of workerpool2-0/);
    expect(wizard.flat()).toMatch(/"workerpool2":\["workerpool2-0:2222","workerpool2-1:2222"\]/);
    await wizard.press('x');
    expect(wizard.frame()).toMatch(/workerpool2 parameter servers\s+— \(a: add\)/);
  });

  it('review: toggles the request JSON, config and gcloud views; e jumps to a problem', async () => {
    const wizard = renderWizard({step: -1});
    expect(wizard.frame()).toMatch(/\[Summary\]/);
    await wizard.press('v');
    expect(wizard.frame()).toMatch(/POST https:\/\/us-central1-aiplatform\.googleapis\.com/);
    await wizard.press('v', 'v');
    expect(wizard.flat()).toMatch(/gcloud ai custom-jobs create/);
    await wizard.press('v', 'e');
    expect(wizard.frame()).toMatch(/step \d\/8: (Compute|Container)/);
  });

  it('review: blocks submit while an error remains and says how to reach it', async () => {
    const wizard = renderWizard({draft: {...example, displayName: ''}, step: -1});
    await tick();
    expect(wizard.frame()).toMatch(/1 error\(s\) block submitting: e goes to the field/);
    await wizard.press(ENTER);
    expect(wizard.onSubmit).not.toHaveBeenCalled();
    await wizard.press('e');
    expect(wizard.frame()).toMatch(/step 7\/8: Options/);
    expect(wizard.frame()).toMatch(/❯ Display name/);
    expect(wizard.flat()).toMatch(/display name is required → type a name for the job/);
  });
});

describe('every validation message shows next to the field that fixes it', () => {
  for (const c of CASES) {
    it(`${c.rule} at ${c.path}`, async () => {
      const problem = validateDraft(c.bad, c.today ?? TODAY).find(
        (p) => p.rule === c.rule && p.path === c.path,
      )!;
      const place = locateProblem(problem);
      const wizard = renderWizard({draft: c.bad, place, width: 100});
      const words = problem.message.replace(/\s+/g, ' ').slice(0, 40);
      // Validation starts on the wizard's second frame (it never delays the first one).
      for (let frame = 0; frame < 40 && !wizard.flat().includes(words); frame += 1) await tick();
      const flat = wizard.flat();
      expect(flat).toContain(words);
      expect(wizard.frame()).toMatch(new RegExp(`step \\d+/\\d+: ${stepById(place.step).title}`));
      wizard.unmount();
    });
  }
});
