// The ListCustomJobs filter as job_service.proto documents it: `display_name` (=, !=, and `:`
// with `*` wildcards), `state` (=, !=), `create_time` (all comparisons, RFC 3339) and
// `labels.KEY` (`labels.key=value`, `labels.key:*`). Anything else is INVALID_ARGUMENT.
import {JOB_STATES} from '../../core/job-spec/index.js';
import {
  checkFilter,
  evaluateFilter,
  parseFilter,
  type FieldResolver,
  type FieldRule,
  type FilterExpr,
} from './filter.js';
import {invalidArgument} from './grpc-errors.js';
import {isoToNs, nsToIso} from './clock.js';

/** What the filter reads of a record: every listed resource has it (jobs, pipelines, datasets). */
export interface FilterableRecord {
  displayName: string;
  state: string;
  createTimeNs: bigint;
  labels: Record<string, string>;
}

const EQUALITY = ['=', '!='] as const;
const ORDERED = ['=', '!=', '<', '<=', '>', '>='] as const;

const RFC3339 = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,9})?(Z|[+-]\d\d:\d\d)$/;

function ruleFor(field: string): FieldRule | undefined {
  if (field === 'display_name') return {operators: [...EQUALITY, ':']};
  if (field === 'state') {
    return {
      operators: EQUALITY,
      checkValue: (value) =>
        (JOB_STATES as readonly string[]).includes(value)
          ? undefined
          : 'is not a JobState (e.g. JOB_STATE_SUCCEEDED)',
    };
  }
  if (field === 'create_time') {
    return {
      operators: ORDERED,
      checkValue: (value) =>
        RFC3339.test(value) && isoToNs(value) !== undefined
          ? undefined
          : 'is not an RFC 3339 timestamp (e.g. "2026-05-18T00:00:00Z")',
    };
  }
  if (/^labels\.[^.]+$/.test(field)) return {operators: [...EQUALITY, ':']};
  return undefined;
}

/** Parses and checks a ListCustomJobs filter; errors are INVALID_ARGUMENT naming the token. */
export function compileJobFilter(filter: string | undefined): FilterExpr {
  try {
    const expr = parseFilter(filter ?? '');
    checkFilter(expr, ruleFor);
    return expr;
  } catch (error) {
    // A long filter is quoted by its start only: the answer must stay small.
    const shown = (filter ?? '').length > 200 ? `${filter!.slice(0, 200)}…` : filter;
    throw invalidArgument(`Invalid filter "${shown}": ${(error as Error).message}`);
  }
}

export function jobMatches(expr: FilterExpr, job: FilterableRecord): boolean {
  return evaluateFilter(expr, jobResolver(job));
}

/**
 * `*` in a display-name pattern matches any run of characters; the rest matches literally. Each
 * literal part is found at its first place after the previous one (no backtracking): a regular
 * expression of many `.*` backtracks for a time that grows as a power of the name's length.
 */
export function globMatches(actual: string, pattern: string): boolean {
  const parts = pattern.split('*');
  const first = parts[0]!;
  const last = parts.at(-1)!;
  if (parts.length === 1) return actual === pattern;
  if (!actual.startsWith(first) || actual.length < first.length + last.length) return false;
  if (!actual.endsWith(last)) return false;
  let at = first.length;
  const end = actual.length - last.length;
  for (const part of parts.slice(1, -1)) {
    const found = actual.indexOf(part, at);
    if (found < 0 || found + part.length > end) return false;
    at = found + part.length;
  }
  return true;
}

const byTime = (a: string, b: string): number => {
  const left = isoToNs(a) ?? 0n;
  const right = isoToNs(b) ?? 0n;
  return left < right ? -1 : left > right ? 1 : 0;
};

function jobResolver(job: FilterableRecord): FieldResolver {
  return (field) => {
    if (field === 'display_name') {
      return {
        value: job.displayName,
        // `=` takes `*` wildcards too, as AIP-160 allows for strings.
        order: (actual, pattern) =>
          pattern.includes('*')
            ? globMatches(actual, pattern)
              ? 0
              : 1
            : actual === pattern
              ? 0
              : 1,
        // `:` without a wildcard is a substring test, with one an anchored pattern.
        has: (actual, pattern) =>
          pattern.includes('*') ? globMatches(actual, pattern) : actual.includes(pattern),
      };
    }
    if (field === 'state') return {value: job.state};
    if (field === 'create_time') return {value: nsToIso(job.createTimeNs), order: byTime};
    if (field.startsWith('labels.')) {
      return {
        value: job.labels[field.slice('labels.'.length)],
        has: (actual, pattern) => pattern === '*' || actual === pattern,
      };
    }
    return undefined;
  };
}
