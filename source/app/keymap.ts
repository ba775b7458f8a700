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
  {command: 'nav.confirm', label: 'enter', matches: (_input, key) => key.return},
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
