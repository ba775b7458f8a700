// The replica table of a 1,000-replica job renders only the rows that fit, around the selection,
// with exact counts from the store's counters.
import {render} from 'ink-testing-library';
import React from 'react';
import {describe, expect, it} from 'vitest';
import {ReplicaTable} from '../../source/ui/screens/dashboard/ReplicaTable.js';
import {replicaRows} from '../../source/ui/screens/dashboard/replica-status.js';

const pools = [
  {
    machineSpec: {
      machineType: 'a2-highgpu-1g',
      acceleratorType: 'NVIDIA_TESLA_A100',
      acceleratorCount: 1,
    },
    replicaCount: 1,
  },
  {machineSpec: {machineType: 'n1-standard-8'}, replicaCount: 999},
];

describe('ReplicaTable', () => {
  it('renders a 1,000-replica job as a window of rows around the selection', () => {
    const counters = new Map([
      [
        'workerpool1-500',
        {lines: 12345, warnings: 2, errors: 1, lastTimestampMs: Date.now() - 3000},
      ],
    ]);
    const rows = replicaRows(pools, 'JOB_STATE_RUNNING', undefined, counters);
    expect(rows).toHaveLength(1000);
    const {lastFrame} = render(
      <ReplicaTable rows={rows} now={Date.now()} height={10} selected={501} focused={false} />,
    );
    const frame = lastFrame() ?? '';
    const lines = frame.split('\n');
    expect(lines).toHaveLength(11); // header + 10 rows
    expect(lines[0]).toMatch(/REPLICA\s+ROLE\s+MACHINE/);
    expect(lines[1]).toMatch(/^\s+workerpool1-495\s/);
    expect(lines[10]).toMatch(/^\s+workerpool1-504\s/);
    expect(frame).toMatch(
      /❯ workerpool1-500\s+workers\s+n1-standard-8\s+running\s+12345\s+2\s+1\s+3s/,
    );
    expect(frame).not.toMatch(/workerpool0-0/);
    const top = render(
      <ReplicaTable rows={rows} now={Date.now()} height={3} selected={0} focused />,
    );
    expect(top.lastFrame()).toMatch(/workerpool0-0\s+primary\s+a2-highgpu-1g \+ 1×A100\s+starting/);
  });
});

describe('ReplicaTable counts before the older history is read', () => {
  it('marks them as lower bounds', () => {
    const counters = new Map([
      ['workerpool0-0', {lines: 1996, warnings: 0, errors: 3, lastTimestampMs: Date.now()}],
    ]);
    const rows = replicaRows(pools.slice(0, 1), 'JOB_STATE_SUCCEEDED', undefined, counters);
    const partial = render(
      <ReplicaTable rows={rows} now={Date.now()} height={3} selected={0} focused atLeast />,
    ).lastFrame();
    expect(partial).toMatch(
      /workerpool0-0\s+primary\s+\S+ \+ 1×A100\s+succeeded\s+1996\+\s+0\+\s+3\+/,
    );
    const exact = render(
      <ReplicaTable rows={rows} now={Date.now()} height={3} selected={0} focused />,
    ).lastFrame();
    expect(exact).toMatch(/succeeded\s+1996\s+0\s+3\s/);
  });
});

describe('ReplicaTable lifecycle statuses', () => {
  // Five-digit line counts and a seconds-old last log still fit beside the widest status.
  it('shows exited and restarted ×N and still fits 80 columns', () => {
    const cpu = [
      {machineSpec: {machineType: 'n1-standard-4'}, replicaCount: 1},
      {machineSpec: {machineType: 'n1-standard-4'}, replicaCount: 2},
    ];
    const now = Date.now();
    const counters = new Map([
      ['workerpool0-0', {lines: 12345, warnings: 12, errors: 1, lastTimestampMs: now - 3000}],
      ['workerpool1-1', {lines: 3, warnings: 0, errors: 0, lastTimestampMs: now - 9000}],
    ]);
    const lifecycles = new Map([
      ['workerpool1-0', {restarts: 0, end: {kind: 'exited' as const, status: 0, timestampMs: 1}}],
      ['workerpool1-1', {restarts: 5}],
    ]);
    const rows = replicaRows(cpu, 'JOB_STATE_RUNNING', undefined, counters, lifecycles);
    const frame =
      render(
        <ReplicaTable rows={rows} now={now} height={3} selected={0} focused={false} />,
      ).lastFrame() ?? '';
    expect(frame).toMatch(/workerpool1-0\s+workers\s+n1-standard-4\s+exited\s+0\s+0\s+0\s+—/);
    expect(frame).toMatch(
      /workerpool1-1\s+workers\s+n1-standard-4\s+restarted ×5\s+3\s+0\s+0\s+9s ago$/m,
    );
    for (const row of frame.split('\n').slice(1)) expect(row.length).toBeLessThanOrEqual(80);
  });
});

describe('ReplicaTable at the terminal’s width', () => {
  const wide = [
    {
      machineSpec: {
        machineType: 'a2-ultragpu-8g',
        acceleratorType: 'NVIDIA_A100_80GB',
        acceleratorCount: 8,
      },
      replicaCount: 1,
    },
    {machineSpec: {machineType: 'n2-highmem-16'}, replicaCount: 10},
    {machineSpec: {machineType: 'n1-highcpu-16'}, replicaCount: 2},
  ];
  const now = Date.now();
  const counters = new Map([
    [
      'workerpool0-0',
      {lines: 123456, warnings: 12345, errors: 1234, lastTimestampMs: now - 725_000},
    ],
    ['workerpool2-1', {lines: 99999, warnings: 0, errors: 0, lastTimestampMs: now - 3_599_000}],
  ]);
  const lifecycles = new Map([['workerpool2-1', {restarts: 5}]]);
  const rows = replicaRows(wide, 'JOB_STATE_RUNNING', undefined, counters, lifecycles);
  const frameAt = (columns: number) =>
    render(
      <ReplicaTable
        rows={rows}
        now={now}
        height={13}
        selected={0}
        focused={false}
        columns={columns}
      />,
    ).lastFrame() ?? '';

  it('keeps status, counts and the last-log age whole at 80 columns', () => {
    const frame = frameAt(80);
    for (const row of frame.split('\n')) expect(row.length).toBeLessThanOrEqual(80);
    // The role gave way (the pool number says it), the machine is cut with an ellipsis.
    expect(frame).not.toMatch(/ROLE/);
    expect(frame).toMatch(
      /workerpool0-0 a2-ultragpu-8g \+ 8×A\S*… running +123456 12345 1234 12m05s ago$/m,
    );
    expect(frame).toMatch(/workerpool2-1 \S+ +restarted ×5 +99999 +0 +0 +59m59s ago$/m);
  });

  it('shows every column with wide gaps when there is room', () => {
    const frame = frameAt(200);
    expect(frame).toMatch(/REPLICA\s+ROLE\s+MACHINE\s+STATUS/);
    expect(frame).toMatch(
      /workerpool2-1 {2,}parameter servers {2,}n1-highcpu-16 {2,}restarted ×5 {2,}99999/,
    );
  });
});
