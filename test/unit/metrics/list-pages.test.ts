// ListTimeSeries answers in pages, and a page may hold fewer series than the server could send and
// still not be the last (https://google.aip.dev/158; ListTimeSeriesResponse.next_page_token in
// google/monitoring/v3/metric_service.proto): the reader follows next_page_token until it is empty,
// whether gax hands it over as the next request (its manual paging) or only on the raw response,
// and stops after a bounded number of pages when a server never ends the list.
import {describe, expect, it} from 'vitest';
import {UsageReader} from '../../../source/services/metrics/usage-reader.js';
import {poolMachines} from '../../../source/services/metrics/replica-usage.js';

const NOW_SEC = 6_000;
const backend = {kind: 'local', project: 'p', region: 'r', host: 'h', port: 1, key: 'k'} as const;
const machines = poolMachines([
  {machineSpec: {machineType: 'n1-standard-4'}},
  {machineSpec: {machineType: 'n1-standard-4'}, replicaCount: 1},
]);
const cpuSeries = (replica: string, value: number) => ({
  metric: {type: 'ml.googleapis.com/training/cpu/utilization', labels: {}},
  resource: {type: 'cloudml_job', labels: {job_id: '9', task_name: replica}},
  points: [{interval: {endTime: {seconds: NOW_SEC - 30, nanos: 0}}, value: {doubleValue: value}}],
});

type Shape = 'next request' | 'response token';

/** Page 1 holds workerpool0-0, page 2 workerpool1-0 (CPU only; other metrics are empty). */
function pagedClient(shape: Shape, endless = false) {
  const tokens: (string | undefined)[] = [];
  const client = {
    listTimeSeries: async (request: {filter: string; pageToken?: string}) => {
      if (!request.filter.includes('cpu/utilization')) return [[], null, {}];
      tokens.push(request.pageToken);
      const last = !endless && request.pageToken === 'page-2';
      const series = [
        request.pageToken ? cpuSeries('workerpool1-0', 0.75) : cpuSeries('workerpool0-0', 0.25),
      ];
      const token = last ? '' : 'page-2';
      return shape === 'next request'
        ? [series, token ? {...request, pageToken: token} : null, {}]
        : [series, null, {nextPageToken: token}];
    },
    close: async () => undefined,
  };
  return {client, tokens};
}

describe('ListTimeSeries pages', () => {
  it.each<Shape>(['next request', 'response token'])(
    'follows next_page_token given as the %s',
    async (shape) => {
      const {client, tokens} = pagedClient(shape);
      const reader = new UsageReader(
        () => backend,
        async () => client as never,
      );
      const read = await reader.read({project: 'p', jobId: '9', machines}, NOW_SEC * 1000);
      const cpu = Object.fromEntries(read.replicas.map((one) => [one.replica, one.cpuUtilization]));
      expect(cpu).toMatchObject({'workerpool0-0': 0.25, 'workerpool1-0': 0.75});
      expect(tokens).toEqual([undefined, 'page-2']);
    },
  );

  it('stops after a bounded number of pages when the list never ends', async () => {
    const {client, tokens} = pagedClient('response token', true);
    const reader = new UsageReader(
      () => backend,
      async () => client as never,
    );
    await reader.read({project: 'p', jobId: '9', machines}, NOW_SEC * 1000);
    expect(tokens).toHaveLength(10);
  });
});
