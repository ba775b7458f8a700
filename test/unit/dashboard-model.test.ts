import {describe, expect, it} from 'vitest';
import {analyseFailure, lastTraceback} from '../../source/ui/screens/dashboard/failure.js';
import {jobTiming} from '../../source/ui/screens/dashboard/job-timing.js';
import {
  anchorShowing,
  computeWindow,
  findLine,
  logPaneMove,
  scrollAnchor,
  topAnchor,
} from '../../source/ui/screens/dashboard/log-window.js';
import {
  metricChart,
  sortTrials,
  trialSnapshot,
  trialTable,
} from '../../source/ui/screens/dashboard/trials.js';
import {LineStore} from '../../source/services/logs/line-store.js';
import {cursorOf, type LogLine} from '../../source/services/vertex/log-line.js';
import type {JobSummary} from '../../source/services/vertex/job-snapshot.js';

const line = (
  n: number,
  replica = 'workerpool0-0',
  level = 200,
  message = `line ${n}`,
): LogLine => ({
  insertId: `id${String(n).padStart(6, '0')}`,
  seconds: n,
  nanos: 0,
  timestampMs: n * 1000,
  replica,
  severity: level >= 500 ? 'ERROR' : 'INFO',
  level,
  message,
});

function storeOf(count: number, make = (n: number) => line(n)) {
  const store = new LineStore();
  store.add(Array.from({length: count}, (_, n) => make(n)));
  return store;
}

const all = {minLevel: 0};
const numbers = (lines: LogLine[]) => lines.map((l) => l.seconds);

describe('log window', () => {
  it('follows the newest lines and scrolls by filtered lines', () => {
    const store = storeOf(100, (n) => line(n, n % 2 ? 'workerpool1-0' : 'workerpool0-0'));
    const following = computeWindow(store, all, undefined, 5);
    expect(numbers(following.lines)).toEqual([95, 96, 97, 98, 99]);
    expect(following.atBottom).toBe(true);
    const onlyOdd = {minLevel: 0, replica: 'workerpool1-0'};
    const odd = computeWindow(store, onlyOdd, undefined, 3);
    expect(numbers(odd.lines)).toEqual([95, 97, 99]);
    const up = scrollAnchor(store, onlyOdd, odd, 2);
    expect(numbers(computeWindow(store, onlyOdd, up, 3).lines)).toEqual([91, 93, 95]);
    // Scrolling back down past the newest line follows again.
    expect(scrollAnchor(store, onlyOdd, computeWindow(store, onlyOdd, up, 3), -5)).toBeUndefined();
  });

  it('never leaves an empty pane past the top', () => {
    const store = storeOf(10);
    const window = computeWindow(store, all, cursorOf(line(1)), 5);
    expect(numbers(window.lines)).toEqual([0, 1, 2, 3, 4]);
    expect(window.atTop).toBe(true);
    const top = topAnchor(store, all, 5);
    expect(numbers(computeWindow(store, all, top, 5).lines)).toEqual([0, 1, 2, 3, 4]);
    const far = scrollAnchor(store, all, computeWindow(store, all, undefined, 5), 1000);
    expect(numbers(computeWindow(store, all, far, 5).lines)).toEqual([0, 1, 2, 3, 4]);
  });

  it('finds the next and previous error and shows it near the top', () => {
    const store = storeOf(50, (n) => line(n, 'workerpool0-0', n === 10 || n === 30 ? 500 : 200));
    const isError = (l: LogLine) => l.level >= 500;
    expect(findLine(store, all, undefined, 1, isError)?.seconds).toBe(10);
    expect(findLine(store, all, cursorOf(line(10)), 1, isError)?.seconds).toBe(30);
    expect(findLine(store, all, cursorOf(line(30)), -1, isError)?.seconds).toBe(10);
    expect(findLine(store, all, cursorOf(line(10)), -1, isError)).toBeUndefined();
    const anchor = anchorShowing(store, all, line(10), 8);
    const window = computeWindow(store, all, anchor, 8);
    expect(window.lines[3]?.seconds).toBe(10); // three lines of context above it
  });

  it('filters, scrolls and searches a large store (packed lines) as a plain list would', () => {
    const make = (n: number) =>
      line(
        n,
        `workerpool${n % 7}-0`,
        n % 11 === 0 ? 500 : 200,
        n % 13 === 0 ? `hit ${n}` : `x${n}`,
      );
    const store = storeOf(30_000, make);
    const everything = Array.from({length: 30_000}, (_, n) => make(n));
    const filter = {minLevel: 500, replica: 'workerpool3-0'};
    const passing = everything.filter((l) => l.level >= 500 && l.replica === 'workerpool3-0');
    const following = computeWindow(store, filter, undefined, 20);
    expect(following.lines).toEqual(passing.slice(-20));
    const up = scrollAnchor(store, filter, following, 100);
    expect(computeWindow(store, filter, up, 20).lines).toEqual(passing.slice(-120, -100));
    const top = topAnchor(store, filter, 20);
    expect(computeWindow(store, filter, top, 20).lines).toEqual(passing.slice(0, 20));
    const isHit = (l: LogLine) => l.message.startsWith('hit');
    const hits = passing.filter(isHit);
    expect(findLine(store, filter, cursorOf(hits[3]!), 1, isHit)).toEqual(hits[4]);
    expect(findLine(store, filter, cursorOf(hits[3]!), -1, isHit)).toEqual(hits[2]);
  });

  it('moves the pane a line, a page less one line, to the oldest line or back to following', () => {
    expect(logPaneMove('nav.up', 20)).toEqual({scroll: 1});
    expect(logPaneMove('nav.down', 20)).toEqual({scroll: -1});
    expect(logPaneMove('nav.pageUp', 20)).toEqual({scroll: 19});
    expect(logPaneMove('nav.pageDown', 20)).toEqual({scroll: -19});
    expect(logPaneMove('nav.top', 20)).toEqual({to: 'top'});
    expect(logPaneMove('nav.bottom', 20)).toEqual({to: 'follow'});
  });
});

