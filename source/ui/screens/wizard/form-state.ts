// A form step's screen state as a pure reducer: which row has the focus (a field, or "Continue",
// which stays last as fields come and go) and what is being edited (a text field's text, or a
// choice's list filtered by typing). use-form-step.ts dispatches to it; FormStep.tsx renders it.
import {moveCursor} from '../../shell/list-cursor.js';
import {textState, type TextState} from '../../shell/text-edit.js';

export type Editing =
  | {kind: 'text'; state: TextState; error?: string}
  | {kind: 'pick'; filter: TextState; cursor: number; error?: string};

export interface FormState {
  /** The focused field's index, or -1 for "Continue" wherever it moves. */
  cursor: number;
  editing: Editing | undefined;
}

export type FormAction =
  /** ↑/↓ over `rows` rows (the fields and "Continue"). */
  | {type: 'move'; move: 'nav.up' | 'nav.down'; rows: number}
  /** ↑/↓ in an open choice list of `count` options. */
  | {type: 'pickMove'; move: 'nav.up' | 'nav.down'; count: number}
  | {type: 'editText'; value: string}
  | {type: 'editPick'; cursor: number}
  | {type: 'text'; state: TextState}
  | {type: 'refuse'; error: string}
  | {type: 'filter'; filter: TextState}
  | {type: 'close'};

/** Opens on "Continue" so enter walks the wizard; a jump to a problem opens on its field. */
export function initialFormState(
  fields: readonly {id: string}[],
  focusField: string | undefined,
): FormState {
  const found = fields.findIndex((field) => field.id === focusField);
  return {cursor: found >= 0 ? found : -1, editing: undefined};
}

/** The focused row among `rows` (the last is "Continue"). */
export function focusedRow(cursor: number, rows: number): number {
  return cursor < 0 ? rows - 1 : Math.min(cursor, rows - 1);
}

export function formReducer(state: FormState, action: FormAction): FormState {
  const {editing} = state;
  switch (action.type) {
    case 'move': {
      const at = focusedRow(state.cursor, action.rows);
      const to = moveCursor(at, action.move, {count: action.rows, page: 1});
      // Moving down onto "Continue" keeps the focus there when fields appear above it.
      return {...state, cursor: action.move === 'nav.down' && to === action.rows - 1 ? -1 : to};
    }
    case 'pickMove':
      if (editing?.kind !== 'pick') return state;
      return {
        ...state,
        editing: {
          kind: 'pick',
          filter: editing.filter,
          cursor: moveCursor(editing.cursor, action.move, {count: action.count, page: 1}),
        },
      };
    case 'editText':
      return {...state, editing: {kind: 'text', state: textState(action.value)}};
    case 'editPick':
      return {...state, editing: {kind: 'pick', filter: textState(''), cursor: action.cursor}};
    case 'text':
      return {...state, editing: {kind: 'text', state: action.state}};
    case 'refuse':
      // A text that is not a value, or a disabled option of a list: the list stays open.
      return editing ? {...state, editing: {...editing, error: action.error}} : state;
    case 'filter':
      return editing?.kind === 'pick'
        ? {...state, editing: {kind: 'pick', filter: action.filter, cursor: 0}}
        : state;
    case 'close':
      return {...state, editing: undefined};
  }
}
