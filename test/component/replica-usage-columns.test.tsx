// The replica table's utilisation columns: CPU (cores and a sparkline) and MEM for every job, GPU
// and GPU MEM for accelerator jobs, "-" where Monitoring has no value (never 0), and the columns
// giving way on a narrow terminal (sparklines first, then the whole block) so every row still fits.
import {Box} from 'ink';
import {render} from 'ink-testing-library';
import React from 'react';
import {describe, expect, it} from 'vitest';
import {ReplicaTable} from '../../source/ui/screens/dashboard/ReplicaTable.js';
import {replicaRows} from '../../source/ui/screens/dashboard/replica-status.js';
import type {ReplicaUsage} from '../../source/services/metrics/replica-usage.js';
import stringWidth from '../../source/core/text/terminal-text-width.js';

const pools = [
  {
    machineSpec: {
      machineType: 'a2-highgpu-1g',
      acceleratorType: 'NVIDIA_TESLA_A100',
      acceleratorCount: 1,
    },
    replicaCount: 1,
  },
  {machineSpec: {machineType: 'n1-standard-4'}, replicaCount: 2},
];
const points = (values: number[]) =>
  values.map((value, index) => ({timeMs: index * 60_000, value}));

function usage(replica: string, cores: number, bytes: number, gpu?: number): ReplicaUsage {
  return {
    replica,
    atMs: 1,
    cpuUtilization: cores / 4,
    cpuCores: cores,
    memoryUtilization: 0.1,
    memoryBytes: bytes,
    acceleratorUtilization: gpu,
    acceleratorMemoryUtilization: gpu === undefined ? undefined : 0.5,
    networkReceivedBytesPerSecond: undefined,
    networkSentBytesPerSecond: undefined,
    history: {
      cpu: points([0, 0.1, 0.25, 0.25]),
      ...(gpu !== undefined && {accelerator: points([0.9, 0.87])}),
    },
  };
}

const byReplica = new Map([
  ['workerpool0-0', usage('workerpool0-0', 0.98, 210 * 2 ** 20, 0.87)],
  ['workerpool1-0', usage('workerpool1-0', 0.01, 12 * 2 ** 20)],
]);
const rows = replicaRows(pools, 'JOB_STATE_RUNNING', undefined, new Map());

const frame = (columns: number, accelerators = true, usageMap = byReplica) =>
  render(
    // ink-testing-library's terminal is 100 columns; a wider box lays the table out at `columns`.
    <Box width={Math.max(columns, 100)}>
      <ReplicaTable
        rows={rows}
        now={Date.now()}
        height={5}
        selected={0}
        focused={false}
        columns={columns}
        usage={usageMap}
        accelerators={accelerators}
      />
    </Box>,
  ).lastFrame() ?? '';

describe('ReplicaTable utilisation columns', () => {
  it('shows CPU with a sparkline, MEM, GPU and GPU MEM; "-" where there is no value', () => {
    const wide = frame(200);
    const lines = wide.split('\n');
    expect(lines[0]).toMatch(/ERR\s+CPU\s+MEM\s+GPU\s+GPU MEM\s+LAST LOG/);
    expect(lines[1]).toMatch(/workerpool0-0 .*0\.98\s+▁▁▃▃\s+210Mi\s+87%\s+█▇\s+50%/);
    expect(lines[2]).toMatch(/workerpool1-0 .*0\.01\s+▁▁▃▃\s+12Mi\s+-\s+-/);
    // No sample yet for workerpool1-1: every cell is "-".
    expect(lines[3]).toMatch(/workerpool1-1 .*starting\s+0\s+0\s+0\s+-\s+-\s+-\s+-/);
  });

  it('has no GPU columns for a job without accelerators, and none at all without usage', () => {
    expect(frame(200, false).split('\n')[0]).toMatch(/CPU\s+MEM\s+LAST LOG/);
    expect(frame(200, false)).not.toMatch(/GPU/);
    const plain = render(
      <ReplicaTable
        rows={rows}
        now={Date.now()}
        height={5}
        selected={0}
        focused={false}
        columns={200}
      />,
    ).lastFrame();
    expect(plain).not.toMatch(/CPU/);
  });

  it.each([100, 80, 60])('fits a %i-column terminal', (columns) => {
    const text = frame(columns);
    for (const line of text.split('\n')) expect(stringWidth(line)).toBeLessThanOrEqual(columns);
    expect(text).toMatch(/starting/);
    expect(text).toMatch(/LAST LOG/);
  });

  it('drops the sparklines before the columns, and the columns before the status', () => {
    expect(frame(100)).toMatch(/CPU/);
    expect(frame(100)).not.toMatch(/▁▁▃▃/);
    expect(frame(60)).not.toMatch(/CPU/);
  });

  it('shows RX/TX per second where a replica has network counters, and drops it first', () => {
    const networked = new Map(byReplica);
    networked.set('workerpool0-0', {
      ...byReplica.get('workerpool0-0')!,
      networkReceivedBytesPerSecond: 1.5 * 2 ** 20,
      networkSentBytesPerSecond: 2048,
    });
    const lines = frame(200, true, networked).split('\n');
    expect(lines[0]).toMatch(/GPU MEM\s+RX\/TX \/s\s+LAST LOG/);
    expect(lines[1]).toMatch(/50%\s+1\.5Mi 2\.0Ki\s/);
    expect(lines[2]).toMatch(/workerpool1-0 .*-\s+-\s+-\s+$|workerpool1-0 .*12Mi\s+-\s+-\s+-/);
    expect(frame(200, true)).not.toMatch(/RX\/TX/);
    // Narrower: RX/TX goes first, while the sparklines and the role still fit.
    let narrowest = 200;
    while (frame(narrowest - 1, true, networked).includes('RX/TX')) narrowest--;
    const narrower = frame(narrowest - 1, true, networked);
    expect(narrower).toMatch(/▁▁▃▃/);
    expect(narrower).toMatch(/ROLE/);
    expect(narrowest).toBeGreaterThan(100);
  });
});
