// What a tuning job's trials table remembers between keys — the selected trial and whether it is
// sorted by the study metric — as a pure reducer (use-trials-input.ts maps commands to it;
// TrialsView.tsx only draws). The rows come from trials.ts.
import {moveCursor, type ListMove} from '../../shell/list-cursor.js';

export interface TrialsState {
  /** Index of the selected trial in the shown order (clamped where it is read). */
  selected: number;
  /** Sorted by the study metric (best first) instead of by trial id. */
  byMetric: boolean;
}

export type TrialsAction =
  /** Moves the selection over `count` trials. */
  {type: 'move'; move: ListMove; count: number; page: number} | {type: 'toggleSort'};

export const initialTrialsState: TrialsState = {selected: 0, byMetric: false};

export function trialsReducer(state: TrialsState, action: TrialsAction): TrialsState {
  switch (action.type) {
    case 'move':
      return {...state, selected: moveCursor(state.selected, action.move, action)};
    case 'toggleSort':
      return {...state, byMetric: !state.byMetric};
  }
}
