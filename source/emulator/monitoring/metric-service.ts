// google.monitoring.v3.MetricService.ListTimeSeries over the replicas' samples (usage-sampler.ts),
// as strict as Cloud Monitoring where google/monitoring/v3 documents a rule:
// - metric_service.proto ListTimeSeriesRequest: `name` projects/P (organizations/ and folders/
//   hold no training jobs here), `filter` required and naming a single metric type, `interval`
//   required with start ≤ end, `order_by` "must be left blank", points newest first, only series
//   with points in the interval.
// - common.proto Aggregation: an aligner other than ALIGN_NONE needs `alignment_period`, which
//   "must be at least 60 seconds"; ALIGN_MEAN/MIN/MAX apply to GAUGE and DELTA metrics, ALIGN_RATE
//   and ALIGN_DELTA only to DELTA/CUMULATIVE ones (Aligner's comments). Cross-series reduction is
//   not served.
// - The network counters are served as DELTA INT64 in bytes ("By"): copies of Google's metrics
//   list give them in bytes (Dynatrace, docs.dynatrace.com …/gcp-ai-platform-monitoring: unit
//   "Byte") as counts (Datadog, docs.datadoghq.com/integrations/google_cloud_ml: "count"); Google's
//   own page could not be read here, so the kind is unconfirmed and the app reads DELTA,
//   CUMULATIVE and GAUGE alike (services/metrics/usage-query.ts COUNTER_ALIGNERS). ALIGN_RATE divides each period's sum by the period's seconds (a DOUBLE, "By/s");
//   ALIGN_DELTA gives the sum (INT64). Aligned DELTA points cover [end - period, end].
// - Filters (cloud.google.com/monitoring/api/v3/filters): metric.type, resource.type,
//   resource.labels.KEY, metric.labels.KEY (and the older `.label.` spelling), project, with =, !=,
//   AND, OR, NOT.
// Series carry resource `cloudml_job` with labels project_id, job_id and task_name (the replica),
// the labels AI Platform's cloudml_job resource has; the app reads every plausible shape. A tuning
// job's trial is a CustomJob of its own (Trial.custom_job, study.proto), so its series carry that
// job's id as job_id, as any custom job's do: one of the two shapes the app reads for trials
// (services/metrics/trial-usage.ts; which one Vertex uses is not documented).
import * as grpc from '@grpc/grpc-js';
import {RpcError, invalidArgument} from '../rpc/grpc-errors.js';
import {
  FilterSyntaxError,
  evaluateFilter,
  parseFilter,
  type FilterExpr,
  type ResolvedField,
} from '../rpc/filter.js';
import {
  COUNTER_SERIES,
  METRIC_TYPES,
  type ReplicaSeries,
  type SeriesMetric,
} from './usage-sampler.js';

interface Timestamp {
  seconds?: string | number;
  nanos?: number;
}

export interface ListTimeSeriesRequest {
  name?: string;
  filter?: string;
  interval?: {startTime?: Timestamp; endTime?: Timestamp};
  aggregation?: {
    alignmentPeriod?: {seconds?: string | number; nanos?: number};
    perSeriesAligner?: string;
    crossSeriesReducer?: string;
    groupByFields?: string[];
  };
  secondaryAggregation?: unknown;
  orderBy?: string;
  view?: string;
  pageSize?: number;
  pageToken?: string;
}

const RESOURCE_TYPE = 'cloudml_job';
const MIN_ALIGNMENT_SECONDS = 60;
const GAUGE_ALIGNERS = new Set(['ALIGN_MEAN', 'ALIGN_MIN', 'ALIGN_MAX']);
const COUNTER_ALIGNERS = new Set([...GAUGE_ALIGNERS, 'ALIGN_RATE', 'ALIGN_DELTA']);

const metricOf = (type: string) =>
  (Object.entries(METRIC_TYPES) as [SeriesMetric, string][]).find(([, name]) => name === type)?.[0];

const toMs = (time: Timestamp | undefined) =>
  time ? Number(time.seconds ?? 0) * 1000 + Math.floor((time.nanos ?? 0) / 1e6) : undefined;
const toTimestamp = (ms: number) => ({
  seconds: String(Math.floor(ms / 1000)),
  nanos: (ms % 1000) * 1e6,
});

