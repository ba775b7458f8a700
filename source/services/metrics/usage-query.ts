// What the app asks Cloud Monitoring for a job's replicas, and how it reads the answer. Pure.
//
// Metric types: Google's metrics list, "ml" section (cloud.google.com/monitoring/api/metrics_gcp,
// feature set cloudml_job/default_metrics): ml.googleapis.com/training/cpu/utilization,
// .../memory/utilization, .../accelerator/utilization, .../accelerator/memory/utilization (GAUGE,
// DOUBLE, unit 10^2.%: a fraction of the allocation, shown as a percentage), and the network
// counters, on the monitored resource `cloudml_job`. That Vertex AI custom training publishes
// under this prefix, not aiplatform.googleapis.com/, is Google's own word: "For custom training
// metrics, see metric types that start with training in the "ml" section of that page"
// (cloud.google.com/vertex-ai/docs/general/monitoring-metrics, "Custom training monitoring
// metrics": CPU/GPU and memory utilisation per training node, network bytes sent and received per
// second, per trial for tuning jobs). The job is selected by the resource label
// `job_id` (as in Google's Python sample `list_time_series` with
// `resource.labels.job_id = "…" AND resource.type = "cloudml_job"`).
// Network counters (.../network/received_bytes_count, .../sent_bytes_count): byte counts (unit
// "Byte" in Dynatrace's copy of the list, docs.dynatrace.com gcp-ai-platform-monitoring; "count" in
// Datadog's, docs.datadoghq.com google_cloud_ml); their metric kind is not confirmed here (Google's
// metrics list page was not reachable), so any of DELTA, CUMULATIVE or GAUGE (a rate) is read: see
// COUNTER_ALIGNERS.
// Which label names the replica is not documented for Vertex (AI Platform's metrics carry
// `task_name`, e.g. `master-replica-0`); replicaOfSeries accepts every plausible shape.
// The request shape is ListTimeSeriesRequest (google/monitoring/v3/metric_service.proto): name,
// filter (cloud.google.com/monitoring/api/v3/filters), interval, aggregation
// (alignment_period + per_series_aligner ALIGN_MEAN, common.proto), view FULL.

export const TRAINING_METRICS = {
  cpu: 'ml.googleapis.com/training/cpu/utilization',
  memory: 'ml.googleapis.com/training/memory/utilization',
  accelerator: 'ml.googleapis.com/training/accelerator/utilization',
  acceleratorMemory: 'ml.googleapis.com/training/accelerator/memory/utilization',
  networkReceived: 'ml.googleapis.com/training/network/received_bytes_count',
  networkSent: 'ml.googleapis.com/training/network/sent_bytes_count',
} as const;

export type UsageMetric = keyof typeof TRAINING_METRICS;

/** Counters (DELTA or CUMULATIVE): read as rates, summed across a replica's series. */
export const COUNTER_METRICS: ReadonlySet<UsageMetric> = new Set([
  'networkReceived',
  'networkSent',
]);

export type Aligner = 'ALIGN_MEAN' | 'ALIGN_RATE';

/** ALIGN_MEAN for the GAUGE fractions; ALIGN_RATE (bytes per second) for the counters. */
export function alignerOf(metric: UsageMetric): Aligner {
  return COUNTER_METRICS.has(metric) ? 'ALIGN_RATE' : 'ALIGN_MEAN';
}

/**
 * The aligners tried in turn for a counter, as common.proto's Aligner documents them: ALIGN_RATE
 * "is valid for CUMULATIVE and DELTA metrics" and gives bytes per second for either; Monitoring
 * refuses it (INVALID_ARGUMENT) on a GAUGE, whose points are then already a rate, read as
 * one-minute means with ALIGN_MEAN ("valid for GAUGE and DELTA metrics").
 */
export const COUNTER_ALIGNERS: readonly Aligner[] = ['ALIGN_RATE', 'ALIGN_MEAN'];
export const MONITORED_RESOURCE = 'cloudml_job';

