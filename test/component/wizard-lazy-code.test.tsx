// The wizard's code that its first frame does not draw loads later (issue #22,
// ui/screens/wizard/lazy-code.ts): the validator right after the first frame, the review when it is
// about to open. On the review, keys typed while either loads wait for it (KeyRouter.hold) and then
// reach it as if it had been loaded all along: none is lost. Each load is held back by the test
// (a module mock waiting on a promise), so nothing here depends on timing.
import {Box} from 'ink';
import {render as renderInk} from 'ink-testing-library';
import React from 'react';
import {afterEach, describe, expect, it, vi} from 'vitest';
import {visibleSteps} from '../../source/ui/screens/wizard/step-model.js';
import type {WizardProps} from '../../source/ui/screens/wizard/Wizard.js';
import {exampleDraft} from '../../source/core/job-spec/example-draft.js';

const draft = exampleDraft({
  project: 'my-project',
  region: 'us-central1',
  packagePath: '/pkg',
  stagingBucket: 'bucket-b',
  now: new Date('2026-12-01T10:00:00Z'),
});

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((ok) => (resolve = ok));
  return {promise, resolve};
}

/**
 * The wizard with fresh modules, `module` loading only once `gate` resolves. Rendered here, not
 * with test/helpers/wizard-harness.tsx, whose job-spec index imports the validator statically.
 */
async function wizardWithGate(module: string, gate: Promise<void>) {
  vi.resetModules();
  vi.doMock(module, async (importOriginal) => {
    await gate;
    return importOriginal();
  });
  const {KeyDispatcher} = await import('../../source/ui/shell/keys/key-dispatcher.js');
  const {Wizard} = await import('../../source/ui/screens/wizard/Wizard.js');
  const {BUILTIN_CATALOG} = await import('../../source/core/job-spec/catalog.js');
  const {reviewCode, validatorCode} = await import('../../source/ui/screens/wizard/lazy-code.js');
  // Whatever is not gated is loaded already, so only the gated load can hold keys.
  if (!module.endsWith('/validate.js')) await validatorCode.load();
  const render = (props: Partial<WizardProps>) => {
    const onSubmit = vi.fn();
    const app = renderInk(
      <KeyDispatcher onQuit={vi.fn()}>
        <Box width={80} flexDirection="column">
          <Wizard
            initialDraft={draft}
            catalog={BUILTIN_CATALOG}
            height={22}
            width={80}
            submitting={undefined}
            submitError={undefined}
            onSubmit={onSubmit}
            onExit={vi.fn()}
            {...props}
          />
        </Box>
      </KeyDispatcher>,
    );
    const flat = () => (app.lastFrame() ?? '').replace(/\n\s*/g, ' ');
    const waitFor = async (pattern: RegExp) => {
      for (let i = 0; i < 100 && !pattern.test(flat()); i++) await tick(50);
      expect(flat()).toMatch(pattern);
    };
    return {...app, flat, waitFor, onSubmit};
  };
  return {render, reviewCode};
}

const tick = (ms = 30) => new Promise((resolve) => setTimeout(resolve, ms));

afterEach(() => {
  vi.doUnmock('../../source/ui/screens/wizard/ReviewStep.js');
  vi.doUnmock('../../source/core/job-spec/validate.js');
  vi.resetModules();
});

describe("the wizard's later code", () => {
  it('opened on the review: keys typed while its code loads reach the review', async () => {
    const gate = deferred();
    const {render} = await wizardWithGate(
      '../../source/ui/screens/wizard/ReviewStep.js',
      gate.promise,
    );
    const app = render({initialStep: -1});
    await tick(100);
    // Not loaded yet: the header, and no review (nor a stray key's effect) below it.
    expect(app.flat()).toMatch(/New training job/);
    expect(app.flat()).not.toMatch(/Request JSON|Summary/);
    // v (next view: the request JSON), typed before the review's code is there.
    app.stdin.write('v');
    await tick(100);
    gate.resolve();
    // The request view is the one selected (the views' row shows every name).
    await app.waitFor(/\[Request JSON\]/);
    app.unmount();
  });

  it('enter on the review typed before the validator loads still submits', async () => {
    const gate = deferred();
    const {render} = await wizardWithGate('../../source/core/job-spec/validate.js', gate.promise);
    const app = render({initialStep: -1});
    await app.waitFor(/Summary/);
    app.stdin.write('\r');
    await tick(100);
    expect(app.onSubmit).not.toHaveBeenCalled();
    gate.resolve();
    for (let i = 0; i < 60 && app.onSubmit.mock.calls.length === 0; i++) await tick(50);
    expect(app.onSubmit).toHaveBeenCalledTimes(1);
    app.unmount();
  });

  it('the step before the review loads it, so the review draws at once; step 1 does not', async () => {
    const {render, reviewCode} = await wizardWithGate(
      '../../source/ui/screens/wizard/ReviewStep.js',
      Promise.resolve(),
    );
    const first = render({});
    await first.waitFor(/step 1\/\d+: Where/);
    await tick(200);
    expect(reviewCode.current()).toBeUndefined();
    first.unmount();

    const app = render({
      initialStep: visibleSteps(draft).findIndex((step) => step.id === 'review') - 1,
    });
    await app.waitFor(/: Options/);
    for (let i = 0; i < 60 && !reviewCode.current(); i++) await tick(50);
    expect(reviewCode.current()).toBeDefined();
    app.unmount();
  });
});
