// The server-side filter a user types once for every job type, rewritten for each List call.
//
// Custom and tuning jobs have JobState (aiplatform v1 job_state.proto); training pipelines have
// PipelineState (pipeline_state.proto), which spells its states PIPELINE_STATE_* and lacks three
// of JobState's: EXPIRED, UPDATING and PARTIALLY_SUCCEEDED. ListTrainingPipelinesRequest.filter
// takes `state` with `=` and `!=` (pipeline_service.proto), so a state comparison is translated
// to the type's own names, and one naming a state a pipeline cannot have is decided here: `=` is
// false and `!=` true for every pipeline. The expression is then simplified: a pipeline is still
// asked for whenever the rest of it could match, and ListTrainingPipelines is not called at all
// when it cannot (e.g. `state="JOB_STATE_EXPIRED" AND …`).
//
// The rest of the AIP-160 expression (display_name, labels.KEY, create_time) is the same for all
// three types. A filter this code cannot parse is sent as typed, for the server to explain.
import type {JobKind} from '../vertex/api.js';
import {
  ListFilterSyntax,
  parseListFilter,
  printListFilter,
  type ListFilter,
} from './list-filter.js';

/**
 * JobState's members (job_state.proto) that PipelineState (pipeline_state.proto: UNSPECIFIED,
 * QUEUED, PENDING, RUNNING, SUCCEEDED, FAILED, CANCELLING, CANCELLED, PAUSED) does not have.
 */
const JOB_ONLY_STATES = new Set(['EXPIRED', 'UPDATING', 'PARTIALLY_SUCCEEDED']);

const STATE_VALUE = /^(?:JOB|PIPELINE)_STATE_([A-Z_]+)$/;

type Folded = {always: boolean} | {filter: ListFilter};

function fold(filter: ListFilter, kind: JobKind): Folded {
  switch (filter.kind) {
    case 'literal':
      return {filter};
    case 'compare': {
      const member = filter.field === 'state' ? STATE_VALUE.exec(filter.value)?.[1] : undefined;
      if (member === undefined) return {filter};
      if (kind !== 'pipeline') return {filter: {...filter, value: `JOB_STATE_${member}`}};
      if (JOB_ONLY_STATES.has(member) && (filter.op === '=' || filter.op === '!='))
        return {always: filter.op === '!='};
      // A name neither type has is passed on, for the server to refuse with its own message.
      return {filter: {...filter, value: `PIPELINE_STATE_${member}`}};
    }
    case 'not': {
      const operand = fold(filter.operand, kind);
      return 'always' in operand
        ? {always: !operand.always}
        : {filter: {kind: 'not', operand: operand.filter}};
    }
    case 'and':
    case 'or': {
      const left = fold(filter.left, kind);
      const right = fold(filter.right, kind);
      // The value that decides the operator on its own: false for AND, true for OR.
      const decisive = filter.kind === 'or';
      if (
        ('always' in left && left.always === decisive) ||
        ('always' in right && right.always === decisive)
      )
        return {always: decisive};
      if ('always' in left) return right;
      if ('always' in right) return left;
      return {filter: {kind: filter.kind, left: left.filter, right: right.filter}};
    }
  }
}

/**
 * The filter to send when listing `kind`: '' for no filter, undefined when no job of that type can
 * match it (skip the List call).
 */
export function serverFilterFor(kind: JobKind, filter: string): string | undefined {
  const trimmed = filter.trim();
  let parsed: ListFilter | undefined;
  try {
    parsed = parseListFilter(trimmed);
  } catch (error) {
    if (error instanceof ListFilterSyntax) return trimmed;
    throw error;
  }
  if (!parsed) return '';
  const folded = fold(parsed, kind);
  if ('always' in folded) return folded.always ? '' : undefined;
  const printed = printListFilter(folded.filter);
  // Unchanged: send the user's own text.
  return printed === printListFilter(parsed) ? trimmed : printed;
}

/** Shorthands a user may type: `failed` → `state="JOB_STATE_FAILED"`. */
export function expandFilterShorthand(filter: string): string {
  const trimmed = filter.trim();
  if (/^[a-z_]+$/i.test(trimmed) && !/[=<>:]/.test(trimmed))
    return `state="JOB_STATE_${trimmed.toUpperCase()}"`;
  return trimmed;
}
