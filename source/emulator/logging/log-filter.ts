// The Cloud Logging filter subset the app and gcloud use, over the emulator's log records:
// resource.type, resource.labels.*, labels.*, severity (ordered), timestamp (RFC 3339, ordered),
// insertId, logName, plus textPayload and jsonPayload.* for `:` searches.
import {checkFilter, parseFilter, type FieldRule, type FilterExpr} from '../rpc/filter.js';
import {invalidArgument} from '../rpc/grpc-errors.js';
import {isoToNs} from '../rpc/clock.js';
import {SEVERITY_LEVELS} from './severity.js';

const ALL = ['=', '!=', '<', '<=', '>', '>=', ':'] as const;

const severityRule: FieldRule = {
  operators: ALL,
  checkValue: (value) =>
    value.toUpperCase() in SEVERITY_LEVELS
      ? undefined
      : `is not a LogSeverity (${Object.keys(SEVERITY_LEVELS).join(', ')})`,
};

const timestampRule: FieldRule = {
  operators: ALL,
  checkValue: (value) =>
    isoToNs(value) === undefined
      ? 'is not an RFC 3339 timestamp (e.g. "2026-05-18T00:00:00Z")'
      : undefined,
};

function ruleFor(field: string): FieldRule | undefined {
  if (field === 'severity') return severityRule;
  if (field === 'timestamp') return timestampRule;
  if (['resource.type', 'insertId', 'logName', 'textPayload'].includes(field))
    return {operators: ALL};
  if (/^(resource\.labels|jsonPayload)\.[^.]+$/.test(field)) return {operators: ALL};
  // Entry label keys may contain dots when quoted: labels."ml.googleapis.com/trial_id".
  if (/^labels\..+$/.test(field)) return {operators: ALL};
  return undefined;
}

/** Parses and checks a filter; problems become INVALID_ARGUMENT naming the offending token. */
export function compileLogFilter(filter: string | undefined): FilterExpr {
  if ((filter ?? '').length > 20_000) {
    throw invalidArgument('Invalid filter: it is longer than 20000 characters.');
  }
  try {
    const expr = parseFilter(filter ?? '');
    checkFilter(expr, ruleFor);
    return expr;
  } catch (error) {
    throw invalidArgument(`Invalid filter: ${(error as Error).message}`);
  }
}
