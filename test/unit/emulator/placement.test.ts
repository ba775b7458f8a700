// placeJob (emulator/persistent-resource/placement.ts): which resource pool each worker pool takes.
// A job whose own pools together need more machines than a resource pool holds can never run
// there (INVALID_ARGUMENT, "use fewer replicas"); one that fits the pool but not what running
// jobs leave free waits on them (FAILED_PRECONDITION, "only N of M are free").
import {describe, expect, it} from 'vitest';
import {placeJob} from '../../../source/emulator/persistent-resource/placement.js';
import type {PersistentResourceRecord} from '../../../source/emulator/persistent-resource/resource-record.js';

const resource = {
  resourceId: 'warm',
  pools: [{id: 'cpu', machineSpec: {machineType: 'n1-standard-4'}, replicaCount: 3}],
} as unknown as PersistentResourceRecord;

const pool = (replicaCount: number) => ({
  machineSpec: {machineType: 'n1-standard-4'},
  replicaCount,
});

describe('placeJob', () => {
  it('places pools that share a resource pool while they fit together', () => {
    expect(placeJob(resource, [pool(1), pool(2)], [3])).toEqual([0, 0]);
  });

  it('says a job that needs more than the pool holds can never fit, not that it is busy', () => {
    const place = () => placeJob(resource, [pool(1), pool(3)], [3]);
    expect(place).toThrow(
      /together need 4 replicas of resource pool cpu .* which holds 3; use fewer replicas/,
    );
    expect(place).not.toThrow(/are free/);
  });

  it('says how many machines running jobs leave free when the job would fit an idle pool', () => {
    expect(() => placeJob(resource, [pool(1), pool(2)], [2])).toThrow(
      /\[1\] needs 2 replica\(s\) of resource pool cpu .* but only 1 of 3 are free/,
    );
  });
});
