// A log entry reduced to what the log view shows, from either the Logging API or the emulator.
export interface LogLine {
  insertId: string;
  timestampMs: number;
  replica: string;
  severity: string;
  message: string;
}

interface EntryMessage {
  insertId?: string | null;
  timestamp?: {
    seconds?: number | string | {toString(): string} | null;
    nanos?: number | null;
  } | null;
  severity?: unknown;
  resource?: {labels?: Record<string, string> | null} | null;
  textPayload?: string | null;
  jsonPayload?: {fields?: Record<string, {stringValue?: string | null}> | null} | null;
}

const SEVERITIES = [
  'DEFAULT',
  'DEBUG',
  'INFO',
  'NOTICE',
  'WARNING',
  'ERROR',
  'CRITICAL',
  'ALERT',
  'EMERGENCY',
];

function severityName(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return SEVERITIES[Math.floor(value / 100)] ?? 'DEFAULT';
  return 'DEFAULT';
}

export function toLogLine(entry: EntryMessage): LogLine {
  const seconds = Number(entry.timestamp?.seconds?.toString() ?? 0);
  const nanos = entry.timestamp?.nanos ?? 0;
  const jsonMessage = entry.jsonPayload?.fields?.message?.stringValue;
  return {
    insertId: entry.insertId ?? '',
    timestampMs: seconds * 1000 + Math.floor(nanos / 1e6),
    replica: entry.resource?.labels?.task_name ?? 'unknown_task',
    severity: severityName(entry.severity),
    message:
      jsonMessage ??
      entry.textPayload ??
      (entry.jsonPayload ? JSON.stringify(entry.jsonPayload) : ''),
  };
}
