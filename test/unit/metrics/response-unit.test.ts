// The unit of the utilisation series may come on each TimeSeries (TimeSeries.unit) or once on the
// answer (ListTimeSeriesResponse.unit, "The unit in which all `time_series` point values are
// reported", "{not_a_unit}" when they differ: google/monitoring/v3/metric_service.proto); Google
// does not say which Monitoring fills for ml.googleapis.com/training/*, so the reader takes
// either: a percentage answer is read as the fraction it stands for, a fraction as it is.
import {describe, expect, it} from 'vitest';
import {UsageReader} from '../../../source/services/metrics/usage-reader.js';
import {poolMachines} from '../../../source/services/metrics/replica-usage.js';
import {withResponseUnit} from '../../../source/services/metrics/usage-query.js';
import {FakeMonitoring} from '../../helpers/fake-monitoring.js';
import type {ListTimeSeriesRequest} from '../../../source/services/metrics/usage-query.js';

const NOW_SEC = 6_000;
const backend = {kind: 'local', project: 'p', region: 'r', host: 'h', port: 1, key: 'k'} as const;
const machines = poolMachines([{machineSpec: {machineType: 'n1-standard-4'}}]);

/** CPU at `value` for the last minutes, answered with `unit` on the response only. */
async function cpuRead(value: number, unit: string | undefined) {
  const fake = new FakeMonitoring([
    {
      type: 'ml.googleapis.com/training/cpu/utilization',
      kind: 'GAUGE',
      resourceLabels: {job_id: '9', task_name: 'workerpool0-0'},
      points: [0, 60, 120].map((back) => ({endSec: NOW_SEC - back, value})),
    },
  ]);
  const client = {
    listTimeSeries: async (request: ListTimeSeriesRequest) => [
      fake.list(request),
      null,
      unit === undefined ? {} : {unit},
    ],
    close: async () => undefined,
  };
  const reader = new UsageReader(
    () => backend,
    async () => client as never,
  );
  const read = await reader.read({project: 'p', jobId: '9', machines}, NOW_SEC * 1000);
  return read.replicas.find((one) => one.replica === 'workerpool0-0')?.cpuUtilization;
}

describe('the unit of a ListTimeSeries answer', () => {
  it('"%" on the response: percentages read as fractions', async () => {
    expect(await cpuRead(50, '%')).toBeCloseTo(0.5, 9);
  });
  it('"10^2.%" (the documented unit) or none: fractions as they are', async () => {
    expect(await cpuRead(0.5, '10^2.%')).toBeCloseTo(0.5, 9);
    expect(await cpuRead(0.5, undefined)).toBeCloseTo(0.5, 9);
  });
  it('"{not_a_unit}" or a series of its own unit: the series decides', () => {
    expect(withResponseUnit([{unit: '10^2.%'}], '%')).toEqual([{unit: '10^2.%'}]);
    expect(withResponseUnit([{}], '{not_a_unit}')).toEqual([{}]);
    expect(withResponseUnit([{}], '%')).toEqual([{unit: '%'}]);
  });
});
