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
  /** The script exit code it maps to (see entry/exit-codes.ts). */
  exitCode: number;
}

const REFUSED = new Set([3, 9]); // INVALID_ARGUMENT, FAILED_PRECONDITION

/** The local emulator's answer to an AutoML pipeline it checked (emulator/pipeline/automl-check). */
const AUTOML_LOCAL = /AutoML training runs only on Vertex AI/;

export function explainApiError(error: unknown): SubmitFailure {
  const explained = explain(error);
  if (explained.nextStep)
    return {message: explained.summary, next: explained.nextStep, exitCode: explained.exitCode};
  const code = error instanceof ApiError ? error.code : undefined;
  if (code === 9 && AUTOML_LOCAL.test(String((error as Error).message)))
    return {
      message:
        'the local emulator received this AutoML pipeline and found no problem in it, but it does not train AutoML models: only Vertex AI does',
      next: "submit it to Vertex AI (a Google Cloud project: Vertex AI in the wizard's Where step, or --backend vertex), or train a custom job locally",
      exitCode: 1,
    };
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
