// One line for any failure of a script command, with the exit code scripts can branch on. Never a
// stack trace: API errors are explained (explain-error.ts: credentials, permissions, quota,
// disabled API …) with the next step; usage errors say how to fix the call.
import {BackendFlagError} from '../services/backend/resolve-backend.js';
import {safeText} from '../core/text/safe-text.js';
import {ApiError} from '../services/vertex/api.js';
import {explainApiError, formatExplained} from '../services/vertex/explain-error.js';
import {EXIT} from './exit-codes.js';

export class CommandError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
  }
}

function explain(error: unknown): {message: string; exitCode: number} {
  if (error instanceof CommandError) return {message: error.message, exitCode: error.exitCode};
  if (error instanceof BackendFlagError) return {message: error.message, exitCode: EXIT.usage};
  // A backend that could not be opened (vertex-session.ts BackendOpenError): already explained.
  if (error instanceof Error && error.name === 'BackendOpenError')
    return {message: error.message, exitCode: (error as Error & {exitCode: number}).exitCode};
  if (error instanceof ApiError) {
    const explained = explainApiError(error);
    // INVALID_ARGUMENT from a List call means the filter or id the user gave is not valid.
    const exitCode = error.code === 3 ? EXIT.usage : explained.exitCode;
    return {message: formatExplained(explained), exitCode};
  }
  return {message: error instanceof Error ? error.message : String(error), exitCode: EXIT.failed};
}

export function exitCodeOf(error: unknown): number {
  return explain(error).exitCode;
}

/** Prints the failure as one line on stderr and returns its exit code. */
export function reportFailure(
  error: unknown,
  stderr: NodeJS.WritableStream = process.stderr,
): number {
  const {message, exitCode} = explain(error);
  stderr.write(`vtrain-tui: ${safeText(message.split('\n')[0] ?? message)}\n`);
  return exitCode;
}