const quoted = (value: string) => `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;

/**
 * One metric type of the `cloudml_job` resources of one job id, or of several (a tuning job and
 * its trials' own custom jobs: trial-usage.ts) OR-ed in parentheses, as the Monitoring filter
 * syntax allows (cloud.google.com/monitoring/api/v3/filters, "Filter syntax": AND, OR, NOT and
 * parenthesized expressions).
 */
export function usageFilter(metric: UsageMetric, jobIds: string | readonly string[]): string {
  const ids = [...new Set(typeof jobIds === 'string' ? [jobIds] : jobIds)];
  const job = ids.map((id) => `resource.labels.job_id = ${quoted(id)}`);
  return [
    `metric.type = ${quoted(TRAINING_METRICS[metric])}`,
    `resource.type = ${quoted(MONITORED_RESOURCE)}`,
    job.length === 1 ? job[0]! : `(${job.join(' OR ')})`,
  ].join(' AND ');
}

export interface UsageWindow {
  /** End of the interval (ms since the epoch). */
  endMs: number;
  /** How far back it reaches. */
  spanMs: number;
  /** Aligned points are means over this many seconds. */
  alignmentSeconds: number;
}

const timestamp = (ms: number) => ({seconds: Math.floor(ms / 1000), nanos: (ms % 1000) * 1e6});

export interface ListTimeSeriesRequest {
  name: string;
  filter: string;
  interval: {
    startTime: {seconds: number; nanos: number};
    endTime: {seconds: number; nanos: number};
  };
  aggregation: {alignmentPeriod: {seconds: number}; perSeriesAligner: Aligner};
  view: 'FULL';
}

export function usageRequest(
  project: string,
  metric: UsageMetric,
  jobIds: string | readonly string[],
  window: UsageWindow,
  aligner: Aligner = alignerOf(metric),
): ListTimeSeriesRequest {
  return {
    name: `projects/${project}`,
    filter: usageFilter(metric, jobIds),
    interval: {
      startTime: timestamp(window.endMs - window.spanMs),
      endTime: timestamp(window.endMs),
    },
    aggregation: {
      alignmentPeriod: {seconds: window.alignmentSeconds},
      perSeriesAligner: aligner,
    },
    view: 'FULL',
  };
}

/** A TimeSeries as the official client decodes it (only the fields read here). */
export interface TimeSeriesLike {
  metric?: {type?: string | null; labels?: Record<string, string> | null} | null;
  resource?: {type?: string | null; labels?: Record<string, string> | null} | null;
  unit?: string | null;
  points?: Array<{
    interval?: {endTime?: {seconds?: unknown; nanos?: number | null} | null} | null;
    value?: {doubleValue?: number | null; int64Value?: unknown} | null;
  }> | null;
}

export interface UsagePoint {
  timeMs: number;
  /** A fraction (1 = the whole allocation); bytes per second for the network counters. */
  value: number;
}

const REPLICA = /^workerpool\d+-\d+$/;
/** AI Platform's task names (master-replica-0, worker-replica-3, ps-replica-1, evaluator-replica-0). */
const LEGACY_TASK = /^(master|chief|worker|ps|parameter[-_]server|evaluator)-replica-(\d+)$/;
const LEGACY_POOL: Record<string, number> = {
  master: 0,
  chief: 0,
  worker: 1,
  ps: 2,
  parameter_server: 2,
  'parameter-server': 2,
  evaluator: 3,
};

function poolIndex(value: string): number | undefined {
  const match = /^(?:workerpool)?(\d+)$/.exec(value);
  if (match) return Number(match[1]);
  const role = value.toLowerCase();
  return Object.hasOwn(LEGACY_POOL, role) ? LEGACY_POOL[role] : undefined;
}

/**
 * The replica (workerpoolN-M) a series belongs to, from whichever label carries it: `task_name` or
 * `replica_id` holding the name itself (or AI Platform's `worker-replica-3`), or a pool
 * (`worker_pool` / `worker_pool_index` / `task_type`: "1", "workerpool1", or the TF_CONFIG task
 * type that pool gets — chief/master 0, worker 1, ps 2, evaluator 3, as Vertex's distributed-training
 * page maps them) plus an index (`replica_index`, or a numeric `replica_id` / `task_index`). The
 * `task_type` + `task_index` pair is how AI Platform's training metrics were remembered to be
 * labelled; no reachable copy of Google's metrics list confirms it. Metric labels win over
 * resource labels.
 */
export function replicaOfSeries(series: TimeSeriesLike): string | undefined {
  const labels: Record<string, string> = {...series.resource?.labels, ...series.metric?.labels};
  for (const key of ['task_name', 'replica_id', 'replica', 'replica_name']) {
    const value = labels[key];
    if (!value) continue;
    if (REPLICA.test(value)) return value;
    const legacy = LEGACY_TASK.exec(value);
    if (legacy) return `workerpool${LEGACY_POOL[legacy[1]!]}-${legacy[2]}`;
  }
  const pool = labels.worker_pool ?? labels.worker_pool_index ?? labels.pool ?? labels.task_type;
  const index = labels.replica_index ?? labels.replica_id ?? labels.task_index;
  const poolNumber = pool === undefined ? undefined : poolIndex(pool);
  if (poolNumber !== undefined && index !== undefined && /^\d+$/.test(index))
    return `workerpool${poolNumber}-${Number(index)}`;
  return undefined;
}

function seconds(value: unknown): number {
  if (value === undefined || value === null) return 0;
  return Number(typeof value === 'object' ? String(value) : value);
}

/**
 * The series with the response's unit where they carry none of their own: ListTimeSeriesResponse
 * .unit is "The unit in which all `time_series` point values are reported" ("{not_a_unit}" when
 * they differ), beside TimeSeries.unit (metric_service.proto, metric.proto); which of the two
 * Monitoring fills for these metrics is not documented, so either is read.
 */
export function withResponseUnit(
  series: readonly TimeSeriesLike[],
  unit: string | null | undefined,
): TimeSeriesLike[] {
  if (!unit || unit === '{not_a_unit}') return [...series];
  return series.map((one) => (one.unit ? one : {...one, unit}));
}

/**
 * The points of a series, oldest first, as fractions. The list documents the unit 10^2.% (a
 * fraction); a series that says `%` carries percentages and is scaled down.
 */
export function pointsOfSeries(series: TimeSeriesLike): UsagePoint[] {
  const scale = series.unit === '%' ? 0.01 : 1;
  const points: UsagePoint[] = [];
  for (const point of series.points ?? []) {
    const end = point.interval?.endTime;
    if (!end) continue;
    const raw = point.value?.doubleValue ?? point.value?.int64Value;
    if (raw === undefined || raw === null) continue;
    const value = Number(typeof raw === 'object' ? String(raw) : raw) * scale;
    if (!Number.isFinite(value)) continue;
    points.push({timeMs: seconds(end.seconds) * 1000 + Math.round((end.nanos ?? 0) / 1e6), value});
  }
  // ListTimeSeries returns points newest first (metric_service.proto, TimeSeries.points).
  return points.sort((a, b) => a.timeMs - b.timeMs);
}

/**
 * Series of one metric grouped by replica. A replica with several series (one per accelerator,
 * or per label the app does not read) gets the mean of the values at each time; for counters
 * (`combine: 'sum'`, e.g. one series per network interface) their sum. Which label names the
 * replica on Vertex is unconfirmed, and a series may name none: for a job of one replica
 * (`soleReplica`) such a series can only be that replica's; with several it is left out rather
 * than credited to the wrong one.
 */
export function pointsByReplica(
  series: readonly TimeSeriesLike[],
  combine: 'mean' | 'sum' = 'mean',
  soleReplica?: string,
): Map<string, UsagePoint[]> {
  const sums = new Map<string, Map<number, {sum: number; count: number}>>();
  for (const one of series) {
    const replica = replicaOfSeries(one) ?? soleReplica;
    if (!replica) continue;
    let byTime = sums.get(replica);
    if (!byTime) sums.set(replica, (byTime = new Map()));
    for (const point of pointsOfSeries(one)) {
      const slot = byTime.get(point.timeMs) ?? {sum: 0, count: 0};
      slot.sum += point.value;
      slot.count += 1;
      byTime.set(point.timeMs, slot);
    }
  }
  const result = new Map<string, UsagePoint[]>();
  for (const [replica, byTime] of sums)
    result.set(
      replica,
      [...byTime]
        .map(([timeMs, {sum, count}]) => ({timeMs, value: combine === 'sum' ? sum : sum / count}))
        .sort((a, b) => a.timeMs - b.timeMs),
    );
  return result;
}
