// A single-line text editor's state and keys, kept pure: insert, delete, move by character or
// word, home/end, ctrl+u/ctrl+k/ctrl+w. Used by prompts and the wizard's text fields.
import type {Key} from 'ink';

export interface TextState {
  value: string;
  /** Cursor position in code points. */
  cursor: number;
}

export function textState(value = ''): TextState {
  return {value, cursor: [...value].length};
}

/** The next state for a key, or undefined when the key is not an editing key. */
export function editText(state: TextState, input: string, key: Key): TextState | undefined {
  const chars = [...state.value];
  const at = Math.max(0, Math.min(state.cursor, chars.length));
  const make = (next: string[], cursor: number) => ({value: next.join(''), cursor});
  if (key.leftArrow) return {...state, cursor: Math.max(0, at - 1)};
  if (key.rightArrow) return {...state, cursor: Math.min(chars.length, at + 1)};
  if (key.home || (key.ctrl && input === 'a')) return {...state, cursor: 0};
  if (key.end || (key.ctrl && input === 'e')) return {...state, cursor: chars.length};
  if (key.ctrl && input === 'u') return make(chars.slice(at), 0);
  if (key.ctrl && input === 'k') return make(chars.slice(0, at), at);
  if (key.ctrl && input === 'w') {
    let start = at;
    while (start > 0 && chars[start - 1] === ' ') start -= 1;
    while (start > 0 && chars[start - 1] !== ' ') start -= 1;
    return make([...chars.slice(0, start), ...chars.slice(at)], start);
  }
  // Terminals send DEL (0x7f) for the backspace key; Ink reports it as `delete`.
  if (key.backspace || key.delete) {
    if (at === 0) return state;
    return make([...chars.slice(0, at - 1), ...chars.slice(at)], at - 1);
  }
  if (key.ctrl || key.meta || key.return || key.escape || key.tab || key.upArrow || key.downArrow)
    return undefined;
  if (key.pageUp || key.pageDown) return undefined;
  // Printable text only (a paste arrives as one string); controls never enter a field.
  // eslint-disable-next-line no-control-regex
  const text = [...input.replace(/[\x00-\x1f\x7f-\x9f]/g, '')];
  if (text.length === 0) return undefined;
  return make([...chars.slice(0, at), ...text, ...chars.slice(at)], at + text.length);
}
