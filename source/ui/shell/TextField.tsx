// A one-line text field: shows the value with a cursor, and while focused takes raw keys through
// an overlay key layer (so q, j or / are typed, not obeyed). Enter and esc go to onSubmit and
// onCancel; keys it does not use fall through to the screen when it is not modal. The hint bar
// shows what enter and esc do here (it shows the top layer's hints, and this layer is on top).
import {Text} from 'ink';
import React from 'react';
import {useKeyLayer} from './keys/key-dispatcher.js';
import {theme} from './theme.js';
import {editText, type TextState} from './text-edit.js';

const FIELD_HINTS = ['prompt.submit', 'prompt.cancel'] as const;

export interface TextFieldProps {
  state: TextState;
  onChange(state: TextState): void;
  onSubmit?(value: string): void;
  onCancel?(): void;
  focused?: boolean;
  placeholder?: string;
  /** Columns available for the text. */
  width: number;
  /** A modal field swallows every other key (prompts); a form field lets them through. */
  modal?: boolean;
}

export function TextField({
  state,
  onChange,
  onSubmit,
  onCancel,
  focused = true,
  placeholder = '',
  width,
  modal = false,
}: TextFieldProps) {
  useKeyLayer(
    'prompt',
    ({input, key}) => {
      if (key.return || input === '\n') {
        if (!onSubmit) return false;
        onSubmit(state.value);
        return true;
      }
      if (key.escape) {
        if (!onCancel) return false;
        onCancel();
        return true;
      }
      const next = editText(state, input, key);
      if (!next) return false;
      onChange(next);
      return true;
    },
    {modal, active: focused, hints: FIELD_HINTS},
  );
  const chars = [...state.value];
  // Keep the cursor in view: show the end of a value longer than the field.
  const room = Math.max(4, width - 1);
  const start = Math.max(0, Math.min(state.cursor - room + 1, chars.length - room + 1));
  const shown = chars.slice(start, start + room);
  const cursorAt = state.cursor - start;
  if (chars.length === 0 && !focused) return <Text color={theme.text.muted}>{placeholder}</Text>;
  return (
    <Text>
      {shown.slice(0, cursorAt).join('')}
      {focused ? <Text inverse>{shown[cursorAt] ?? ' '}</Text> : (shown[cursorAt] ?? '')}
      {shown.slice(cursorAt + 1).join('')}
      {chars.length === 0 && placeholder ? (
        <Text color={theme.text.muted}>{placeholder}</Text>
      ) : null}
    </Text>
  );
}
