import type {Key} from 'ink';
import {describe, expect, it} from 'vitest';
import {DEFAULT_BINDINGS} from '../../source/ui/shell/keys/bindings.js';
import {Keymap} from '../../source/ui/shell/keys/keymap.js';

const plain = {return: false, ctrl: false, meta: false, escape: false, shift: false} as Key;

describe('Keymap', () => {
  it('takes both carriage return and line feed as enter', () => {
    const keymap = new Keymap();
    expect(keymap.commandFor('', {...plain, return: true})).toBe('nav.confirm');
    expect(keymap.commandFor('\n', plain)).toBe('nav.confirm');
  });

  it('looks a key up in the given scopes, first scope winning', () => {
    const keymap = new Keymap();
    expect(keymap.commandFor('', {...plain, return: true}, ['jobs', 'nav'])).toBe('jobs.open');
    expect(keymap.commandFor('j', plain, ['jobs', 'nav'])).toBe('nav.down');
    expect(keymap.commandFor('z', plain, ['jobs', 'nav', 'global'])).toBeUndefined();
  });

  it('labels every key of a command and carries the record of each binding', () => {
    const keymap = new Keymap();
    expect(keymap.keyLabel('nav.back')).toBe('q/esc');
    expect(keymap.keyLabel('nav.up')).toBe('↑/k');
    expect(keymap.binding('jobs.cancel')).toMatchObject({
      description: 'cancel the job (asks first)',
      hint: 'cancel',
      mutates: true,
      dangerous: true,
    });
    expect(keymap.mutates('jobs.cancel')).toBe(true);
    expect(keymap.mutates('jobs.describe')).toBe(false);
  });

  it('is a value: two keymaps built from different tables do not affect each other', () => {
    const moved = DEFAULT_BINDINGS.map((spec) =>
      spec.command === 'nav.down' ? {...spec, keys: ['ctrl+n']} : spec,
    );
    const custom = new Keymap(moved);
    const defaults = new Keymap();
    expect(custom.commandFor('n', {...plain, ctrl: true}, ['nav'])).toBe('nav.down');
    expect(custom.commandFor('j', plain, ['nav'])).toBeUndefined();
    expect(defaults.commandFor('j', plain, ['nav'])).toBe('nav.down');
    expect(Object.isFrozen(custom.bindings)).toBe(true);
  });
});
