// One tuning trial's logs. Where Vertex files them is not documented: under the tuning job's id
// with the trial id in an entry label (legacy AI Platform; gcloud's ml_engine log_utils.py reads
// `trial_id` or `ml.googleapis.com/trial_id`), or under the trial's own CustomJob (v1:
// Trial.custom_job, study.proto). The filter matches every one of those shapes and nothing of
// another trial; each filter is also checked against the emulator's Cloud Logging filter
// evaluator (the same grammar: an OR is always written in parentheses).
import {describe, expect, it} from 'vitest';
import {compileLogFilter} from '../../source/emulator/logging/log-filter.js';
import {matchesQuery} from '../../source/emulator/logging/log-query.js';
import type {LogRecord} from '../../source/emulator/logging/log-store.js';
import {readFilter, tailFilter} from '../../source/services/logs/log-filter.js';
import {trialCustomJobId} from '../../source/ui/screens/dashboard/trials.js';

const TUNING = '4000';
const TRIAL_JOB = '4002';

function entry(jobId: string, labels: Record<string, string>, task = 'workerpool0-0'): LogRecord {
  return {
    insertId: `${jobId}-${JSON.stringify(labels)}`,
    timestampNs: 1_800_000_000_000_000_000n,
    logName: `projects/p/logs/${task}`,
    resource: {type: 'ml_job', labels: {job_id: jobId, task_name: task, project_id: 'p'}},
    labels,
    severity: 'INFO',
    textPayload: 'line',
  };
}

const matches = (filter: string, record: LogRecord) =>
  matchesQuery(record, {resourceNames: ['projects/p'], expr: compileLogFilter(filter)});

const SHAPES: [string, LogRecord][] = [
  [
    'tuning job id + ml.googleapis.com/trial_id',
    entry(TUNING, {'ml.googleapis.com/trial_id': '2'}),
  ],
  ['tuning job id + trial_id', entry(TUNING, {trial_id: '2'})],
  ['the trial’s own CustomJob id, no label', entry(TRIAL_JOB, {})],
];
const OTHERS: [string, LogRecord][] = [
  ['another trial under the tuning job', entry(TUNING, {'ml.googleapis.com/trial_id': '3'})],
  ['another trial, short label', entry(TUNING, {trial_id: '3'})],
  ['the tuning job’s own unlabelled lines', entry(TUNING, {})],
  ['another trial’s CustomJob', entry('4003', {})],
];

describe("a tuning trial's log filter", () => {
  const filter = tailFilter(TUNING, {trialId: '2', trialJobId: TRIAL_JOB});

  it('is written with every OR in parentheses', () => {
    expect(filter).toBe(
      'resource.type="ml_job" AND ((resource.labels.job_id="4000" AND (labels."ml.googleapis.com/trial_id"="2" OR labels.trial_id="2")) OR resource.labels.job_id="4002")',
    );
  });

  it.each(SHAPES)('matches an entry filed under %s', (_shape, record) => {
    expect(matches(filter, record)).toBe(true);
    expect(
      matches(
        `${readFilter(TUNING, {trialId: '2', trialJobId: TRIAL_JOB}, {seconds: 1_700_000_000, nanos: 0, insertId: ''})}`,
        record,
      ),
    ).toBe(true);
  });

  it.each(OTHERS)('does not match %s', (_shape, record) => {
    expect(matches(filter, record)).toBe(false);
  });

  it('narrows by replica and severity around the whole trial clause', () => {
    const narrow = tailFilter(TUNING, {
      trialId: '2',
      trialJobId: TRIAL_JOB,
      replica: 'workerpool1-0',
      minSeverity: 'WARNING',
    });
    expect(matches(narrow, entry(TRIAL_JOB, {}, 'workerpool1-0'))).toBe(false); // INFO
    const warning = {...entry(TRIAL_JOB, {}, 'workerpool1-0'), severity: 'WARNING'};
    expect(matches(narrow, warning)).toBe(true);
    expect(
      matches(narrow, {
        ...warning,
        resource: {
          ...warning.resource,
          labels: {...warning.resource.labels, task_name: 'workerpool0-0'},
        },
      }),
    ).toBe(false);
  });

  it('before the trial names its CustomJob, matches the labelled entries only', () => {
    const early = tailFilter(TUNING, {trialId: '2'});
    expect(early).toBe(
      'resource.type="ml_job" AND resource.labels.job_id="4000" AND (labels."ml.googleapis.com/trial_id"="2" OR labels.trial_id="2")',
    );
    expect(SHAPES.map(([, record]) => matches(early, record))).toEqual([true, true, false]);
  });

  it('leaves a job’s own filter as it was', () => {
    expect(tailFilter(TUNING)).toBe('resource.type="ml_job" AND resource.labels.job_id="4000"');
  });
});

describe("a trial's CustomJob", () => {
  const resource = {
    trials: [
      {id: '1', customJob: 'projects/p/locations/us-central1/customJobs/4001'},
      {id: '2', customJob: `projects/p/locations/us-central1/customJobs/${TRIAL_JOB}`},
      {id: '3'},
    ],
  };

  it('is read from Trial.custom_job, and absent until the trial names one', () => {
    expect(trialCustomJobId(resource, '2')).toBe(TRIAL_JOB);
    expect(trialCustomJobId(resource, '3')).toBeUndefined();
    expect(trialCustomJobId(resource, '9')).toBeUndefined();
    expect(trialCustomJobId({}, '1')).toBeUndefined();
  });
});
