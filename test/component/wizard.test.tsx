import {render} from 'ink-testing-library';
import React from 'react';
import {describe, expect, it, vi} from 'vitest';
import {KeyDispatcher} from '../../source/app/key-dispatcher.js';
import {BUILTIN_CATALOG, exampleDraft, type JobDraft} from '../../source/job-spec/index.js';
import {Wizard} from '../../source/wizard/Wizard.js';

const draft = exampleDraft({
  project: 'p',
  region: 'us-central1',
  packagePath: '/pkg',
  stagingBucket: 'bucket-b',
});
const tick = () => new Promise((resolve) => setTimeout(resolve, 20));

function renderWizard(onSubmit = vi.fn(), onExit = vi.fn()) {
  const app = render(
    <KeyDispatcher onQuit={onExit}>
      <Wizard
        initialDraft={draft}
        catalog={BUILTIN_CATALOG}
        height={40}
        width={100}
        submitting={undefined}
        submitError={undefined}
        onSubmit={onSubmit}
        onExit={onExit}
      />
    </KeyDispatcher>,
  );
  const press = async (keys: string) => {
    await tick();
    app.stdin.write(keys);
    await tick();
  };
  return {...app, press, onSubmit, onExit};
}

describe('Wizard', () => {
  it('explains why a disabled choice cannot be picked and stays on the step', async () => {
    const wizard = renderWizard();
    await wizard.press('\u001B[B'); // down to AutoML
    await wizard.press('\r');
    expect(wizard.lastFrame()).toMatch(/AutoML is not available yet\./);
    expect(wizard.lastFrame()).toMatch(/step 1\/6/);
  });

  it('changes the worker replica count and submits the edited draft', async () => {
    const wizard = renderWizard();
    for (let i = 0; i < 4; i++) await wizard.press('\r');
    expect(wizard.lastFrame()).toMatch(/workerpool1\s+workers\s+2 × n1-standard-4/);
    await wizard.press('+');
    expect(wizard.lastFrame()).toMatch(/workerpool1\s+workers\s+3 × n1-standard-4/);
    await wizard.press('\r');
    expect(await frameContaining(wizard, 'replica-count=3')).toMatch(/replica-count=3/);
    await wizard.press('\r');
    const submitted = wizard.onSubmit.mock.calls[0]?.[0] as JobDraft;
    expect(submitted.workerPools[1]?.replicaCount).toBe(3);
  });

  it('goes back a step with q and exits from the first step', async () => {
    const wizard = renderWizard();
    await wizard.press('\r');
    expect(wizard.lastFrame()).toMatch(/step 2\/6/);
    await wizard.press('q');
    expect(wizard.lastFrame()).toMatch(/step 1\/6/);
    await wizard.press('q');
    expect(wizard.onExit).toHaveBeenCalledTimes(1);
  });
});

/** Polls the rendered frame: queued keys are applied one redraw at a time. */
async function frameContaining(app: {lastFrame(): string | undefined}, text: string) {
  const deadline = Date.now() + 3000;
  while (!app.lastFrame()?.includes(text) && Date.now() < deadline) await tick();
  return app.lastFrame() ?? '';
}

describe('keys typed faster than the screen redraws', () => {
  it('applies a burst read in one chunk key by key, each on the screen the previous one opened', async () => {
    const wizard = renderWizard();
    await wizard.press('\r\r');
    expect(await frameContaining(wizard, 'step 3/6')).toContain('step 3/6');
    await wizard.press('q\rqq');
    expect(await frameContaining(wizard, 'step 1/6')).toContain('step 1/6');
    expect(wizard.onExit).not.toHaveBeenCalled();
  });

  it('applies keys written back to back as separate chunks in order', async () => {
    const wizard = renderWizard();
    await tick();
    for (const key of ['\r', 'q', '\r', '\r']) wizard.stdin.write(key);
    expect(await frameContaining(wizard, 'step 3/6')).toContain('step 3/6');
    expect(wizard.onExit).not.toHaveBeenCalled();
  });
});
