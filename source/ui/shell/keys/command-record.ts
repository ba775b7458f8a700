// A command together with what it does, as the module that owns it hands it to the screens that
// offer it (the job actions: job-actions/job-commands.ts). The record carries its binding's help
// line, hint and danger and, where it is attached, why it does not apply now; a screen attaches
// records with useCommands({attach}), so it neither writes their cases nor their disabled reasons.
import type {Command, Keymap} from './keymap.js';

export interface CommandRecord {
  command: Command;
  run(): void;
  /** The `?` help line (from the binding). */
  description: string;
  /** The hint bar's label (from the binding). */
  hint?: string;
  /** Asks for confirmation first. */
  dangerous?: boolean;
  /** Changes something in the backend: hidden in read-only mode. */
  mutates?: boolean;
  /** Why it does not apply now: said when its key is pressed, beside it in help, not hinted. */
  disabledReason?: string;
}

/** The record of `command` with its binding's description, hint and danger. */
export function commandRecord(
  keymap: Keymap,
  command: Command,
  run: () => void,
  disabledReason?: string,
): CommandRecord {
  const binding = keymap.binding(command);
  return {
    command,
    run,
    description: binding?.description ?? command,
    ...(binding?.hint && {hint: binding.hint}),
    ...(binding?.dangerous && {dangerous: true}),
    ...(binding?.mutates && {mutates: true}),
    ...(disabledReason && {disabledReason}),
  };
}

export type CommandHandler = (command: Command) => boolean | void;

/**
 * A screen's handler and disabled reasons with `records` attached: their commands run the record,
 * their reasons join the screen's (a screen's own reason for the same command wins).
 */
export function attachRecords(
  handler: CommandHandler,
  disabled: Readonly<Partial<Record<Command, string>>>,
  records: readonly CommandRecord[],
): {handler: CommandHandler; disabled: Partial<Record<Command, string>>} {
  if (records.length === 0) return {handler, disabled};
  const byCommand = new Map(records.map((record) => [record.command, record]));
  const reasons: Partial<Record<Command, string>> = {};
  for (const record of records)
    if (record.disabledReason) reasons[record.command] = record.disabledReason;
  return {
    handler: (command) => {
      const record = byCommand.get(command);
      if (!record) return handler(command);
      record.run();
      return true;
    },
    disabled: {...reasons, ...disabled},
  };
}
