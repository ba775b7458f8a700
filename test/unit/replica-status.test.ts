import {describe, expect, it} from 'vitest';
import {replicaRows} from '../../source/dashboard/replica-status.js';

const pools = [
  {machineSpec: {machineType: 'n1-standard-4'}, replicaCount: 1},
  {machineSpec: {machineType: 'n1-standard-8'}, replicaCount: '2'},
];
const logLine = (replica: string, ms: number) => ({
  insertId: `${replica}${ms}`,
  timestampMs: ms,
  replica,
  severity: 'INFO',
  message: '',
});

describe('replica rows', () => {
  it('lists every replica with its machine and log counts', () => {
    const rows = replicaRows(pools, 'JOB_STATE_RUNNING', undefined, [
      logLine('workerpool1-0', 5),
      logLine('workerpool1-0', 9),
    ]);
    expect(rows.map((r) => [r.name, r.machineType, r.status, r.lines])).toEqual([
      ['workerpool0-0', 'n1-standard-4', 'starting', 0],
      ['workerpool1-0', 'n1-standard-8', 'running', 2],
      ['workerpool1-1', 'n1-standard-8', 'starting', 0],
    ]);
    expect(rows[1]?.lastLineMs).toBe(9);
  });

  it('marks the replica named in the error as failed and the rest stopped', () => {
    const rows = replicaRows(
      pools,
      'JOB_STATE_FAILED',
      'The replica workerpool1-1 exited with a non-zero status of 1.',
      [],
    );
    expect(rows.map((r) => r.status)).toEqual(['stopped', 'stopped', 'failed']);
  });
});
