// MetricService.ListTimeSeries through the official @google-cloud/monitoring client (and the REST
// surface with fetch), for the metric types, filter, interval and aggregation the app uses
// (services/metrics/usage-query.ts): a job whose primary keeps one core busy and holds 200 MiB
// while two workers sleep. The busy replica must read ≥ 0.5 core (or, on a machine so loaded that
// a spinning process gets less, at least half of what it reports it got: its `busy cores=` lines)
// and its memory, the idle ones near zero; the rules Monitoring documents (single metric type, alignment ≥ 60 s, GAUGE
// aligners, required interval) are refused as Google refuses them.
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {jobLogLines, startTestEmulator, waitFor, type TestEmulator} from '../helpers/emulator.js';
import {PARENT, scenarioRequest, stageScenario} from '../helpers/scenario.js';
import {
  createMetricClient,
  type MetricServiceClient,
} from '../../source/services/metrics/monitoring-client.js';
import {UsageReader} from '../../source/services/metrics/usage-reader.js';
import {poolMachines} from '../../source/services/metrics/replica-usage.js';
import {usageFilter, usageRequest} from '../../source/services/metrics/usage-query.js';
import type {UsageSnapshot} from '../../source/services/metrics/replica-usage.js';

let env: TestEmulator;
let monitoring: MetricServiceClient;
let jobName = '';
let jobId = '';
const PROJECT = 'test-project';
const MIB = 2 ** 20;
const request = scenarioRequest(['hold:200', 'busy:120'], {
  workers: {args: ['sleep:120'], count: 2},
});

beforeAll(async () => {
  env = await startTestEmulator({usageSampleMs: 500});
  monitoring = await createMetricClient(env.backend);
  await stageScenario(env);
  const [job] = await env.clients.jobs.createCustomJob(request as never);
  jobName = job.name!;
  jobId = jobName.split('/').at(-1)!;
}, 60_000);

afterAll(async () => {
  await env.clients.jobs.cancelCustomJob({name: jobName}).catch(() => undefined);
  await monitoring?.close();
  await env?.close();
});

const machines = poolMachines(request.customJob.jobSpec.workerPoolSpecs);

/** Cores the busy replica must read: 0.5, or half the mean it reports getting, if less. */
let expectedCores = 0.5;
async function busyThreshold(): Promise<number> {
  const lines = await jobLogLines(env.clients, jobId, PROJECT);
  const got = lines.flatMap((line) => {
    const match = /^busy cores=([\d.]+)$/.exec(line.message);
    return match && line.replica === 'workerpool0-0' ? [Number(match[1])] : [];
  });
  if (got.length === 0) return 0.5;
  const mean = got.reduce((a, b) => a + b, 0) / got.length;
  return Math.min(0.5, mean / 2);
}

