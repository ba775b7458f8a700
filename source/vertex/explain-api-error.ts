// The create path's view of an API failure: explain-error.ts's explanation (credentials,
// permissions, quota, region, bucket …) with a next step always present, since a submit that
// failed must say what to do; a refused request points at `validate`.
import {ApiError} from './api.js';
import {explainApiError as explain} from './explain-error.js';

export interface SubmitFailure {
  /** What went wrong, in plain words. */
  message: string;
  /** What the user can do next. */
  next: string;
  /** The script exit code it maps to (see cli/exit-codes.ts). */
  exitCode: number;
}

const REFUSED = new Set([3, 9]); // INVALID_ARGUMENT, FAILED_PRECONDITION

export function explainApiError(error: unknown): SubmitFailure {
  const explained = explain(error);
  if (explained.nextStep)
    return {message: explained.summary, next: explained.nextStep, exitCode: explained.exitCode};
  const code = error instanceof ApiError ? error.code : undefined;
  if (code !== undefined && REFUSED.has(code))
    return {
      message: `the backend refused the job: ${explained.summary.replace(/^\d+ [A-Z_]+: /, '')}`,
      next: 'change the field it names and submit again (`vtrain-tui validate` checks most rules offline)',
      exitCode: 1,
    };
  return {
    message: explained.summary,
    next: 'try again; if it keeps failing, run `vtrain-tui doctor`',
    exitCode: explained.exitCode,
  };
}
