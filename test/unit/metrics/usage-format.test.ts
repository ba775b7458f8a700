// `vtrain-tui top`'s text and JSON (issue #24's shape) and the shared number formats.
import {describe, expect, it} from 'vitest';
import {
  formatBytes,
  noSamplesNotice,
  sparkline,
  topJson,
  topTable,
} from '../../../source/services/metrics/usage-format.js';
import type {ReplicaUsage} from '../../../source/services/metrics/replica-usage.js';

const row = (replica: string, overrides: Partial<ReplicaUsage> = {}): ReplicaUsage => ({
  replica,
  atMs: 1,
  cpuUtilization: 0.25,
  cpuCores: 1,
  memoryUtilization: 0.02,
  memoryBytes: 300 * 2 ** 20,
  acceleratorUtilization: undefined,
  acceleratorMemoryUtilization: undefined,
  networkReceivedBytesPerSecond: undefined,
  networkSentBytesPerSecond: undefined,
  history: {},
  ...overrides,
});

describe('top', () => {
  it('prints one row per replica, GPU columns only when a replica reports them', () => {
    expect(
      topTable([
        row('workerpool0-0'),
        row('workerpool1-0', {cpuCores: undefined, cpuUtilization: undefined}),
      ]),
    ).toBe(
      'REPLICA        CPU(cores)  CPU%  MEMORY  MEM%\n' +
        'workerpool0-0  1.00        25%   300Mi   2%\n' +
        'workerpool1-0  -           -     300Mi   2%\n',
    );
    expect(
      topTable([
        row('workerpool0-0', {acceleratorUtilization: 0.87, acceleratorMemoryUtilization: 0.5}),
      ]),
    ).toMatch(/GPU% {2}GPU MEM%\nworkerpool0-0 .*87% {3}50%\n$/);
  });

  it('prints the JSON shape of issue #24, null where there is no value, and why cost is null', () => {
    const json = topJson(
      'projects/p/locations/r/customJobs/1',
      {atMs: Date.UTC(2026, 11, 6, 8, 0, 0), replicas: [row('workerpool0-0')]},
      {cost: null, costReason: 'no list price for n1-standard-4 in r'},
    );
    expect(json).toEqual({
      job: 'projects/p/locations/r/customJobs/1',
      at: '2026-12-06T08:00:00.000Z',
      replicas: [
        {
          replica: 'workerpool0-0',
          cpuCores: 1,
          cpuUtilization: 0.25,
          memoryBytes: 300 * 2 ** 20,
          memoryUtilization: 0.02,
          acceleratorUtilization: null,
          acceleratorMemoryUtilization: null,
          networkReceivedBytesPerSecond: null,
          networkSentBytesPerSecond: null,
        },
      ],
      cost: null,
      costReason: 'no list price for n1-standard-4 in r',
    });
  });
});

describe('network', () => {
  it('top --json carries bytes per second, top shows NET RX / NET TX only when a replica has them', () => {
    const busy = row('workerpool0-0', {
      networkReceivedBytesPerSecond: 1.5 * 2 ** 20,
      networkSentBytesPerSecond: 2048,
    });
    const json = topJson(
      'j',
      {atMs: 0, replicas: [busy, row('workerpool1-0')]},
      {cost: null, costReason: 'not priced'},
    );
    expect(json.replicas[0]).toMatchObject({
      networkReceivedBytesPerSecond: 1.5 * 2 ** 20,
      networkSentBytesPerSecond: 2048,
    });
    expect(json.replicas[1]).toMatchObject({
      networkReceivedBytesPerSecond: null,
      networkSentBytesPerSecond: null,
    });
    const table = topTable([busy, row('workerpool1-0')]);
    expect(table).toMatch(/MEM% {2}NET RX +NET TX\n/);
    expect(table).toMatch(/workerpool0-0 .* 1\.5Mi\/s {2}2\.0Ki\/s\n/);
    expect(table).toMatch(/workerpool1-0 .* - +-\n$/);
    expect(topTable([row('workerpool0-0')])).not.toContain('NET');
  });
});

describe('formats', () => {
  it('memory in binary units, sparklines from fractions', () => {
    expect(formatBytes(undefined)).toBe('-');
    expect(formatBytes(512)).toBe('0.5Ki');
    expect(formatBytes(12 * 2 ** 20)).toBe('12Mi');
    expect(formatBytes(7.5 * 2 ** 30)).toBe('7.5Gi');
    expect(sparkline([0, 0.3, 0.6, 1, 2], 4)).toBe('▃▅██');
    expect(sparkline([], 4)).toBe('');
  });
});

describe("top's notice when no replica has a sample", () => {
  it('says "yet" only while the job may still get samples', () => {
    expect(noSamplesNotice('JOB_STATE_RUNNING')).toMatch(/no samples yet/);
    expect(noSamplesNotice(undefined)).toMatch(/no samples yet/);
    for (const state of ['JOB_STATE_SUCCEEDED', 5, 'JOB_STATE_CANCELLED']) {
      const notice = noSamplesNotice(state);
      expect(notice).not.toMatch(/yet/);
      expect(notice).toMatch(/the job ended \((SUCCEEDED|FAILED|CANCELLED)\)/);
    }
  });
});
