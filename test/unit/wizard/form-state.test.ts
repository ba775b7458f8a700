// A form step's screen state (form-state.ts): the focus over the fields and "Continue", and the
// text or choice being edited.
import {describe, expect, it} from 'vitest';
import {
  focusedRow,
  formReducer,
  initialFormState,
  type FormAction,
  type FormState,
} from '../../../source/ui/screens/wizard/form-state.js';
import {textState} from '../../../source/ui/shell/text-edit.js';

const fields = [{id: 'a'}, {id: 'b'}, {id: 'c'}];
const ROWS = fields.length + 1;
const run = (state: FormState, ...actions: FormAction[]) => actions.reduce(formReducer, state);

describe('the focus', () => {
  it('opens on "Continue", or on the field a jump names', () => {
    expect(initialFormState(fields, undefined)).toEqual({cursor: -1, editing: undefined});
    expect(initialFormState(fields, 'b').cursor).toBe(1);
    expect(initialFormState(fields, 'zzz').cursor).toBe(-1);
  });

  it('"Continue" is the last row wherever it moves; a field index is kept in the rows', () => {
    expect(focusedRow(-1, ROWS)).toBe(3);
    expect(focusedRow(1, ROWS)).toBe(1);
    expect(focusedRow(7, ROWS)).toBe(3);
  });

  it('↑ from "Continue" reaches the last field and stops at the first', () => {
    const up = {type: 'move', move: 'nav.up', rows: ROWS} as const;
    expect(run(initialFormState(fields, undefined), up).cursor).toBe(2);
    expect(run(initialFormState(fields, undefined), up, up, up, up, up).cursor).toBe(0);
  });

  it('↓ onto the last row holds "Continue" (-1), so fields appearing above keep it focused', () => {
    const down = {type: 'move', move: 'nav.down', rows: ROWS} as const;
    const state = initialFormState(fields, 'c');
    expect(run(state, down).cursor).toBe(-1);
    expect(run(state, down, down).cursor).toBe(-1);
    expect(run(initialFormState(fields, 'a'), down).cursor).toBe(1);
  });
});

describe('editing', () => {
  it('a text field: typed text, a refusal under it that the next keystroke clears, close', () => {
    const state = run(initialFormState(fields, 'a'), {type: 'editText', value: 'x'});
    expect(state.editing).toEqual({kind: 'text', state: textState('x')});
    const refused = run(state, {type: 'refuse', error: 'not a number'});
    expect(refused.editing).toMatchObject({kind: 'text', error: 'not a number'});
    expect(run(refused, {type: 'text', state: textState('xy')}).editing).toEqual({
      kind: 'text',
      state: textState('xy'),
    });
    expect(run(refused, {type: 'close'}).editing).toBeUndefined();
  });

  it("a choice's list: ↑/↓ stay in the options, typing filters and starts again at the top", () => {
    const state = run(initialFormState(fields, 'a'), {type: 'editPick', cursor: 1});
    expect(state.editing).toEqual({kind: 'pick', filter: textState(''), cursor: 1});
    const down = {type: 'pickMove', move: 'nav.down', count: 3} as const;
    expect(run(state, down, down, down).editing).toMatchObject({cursor: 2});
    expect(run(state, {type: 'pickMove', move: 'nav.up', count: 0}).editing).toMatchObject({
      cursor: 0,
    });
    expect(run(state, down, {type: 'filter', filter: textState('gp')}).editing).toEqual({
      kind: 'pick',
      filter: textState('gp'),
      cursor: 0,
    });
  });

  it('list moves and filters need an open list; a refusal needs a text field', () => {
    const idle = initialFormState(fields, 'a');
    expect(run(idle, {type: 'pickMove', move: 'nav.down', count: 3})).toBe(idle);
    expect(run(idle, {type: 'filter', filter: textState('x')})).toBe(idle);
    expect(run(idle, {type: 'refuse', error: 'no'})).toBe(idle);
  });
});
