// What `vtrain-tui logs` and `vtrain-tui top` share before their own work: --help, their flags, the
// backend for the JOB given (a full resource name says its project and region), one session, and
// the exit codes of every failure on the way (2 usage, 3 not found, 4 credentials, 1 otherwise).
import {safeText} from '../../core/text/safe-text.js';
import {BackendFlagError} from '../../services/backend/resolve-backend.js';
import type {Session} from '../../services/backend/session.js';
import {ApiError} from '../../services/vertex/api.js';
import {UsageError} from '../args.js';
import {backendChoice} from '../backend-flags.js';
import {EXIT} from '../exit-codes.js';
import type {MainContext} from '../main-context.js';
import type {JobReference} from './logs-args.js';

/** google.rpc.Code NOT_FOUND; PERMISSION_DENIED and UNAUTHENTICATED (google/rpc/code.proto). */
const NOT_FOUND = 5;
const PERMISSION_CODES = new Set([7, 16]);

/** Writes `vtrain-tui NAME: message` (outside text made printable) and returns the exit code. */
export function commandFailure(name: string): (message: string, code: number) => number {
  return (message, code) => {
    process.stderr.write(`vtrain-tui ${name}: ${safeText(message, {multiline: true})}\n`);
    return code;
  };
}

export function exitCodeFor(error: unknown): number {
  const code = error instanceof ApiError ? error.code : (error as {code?: number}).code;
  if (code === NOT_FOUND) return EXIT.notFound;
  if (code !== undefined && PERMISSION_CODES.has(code)) return EXIT.credentials;
  return EXIT.failed;
}

export interface JobCommand<O extends {job: JobReference; backend: Record<string, unknown>}> {
  name: string;
  usage: string;
  /** Parses the command's own flags; throws UsageError for bad ones. */
  parse(argv: string[]): O;
}

export interface OpenedJobCommand<O> {
  options: O;
  session: Session;
  project: string;
  region: string;
}

/** The exit code when the command ends here (help, a usage error, no backend), else the session. */
export async function openJobCommand<
  O extends {job: JobReference; backend: Record<string, unknown>},
>(
  argv: string[],
  context: MainContext,
  command: JobCommand<O>,
): Promise<number | OpenedJobCommand<O>> {
  const fail = commandFailure(command.name);
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(command.usage);
    return EXIT.ok;
  }
  let options: O;
  try {
    options = command.parse(argv);
  } catch (error) {
    if (error instanceof UsageError)
      return fail(
        `${error.message}\nRun \`vtrain-tui ${command.name} --help\` for usage.`,
        EXIT.usage,
      );
    throw error;
  }
  // A full resource name says which project and region; otherwise the shared resolution does.
  const named = 'name' in options.job ? options.job : undefined;
  let choice;
  try {
    choice = await backendChoice(
      {...options.backend, ...(named && {project: named.project, region: named.region})},
      context,
    );
  } catch (error) {
    if (error instanceof BackendFlagError) return fail(error.message, EXIT.usage);
    throw error;
  }
  const {openSession} = await import('../../services/backend/open-session.js');
  try {
    const session = await openSession(choice);
    return {options, session, project: choice.project, region: choice.region};
  } catch (error) {
    return fail((error as Error).message, exitCodeFor(error));
  }
}
