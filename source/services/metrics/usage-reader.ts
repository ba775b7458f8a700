// Reads a job's per-replica utilisation from Cloud Monitoring with the official client, the same
// calls in both modes (Vertex, or the emulator's MetricService). One ListTimeSeries per metric
// type, since a Monitoring filter names a single metric type (metric_service.proto,
// ListTimeSeriesRequest.filter); accelerator metrics only for jobs with accelerators.
import type {Backend} from '../vertex/connection.js';
import {createMetricClient, sameBackend, type MetricServiceClient} from './monitoring-client.js';
import {
  COUNTER_METRICS,
  pointsByReplica,
  usageRequest,
  type TimeSeriesLike,
  type UsageMetric,
  type UsagePoint,
} from './usage-query.js';
import {
  replicaUsages,
  usageWindow,
  type ReplicaMachine,
  type UsageSnapshot,
} from './replica-usage.js';

export interface UsageJob {
  project: string;
  jobId: string;
  machines: readonly ReplicaMachine[];
  /** Replica names known from the job (shown even before their first sample). */
  replicas?: readonly string[];
}

/**
 * The metric types read for a job: accelerator ones only where a pool has accelerators; the
 * network counters always (a replica without them shows none).
 */
export function metricsFor(job: Pick<UsageJob, 'machines'>): UsageMetric[] {
  const accelerators = job.machines.some((machine) => machine.accelerators > 0);
  return [
    'cpu',
    'memory',
    ...(accelerators ? (['accelerator', 'acceleratorMemory'] as const) : []),
    'networkReceived',
    'networkSent',
  ];
}

export class UsageReader {
  private client: {backend: Backend; client: Promise<MetricServiceClient>} | undefined;

  constructor(private readonly backendOf: () => Backend) {}

  private metricClient(): Promise<MetricServiceClient> {
    const backend = this.backendOf();
    if (!this.client || !sameBackend(this.client.backend, backend)) {
      const previous = this.client?.client;
      void previous?.then((client) => client.close()).catch(() => undefined);
      const client = createMetricClient(backend);
      // A failed creation is retried on the next read.
      client.catch(() => {
        if (this.client?.client === client) this.client = undefined;
      });
      this.client = {backend, client};
    }
    return this.client.client;
  }

  async read(job: UsageJob, nowMs = Date.now()): Promise<UsageSnapshot> {
    const client = await this.metricClient();
    const window = usageWindow(nowMs, this.backendOf().kind);
    const byMetric: Partial<Record<UsageMetric, Map<string, UsagePoint[]>>> = {};
    await Promise.all(
      metricsFor(job).map(async (metric) => {
        const [series] = await client.listTimeSeries(
          usageRequest(job.project, metric, job.jobId, window),
          {autoPaginate: false},
        );
        byMetric[metric] = pointsByReplica(
          series as TimeSeriesLike[],
          COUNTER_METRICS.has(metric) ? 'sum' : 'mean',
        );
      }),
    );
    return {atMs: nowMs, replicas: replicaUsages(byMetric, job.machines, job.replicas)};
  }

  async close(): Promise<void> {
    const current = this.client?.client;
    this.client = undefined;
    await current?.then((client) => client.close()).catch(() => undefined);
  }
}
