import {describe, expect, it} from 'vitest';
import {replicaRows, statusText} from '../../source/ui/screens/dashboard/replica-status.js';
import type {ReplicaLifecycle} from '../../source/services/logs/replica-events.js';

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

  it('adds what the service log said: exited, restarted ×N, failed', () => {
    const lifecycles = new Map<string, ReplicaLifecycle>([
      ['workerpool1-0', {restarts: 0, end: {kind: 'exited', status: 0, timestampMs: 5}}],
      ['workerpool1-1', {restarts: 2}],
    ]);
    const running = replicaRows(pools, 'JOB_STATE_RUNNING', undefined, counters, lifecycles);
    expect(running.map((r) => [r.status, r.restarts, statusText(r)])).toEqual([
      ['starting', 0, 'starting'],
      ['exited', 0, 'exited'],
      ['restarted', 2, 'restarted ×2'],
    ]);
    // Once the job ended: the exited worker stays exited, the restarted one shows its final
    // status with the count.
    const done = replicaRows(pools, 'JOB_STATE_SUCCEEDED', undefined, counters, lifecycles);
    expect(done.map(statusText)).toEqual(['succeeded', 'exited', 'succeeded ×2']);
    lifecycles.set('workerpool1-1', {
      restarts: 5,
      end: {kind: 'failed', status: 134, timestampMs: 9},
    });
    // The service log names the failed replica even before the job state says FAILED.
    expect(
      replicaRows(pools, 'JOB_STATE_RUNNING', undefined, counters, lifecycles).map(statusText),
    ).toEqual(['starting', 'exited', 'failed ×5']);
    expect(
      replicaRows(pools, 'JOB_STATE_FAILED', undefined, counters, lifecycles).map(statusText),
    ).toEqual(['stopped', 'exited', 'failed ×5']);
  });

  it('falls back to the job state alone without service entries (as on Vertex)', () => {
    for (const state of [
      'JOB_STATE_RUNNING',
      'JOB_STATE_SUCCEEDED',
      'JOB_STATE_CANCELLED',
    ] as const)
      expect(replicaRows(pools, state, undefined, counters, new Map())).toEqual(
        replicaRows(pools, state, undefined, counters),
      );
    expect(
      replicaRows(pools, 'JOB_STATE_SUCCEEDED', undefined, counters).map((r) => r.status),
    ).toEqual(['succeeded', 'succeeded', 'succeeded']);
  });
});
