// The server-side filter a user types once for every job type. Pipelines spell their states
// PIPELINE_STATE_*, so a state in the filter is translated for them; the rest of the AIP-160
// expression (display_name, labels.KEY, create_time) is the same for all three List calls.
import type {JobKind} from '../vertex/api.js';

export function serverFilterFor(kind: JobKind, filter: string): string {
  const trimmed = filter.trim();
  if (kind !== 'pipeline') return trimmed;
  return trimmed.replace(/\bJOB_STATE_([A-Z_]+)/g, 'PIPELINE_STATE_$1');
}

/** Shorthands a user may type: `failed` → `state="JOB_STATE_FAILED"`. */
export function expandFilterShorthand(filter: string): string {
  const trimmed = filter.trim();
  if (/^[a-z_]+$/i.test(trimmed) && !/[=<>:]/.test(trimmed))
    return `state="JOB_STATE_${trimmed.toUpperCase()}"`;
  return trimmed;
}
