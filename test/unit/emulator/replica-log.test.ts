import {describe, expect, it} from 'vitest';
import type {JobRecord} from '../../../source/emulator/custom-job/job-record.js';
import {replicaLogEntry} from '../../../source/emulator/custom-job/replica-log.js';

const job = {id: '123', project: 'p'} as JobRecord;

describe('replicaLogEntry', () => {
  it('labels plain output as an ml_job entry of its replica; stderr is ERROR', () => {
    expect(replicaLogEntry(job, 'workerpool1-0', 'stdout', 'epoch 1')).toEqual({
      logName: 'projects/p/logs/workerpool1-0',
      resource: {
        type: 'ml_job',
        labels: {job_id: '123', task_name: 'workerpool1-0', project_id: 'p'},
      },
      labels: {},
      severity: 'INFO',
      textPayload: 'epoch 1',
    });
    expect(replicaLogEntry(job, 'workerpool1-0', 'stderr', 'Traceback').severity).toBe('ERROR');
  });

  it('lifts severity and the labels key out of a JSON line and keeps message in the payload', () => {
    const entry = replicaLogEntry(
      job,
      'workerpool0-0',
      'stderr',
      '{"severity":"warning","message":"slow step","step":7,"logging.googleapis.com/labels":{"trial":3}}',
    );
    expect(entry.severity).toBe('WARNING');
    expect(entry.labels).toEqual({trial: '3'});
    expect(entry.jsonPayload).toEqual({message: 'slow step', step: 7});
    expect(entry.textPayload).toBeUndefined();
  });

  it('keeps lines that only look like JSON as text', () => {
    expect(replicaLogEntry(job, 'workerpool0-0', 'stdout', '{not json').textPayload).toBe(
      '{not json',
    );
    expect(replicaLogEntry(job, 'workerpool0-0', 'stdout', '[1,2]').textPayload).toBe('[1,2]');
  });
});
