// Semantic colours: components say what something *is* (error, accent, muted), never which colour.
import type {JobState} from '../../core/job-spec/index.js';

export const theme = {
  text: {primary: 'white', muted: 'gray', accent: 'cyan', heading: 'magentaBright'},
  status: {success: 'green', error: 'red', warning: 'yellow', info: 'blue', pending: 'yellow'},
  border: {default: 'gray', focused: 'cyan'},
  selection: {marker: 'cyan'},
  replicaPalette: [
    'cyan',
    'magenta',
    'blue',
    'green',
    'yellow',
    'redBright',
    'cyanBright',
    'magentaBright',
  ],
} as const;

export function jobStateColor(state: JobState): string {
  switch (state) {
    case 'JOB_STATE_SUCCEEDED':
      return theme.status.success;
    case 'JOB_STATE_FAILED':
    case 'JOB_STATE_EXPIRED':
      return theme.status.error;
    case 'JOB_STATE_CANCELLED':
    case 'JOB_STATE_CANCELLING':
      return theme.status.warning;
    case 'JOB_STATE_RUNNING':
      return theme.status.info;
    default:
      return theme.status.pending;
  }
}

export function severityColor(severity: string): string | undefined {
  if (['ERROR', 'CRITICAL', 'ALERT', 'EMERGENCY'].includes(severity)) return theme.status.error;
  if (severity === 'WARNING') return theme.status.warning;
  if (severity === 'NOTICE') return theme.status.success;
  return undefined;
}
