// Shared inputs of the validation rules.
import type {Catalog} from './catalog-types.js';
import type {AddProblem} from './problem.js';

export interface RuleContext {
  catalog: Catalog;
  /** Today as YYYY-MM-DD, for end-of-support checks. */
  today: string;
  add: AddProblem;
  /**
   * Where the job will run, when known: the local emulator runs a Python package with the local
   * python and never pulls the pre-built image, so image schedules do not apply there.
   */
  backend?: 'local' | 'vertex';
}

export const GCS_URI = /^gs:\/\/[a-z0-9][a-z0-9._-]{1,220}[a-z0-9]\/.*$/;
export const GCS_BUCKET_OR_PREFIX = /^gs:\/\/[a-z0-9][a-z0-9._-]{1,220}[a-z0-9](\/.*)?$/;

export const isStringList = (value: unknown): value is string[] =>
  Array.isArray(value) && value.every((item) => typeof item === 'string');

/** Days from `from` to `to` (both YYYY-MM-DD). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);
}