/** The metric types a filter's AND-ed `metric.type = "…"` terms name. */
function metricTypesOf(expr: FilterExpr): string[] {
  if (expr.kind === 'and') return [...metricTypesOf(expr.left), ...metricTypesOf(expr.right)];
  if (expr.kind === 'compare' && expr.field === 'metric.type' && expr.op === '=')
    return [expr.value];
  return [];
}

function seriesFields(series: ReplicaSeries, type: string) {
  const resourceLabels: Record<string, string> = {
    project_id: series.project,
    job_id: series.jobId,
    task_name: series.replica,
  };
  return (field: string): ResolvedField | undefined => {
    if (field === 'metric.type') return {value: type};
    if (field === 'resource.type') return {value: RESOURCE_TYPE};
    if (field === 'project') return {value: series.project};
    const resource = /^resource\.labels?\.(.+)$/.exec(field);
    if (resource) return {value: resourceLabels[resource[1]!]};
    if (/^metric\.labels?\..+$/.test(field)) return {value: undefined};
    return undefined;
  };
}

function checkRequest(request: ListTimeSeriesRequest) {
  const name = request.name ?? '';
  if (!/^(projects|organizations|folders)\/[^/]+$/.test(name))
    throw invalidArgument(
      `Field name had an invalid value of "${name}": it must be projects/[PROJECT_ID_OR_NUMBER], organizations/[ORGANIZATION_ID] or folders/[FOLDER_ID].`,
    );
  if (!request.filter?.trim()) throw invalidArgument('Field filter is required.');
  let expr: FilterExpr;
  try {
    expr = parseFilter(request.filter);
  } catch (error) {
    if (error instanceof FilterSyntaxError)
      throw invalidArgument(`Field filter had an invalid value: ${error.message}.`);
    throw error;
  }
  const types = metricTypesOf(expr);
  if (types.length !== 1)
    throw invalidArgument(
      `Field filter had an invalid value of "${request.filter}": it must name a single metric type, as metric.type = "TYPE" (AND-ed with the other terms).`,
    );
  const endMs = toMs(request.interval?.endTime);
  if (endMs === undefined) throw invalidArgument('Field interval.endTime is required.');
  const startMs = toMs(request.interval?.startTime) ?? endMs;
  if (startMs > endMs)
    throw invalidArgument('Field interval.startTime must not be later than interval.endTime.');
  if (request.orderBy)
    throw invalidArgument('Field order_by is unsupported: it must be left blank.');
  const aligner = request.aggregation?.perSeriesAligner ?? 'ALIGN_NONE';
  let periodMs = 0;
  if (aligner !== 'ALIGN_NONE') {
    const period = request.aggregation?.alignmentPeriod;
    const seconds = period ? Number(period.seconds ?? 0) + (period.nanos ?? 0) / 1e9 : 0;
    if (!period)
      throw invalidArgument(
        'Field aggregation.alignmentPeriod is required when aggregation.perSeriesAligner is not ALIGN_NONE.',
      );
    if (seconds < MIN_ALIGNMENT_SECONDS)
      throw invalidArgument(
        `Field aggregation.alignmentPeriod had an invalid value of "${seconds}s": it must be at least ${MIN_ALIGNMENT_SECONDS}s.`,
      );
    const metric = metricOf(types[0]!);
    if (metric && COUNTER_SERIES.has(metric)) {
      if (!COUNTER_ALIGNERS.has(aligner))
        throw invalidArgument(
          `The aligner ${aligner} cannot be applied to metrics with kind DELTA and value type INT64; use ALIGN_RATE, ALIGN_DELTA, ALIGN_MEAN, ALIGN_MIN or ALIGN_MAX.`,
        );
    } else if (!GAUGE_ALIGNERS.has(aligner))
      throw invalidArgument(
        `The aligner ${aligner} cannot be applied to metrics with kind GAUGE and value type DOUBLE; use ALIGN_MEAN, ALIGN_MIN or ALIGN_MAX.`,
      );
    periodMs = seconds * 1000;
  }
  const reducer = request.aggregation?.crossSeriesReducer ?? 'REDUCE_NONE';
  if (reducer !== 'REDUCE_NONE' || request.secondaryAggregation)
    throw new RpcError(
      grpc.status.UNIMPLEMENTED,
      'The local emulator does not reduce across series (cross_series_reducer, secondary_aggregation).',
    );
  return {expr, type: types[0]!, startMs, endMs, aligner, periodMs};
}

