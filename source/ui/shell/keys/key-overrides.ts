// The settings file's `keys` section: `{"jobs.cancel": "X", "nav.down": ["down", "ctrl+n"]}`.
// Each override is checked before it is used: an unknown command, a key that is not a key, or a
// clash with another binding of the same scope (or a global one) is named with its fix, and that
// binding keeps its default. The result is the keymap the app runs with.
import {DEFAULT_BINDINGS, type BindingSpec} from './bindings.js';
import {KeySpecError, parseKeySpec} from './key-spec.js';
import {Keymap} from './keymap.js';

export interface KeyOverrideProblem {
  path: string;
  message: string;
  fix: string;
}

export interface AppliedKeys {
  keymap: Keymap;
  problems: KeyOverrideProblem[];
}

function keysOf(value: unknown): string[] | undefined {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === 'string'))
    return value as string[];
  return undefined;
}

export function applyKeyOverrides(overrides: unknown): AppliedKeys {
  const specs: BindingSpec[] = DEFAULT_BINDINGS.map((binding) => ({...binding}));
  const problems: KeyOverrideProblem[] = [];
  if (overrides === undefined) return {keymap: new Keymap(specs), problems};
  if (typeof overrides !== 'object' || overrides === null || Array.isArray(overrides)) {
    problems.push({
      path: 'keys',
      message: 'must be an object of command → key(s)',
      fix: 'write e.g. {"keys": {"jobs.cancel": "X"}}',
    });
    return {keymap: new Keymap(specs), problems};
  }
  const commands = new Set(specs.map((spec) => spec.command));
  for (const [command, value] of Object.entries(overrides)) {
    const path = `keys.${command}`;
    if (!commands.has(command)) {
      problems.push({
        path,
        message: `unknown command "${command}"`,
        fix: 'use a command name shown by `?` in the app (e.g. jobs.cancel, nav.down)',
      });
      continue;
    }
    const keys = keysOf(value);
    if (!keys) {
      problems.push({
        path,
        message: 'must be a key or a list of keys',
        fix: 'e.g. "X" or ["x", "ctrl+x"]',
      });
      continue;
    }
    const bad = keys.find((key) => {
      try {
        parseKeySpec(key);
        return false;
      } catch (error) {
        if (error instanceof KeySpecError) return true;
        throw error;
      }
    });
    if (bad !== undefined) {
      problems.push({
        path,
        message: `"${bad}" is not a key`,
        fix: 'use a single character, ctrl+LETTER, or enter, space, esc, tab, up, down, left, right, pgup, pgdn, home, end',
      });
      continue;
    }
    const spec = specs.find((candidate) => candidate.command === command)!;
    const clash = specs.find(
      (other) =>
        other !== spec &&
        (other.scope === spec.scope || other.scope === 'global' || spec.scope === 'global') &&
        other.keys.some((key) => keys.includes(key)),
    );
    if (clash) {
      const key = clash.keys.find((candidate) => keys.includes(candidate));
      problems.push({
        path,
        message: `"${key}" is already bound to ${clash.command} (${clash.scope})`,
        fix: `pick another key, or move ${clash.command} to another key too`,
      });
      continue;
    }
    spec.keys = keys;
  }
  return {keymap: new Keymap(specs), problems};
}
