import type {Key} from 'ink';
import {describe, expect, it} from 'vitest';
import {KeySpecError, keySpecLabel, parseKeySpec} from '../../../source/ui/shell/keys/key-spec.js';

const key = (flags: Partial<Key> = {}) =>
  ({ctrl: false, meta: false, shift: false, return: false, ...flags}) as Key;

describe('parseKeySpec', () => {
  it('matches single characters case-sensitively and not with ctrl held', () => {
    const g = parseKeySpec('G');
    expect(g('G', key({shift: true}))).toBe(true);
    expect(g('g', key())).toBe(false);
    expect(parseKeySpec('x')('x', key({ctrl: true}))).toBe(false);
  });

  it('reads ctrl+LETTER, named keys, shift+named and enter', () => {
    expect(parseKeySpec('ctrl+c')('c', key({ctrl: true}))).toBe(true);
    expect(parseKeySpec('ctrl+C')('c', key({ctrl: true}))).toBe(true);
    expect(parseKeySpec('up')('', key({upArrow: true}))).toBe(true);
    expect(parseKeySpec('tab')('', key({tab: true, shift: true}))).toBe(false);
    expect(parseKeySpec('shift+tab')('', key({tab: true, shift: true}))).toBe(true);
    expect(parseKeySpec('enter')('\r', key())).toBe(true);
    expect(parseKeySpec('space')(' ', key())).toBe(true);
  });

  it('refuses what is not a key, naming the forms it takes', () => {
    expect(() => parseKeySpec('ctrl+shift+alt')).toThrow(KeySpecError);
    expect(() => parseKeySpec('')).toThrow(/ctrl\+LETTER/);
  });
});

describe('keySpecLabel', () => {
  it('shows arrows and named keys as the help does', () => {
    expect(keySpecLabel('up')).toBe('↑');
    expect(keySpecLabel('delete')).toBe('del');
    expect(keySpecLabel('shift+tab')).toBe('shift+tab');
    expect(keySpecLabel('shift+left')).toBe('shift+←');
    expect(keySpecLabel('ctrl+c')).toBe('ctrl+c');
  });
});
