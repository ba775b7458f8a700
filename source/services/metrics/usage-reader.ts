// Reads a job's per-replica utilisation from Cloud Monitoring with the official client, the same
// calls in both modes (Vertex, or the emulator's MetricService). One ListTimeSeries per metric
// type, since a Monitoring filter names a single metric type (metric_service.proto,
// ListTimeSeriesRequest.filter); accelerator metrics only for jobs with accelerators. A tuning
// job's trials are read together, under both shapes their series may take (trial-usage.ts).
import type {Backend} from '../vertex/connection.js';
import {createMetricClient, sameBackend, type MetricServiceClient} from './monitoring-client.js';
import {
  alignerOf,
  COUNTER_ALIGNERS,
  COUNTER_METRICS,
  pointsByReplica,
  usageRequest,
  withResponseUnit,
  type Aligner,
  type ListTimeSeriesRequest,
  type TimeSeriesLike,
  type UsageMetric,
  type UsagePoint,
  type UsageWindow,
} from './usage-query.js';
import {
  replicaUsages,
  usageWindow,
  type ReplicaMachine,
  type ReplicaUsage,
  type UsageSnapshot,
} from './replica-usage.js';
import {seriesByTrial, trialJobIds, type TrialsScope} from './trial-usage.js';

/** Pages followed for one query; one is the rule, each costs a query of the per-minute quota. */
const MAX_PAGES = 10;
const combineOf = (metric: UsageMetric) => (COUNTER_METRICS.has(metric) ? 'sum' : 'mean');

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

/** The one replica of a single-replica job: a series that names no replica can only be its. */
const soleReplica = (job: {replicas?: readonly string[]}): string | undefined =>
  job.replicas?.length === 1 ? job.replicas[0] : undefined;

/** A tuning job's trials to read (all run the same trial job spec, so the same machines). */
export interface TrialsUsageJob extends TrialsScope {
  project: string;
  machines: readonly ReplicaMachine[];
  /** Replica names known from the trial job spec (shown even before their first sample). */
  replicas?: readonly string[];
}

export interface TrialsUsageSnapshot {
  atMs: number;
  /** Each trial of the scope, by Trial.id (every one present, with or without samples). */
  trials: Map<string, ReplicaUsage[]>;
}

/** INVALID_ARGUMENT, as gax reports it (google.rpc.Code 3). */
const invalidArgument = (error: unknown) => (error as {code?: unknown}).code === 3;

export class UsageReader {
  private client: {backend: Backend; client: Promise<MetricServiceClient>} | undefined;
  /** A counter's aligner once Monitoring has refused the first one (a GAUGE counter). */
  private readonly counterAligner = new Map<UsageMetric, Aligner>();
  /** Monitoring refused a filter OR-ing job ids: they are asked for one by one. */
  private splitJobIds = false;

  constructor(
    private readonly backendOf: () => Backend,
    /** How a client is made (a test passes its own). */
    private readonly createClient: (
      backend: Backend,
    ) => Promise<MetricServiceClient> = createMetricClient,
  ) {}