function aggregate(values: number[], aligner: string, periodMs: number): number {
  if (aligner === 'ALIGN_DELTA') return values.reduce((a, b) => a + b, 0);
  if (aligner === 'ALIGN_RATE') return values.reduce((a, b) => a + b, 0) / (periodMs / 1000);
  if (aligner === 'ALIGN_MIN') return Math.min(...values);
  if (aligner === 'ALIGN_MAX') return Math.max(...values);
  return values.reduce((a, b) => a + b, 0) / values.length;
}

export function metricServiceHandlers(series: () => ReplicaSeries[]) {
  return {
    listTimeSeries(request: ListTimeSeriesRequest) {
      const {expr, type, startMs, endMs, aligner, periodMs} = checkRequest(request);
      const metric = metricOf(type);
      const counter = metric !== undefined && COUNTER_SERIES.has(metric);
      // What the points are after alignment (Aligner comments: ALIGN_RATE gives a DOUBLE rate,
      // the others keep the kind; a gauge metric is a fraction, 10^2.%).
      const output = !counter
        ? {metricKind: 'GAUGE', valueType: 'DOUBLE', unit: '10^2.%'}
        : aligner === 'ALIGN_RATE'
          ? {metricKind: 'GAUGE', valueType: 'DOUBLE', unit: 'By/s'}
          : aligner === 'ALIGN_NONE' || aligner === 'ALIGN_DELTA'
            ? {metricKind: 'DELTA', valueType: 'INT64', unit: 'By'}
            : {metricKind: 'GAUGE', valueType: 'DOUBLE', unit: 'By'};
      const project = /^projects\/([^/]+)$/.exec(request.name ?? '')?.[1];
      const timeSeries = [];
      if (metric && project) {
        for (const one of series()) {
          if (one.project !== project) continue;
          try {
            if (!evaluateFilter(expr, seriesFields(one, type))) continue;
          } catch (error) {
            if (error instanceof FilterSyntaxError)
              throw invalidArgument(`Field filter had an invalid value: ${error.message}.`);
            throw error;
          }
          const raw = one.points.flatMap((point) => {
            const value = point.values[metric];
            return value === undefined
              ? []
              : [
                  {
                    ...(point.startMs !== undefined && {startMs: point.startMs}),
                    timeMs: point.timeMs,
                    value,
                  },
                ];
          });
          const points = periodMs
            ? aligned(raw, startMs, endMs, periodMs, aligner)
            : inRange(raw, startMs, endMs);
          if (points.length === 0) continue;
          timeSeries.push({
            metric: {type, labels: {}},
            resource: {
              type: RESOURCE_TYPE,
              labels: {project_id: one.project, job_id: one.jobId, task_name: one.replica},
            },
            ...output,
            points:
              request.view === 'HEADERS'
                ? []
                : points.map((point) => ({
                    interval: {
                      // A GAUGE point is an instant; a DELTA point covers its interval.
                      startTime: toTimestamp(
                        output.metricKind === 'DELTA'
                          ? (point.startMs ?? point.timeMs)
                          : point.timeMs,
                      ),
                      endTime: toTimestamp(point.timeMs),
                    },
                    value:
                      output.valueType === 'INT64'
                        ? {int64Value: String(Math.round(point.value))}
                        : {doubleValue: point.value},
                  })),
          });
        }
      }
      return {timeSeries, nextPageToken: '', unit: timeSeries.length ? output.unit : ''};
    },
  };
}

type Point = {startMs?: number; timeMs: number; value: number};

/** Raw points in [start, end], newest first. */
function inRange(points: Point[], startMs: number, endMs: number): Point[] {
  return points.filter((point) => point.timeMs >= startMs && point.timeMs <= endMs).reverse();
}

/**
 * One point per alignment period that has data, at the period's end: periods end at `end`,
 * `end - period`, … back to `start`, each covering (end - period, end]. Newest first.
 */
function aligned(
  points: Point[],
  startMs: number,
  endMs: number,
  periodMs: number,
  aligner: string,
): Point[] {
  const result: Point[] = [];
  // No period before the oldest point can have data (points are kept oldest first).
  const floor = Math.max(startMs, (points[0]?.timeMs ?? endMs) - periodMs);
  for (let end = endMs; end >= floor; end -= periodMs) {
    const values = points
      .filter((point) => point.timeMs > end - periodMs && point.timeMs <= end)
      .map((point) => point.value);
    if (values.length)
      result.push({
        startMs: end - periodMs,
        timeMs: end,
        value: aggregate(values, aligner, periodMs),
      });
  }
  return result;
}
