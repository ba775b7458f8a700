// The hint bar promises only keys that work: while a text field has the keys (a wizard field being
// edited, a prompt), `?` is typed into it, so the bar says what enter and esc do there instead of
// "? help"; once the field closes, the screen's hints and "? help" come back (and `?` opens help).
// The help itself wraps a long description under itself at 80 columns instead of cutting it.
import {Box, Text} from 'ink';
import {render} from 'ink-testing-library';
import React, {useState} from 'react';
import {afterEach, describe, expect, it} from 'vitest';
import {Help} from '../../source/ui/shell/Help.js';
import {HintBar} from '../../source/ui/shell/HintBar.js';
import {ScreenContext} from '../../source/ui/shell/screen-context.js';
import {KeyDispatcher, useCommands} from '../../source/ui/shell/keys/key-dispatcher.js';
import {TextField} from '../../source/ui/shell/TextField.js';
import {textState} from '../../source/ui/shell/text-edit.js';
import {tick, until} from '../helpers/frames.js';

/** A screen with one field: enter edits it, enter/esc in the field closes it. */
function FieldScreen({onHelp}: {onHelp(): void}) {
  const [editing, setEditing] = useState(false);
  const [state, setState] = useState(() => textState('abc'));
  useCommands(
    (command) => {
      if (command === 'nav.confirm') setEditing(true);
      else if (command === 'app.help') onHelp();
      else return false;
      return true;
    },
    {scope: 'wizard', hints: ['nav.confirm']},
  );
  return (
    <Box flexDirection="column">
      {editing ? (
        <TextField
          state={state}
          width={20}
          onChange={setState}
          onSubmit={() => setEditing(false)}
          onCancel={() => setEditing(false)}
        />
      ) : (
        <Text>value: {state.value}</Text>
      )}
      <HintBar columns={80} />
    </Box>
  );
}

let app: ReturnType<typeof render> | undefined;
afterEach(() => app?.unmount());

describe('hint bar', () => {
  it('offers "? help" only when `?` opens the help, and the field\'s keys while one is edited', async () => {
    let helps = 0;
    app = render(
      <KeyDispatcher onQuit={() => undefined}>
        <FieldScreen onHelp={() => (helps += 1)} />
      </KeyDispatcher>,
    );
    const frame = () => app?.lastFrame();
    expect(await until(frame, /\? help/)).toMatch(/enter choose/);

    app.stdin.write('\r');
    const editing = await until(frame, /enter apply/);
    expect(editing).toMatch(/enter apply · esc cancel · ctrl\+c quit/);
    expect(editing).not.toMatch(/\? help/);
    // What the bar no longer promises indeed does not happen: `?` is typed.
    app.stdin.write('?');
    await tick(100);
    app.stdin.write('\r');
    expect(await until(frame, /value: abc\?/)).toMatch(/\? help/);
    expect(helps).toBe(0);

    app.stdin.write('?');
    await tick(100);
    expect(helps).toBe(1);
  });
});

/** A wizard screen whose help `?` opens. */
function WizardScreen() {
  const [open, setOpen] = useState(false);
  useCommands(
    (command) => {
      if (command !== 'app.help') return false;
      setOpen(true);
      return true;
    },
    {scope: 'wizard'},
  );
  return open ? <Help onClose={() => undefined} /> : <Text>wizard</Text>;
}

describe('help', () => {
  it('wraps a description wider than the terminal under the description, whole words', async () => {
    app = render(
      <KeyDispatcher onQuit={() => undefined}>
        <ScreenContext.Provider value={{active: true, scope: 'wizard', columns: 80, rows: 60}}>
          <WizardScreen />
        </ScreenContext.Provider>
      </KeyDispatcher>,
    );
    await until(() => app?.lastFrame(), /wizard/);
    app.stdin.write('?');
    const frame = await until(() => app?.lastFrame(), /Reduction Server/);
    expect(frame).not.toMatch(/…/);
    const rows = frame.split('\n');
    const at = rows.findIndex((row) => row.includes('Reduction Server'));
    // The description goes on on the next row, starting under its first word.
    expect(rows[at]).toMatch(/^ {2}r {14}worker pools: add a Reduction Server pool/);
    expect(rows[at + 1]).toMatch(/^ {17}\S/);
    for (const row of rows) expect(row.length).toBeLessThanOrEqual(80);
  });
});
