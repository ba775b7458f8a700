// Ink hands over a run of plain characters read in one chunk as a single input ("\rq\r" when keys
// are typed faster than a frame, or pasted); the key queue splits it back into single keys with
// the flags Ink would have given each one alone.
import type {Key} from 'ink';

const NO_KEY = {
  upArrow: false,
  downArrow: false,
  leftArrow: false,
  rightArrow: false,
  pageDown: false,
  pageUp: false,
  home: false,
  end: false,
  return: false,
  escape: false,
  ctrl: false,
  shift: false,
  tab: false,
  backspace: false,
  delete: false,
  meta: false,
  super: false,
  hyper: false,
  capsLock: false,
  numLock: false,
} as Key;

function singleKey(char: string): [string, Key] {
  const code = char.codePointAt(0) ?? 0;
  if (char === '\r' || char === '\n') return ['', {...NO_KEY, return: true}];
  if (char === '\t') return ['', {...NO_KEY, tab: true}];
  if (char === '\x7f' || char === '\b') return ['', {...NO_KEY, backspace: true}];
  // Control codes 1-26 are ctrl+a … ctrl+z, as Ink reports them when they arrive alone.
  if (code >= 1 && code <= 26) return [String.fromCharCode(code + 96), {...NO_KEY, ctrl: true}];
  return [char, {...NO_KEY, shift: /[A-Z]/.test(char)}];
}

/**
 * Ink hands over a run of plain characters read in one chunk as a single input ("\rq\r" when keys
 * are typed faster than a frame, or pasted). A command-driven screen needs them one key at a time,
 * in order, so each one acts on the screen the previous one produced.
 */
export function splitKeys(input: string, key: Key): Array<[string, Key]> {
  const chars = [...input];
  // Any flag set (ctrl, meta, an arrow, …) means Ink parsed a single special key, not a run.
  const flagged = Object.values(key).some((value) => value === true);
  return chars.length <= 1 || flagged ? [[input, key]] : chars.map(singleKey);
}
