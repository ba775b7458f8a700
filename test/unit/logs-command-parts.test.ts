import {afterEach, describe, expect, it, vi} from 'vitest';
import {UsageError} from '../../source/entry/args.js';
import {parseLogsArgs, parseSince} from '../../source/entry/commands/logs-args.js';
import {ReadBudget} from '../../source/services/logs/read-budget.js';
import {toRestEntry} from '../../source/services/logs/rest-entry.js';

describe('logs flags', () => {
  it('reads a resource name or a numeric id and every flag', () => {
    const options = parseLogsArgs([
      'projects/p/locations/europe-west4/hyperparameterTuningJobs/42',
      '-f',
      '--replica',
      'workerpool1-3',
      '--severity',
      'warning',
      '--grep',
      'loss=\\d',
      '--timestamps',
      '--json',
    ]);
    expect(options).toMatchObject({
      job: {kind: 'hptuning', project: 'p', region: 'europe-west4'},
      follow: true,
      replica: 'workerpool1-3',
      severity: 'WARNING',
      timestamps: true,
      json: true,
    });
    expect(options.grep?.test('loss=3')).toBe(true);
    expect(parseLogsArgs(['123']).job).toEqual({id: '123'});
  });

  it('names the flag, the rule and the fix for bad values', () => {
    expect(() => parseLogsArgs([])).toThrow(/logs needs the job/);
    expect(() => parseLogsArgs(['1', '2'])).toThrow(/one job; got 2/);
    expect(() => parseLogsArgs(['1', '--replica', 'chief'])).toThrow(
      /--replica "chief".*workerpool0-0/,
    );
    expect(() => parseLogsArgs(['1', '--since', 'yesterday'])).toThrow(/--since "yesterday".*15m/);
    expect(() => parseLogsArgs(['1', '--bogus'])).toThrow(UsageError);
  });

  it('reads JOB as find-job does, with the project and region of a full name', () => {
    const job = (value: string) => parseLogsArgs([value]).job;
    for (const [collection, kind] of [
      ['customJobs', 'custom'],
      ['hyperparameterTuningJobs', 'hptuning'],
      ['trainingPipelines', 'pipeline'],
    ])
      expect(job(`projects/my-p/locations/us-east1/${collection}/7`)).toEqual({
        kind,
        name: `projects/my-p/locations/us-east1/${collection}/7`,
        project: 'my-p',
        region: 'us-east1',
      });
    // An id or a display name is looked up later (services/jobs/find-job.ts), as typed.
    expect(job('my run')).toEqual({id: 'my run'});
    expect(job(' 42 ')).toEqual({id: ' 42 '});
    expect(() => job('  ')).toThrow(
      new UsageError('JOB is empty: give its id, display name or full resource name.'),
    );
    for (const bad of ['projects/x/customJobs/1', 'projects/p/locations/r/jobs/9'])
      expect(() => job(bad)).toThrow(
        new UsageError(
          `JOB "${bad}" is not a resource name like projects/PROJECT/locations/REGION/customJobs/ID (or hyperparameterTuningJobs/ID, trainingPipelines/ID); give that, the numeric id or the display name.`,
        ),
      );
  });

  it('turns --since into a start time', () => {
    expect(parseSince('15m', 1_000_000)).toBe(100_000);
    expect(parseSince('2026-05-18T09:00:00Z')).toBe(Date.parse('2026-05-18T09:00:00Z'));
  });

  it('bounds --since at the 3650 days Cloud Logging keeps, so the start is always a date', () => {
    expect(parseSince('3650d', 0)).toBe(-3650 * 86_400_000);
    for (const value of ['3651d', '200000000d', `${'9'.repeat(400)}s`]) {
      expect(() => parseSince(value)).toThrow(UsageError);
      expect(() => parseSince(value)).toThrow(/longer than 3650d.*use at most --since 3650d/);
    }
  });
});

describe('REST shape', () => {
  it('writes timestamps in RFC 3339 with nanoseconds, Structs as JSON, and leaves unset fields out', () => {
    const rest = toRestEntry({
      logName: 'projects/p/logs/workerpool0-0',
      resource: {type: 'ml_job', labels: {job_id: '7', task_name: 'workerpool0-0'}},
      timestamp: {seconds: '1779094800', nanos: 5},
      severity: 'WARNING',
      insertId: 'abc',
      labels: {},
      jsonPayload: {
        fields: {
          message: {stringValue: 'hi', kind: 'stringValue'},
          step: {numberValue: 3, kind: 'numberValue'},
          tags: {listValue: {values: [{boolValue: true, kind: 'boolValue'}]}, kind: 'listValue'},
        },
      },
      textPayload: '',
      payload: 'jsonPayload',
      trace: '',
    });
    expect(rest).toEqual({
      logName: 'projects/p/logs/workerpool0-0',
      resource: {type: 'ml_job', labels: {job_id: '7', task_name: 'workerpool0-0'}},
      timestamp: '2026-05-18T09:00:00.000000005Z',
      severity: 'WARNING',
      insertId: 'abc',
      jsonPayload: {message: 'hi', step: 3, tags: [true]},
    });
  });
});

describe('read budget', () => {
  afterEach(() => vi.useRealTimers());

  it('never grants more than perMinute reads in any minute', async () => {
    vi.useFakeTimers();
    const budget = new ReadBudget({perMinute: 60, burst: 10});
    const grantedAt: number[] = [];
    const start = Date.now();
    for (let i = 0; i < 150; i++) void budget.take().then(() => grantedAt.push(Date.now() - start));
    await vi.advanceTimersByTimeAsync(180_000);
    expect(grantedAt).toHaveLength(150);
    for (const at of grantedAt) {
      const inWindow = grantedAt.filter((other) => other >= at && other < at + 60_000).length;
      expect(inWindow).toBeLessThanOrEqual(60);
    }
    budget.close();
  });
});
