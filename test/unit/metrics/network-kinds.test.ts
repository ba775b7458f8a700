// The network counters (ml.googleapis.com/training/network/{received,sent}_bytes_count) whatever
// metric kind Monitoring gives them: their kind is not confirmed from Google's metrics list
// (services/metrics/usage-query.ts), so the reader must give bytes per second for a DELTA, a
// CUMULATIVE and a GAUGE (already a rate) counter alike. The fake applies common.proto's aligner
// rules (test/helpers/fake-monitoring.ts): ALIGN_RATE is refused on a GAUGE.
import {describe, expect, it} from 'vitest';
import {UsageReader} from '../../../source/services/metrics/usage-reader.js';
import {poolMachines} from '../../../source/services/metrics/replica-usage.js';
import {FakeMonitoring, type Kind, type RawSeries} from '../../helpers/fake-monitoring.js';

const RECEIVED = 'ml.googleapis.com/training/network/received_bytes_count';
const SENT = 'ml.googleapis.com/training/network/sent_bytes_count';
const NOW_SEC = 6_000;
const labels = {job_id: '9', task_name: 'workerpool0-0'};
const backend = {kind: 'local', project: 'p', region: 'r', host: 'h', port: 1, key: 'k'} as const;
const machines = poolMachines([{machineSpec: {machineType: 'n1-standard-4'}}]);

/** 1000 B/s received and 250 B/s sent over the last minutes, as a counter of `kind`. */
function counters(kind: Kind): RawSeries[] {
  return [
    [RECEIVED, 1000],
    [SENT, 250],
  ].map(([type, rate]) => {
    const points = [];
    // One point every 20 s over the last 3 minutes.
    for (let end = NOW_SEC - 180 + 20; end <= NOW_SEC; end += 20) {
      if (kind === 'DELTA')
        points.push({startSec: end - 20, endSec: end, value: 20 * Number(rate)});
      if (kind === 'CUMULATIVE')
        points.push({startSec: 0, endSec: end, value: (end - 1000) * Number(rate)});
      if (kind === 'GAUGE') points.push({endSec: end, value: Number(rate)});
    }
    return {type: String(type), kind, resourceLabels: labels, points};
  });
}

describe('network counters of every plausible kind', () => {
  it.each<Kind>(['DELTA', 'CUMULATIVE', 'GAUGE'])('%s: bytes per second', async (kind) => {
    const monitoring = new FakeMonitoring(counters(kind));
    const reader = new UsageReader(
      () => backend,
      () => monitoring.client(),
    );
    const job = {project: 'p', jobId: '9', machines};
    const read = await reader.read(job, NOW_SEC * 1000);
    const replica = read.replicas.find((one) => one.replica === 'workerpool0-0')!;
    expect(replica.networkReceivedBytesPerSecond).toBeCloseTo(1000, 6);
    expect(replica.networkSentBytesPerSecond).toBeCloseTo(250, 6);
    const counterRequests = () =>
      monitoring.requests.filter((request) => request.filter.includes('network/'));
    const aligners = counterRequests().map((request) => request.aggregation.perSeriesAligner);
    expect(aligners).toEqual(
      kind === 'GAUGE'
        ? ['ALIGN_RATE', 'ALIGN_RATE', 'ALIGN_MEAN', 'ALIGN_MEAN']
        : ['ALIGN_RATE', 'ALIGN_RATE'],
    );
    // A GAUGE counter is asked for with ALIGN_MEAN from then on: no refused request per read.
    const before = counterRequests().length;
    await reader.read(job, NOW_SEC * 1000);
    expect(
      counterRequests()
        .slice(before)
        .map((r) => r.aggregation.perSeriesAligner),
    ).toEqual(kind === 'GAUGE' ? ['ALIGN_MEAN', 'ALIGN_MEAN'] : ['ALIGN_RATE', 'ALIGN_RATE']);
  });

  it('a refusal that is not about the aligner is reported, not retried', async () => {
    const reader = new UsageReader(
      () => backend,
      async () =>
        ({
          listTimeSeries: async () => {
            throw Object.assign(new Error('7 PERMISSION_DENIED'), {code: 7});
          },
          close: async () => undefined,
        }) as never,
    );
    await expect(reader.read({project: 'p', jobId: '9', machines})).rejects.toThrow(
      /PERMISSION_DENIED/,
    );
  });
});
