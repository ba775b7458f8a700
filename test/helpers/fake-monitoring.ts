// A stand-in for MetricServiceClient.listTimeSeries in unit tests: it keeps raw series (with their
// metric kind) and answers a request the way Cloud Monitoring documents it — the filter's metric
// type and job ids select series, and the per-series aligner follows google/monitoring/v3/
// common.proto's Aligner comments: ALIGN_RATE "is valid for CUMULATIVE and DELTA metrics" and
// gives `(y1 - y0)/(t1 - t0)` per period as a GAUGE DOUBLE; ALIGN_MEAN "is valid for GAUGE and
// DELTA metrics"; anything else is refused with INVALID_ARGUMENT (code 3). With `refuseOr` it
// also refuses a filter with OR, as a stricter Monitoring might.
import type {MetricServiceClient} from '../../source/services/metrics/monitoring-client.js';
import type {ListTimeSeriesRequest} from '../../source/services/metrics/usage-query.js';

export type Kind = 'GAUGE' | 'DELTA' | 'CUMULATIVE';

export interface RawSeries {
  type: string;
  kind: Kind;
  resourceLabels: Record<string, string>;
  metricLabels?: Record<string, string>;
  /** Oldest first; DELTA points cover (startSec, endSec], CUMULATIVE ones start at startSec. */
  points: {startSec?: number; endSec: number; value: number}[];
}

export class FakeMonitoring {
  readonly requests: ListTimeSeriesRequest[] = [];

  constructor(
    readonly series: RawSeries[],
    private readonly options: {refuseOr?: boolean} = {},
  ) {}

  client(): Promise<MetricServiceClient> {
    return Promise.resolve({
      listTimeSeries: async (request: ListTimeSeriesRequest) => [this.list(request)],
      close: async () => undefined,
    } as unknown as MetricServiceClient);
  }

  list(request: ListTimeSeriesRequest) {
    this.requests.push(request);
    if (this.options.refuseOr && / OR /.test(request.filter))
      throw Object.assign(new Error('3 INVALID_ARGUMENT: OR is not supported here'), {code: 3});
    const type = /metric\.type = "([^"]+)"/.exec(request.filter)?.[1];
    const ids = [...request.filter.matchAll(/resource\.labels\.job_id = "([^"]+)"/g)].map(
      (match) => match[1],
    );
    const endSec = request.interval.endTime.seconds;
    const startSec = request.interval.startTime.seconds;
    const period = request.aggregation.alignmentPeriod.seconds;
    const aligner = request.aggregation.perSeriesAligner;
    return this.series
      .filter((one) => one.type === type && ids.includes(one.resourceLabels.job_id!))
      .map((one) => {
        const valid = aligner === 'ALIGN_RATE' ? one.kind !== 'GAUGE' : one.kind !== 'CUMULATIVE';
        if (!valid)
          throw Object.assign(
            new Error(
              `3 INVALID_ARGUMENT: The aligner ${aligner} cannot be applied to metrics with kind ${one.kind}`,
            ),
            {code: 3},
          );
        const points = [];
        for (let end = endSec; end > startSec; end -= period) {
          const inside = one.points.filter((p) => p.endSec > end - period && p.endSec <= end);
          if (inside.length === 0) continue;
          let value: number;
          if (aligner === 'ALIGN_MEAN')
            value = inside.reduce((sum, p) => sum + p.value, 0) / inside.length;
          else if (one.kind === 'DELTA')
            value = inside.reduce((sum, p) => sum + p.value, 0) / period;
          else {
            // CUMULATIVE: the change since the last point before the period, over the period.
            const before = one.points.filter((p) => p.endSec <= end - period).at(-1);
            const last = inside.at(-1)!;
            const first = before ?? {endSec: last.startSec ?? inside[0]!.endSec, value: 0};
            value = (last.value - first.value) / Math.max(1, last.endSec - first.endSec);
          }
          points.push({
            interval: {endTime: {seconds: String(end), nanos: 0}},
            value: {doubleValue: value},
          });
        }
        return {
          metric: {type: one.type, labels: one.metricLabels ?? {}},
          resource: {type: 'cloudml_job', labels: one.resourceLabels},
          metricKind: 'GAUGE',
          valueType: 'DOUBLE',
          points,
        };
      })
      .filter((one) => one.points.length > 0);
  }
}