  private metricClient(): Promise<MetricServiceClient> {
    const backend = this.backendOf();
    if (!this.client || !sameBackend(this.client.backend, backend)) {
      const previous = this.client?.client;
      void previous?.then((client) => client.close()).catch(() => undefined);
      const client = this.createClient(backend);
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
        const series = await this.series(client, job.project, metric, job.jobId, window);
        byMetric[metric] = pointsByReplica(series, combineOf(metric), soleReplica(job));
      }),
    );
    return {atMs: nowMs, replicas: replicaUsages(byMetric, job.machines, job.replicas)};
  }

  /**
   * The replicas of each trial in `job.trials`: one ListTimeSeries per metric type for all of them
   * (the filter names the tuning job and the trials' own custom jobs), split by trial.
   */
  async readTrials(job: TrialsUsageJob, nowMs = Date.now()): Promise<TrialsUsageSnapshot> {
    const trials = new Map<string, ReplicaUsage[]>();
    if (job.trials.length === 0) return {atMs: nowMs, trials};
    const client = await this.metricClient();
    const window = usageWindow(nowMs, this.backendOf().kind);
    const byTrial = new Map<string, Partial<Record<UsageMetric, Map<string, UsagePoint[]>>>>(
      job.trials.map((trial) => [trial.trialId, {}]),
    );
    await Promise.all(
      metricsFor(job).map(async (metric) => {
        const series = await this.series(client, job.project, metric, trialJobIds(job), window);
        for (const [trial, mine] of seriesByTrial(series, job))
          byTrial.get(trial)![metric] = pointsByReplica(mine, combineOf(metric), soleReplica(job));
      }),
    );
    for (const [trial, byMetric] of byTrial)
      trials.set(trial, replicaUsages(byMetric, job.machines, job.replicas));
    return {atMs: nowMs, trials};
  }

  /**
   * One metric type's series of some job ids: one query OR-ing them, or, once Monitoring has
   * refused such a filter (INVALID_ARGUMENT), one query per job id from then on.
   */
  private async series(
    client: MetricServiceClient,
    project: string,
    metric: UsageMetric,
    jobIds: string | readonly string[],
    window: UsageWindow,
  ): Promise<TimeSeriesLike[]> {
    const ids = [...new Set(typeof jobIds === 'string' ? [jobIds] : jobIds)];
    const each = () =>
      Promise.all(ids.map((id) => this.seriesOf(client, project, metric, id, window))).then(
        (parts) => parts.flat(),
      );
    if (ids.length > 1 && this.splitJobIds) return each();
    try {
      return await this.seriesOf(client, project, metric, ids, window);
    } catch (error) {
      if (ids.length < 2 || !invalidArgument(error)) throw error;
      const series = await each();
      this.splitJobIds = true;
      return series;
    }
  }

  /**
   * One query. A counter is asked for with ALIGN_RATE; if Monitoring refuses that aligner
   * (INVALID_ARGUMENT: the counter is a GAUGE, already a rate) it is asked again with ALIGN_MEAN,
   * which is then kept for it (COUNTER_ALIGNERS).
   */
  private async seriesOf(
    client: MetricServiceClient,
    project: string,
    metric: UsageMetric,
    jobIds: string | readonly string[],
    window: UsageWindow,
  ): Promise<TimeSeriesLike[]> {
    const aligners = COUNTER_METRICS.has(metric)
      ? COUNTER_ALIGNERS.slice(
          COUNTER_ALIGNERS.indexOf(this.counterAligner.get(metric) ?? 'ALIGN_RATE'),
        )
      : [alignerOf(metric)];
    for (const [index, aligner] of aligners.entries()) {
      try {
        const series = await this.allPages(
          client,
          usageRequest(project, metric, jobIds, window, aligner),
        );
        if (index > 0) this.counterAligner.set(metric, aligner);
        return series;
      } catch (error) {
        if (index === aligners.length - 1 || !invalidArgument(error)) throw error;
      }
    }
    return [];
  }

  /**
   * Every page of one query: a page may hold fewer series than asked and still not be the last
   * (https://google.aip.dev/158: "The API may return fewer results than the number requested
   * (including zero results), even if not at the end of the collection"; ListTimeSeriesResponse
   * .next_page_token). gax's manual paging gives the next request, or null after the last page;
   * MAX_PAGES bounds a server that never ends the list.
   */
  private async allPages(
    client: MetricServiceClient,
    first: ListTimeSeriesRequest,
  ): Promise<TimeSeriesLike[]> {
    const all: TimeSeriesLike[] = [];
    let pageToken = '';
    for (let page = 0; page < MAX_PAGES; page += 1) {
      const answer: unknown[] = await client.listTimeSeries(
        {...first, ...(pageToken && {pageToken})},
        {autoPaginate: false},
      );
      const [series, next, response] = answer as [
        TimeSeriesLike[] | null | undefined,
        {pageToken?: string | null} | null | undefined,
        {unit?: string | null; nextPageToken?: string | null} | null | undefined,
      ];
      all.push(...withResponseUnit(series ?? [], response?.unit));
      pageToken = next?.pageToken || response?.nextPageToken || '';
      if (!pageToken) break;
    }
    return all;
  }

  async close(): Promise<void> {
    const current = this.client?.client;
    this.client = undefined;
    await current?.then((client) => client.close()).catch(() => undefined);
  }
}