describe('failure analysis', () => {
  it('names the replica, exit code and termination reason', () => {
    const report = analyseFailure({
      code: 3,
      message:
        'The replica workerpool1-0 exited with a non-zero status of 128. Termination reason: StartError. Termination log message: failed to create containerd task',
    });
    expect(report).toMatchObject({
      replica: 'workerpool1-0',
      exitCode: 128,
      terminationReason: 'StartError',
      explanation: expect.stringMatching(/container did not start/),
    });
  });

  // https://cloud.google.com/vertex-ai/docs/training/understanding-training-service#common-errors
  // documents "The replica REPLICA_NAME ran out of memory and exited with a non-zero status of
  // EXIT_CODE"; the legacy AI Platform text (tensorflow/models#5591) hyphenates "out-of-memory".
  it.each([
    [
      'Vertex (documented)',
      'The replica workerpool0-0 ran out of memory and exited with a non-zero status of 9.',
    ],
    [
      'legacy',
      'The replica workerpool0-0 ran out-of-memory and exited with a non-zero status of 9(SIGKILL).',
    ],
  ])('reads an out-of-memory exit in the %s wording', (_wording, message) => {
    expect(analyseFailure({code: 3, message})).toMatchObject({
      replica: 'workerpool0-0',
      exitCode: 9,
      explanation: expect.stringMatching(/^Out of memory/),
    });
  });

  it('explains quota, stockout and permission errors with the next step', () => {
    expect(
      analyseFailure({
        code: 8,
        message:
          'The following quota metrics exceed quota limits: aiplatform.googleapis.com/custom_model_training_nvidia_l4_gpus',
      }).explanation,
    ).toMatch(
      /Quota: .*custom_model_training_nvidia_l4_gpus.*search "custom_model_training_nvidia_l4_gpus"/,
    );
    expect(
      analyseFailure({code: 8, message: 'Resources are insufficient in region: us-central1.'})
        .explanation,
    ).toMatch(/Stockout.*another region/);
    expect(
      analyseFailure({
        code: 7,
        message: 'Service account x does not have [storage.objects.get] IAM permission(s)',
      }).explanation,
    ).toMatch(/Permission/);
  });

  it('finds the replica’s last traceback in its logs', () => {
    const store = new LineStore();
    const messages = [
      'epoch 1',
      'Traceback (most recent call last):',
      '  File "task.py", line 3, in <module>',
      '    main()',
      'ValueError: bad shape',
      'after',
    ];
    store.add(messages.map((message, n) => line(n, 'workerpool0-0', n === 0 ? 200 : 500, message)));
    store.add([line(100, 'workerpool1-0', 500, 'Traceback (most recent call last):')]);
    expect(lastTraceback(store, 'workerpool0-0')?.map((l) => l.message)).toEqual(
      messages.slice(1, 5),
    );
    expect(lastTraceback(store, 'workerpool0-1')).toBeUndefined();
  });
});

