// The wizard as the component tests drive it: inside the key dispatcher, in an 80×22 box (the
// smallest terminal the app promises) or one of another size, with keys sent one at a time and the frame readable as
// rows or as one line (wrapped text joined back).
import {Box} from 'ink';
import {render} from 'ink-testing-library';
import React from 'react';
import {expect, vi} from 'vitest';
import {KeyDispatcher} from '../../source/ui/shell/keys/key-dispatcher.js';
import {BUILTIN_CATALOG} from '../../source/core/job-spec/index.js';
import {Wizard, type WizardProps} from '../../source/ui/screens/wizard/Wizard.js';

export const tick = (ms = 30) => new Promise((resolve) => setTimeout(resolve, ms));

type Overrides = Omit<Partial<WizardProps>, 'initialDraft'> & Pick<WizardProps, 'initialDraft'>;

export function renderWizardAt80(props: Overrides) {
  return renderWizard(props, {width: 80, height: 22});
}

/** The same harness in a box of another size (e.g. wide enough for the side panel). */
export function renderWizard(props: Overrides, size: {width: number; height: number}) {
  const onSubmit = vi.fn();
  const app = render(
    <KeyDispatcher onQuit={vi.fn()}>
      <Box width={size.width} flexDirection="column">
        <Wizard
          catalog={BUILTIN_CATALOG}
          height={size.height}
          width={size.width}
          submitting={undefined}
          submitError={undefined}
          onSubmit={onSubmit}
          onExit={vi.fn()}
          {...props}
        />
      </Box>
    </KeyDispatcher>,
  );
  const frame = () => app.lastFrame() ?? '';
  const flat = () => frame().replace(/\n\s*/g, ' ');
  const press = async (...keys: string[]) => {
    for (const key of keys) {
      await tick();
      app.stdin.write(key);
      await tick();
    }
  };
  const waitFor = async (pattern: RegExp) => {
    for (let i = 0; i < 60 && !pattern.test(flat()); i++) await tick(50);
    expect(flat()).toMatch(pattern);
  };
  return {...app, frame, flat, press, waitFor, onSubmit};
}
