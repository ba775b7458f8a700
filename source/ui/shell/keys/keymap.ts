// The keymap in force: the binding table (bindings.ts) with the user's overrides applied
// (key-overrides.ts), compiled into matchers. An immutable value, created once at start and handed
// to the key router, which gives it to the hint bar, the help and the dialogs; nothing here is
// module state, so tests and a second app instance each build their own.
import type {Key} from 'ink';
import {DEFAULT_BINDINGS, type BindingSpec, type Command, type Scope} from './bindings.js';
import {keySpecLabel, parseKeySpec, type KeyMatcher} from './key-spec.js';

export type {BindingSpec, Command, Scope} from './bindings.js';

/** One binding record with its keys compiled. */
export interface Binding extends BindingSpec {
  command: Command;
  matchers: readonly KeyMatcher[];
}

export const DEFAULT_SCOPES: readonly Scope[] = ['nav', 'global'];

export class Keymap {
  /** Every binding, in the table's order (the order of the `?` help). */
  readonly bindings: readonly Binding[];
  private readonly byCommand: ReadonlyMap<Command, Binding>;

  /** Throws KeySpecError when a spec is not a key (overrides are checked before they get here). */
  constructor(specs: readonly BindingSpec[] = DEFAULT_BINDINGS) {
    this.bindings = Object.freeze(
      specs.map((spec) =>
        Object.freeze({
          ...spec,
          keys: Object.freeze([...spec.keys]),
          command: spec.command as Command,
          matchers: Object.freeze(spec.keys.map(parseKeySpec)),
        }),
      ),
    );
    this.byCommand = new Map(this.bindings.map((binding) => [binding.command, binding]));
  }

  /** The command a key means in `scopes` (first scope wins), or undefined. */
  commandFor(
    input: string,
    key: Key,
    scopes: readonly Scope[] = ['wizard', ...DEFAULT_SCOPES],
  ): Command | undefined {
    for (const scope of scopes) {
      const found = this.bindings.find(
        (binding) => binding.scope === scope && binding.matchers.some((match) => match(input, key)),
      );
      if (found) return found.command;
    }
    return undefined;
  }

  binding(command: Command): Binding | undefined {
    return this.byCommand.get(command);
  }

  /** "q/esc", "↑/k": every key of a command. */
  keyLabel(command: Command): string {
    const binding = this.binding(command);
    return binding ? binding.keys.map(keySpecLabel).join('/') : '?';
  }

  /** Changes something in the backend (hidden in read-only mode). */
  mutates(command: Command): boolean {
    return Boolean(this.binding(command)?.mutates);
  }
}
