// A form step's input: ↑/↓ move between the fields and "Continue", ←/→ change a choice, enter
// edits a text field or opens a choice's list (filtered by typing, ↑/↓ in it), and the step's own
// commands first. The state is form-state.ts; FormStep.tsx renders what this returns.
import {useReducer} from 'react';
import {useCommands} from '../../shell/keys/key-dispatcher.js';
import type {Command} from '../../shell/keys/keymap.js';
import type {JobDraft} from '../../../core/job-spec/index.js';
import {focusedRow, formReducer, initialFormState} from './form-state.js';
import {cycleChoice, type Field, type FieldContext} from './steps/field-kit.js';
import {fieldsOf, type StepId} from './steps/index.js';

export interface FormStepInput {
  step: StepId;
  draft: JobDraft;
  ctx: FieldContext;
  /** Field to focus first (a jump from the review to a problem). */
  focusField?: string;
  onChange(draft: JobDraft): void;
  onNext(): void;
  onBack(): void;
  /** Extra commands of the step (add/delete rows, next pool, …); true when handled. */
  onCommand?(command: string, focusedField: string | undefined): boolean;
  /** Fields after the step's own (e.g. one per table row). */
  extraFields?: readonly Field[];
  /** More commands for the hint bar (e.g. loading a preset on the first step). */
  extraHints?: readonly Command[];
}

export function useFormStep({
  step,
  draft,
  ctx,
  focusField,
  onChange,
  onNext,
  onBack,
  onCommand,
  extraFields = [],
  extraHints = [],
}: FormStepInput) {
  const fields = [...fieldsOf(step, draft, ctx), ...extraFields];
  const [{cursor, editing}, dispatch] = useReducer(formReducer, undefined, () =>
    initialFormState(fields, focusField),
  );
  const rows = fields.length + 1; // the "continue" row
  const at = focusedRow(cursor, rows);
  const field = fields[at];

  const pickOptions =
    field?.kind === 'choice' && editing?.kind === 'pick'
      ? field
          .options(draft, ctx)
          .filter((option) =>
            `${option.value} ${option.label}`
              .toLowerCase()
              .includes(editing.filter.value.toLowerCase()),
          )
      : [];

  useCommands(
    (command) => {
      if (editing?.kind === 'pick') {
        if (command === 'nav.up' || command === 'nav.down')
          dispatch({type: 'pickMove', move: command, count: pickOptions.length});
        return;
      }
      if (editing) return;
      if (onCommand?.(command, field?.id)) return;
      if (command === 'nav.up' || command === 'nav.down')
        dispatch({type: 'move', move: command, rows});
      else if (
        (command === 'value.increase' || command === 'value.decrease') &&
        field?.kind === 'choice'
      )
        onChange(cycleChoice(field, draft, ctx, command === 'value.increase' ? 1 : -1));
      else if (command === 'nav.confirm') {
        if (!field) onNext();
        else if (field.kind === 'text') dispatch({type: 'editText', value: field.get(draft, ctx)});
        else {
          const options = field.options(draft, ctx);
          dispatch({
            type: 'editPick',
            cursor: Math.max(
              0,
              options.findIndex((o) => o.value === field.get(draft, ctx)),
            ),
          });
        }
      } else if (command === 'nav.back') onBack();
    },
    {
      hints: editing
        ? ['prompt.submit', 'prompt.cancel']
        : [
            'nav.confirm',
            'value.increase',
            'wizard.next',
            'wizard.previous',
            ...extraHints,
            'nav.back',
          ],
    },
  );

  /** Enter in a text field: the value, or the reason it is not one under the field. */
  const submitText = (value: string) => {
    if (field?.kind !== 'text') return;
    const next = field.set(draft, value, ctx);
    if (typeof next === 'string') dispatch({type: 'refuse', error: next});
    else {
      onChange(next);
      dispatch({type: 'close'});
    }
  };
  /**
   * Enter in a choice's list: the highlighted option (none when nothing matches the filter); a
   * disabled one keeps the list open and says why.
   */
  const submitPick = () => {
    const option = editing?.kind === 'pick' ? pickOptions[editing.cursor] : undefined;
    if (option?.disabled) {
      dispatch({type: 'refuse', error: option.disabled});
      return;
    }
    if (option && field?.kind === 'choice') onChange(field.set(draft, option.value, ctx));
    dispatch({type: 'close'});
  };
  return {fields, at, field, editing, pickOptions, dispatch, submitText, submitPick};
}
