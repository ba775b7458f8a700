// What every `vtrain-tui jobs SUBCOMMAND` shares: strict flag parsing with the backend flags, the
// usage error that points at `jobs --help`, and one session opened and closed around the work.
import {parseArgs} from 'node:util';
import {openSession} from '../../services/backend/open-session.js';
import type {Session} from '../../services/backend/session.js';
import {backendChoice, BACKEND_FLAGS} from '../backend-flags.js';
import {CommandError} from '../command-errors.js';
import {EXIT} from '../exit-codes.js';
import type {MainContext} from '../main-context.js';

export function usageError(message: string): CommandError {
  return new CommandError(`${message} Run \`vtrain-tui jobs --help\` for usage.`, EXIT.usage);
}

export type Values = Record<string, string | boolean | undefined>;

export function parse(
  argv: string[],
  options: Record<string, {type: 'string' | 'boolean'}>,
): {values: Values; positionals: string[]} {
  try {
    const parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {...BACKEND_FLAGS, ...options},
    });
    return {values: parsed.values as Values, positionals: parsed.positionals};
  } catch (error) {
    throw usageError((error as Error).message.replace(/\. To specify.*$/s, '.'));
  }
}

export const text = (values: Values, name: string): string | undefined => {
  const value = values[name];
  return typeof value === 'string' ? value : undefined;
};

export async function withSession<T>(
  values: Values,
  context: MainContext,
  work: (session: Session, parent: string) => Promise<T>,
): Promise<T> {
  const choice = await backendChoice(values, context);
  const session = await openSession(choice);
  try {
    return await work(session, `projects/${choice.project}/locations/${choice.region}`);
  } finally {
    await session.close();
  }
}
