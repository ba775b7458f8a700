import {describe, expect, it} from 'vitest';
import {replicaRows} from '../../source/dashboard/replica-status.js';

const pools = [
  {machineSpec: {machineType: 'n1-standard-4'}, replicaCount: 1},
  {machineSpec: {machineType: 'n1-standard-8'}, replicaCount: '2'},
];
const counters = new Map([
  ['workerpool1-0', {lines: 2, warnings: 0, errors: 1, lastTimestampMs: 9}],
]);

describe('replica rows', () => {
  it('lists every replica with its machine and log counts', () => {
    const rows = replicaRows(pools, 'JOB_STATE_RUNNING', undefined, counters);
    expect(rows.map((r) => [r.name, r.machineType, r.status, r.lines])).toEqual([
      ['workerpool0-0', 'n1-standard-4', 'starting', 0],
      ['workerpool1-0', 'n1-standard-8', 'running', 2],
      ['workerpool1-1', 'n1-standard-8', 'starting', 0],
    ]);
    expect(rows[1]?.lastLineMs).toBe(9);
    expect(rows[1]?.errors).toBe(1);
  });

  it('marks the replica named in the error as failed and the rest stopped', () => {
    const rows = replicaRows(
      pools,
      'JOB_STATE_FAILED',
      'The replica workerpool1-1 exited with a non-zero status of 1.',
      new Map(),
    );
    expect(rows.map((r) => r.status)).toEqual(['stopped', 'stopped', 'failed']);
  });
});
