// A choice step's screen state (choice-state.ts): the highlighted choice and why a disabled one
// cannot be chosen.
import {describe, expect, it} from 'vitest';
import {
  choiceReducer,
  confirmChoice,
  initialChoiceState,
} from '../../../source/ui/screens/wizard/choice-state.js';

const choices = [
  {value: 'a', label: 'A'},
  {value: 'b', label: 'B', disabledReason: 'not yet'},
  {value: 'c', label: 'C'},
];

describe('a choice step', () => {
  it('opens on the choice the draft holds, else the first', () => {
    expect(initialChoiceState(choices, 'c')).toEqual({cursor: 2, notice: undefined});
    expect(initialChoiceState(choices, 'zzz').cursor).toBe(0);
  });

  it('moves over every choice (disabled ones too), stops at the ends, and drops the notice', () => {
    const refused = choiceReducer(initialChoiceState(choices, 'b'), {
      type: 'refuse',
      notice: 'B: not yet.',
    });
    expect(refused.notice).toBe('B: not yet.');
    expect(choiceReducer(refused, {type: 'move', move: 'nav.down', count: 3})).toEqual({
      cursor: 2,
      notice: undefined,
    });
    expect(
      choiceReducer(initialChoiceState(choices, 'a'), {type: 'move', move: 'nav.up', count: 3})
        .cursor,
    ).toBe(0);
  });

  it('enter chooses an enabled choice, or says why a disabled one cannot be chosen', () => {
    expect(confirmChoice(choices, 0)).toEqual({value: 'a'});
    expect(confirmChoice(choices, 1)).toEqual({notice: 'B: not yet.'});
    expect(confirmChoice([], 0)).toBeUndefined();
  });
});
