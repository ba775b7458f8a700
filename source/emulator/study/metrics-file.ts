// Reads a trial's metrics as the cloudml-hypertune library writes them: JSON lines of
// {"timestamp": <seconds>, "trial": "<id>", "<metric tag>": "<value>", "global_step": "<step>"}
// in the file named by CLOUD_ML_HP_METRIC_FILE (the library keeps the last 100 lines). Each line
// becomes a Measurement with the study's metrics that it carries; other tags are reported so an
// INFEASIBLE trial can say which tags it saw.
import fs from 'node:fs';

export interface Measurement {
  stepCount: number;
  /** Seconds since the trial started. */
  elapsedSeconds: number;
  metrics: {metricId: string; value: number}[];
}

const RESERVED = new Set(['timestamp', 'trial', 'global_step']);

export function parseMetricLines(
  text: string,
  metricIds: readonly string[],
  trialStartSeconds: number,
): {measurements: Measurement[]; otherTags: string[]} {
  const measurements: Measurement[] = [];
  const otherTags = new Set<string>();
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    let record: Record<string, unknown>;
    try {
      const value: unknown = JSON.parse(line);
      if (!value || typeof value !== 'object' || Array.isArray(value)) continue;
      record = value as Record<string, unknown>;
    } catch {
      continue; // a line being written, or not ours
    }
    const metrics: Measurement['metrics'] = [];
    for (const [tag, raw] of Object.entries(record)) {
      if (RESERVED.has(tag)) continue;
      const value = Number(raw);
      if (!metricIds.includes(tag)) otherTags.add(tag);
      else if (Number.isFinite(value)) metrics.push({metricId: tag, value});
    }
    if (metrics.length === 0) continue;
    const step = Number(record.global_step ?? measurements.length + 1);
    const timestamp = Number(record.timestamp);
    measurements.push({
      stepCount: Number.isFinite(step) ? Math.trunc(step) : measurements.length + 1,
      elapsedSeconds: Number.isFinite(timestamp) ? Math.max(0, timestamp - trialStartSeconds) : 0,
      metrics,
    });
  }
  return {measurements, otherTags: [...otherTags]};
}

export function readMetricFile(
  file: string,
  metricIds: readonly string[],
  trialStartSeconds: number,
): {measurements: Measurement[]; otherTags: string[]} {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return {measurements: [], otherTags: []};
  }
  return parseMetricLines(text, metricIds, trialStartSeconds);
}

/** LAST_MEASUREMENT (the default) or BEST_MEASUREMENT by the first metric's goal. */
export function finalMeasurement(
  measurements: Measurement[],
  selection: string | undefined,
  primary: {metricId: string; goal: string},
): Measurement | undefined {
  const withPrimary = measurements.filter((m) =>
    m.metrics.some((metric) => metric.metricId === primary.metricId),
  );
  if (withPrimary.length === 0) return undefined;
  if (selection !== 'BEST_MEASUREMENT') return withPrimary[withPrimary.length - 1];
  const valueOf = (m: Measurement) =>
    m.metrics.find((metric) => metric.metricId === primary.metricId)?.value ?? Number.NaN;
  const minimise = primary.goal === 'MINIMIZE';
  return withPrimary.reduce((best, m) =>
    minimise ? (valueOf(m) < valueOf(best) ? m : best) : valueOf(m) > valueOf(best) ? m : best,
  );
}