describe('job timing', () => {
  const base: JobSummary = {
    kind: 'custom',
    name: 'n',
    id: '1',
    displayName: 'd',
    state: 'JOB_STATE_RUNNING',
    createTime: new Date(1_000),
    startTime: new Date(11_000),
    updateTime: new Date(12_000),
    jobSpec: {workerPoolSpecs: []},
    labels: {},
    resource: {},
  };

  it('times states from the job’s own timestamps', () => {
    expect(jobTiming(base, 71_000)).toEqual({
      stateSinceMs: 11_000,
      elapsedMs: 60_000,
      queuedMs: 10_000,
    });
    const done = {...base, state: 'JOB_STATE_SUCCEEDED' as const, endTime: new Date(41_000)};
    expect(jobTiming(done, 999_000)).toMatchObject({stateSinceMs: 41_000, elapsedMs: 30_000});
    const queued = {...base, state: 'JOB_STATE_QUEUED' as const, startTime: undefined};
    expect(jobTiming(queued, 5_000)).toMatchObject({stateSinceMs: 1_000, elapsedMs: 4_000});
  });
});

describe('trials', () => {
  const resource = {
    studySpec: {metrics: [{metricId: 'loss', goal: 'MINIMIZE'}]},
    trialJobSpec: {workerPoolSpecs: [{replicaCount: 1, machineSpec: {machineType: 'n1'}}]},
    trials: [
      {
        id: '1',
        state: 'SUCCEEDED',
        parameters: [{parameterId: 'lr', value: {numberValue: 0.1}}],
        finalMeasurement: {metrics: [{metricId: 'loss', value: 0.5}]},
      },
      {
        id: '2',
        state: 'SUCCEEDED',
        parameters: [{parameterId: 'lr', value: {numberValue: 0.2}}],
        finalMeasurement: {metrics: [{metricId: 'loss', value: 0.25}]},
      },
      {id: '3', state: 'ACTIVE', parameters: [{parameterId: 'lr', value: {numberValue: 0.3}}]},
    ],
  };

  it('marks the best trial by the study goal and sorts by the metric', () => {
    const table = trialTable(resource);
    expect(table).toMatchObject({metricId: 'loss', goal: 'MINIMIZE'});
    expect(table.rows.map((row) => [row.id, row.best, row.parameters])).toEqual([
      ['1', false, 'lr=0.1'],
      ['2', true, 'lr=0.2'],
      ['3', false, 'lr=0.3'],
    ]);
    expect(sortTrials(table, true).map((row) => row.id)).toEqual(['2', '1', '3']);
    expect(metricChart(table.rows)).toBe('█▁·');
  });

  it('sees one trial as a job of its own replicas', () => {
    const trial = trialSnapshot(
      {...resource, name: 'projects/p/locations/r/hyperparameterTuningJobs/9', displayName: 't'},
      '3',
    );
    expect(trial).toMatchObject({id: '9', displayName: 't · trial 3', state: 'JOB_STATE_RUNNING'});
    expect(trial.jobSpec?.workerPoolSpecs).toHaveLength(1);
  });
});
