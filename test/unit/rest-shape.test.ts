import {describe, expect, it} from 'vitest';
import {toRestShape} from '../../source/services/vertex/rest-shape.js';

describe('toRestShape', () => {
  it('gives the REST form of a decoded resource', () => {
    const shape = toRestShape({
      labels: {team: 'a'},
      name: 'projects/p/locations/r/customJobs/1',
      displayName: 'x',
      state: 'JOB_STATE_RUNNING',
      createTime: {seconds: '1764547200', nanos: 500_000_000},
      error: null,
      jobSpec: {
        workerPoolSpecs: [
          {
            replicaCount: '2',
            machineSpec: {
              machineType: 'n1',
              acceleratorType: 'ACCELERATOR_TYPE_UNSPECIFIED',
              acceleratorCount: 0,
            },
            diskSpec: {bootDiskSizeGb: 0, bootDiskType: ''},
          },
        ],
        scheduling: {timeout: {seconds: '3600', nanos: 0}},
        args: [],
      },
      trainingTaskInputs: {
        kind: 'structValue',
        structValue: {
          fields: {budget: {kind: 'numberValue', numberValue: 1000}, on: {boolValue: true}},
        },
      },
    });
    expect(Object.keys(shape).slice(0, 4)).toEqual(['name', 'displayName', 'state', 'createTime']);
    expect(shape.createTime).toBe('2025-12-01T00:00:00.5Z');
    expect(shape.jobSpec).toEqual({
      workerPoolSpecs: [{replicaCount: '2', machineSpec: {machineType: 'n1'}}],
      scheduling: {timeout: '3600s'},
    });
    expect(shape.trainingTaskInputs).toEqual({budget: 1000, on: true});
    expect(shape).not.toHaveProperty('error');
  });
});
