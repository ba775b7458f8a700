// The settings file's `keys` section: `{"jobs.cancel": "X", "nav.down": ["down", "ctrl+n"]}`.
// Each override is checked before it is used: an unknown command, a key that is not a key, or a
// clash with another binding that works on the same screen (same scope, a scope that attaches it,
// or a global one) is named with its fix, and that binding keeps its default. Command names of
// earlier versions (RENAMED_COMMANDS) still work. The result is the keymap the app runs with.
import {
  DEFAULT_BINDINGS,
  RENAMED_COMMANDS,
  SCOPE_ATTACHMENTS,
  type BindingSpec,
  type Scope,
} from './bindings.js';
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

/** The scopes whose screens a binding's keys work on: its own and those that attach it. */
function scopesOf(spec: BindingSpec): Scope[] {
  const attaching = Object.entries(SCOPE_ATTACHMENTS)
    .filter(([, commands]) => (commands as readonly string[]).includes(spec.command))
    .map(([scope]) => scope as Scope);
  return [spec.scope, ...attaching];
}

function shareAScreen(a: BindingSpec, b: BindingSpec): boolean {
  if (a.scope === 'global' || b.scope === 'global') return true;
  const scopes = scopesOf(b);
  return scopesOf(a).some((scope) => scopes.includes(scope));
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
  const given = new Map<string, string>();
  for (const [written, value] of Object.entries(overrides)) {
    const path = `keys.${written}`;
    const command = RENAMED_COMMANDS[written] ?? written;
    if (!commands.has(command)) {
      problems.push({
        path,
        message: `unknown command "${written}"`,
        fix: 'use a command name shown by `?` in the app (e.g. jobs.cancel, nav.down)',
      });
      continue;
    }
    const earlier = given.get(command);
    if (earlier !== undefined) {
      problems.push({
        path,
        message: `${earlier} and ${written} are one command now (${command}); ${earlier} is used`,
        fix: `keep only ${command}`,
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
        other !== spec && shareAScreen(spec, other) && other.keys.some((key) => keys.includes(key)),
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
    given.set(command, written);
  }
  return {keymap: new Keymap(specs), problems};
}
