// A choice step's screen state as a pure reducer: the highlighted choice (disabled ones can be
// highlighted to read why) and the notice saying why the one confirmed cannot be chosen.
import {moveCursor} from '../../shell/list-cursor.js';
import type {Choice} from './SelectList.js';

export interface ChoiceState {
  cursor: number;
  notice: string | undefined;
}

export type ChoiceAction =
  {type: 'move'; move: 'nav.up' | 'nav.down'; count: number} | {type: 'refuse'; notice: string};

/** Opens on the choice the draft holds (the first when none). */
export function initialChoiceState(
  choices: readonly Choice<string>[],
  selected: string,
): ChoiceState {
  return {
    cursor: Math.max(
      0,
      choices.findIndex((c) => c.value === selected),
    ),
    notice: undefined,
  };
}

export function choiceReducer(state: ChoiceState, action: ChoiceAction): ChoiceState {
  switch (action.type) {
    case 'move':
      return {
        cursor: moveCursor(state.cursor, action.move, {count: action.count, page: 1}),
        notice: undefined,
      };
    case 'refuse':
      return {...state, notice: action.notice};
  }
}

/** What enter on the highlighted choice does: choose its value, or say why it cannot. */
export function confirmChoice(
  choices: readonly Choice<string>[],
  cursor: number,
): {value: string} | {notice: string} | undefined {
  const choice = choices[cursor];
  if (!choice) return undefined;
  if (choice.disabledReason) return {notice: `${choice.label}: ${choice.disabledReason}.`};
  return {value: choice.value};
}
