import type {Key} from 'ink';
import {describe, expect, it} from 'vitest';
import {editText, textState} from '../../../source/ui/shell/text-edit.js';

const k = (flags: Partial<Key> = {}) => ({ctrl: false, meta: false, ...flags}) as Key;

describe('editText', () => {
  it('inserts at the cursor, moves, deletes and clears', () => {
    let state = textState('');
    for (const char of 'qj/') state = editText(state, char, k())!;
    expect(state).toEqual({value: 'qj/', cursor: 3});
    state = editText(state, '', k({leftArrow: true}))!;
    state = editText(state, 'X', k())!;
    expect(state).toEqual({value: 'qjX/', cursor: 3});
    state = editText(state, '', k({backspace: true}))!;
    expect(state.value).toBe('qj/');
    state = editText(state, 'a', k({ctrl: true}))!;
    expect(state.cursor).toBe(0);
    state = editText(state, 'k', k({ctrl: true}))!;
    expect(state).toEqual({value: '', cursor: 0});
  });

  it('deletes a word with ctrl+w and takes a paste without control characters', () => {
    let state = textState('state=failed labels');
    state = editText(state, 'w', k({ctrl: true}))!;
    expect(state.value).toBe('state=failed ');
    state = editText(state, 'x\x1b[31my\tz', k())!;
    expect(state.value).toBe('state=failed x[31myz');
  });

  it('leaves enter, esc and arrows up/down to the caller', () => {
    const state = textState('a');
    expect(editText(state, '', k({return: true}))).toBeUndefined();
    expect(editText(state, '', k({escape: true}))).toBeUndefined();
    expect(editText(state, '', k({upArrow: true}))).toBeUndefined();
  });
});
