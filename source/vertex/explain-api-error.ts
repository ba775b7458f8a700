// API failures in plain words with the next step, for the wizard's submit and `submit` alike.
import {ApiError} from './api.js';

export interface ExplainedError {
  /** What went wrong, in plain words. */
  message: string;
  /** What the user can do next. */
  next: string;
  /** The script exit code it maps to (see cli/exit-codes.ts). */
  exitCode: 1 | 3 | 4;
}

const GRPC = {
  INVALID_ARGUMENT: 3,
  DEADLINE_EXCEEDED: 4,
  NOT_FOUND: 5,
  ALREADY_EXISTS: 6,
  PERMISSION_DENIED: 7,
  RESOURCE_EXHAUSTED: 8,
  FAILED_PRECONDITION: 9,
  UNAVAILABLE: 14,
  UNAUTHENTICATED: 16,
} as const;

export function explainApiError(error: unknown): ExplainedError {
  const text = error instanceof Error ? error.message : String(error);
  const code = error instanceof ApiError ? error.code : undefined;
  // gRPC messages start with "3 INVALID_ARGUMENT: "; the words after it are the server's.
  const said = text.replace(/^\d+ [A-Z_]+: /, '');
  switch (code) {
    case GRPC.INVALID_ARGUMENT:
    case GRPC.FAILED_PRECONDITION:
      return {
        message: `the backend refused the job: ${said}`,
        next: 'change the field it names and submit again (`vtrain-tui validate` checks most rules offline)',
        exitCode: 1,
      };
    case GRPC.PERMISSION_DENIED:
      return {
        message: `permission denied: ${said}`,
        next: 'ask for the Vertex AI User role (roles/aiplatform.user) on the project, or pick another project',
        exitCode: 4,
      };
    case GRPC.UNAUTHENTICATED:
      return {
        message: `not signed in, or the credentials were refused: ${said}`,
        next: 'run `gcloud auth application-default login` (or check the emulator key) and try again',
        exitCode: 4,
      };
    case GRPC.RESOURCE_EXHAUSTED:
      return {
        message: `over quota: ${said}`,
        next: 'use fewer or smaller machines, another region, or request more quota',
        exitCode: 1,
      };
    case GRPC.NOT_FOUND:
      return {
        message: `not found: ${said}`,
        next: 'check the project, region and names',
        exitCode: 3,
      };
    case GRPC.UNAVAILABLE:
    case GRPC.DEADLINE_EXCEEDED:
      return {
        message: `the backend did not answer: ${said}`,
        next: 'check the network (or `vtrain-tui emulator status`) and submit again; a job created meanwhile is found, not duplicated',
        exitCode: 1,
      };
    default:
      return {
        message: said,
        next: 'try again; if it persists, run with the same file and report the message',
        exitCode: 1,
      };
  }
}
