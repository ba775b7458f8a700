// google.logging.type.LogSeverity, ordered so filters like `severity>=ERROR` work.
export const SEVERITY_LEVELS: Record<string, number> = {
  DEFAULT: 0,
  DEBUG: 100,
  INFO: 200,
  NOTICE: 300,
  WARNING: 400,
  ERROR: 500,
  CRITICAL: 600,
  ALERT: 700,
  EMERGENCY: 800,
};

export function normaliseSeverity(value: unknown): string {
  const name = String(value ?? '').toUpperCase();
  if (name in SEVERITY_LEVELS) return name;
  if (name === 'WARN') return 'WARNING';
  if (name === 'FATAL') return 'CRITICAL';
  return 'DEFAULT';
}

export function compareSeverity(a: string, b: string): number {
  return (
    (SEVERITY_LEVELS[normaliseSeverity(a)] ?? 0) - (SEVERITY_LEVELS[normaliseSeverity(b)] ?? 0)
  );
}
