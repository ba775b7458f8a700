// One line for any failure of a script command, with the exit code scripts can branch on. Never a
// stack trace: API errors are named by their status, usage errors say how to fix the call.
import {safeText} from '../text/safe-text.js';
import {ApiError} from '../vertex/api.js';
import {EXIT} from './exit-codes.js';

export class CommandError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
  }
}

const STATUS_EXIT: Record<number, number> = {
  3: EXIT.usage, // INVALID_ARGUMENT: the filter or id given is not valid
  5: EXIT.notFound,
  7: EXIT.credentials, // PERMISSION_DENIED
  16: EXIT.credentials, // UNAUTHENTICATED
};

export function exitCodeOf(error: unknown): number {
  if (error instanceof CommandError) return error.exitCode;
  if (error instanceof ApiError && error.code !== undefined)
    return STATUS_EXIT[error.code] ?? EXIT.failed;
  return EXIT.failed;
}

/** Prints the failure as one line on stderr and returns its exit code. */
export function reportFailure(
  error: unknown,
  stderr: NodeJS.WritableStream = process.stderr,
): number {
  const message = error instanceof Error ? error.message : String(error);
  stderr.write(`vtrain-tui: ${safeText(message.split('\n')[0] ?? message)}\n`);
  return exitCodeOf(error);
}
