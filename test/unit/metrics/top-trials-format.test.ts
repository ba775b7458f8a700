// `vtrain-tui top` on a tuning job: the table leads with each row's TRIAL, and --json lists the
// trials read under "trials", each with its own CustomJob (or null before the trial names one).
import {describe, expect, it} from 'vitest';
import {topTable, topTrialsJson} from '../../../source/services/metrics/usage-format.js';
import type {ReplicaUsage} from '../../../source/services/metrics/replica-usage.js';

const usage = (replica: string, cores?: number): ReplicaUsage => ({
  replica,
  atMs: cores === undefined ? undefined : 1,
  cpuUtilization: cores === undefined ? undefined : cores / 4,
  cpuCores: cores,
  memoryUtilization: undefined,
  memoryBytes: undefined,
  acceleratorUtilization: undefined,
  acceleratorMemoryUtilization: undefined,
  networkReceivedBytesPerSecond: undefined,
  networkSentBytesPerSecond: undefined,
  history: {},
});

describe('top on a tuning job', () => {
  it('leads the table with the trial of each replica', () => {
    const table = topTable([usage('workerpool0-0', 1), usage('workerpool0-0')], ['2', '3']);
    expect(table.split('\n')).toEqual([
      'TRIAL  REPLICA        CPU(cores)  CPU%  MEMORY  MEM%',
      '2      workerpool0-0  1.00        25%   -       -',
      '3      workerpool0-0  -           -     -       -',
      '',
    ]);
  });

  it('prints the trials under "trials" in --json', () => {
    const json = topTrialsJson(
      'projects/p/locations/l/hyperparameterTuningJobs/9',
      0,
      [
        {
          trial: '2',
          customJob: 'projects/p/locations/l/customJobs/22',
          state: 'ACTIVE',
          replicas: [usage('workerpool0-0', 1)],
        },
        {trial: '3', customJob: null, state: 'REQUESTED', replicas: []},
      ],
      {cost: null, costReason: 'a tuning job runs each trial as its own custom job: price a trial'},
    );
    expect(json).toMatchObject({
      job: 'projects/p/locations/l/hyperparameterTuningJobs/9',
      at: '1970-01-01T00:00:00.000Z',
      trials: [
        {
          trial: '2',
          customJob: 'projects/p/locations/l/customJobs/22',
          state: 'ACTIVE',
          replicas: [{replica: 'workerpool0-0', cpuCores: 1, cpuUtilization: 0.25}],
        },
        {trial: '3', customJob: null, state: 'REQUESTED', replicas: []},
      ],
      cost: null,
    });
  });
});
