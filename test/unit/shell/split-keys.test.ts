import type {Key} from 'ink';
import {describe, expect, it} from 'vitest';
import {Keymap} from '../../../source/ui/shell/keys/keymap.js';
import {splitKeys} from '../../../source/ui/shell/keys/split-keys.js';

const plain = {return: false, ctrl: false, meta: false, escape: false} as Key;
const keymap = new Keymap();
const commands = (input: string, key: Key = plain) =>
  splitKeys(input, key).map(([part, partKey]) => keymap.commandFor(part, partKey));

describe('splitKeys', () => {
  it('splits a run of typed keys into one command each, in order', () => {
    expect(commands('\rq\r')).toEqual(['nav.confirm', 'nav.back', 'nav.confirm']);
    expect(commands('jjk')).toEqual(['nav.down', 'nav.down', 'nav.up']);
  });

  it('keeps ctrl+c inside a run as the quit command', () => {
    expect(commands('q\u0003')).toEqual(['nav.back', 'app.quit']);
  });

  it('leaves single keys and escape sequences untouched', () => {
    expect(splitKeys('q', plain)).toEqual([['q', plain]]);
    const up = {...plain, upArrow: true};
    expect(splitKeys('', up)).toEqual([['', up]]);
    const ctrlC = {...plain, ctrl: true};
    expect(splitKeys('c', ctrlC)).toEqual([['c', ctrlC]]);
  });
});
