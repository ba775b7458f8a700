// Every key binding of the app in one table. Screens act on commands, never on raw keys, so hints
// and help are generated from here and a binding changes in one place.
import type {Key} from 'ink';

export type Command =
  | 'app.quit'
  | 'nav.back'
  | 'nav.up'
  | 'nav.down'
  | 'nav.confirm'
  | 'value.increase'
  | 'value.decrease'
  | 'job.cancel'
  | 'logs.scrollUp'
  | 'logs.scrollDown'
  | 'logs.follow';

interface Binding {
  command: Command;
  label: string;
  matches: (input: string, key: Key) => boolean;
}

export const BINDINGS: readonly Binding[] = [
  {command: 'app.quit', label: 'ctrl+c', matches: (input, key) => key.ctrl && input === 'c'},
  {command: 'nav.back', label: 'q/esc', matches: (input, key) => input === 'q' || key.escape},
  {command: 'nav.up', label: '↑/k', matches: (input, key) => key.upArrow || input === 'k'},
  {command: 'nav.down', label: '↓/j', matches: (input, key) => key.downArrow || input === 'j'},
  // "\n" too: terminals in line mode, and some over SSH, send it for enter.
  {
    command: 'nav.confirm',
    label: 'enter',
    matches: (input, key) => key.return || input === '\n',
  },
  {
    command: 'value.increase',
    label: '→/+',
    matches: (input, key) => key.rightArrow || input === '+',
  },
  {
    command: 'value.decrease',
    label: '←/-',
    matches: (input, key) => key.leftArrow || input === '-',
  },
  {command: 'job.cancel', label: 'x', matches: (input) => input === 'x'},
  {command: 'logs.scrollUp', label: 'pgup', matches: (_input, key) => key.pageUp},
  {command: 'logs.scrollDown', label: 'pgdn', matches: (_input, key) => key.pageDown},
  {command: 'logs.follow', label: 'f', matches: (input) => input === 'f'},
];

export function commandFor(input: string, key: Key): Command | undefined {
  return BINDINGS.find((binding) => binding.matches(input, key))?.command;
}

export function keyLabel(command: Command): string {
  return BINDINGS.find((binding) => binding.command === command)?.label ?? '?';
}

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
