// The app's side of Cloud Monitoring: the request it sends and every plausible label shape of the
// replica in the answer (the label is not documented for Vertex: services/metrics/usage-query.ts).
import {describe, expect, it} from 'vitest';
import {
  pointsByReplica,
  pointsOfSeries,
  replicaOfSeries,
  usageFilter,
  usageRequest,
  type TimeSeriesLike,
} from '../../../source/services/metrics/usage-query.js';
import {metricsFor} from '../../../source/services/metrics/usage-reader.js';

const point = (seconds: number, value: number) => ({
  interval: {endTime: {seconds: String(seconds), nanos: 0}},
  value: {doubleValue: value},
});

describe('the request', () => {
  it('names one metric type, the cloudml_job resource and the job id', () => {
    expect(usageFilter('cpu', '123')).toBe(
      'metric.type = "ml.googleapis.com/training/cpu/utilization" AND resource.type = "cloudml_job" AND resource.labels.job_id = "123"',
    );
  });

  it('asks for one-minute means over the window, FULL view', () => {
    const request = usageRequest('p', 'memory', '9', {
      endMs: 1_000_500,
      spanMs: 600_000,
      alignmentSeconds: 60,
    });
    expect(request).toMatchObject({
      name: 'projects/p',
      interval: {startTime: {seconds: 400, nanos: 500e6}, endTime: {seconds: 1000, nanos: 500e6}},
      aggregation: {alignmentPeriod: {seconds: 60}, perSeriesAligner: 'ALIGN_MEAN'},
      view: 'FULL',
    });
  });
});

describe('the network counters', () => {
  it('are read as rates (ALIGN_RATE serves DELTA and CUMULATIVE kinds alike), one metric type each', () => {
    const window = {endMs: 600_000, spanMs: 600_000, alignmentSeconds: 60};
    for (const metric of ['networkReceived', 'networkSent'] as const) {
      const request = usageRequest('p', metric, '9', window);
      expect(request.aggregation.perSeriesAligner).toBe('ALIGN_RATE');
      expect(request.filter).toContain(
        `metric.type = "ml.googleapis.com/training/network/${metric === 'networkReceived' ? 'received' : 'sent'}_bytes_count"`,
      );
    }
    expect(metricsFor({machines: []})).toEqual(['cpu', 'memory', 'networkReceived', 'networkSent']);
  });

  it("sum a replica's series (one per interface) into bytes per second", () => {
    const labels = {task_name: 'workerpool0-0'};
    const byReplica = pointsByReplica(
      [
        {resource: {labels}, metric: {labels: {interface: 'eth0'}}, points: [point(60, 1000)]},
        {resource: {labels}, metric: {labels: {interface: 'eth1'}}, points: [point(60, 24)]},
      ],
      'sum',
    );
    expect(byReplica.get('workerpool0-0')).toEqual([{timeMs: 60_000, value: 1024}]);
  });
});

describe('the replica of a series', () => {
  it.each<[string, TimeSeriesLike, string | undefined]>([
    [
      'task_name as a resource label',
      {resource: {labels: {task_name: 'workerpool0-0'}}},
      'workerpool0-0',
    ],
    [
      'task_name as a metric label',
      {metric: {labels: {task_name: 'workerpool2-1'}}},
      'workerpool2-1',
    ],
    [
      'replica_id holding the name',
      {metric: {labels: {replica_id: 'workerpool1-3'}}},
      'workerpool1-3',
    ],
    [
      'worker_pool + replica_index',
      {metric: {labels: {worker_pool: '1', replica_index: '4'}}},
      'workerpool1-4',
    ],
    [
      'worker_pool "workerpool1" + numeric replica_id',
      {resource: {labels: {worker_pool: 'workerpool1', replica_id: '2'}}},
      'workerpool1-2',
    ],
    [
      "AI Platform's master-replica-0",
      {resource: {labels: {task_name: 'master-replica-0'}}},
      'workerpool0-0',
    ],
    [
      "AI Platform's worker-replica-5",
      {metric: {labels: {task_name: 'worker-replica-5'}}},
      'workerpool1-5',
    ],
    [
      'task_type "workerpool2" + task_index',
      {metric: {labels: {task_type: 'workerpool2', task_index: '1'}}},
      'workerpool2-1',
    ],
    [
      'task_type "worker" (TF_CONFIG) + task_index',
      {metric: {labels: {task_type: 'worker', task_index: '3'}}},
      'workerpool1-3',
    ],
    [
      'task_type "chief" + task_index',
      {metric: {labels: {task_type: 'chief', task_index: '0'}}},
      'workerpool0-0',
    ],
    [
      'task_type "master" + task_index',
      {metric: {labels: {task_type: 'master', task_index: '0'}}},
      'workerpool0-0',
    ],
    [
      'task_type "ps" + task_index',
      {metric: {labels: {task_type: 'ps', task_index: '2'}}},
      'workerpool2-2',
    ],
    [
      'task_type "evaluator" + task_index',
      {metric: {labels: {task_type: 'evaluator', task_index: '0'}}},
      'workerpool3-0',
    ],
    ['task_type of no pool', {metric: {labels: {task_type: 'driver', task_index: '0'}}}, undefined],
    [
      'task_type naming no pool at all',
      {metric: {labels: {task_type: 'constructor', task_index: '0'}}},
      undefined,
    ],
    ['no replica label', {resource: {labels: {job_id: '1'}}}, undefined],
  ])('%s', (_what, series, replica) => {
    expect(replicaOfSeries(series)).toBe(replica);
  });
});

describe('the points', () => {
  it('come oldest first as fractions, Long-like seconds and int64 values included', () => {
    const series: TimeSeriesLike = {
      points: [
        point(30, 0.5),
        {
          interval: {endTime: {seconds: {toString: () => '20'}, nanos: 250e6}},
          value: {int64Value: '1'},
        },
        point(10, 0.25),
      ],
    };
    expect(pointsOfSeries(series)).toEqual([
      {timeMs: 10_000, value: 0.25},
      {timeMs: 20_250, value: 1},
      {timeMs: 30_000, value: 0.5},
    ]);
  });

  it('scale a series in percent down to a fraction', () => {
    expect(pointsOfSeries({unit: '%', points: [point(1, 87)]})).toEqual([
      {timeMs: 1000, value: 0.87},
    ]);
  });

  it('average several series of one replica (one per accelerator) at each time', () => {
    const labels = {task_name: 'workerpool0-0'};
    const byReplica = pointsByReplica([
      {
        resource: {labels},
        metric: {labels: {accelerator_id: '0'}},
        points: [point(60, 0.2), point(0, 0.4)],
      },
      {resource: {labels}, metric: {labels: {accelerator_id: '1'}}, points: [point(60, 0.6)]},
      {resource: {labels: {task_name: 'workerpool1-0'}}, points: [point(60, 0.1)]},
    ]);
    expect(byReplica.get('workerpool0-0')).toEqual([
      {timeMs: 0, value: 0.4},
      {timeMs: 60_000, value: 0.4},
    ]);
    expect(byReplica.get('workerpool1-0')).toEqual([{timeMs: 60_000, value: 0.1}]);
  });

  it('credits a series that names no replica to the only replica of a one-replica job, else to none', () => {
    const unlabeled = {resource: {labels: {job_id: '7'}}, points: [point(60, 0.3)]};
    expect(pointsByReplica([unlabeled], 'mean', 'workerpool0-0').get('workerpool0-0')).toEqual([
      {timeMs: 60_000, value: 0.3},
    ]);
    expect([...pointsByReplica([unlabeled]).keys()]).toEqual([]);
  });
});