describe('MetricService through the official client', () => {
  let snapshot: UsageSnapshot;

  it('reads the busy replica at ≥ 0.5 core and its memory, the sleeping ones near zero', async () => {
    const reader = new UsageReader(() => env.backend);
    snapshot = await waitFor(
      async () => {
        const read = await reader.read({project: PROJECT, jobId, machines});
        expectedCores = await busyThreshold();
        const busy = read.replicas.find((replica) => replica.replica === 'workerpool0-0');
        const idle = read.replicas.filter((replica) => replica.replica.startsWith('workerpool1-'));
        return (busy?.cpuCores ?? 0) >= expectedCores &&
          (busy?.memoryBytes ?? 0) >= 200 * MIB &&
          idle.length === 2
          ? read
          : undefined;
      },
      90_000,
      'the busy replica at 0.5 core with its memory',
    );
    await reader.close();
    const [busy, ...idle] = snapshot.replicas;
    expect(busy!.replica).toBe('workerpool0-0');
    expect(busy!.cpuCores).toBeGreaterThanOrEqual(expectedCores);
    expect(expectedCores).toBeGreaterThan(0.02);
    // n1-standard-4: 4 vCPUs, 15 GB; the fractions are of those.
    expect(busy!.cpuUtilization).toBeCloseTo(busy!.cpuCores! / 4, 6);
    expect(busy!.memoryBytes).toBeLessThan(400 * MIB);
    expect(idle.map((replica) => replica.replica)).toEqual(['workerpool1-0', 'workerpool1-1']);
    for (const replica of idle) {
      expect(replica.cpuCores).toBeLessThan(Math.min(0.1, expectedCores / 2));
      expect(replica.memoryBytes).toBeLessThan(100 * MIB);
    }
    // No GPU here: accelerator values are absent, not zero.
    expect(busy!.acceleratorUtilization).toBeUndefined();
  }, 120_000);

  it('serves the series the app asks for: cloudml_job, job_id, task_name, GAUGE DOUBLE, newest first', async () => {
    // The sampler adds a point every 500 ms; the first test may have finished on the first one.
    const series = await waitFor(
      async () => {
        const [found] = await monitoring.listTimeSeries(
          {
            name: `projects/${PROJECT}`,
            filter: `${usageFilter('cpu', jobId)} AND resource.labels.task_name = "workerpool0-0"`,
            interval: {endTime: {seconds: Math.ceil(Date.now() / 1000)}, startTime: {seconds: 0}},
          },
          {autoPaginate: false},
        );
        return (found[0]?.points?.length ?? 0) > 1 ? found : undefined;
      },
      30_000,
      'a second CPU point',
    );
    expect(series).toHaveLength(1);
    const [one] = series;
    expect(one!.resource).toMatchObject({
      type: 'cloudml_job',
      labels: {project_id: PROJECT, job_id: jobId, task_name: 'workerpool0-0'},
    });
    expect(one!.metric?.type).toBe('ml.googleapis.com/training/cpu/utilization');
    expect(one!.metricKind).toBe('GAUGE');
    expect(one!.valueType).toBe('DOUBLE');
    const times = one!.points!.map((point) => Number(point.interval!.endTime!.seconds));
    expect(times.length).toBeGreaterThan(1);
    expect([...times].sort((a, b) => b - a)).toEqual(times);
  });

  it('aligns to one-minute means at the interval end and filters by replica and project', async () => {
    const now = Date.now();
    const [aligned] = await monitoring.listTimeSeries(
      usageRequest(PROJECT, 'memory', jobId, {endMs: now, spanMs: 180_000, alignmentSeconds: 60}),
      {autoPaginate: false},
    );
    expect(aligned).toHaveLength(3);
    for (const series of aligned) {
      const ends = series.points!.map((point) => Number(point.interval!.endTime!.seconds));
      expect(ends[0]).toBe(Math.floor(now / 1000));
      expect(ends.every((end, index) => index === 0 || ends[index - 1]! - end === 60)).toBe(true);
    }
    const [other] = await monitoring.listTimeSeries(
      usageRequest('other-project', 'memory', jobId, {
        endMs: now,
        spanMs: 180_000,
        alignmentSeconds: 60,
      }),
      {autoPaginate: false},
    );
    expect(other).toEqual([]);
    const [none] = await monitoring.listTimeSeries(
      usageRequest(PROJECT, 'accelerator', jobId, {
        endMs: now,
        spanMs: 180_000,
        alignmentSeconds: 60,
      }),
      {autoPaginate: false},
    );
    expect(none).toEqual([]);
  });

  it.each([
    [
      'an alignment under 60 s',
      {aggregation: {alignmentPeriod: {seconds: 10}, perSeriesAligner: 'ALIGN_MEAN'}},
      /at least 60s/,
    ],
    [
      'an aligner without a period',
      {aggregation: {perSeriesAligner: 'ALIGN_MEAN'}},
      /alignmentPeriod is required/,
    ],
    [
      'ALIGN_RATE on a GAUGE metric',
      {aggregation: {alignmentPeriod: {seconds: 60}, perSeriesAligner: 'ALIGN_RATE'}},
      /GAUGE/,
    ],
    ['no metric type', {filter: `resource.type = "cloudml_job"`}, /single metric type/],
    ['no interval', {interval: undefined}, /interval.endTime is required/],
    [
      'a start after the end',
      {interval: {startTime: {seconds: 200}, endTime: {seconds: 100}}},
      /startTime/,
    ],
  ])('refuses %s with INVALID_ARGUMENT', async (_what, change, message) => {
    const base = {
      name: `projects/${PROJECT}`,
      filter: usageFilter('cpu', jobId),
      interval: {endTime: {seconds: Math.floor(Date.now() / 1000)}},
    };
    const error = await monitoring
      .listTimeSeries({...base, ...change} as never, {autoPaginate: false})
      .then(
        () => undefined,
        (caught: {code?: number; details?: string}) => caught,
      );
    expect(error?.code).toBe(3);
    expect(error?.details).toMatch(message);
  });
});

describe('MetricService over REST', () => {
  it('GET /v3/projects/P/timeSeries answers the same series', async () => {
    const key = (env.backend as {key: string}).key;
    const end = new Date().toISOString();
    const query = new URLSearchParams({
      filter: usageFilter('cpu', jobId),
      'interval.endTime': end,
      'interval.startTime': new Date(Date.now() - 180_000).toISOString(),
      'aggregation.alignmentPeriod': '60s',
      'aggregation.perSeriesAligner': 'ALIGN_MEAN',
    });
    const response = await fetch(
      `http://127.0.0.1:${env.emulator.restPort}/v3/projects/${PROJECT}/timeSeries?${query}`,
      {headers: {authorization: `Bearer ${key}`}},
    );
    expect(response.status).toBe(200);
    const body = (await response.json()) as {
      timeSeries: Array<{
        resource: {labels: Record<string, string>};
        points: Array<{value: {doubleValue: number}}>;
      }>;
    };
    const replicas = body.timeSeries.map((series) => series.resource.labels.task_name).sort();
    expect(replicas).toEqual(['workerpool0-0', 'workerpool1-0', 'workerpool1-1']);
    const busy = body.timeSeries.find(
      (series) => series.resource.labels.task_name === 'workerpool0-0',
    );
    // n1-standard-4 has 4 vCPUs: a fraction of 0.125 is half a core.
    expect(busy!.points[0]!.value.doubleValue * 4).toBeGreaterThanOrEqual(expectedCores);
    expect(PARENT).toContain(PROJECT);
  });
});
