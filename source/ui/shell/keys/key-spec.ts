// Reads a key spec as written in the binding table or the settings file ("q", "G", "ctrl+c",
// "shift+tab", "enter", "pgup") into a matcher of Ink's (input, key) pair, and shows it in hints and
// help ("↑", "shift+tab"). Pure: no binding, no state.
import type {Key} from 'ink';

/** Whether one key press (as Ink reports it) is the key a spec names. */
export type KeyMatcher = (input: string, key: Key) => boolean;

const NAMED_KEYS: Record<string, {flag: keyof Key; label: string}> = {
  up: {flag: 'upArrow', label: '↑'},
  down: {flag: 'downArrow', label: '↓'},
  left: {flag: 'leftArrow', label: '←'},
  right: {flag: 'rightArrow', label: '→'},
  pgup: {flag: 'pageUp', label: 'pgup'},
  pgdn: {flag: 'pageDown', label: 'pgdn'},
  home: {flag: 'home', label: 'home'},
  end: {flag: 'end', label: 'end'},
  esc: {flag: 'escape', label: 'esc'},
  tab: {flag: 'tab', label: 'tab'},
  backspace: {flag: 'backspace', label: 'backspace'},
  delete: {flag: 'delete', label: 'del'},
};

export class KeySpecError extends Error {}

/** Turns a key spec ("ctrl+c", "G", "shift+tab", "enter") into a matcher; throws KeySpecError. */
export function parseKeySpec(spec: string): KeyMatcher {
  const trimmed = spec.trim();
  if (trimmed === 'enter')
    // "\n" too: terminals in line mode, and some over SSH, send it for enter.
    return (input, key) => key.return || input === '\n' || input === '\r';
  if (trimmed === 'space') return (input, key) => input === ' ' && !key.ctrl && !key.meta;
  const ctrl = /^ctrl\+([a-z])$/i.exec(trimmed);
  if (ctrl) {
    const letter = ctrl[1]!.toLowerCase();
    return (input, key) => key.ctrl && input.toLowerCase() === letter;
  }
  const shifted = /^shift\+(\w+)$/.exec(trimmed);
  if (shifted && NAMED_KEYS[shifted[1]!]) {
    const flag = NAMED_KEYS[shifted[1]!]!.flag;
    return (_input, key) => Boolean(key[flag]) && key.shift;
  }
  const named = NAMED_KEYS[trimmed];
  if (named) return (_input, key) => Boolean(key[named.flag]) && !key.shift;
  if ([...trimmed].length === 1 && /\S/.test(trimmed))
    return (input, key) => input === trimmed && !key.ctrl && !key.meta;
  throw new KeySpecError(
    `"${spec}" is not a key; use a single character, ctrl+LETTER, or one of enter, space, ${Object.keys(NAMED_KEYS).join(', ')}`,
  );
}

/** How a key spec is shown in hints and help. */
export function keySpecLabel(spec: string): string {
  const named = NAMED_KEYS[spec];
  if (named) return named.label;
  const shifted = /^shift\+(\w+)$/.exec(spec);
  if (shifted && NAMED_KEYS[shifted[1]!]) return `shift+${NAMED_KEYS[shifted[1]!]!.label}`;
  return spec;
}
