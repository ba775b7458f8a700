// The keymap in force: the binding table (bindings.ts) with the user's overrides applied
// (key-overrides.ts), compiled into matchers, and the shared scopes (the job actions) attached to
// the screen scopes that offer them. An immutable value, created once at start and handed
// to the key router, which gives it to the hint bar, the help and the dialogs; nothing here is
// module state, so tests and a second app instance each build their own.
import type {Key} from 'ink';
import {
  DEFAULT_BINDINGS,
  SCOPE_ATTACHMENTS,
  type BindingSpec,
  type Command,
  type Scope,
  type ScopeAttachments,
} from './bindings.js';
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
  private readonly attachments: ScopeAttachments;

  /** Throws KeySpecError when a spec is not a key (overrides are checked before they get here). */
  constructor(
    specs: readonly BindingSpec[] = DEFAULT_BINDINGS,
    attachments: ScopeAttachments = SCOPE_ATTACHMENTS,
  ) {
    this.attachments = attachments;
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
      const found = this.inScope(scope).find((binding) =>
        binding.matchers.some((match) => match(input, key)),
      );
      if (found) return found.command;
    }
    return undefined;
  }

  /** The bindings whose keys work in `scope`: its own, then the ones it attaches. */
  inScope(scope: Scope): readonly Binding[] {
    return [...this.own(scope), ...this.attached(scope)];
  }

  /**
   * `scope`'s bindings as the `?` help lists them: the attached ones in their order, each among the
   * scope's own where the table places it.
   */
  helpOrder(scope: Scope): readonly Binding[] {
    const own = this.own(scope);
    const attached = this.attached(scope);
    const place = (binding: Binding) => this.bindings.indexOf(binding);
    const merged: Binding[] = [];
    let i = 0;
    let j = 0;
    while (i < own.length && j < attached.length)
      merged.push(place(attached[j]!) < place(own[i]!) ? attached[j++]! : own[i++]!);
    return [...merged, ...own.slice(i), ...attached.slice(j)];
  }

  binding(command: Command): Binding | undefined {
    return this.byCommand.get(command);
  }

  /** "q/esc", "↑/k": every key of a command. */
  keyLabel(command: Command): string {
    const binding = this.binding(command);
    return binding ? binding.keys.map(keySpecLabel).join('/') : '?';
  }

  private own(scope: Scope): Binding[] {
    return this.bindings.filter((binding) => binding.scope === scope);
  }

  private attached(scope: Scope): Binding[] {
    const commands = this.attachments[scope] ?? [];
    return commands.flatMap((command) => this.binding(command as Command) ?? []);
  }

  /** Changes something in the backend (hidden in read-only mode). */
  mutates(command: Command): boolean {
    return Boolean(this.binding(command)?.mutates);
  }
}
