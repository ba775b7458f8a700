// A tuning job's trials in Cloud Monitoring, under both shapes their series may take (Google does
// not document which one Vertex publishes: services/metrics/trial-usage.ts): the resource's
// `job_id` is the trial's own CustomJob (Trial.custom_job), or the tuning job's id with a trial
// label (AI Platform's shape). The query names both; the reader splits the answer by trial.
import {describe, expect, it} from 'vitest';
import {
  runningTrials,
  trialJobIds,
  trialOfSeries,
  type TrialsScope,
} from '../../../source/services/metrics/trial-usage.js';
import {usageFilter} from '../../../source/services/metrics/usage-query.js';
import {UsageReader} from '../../../source/services/metrics/usage-reader.js';
import {poolMachines} from '../../../source/services/metrics/replica-usage.js';
import {FakeMonitoring, type RawSeries} from '../../helpers/fake-monitoring.js';

const SCOPE: TrialsScope = {
  tuningJobId: '900',
  trials: [{trialId: '1', customJobId: '111'}, {trialId: '2', customJobId: '222'}, {trialId: '3'}],
};

describe('the query for trials', () => {
  it("names the tuning job and each trial's own custom job, OR-ed in parentheses", () => {
    expect(trialJobIds(SCOPE)).toEqual(['900', '111', '222']);
    expect(usageFilter('cpu', trialJobIds(SCOPE))).toBe(
      'metric.type = "ml.googleapis.com/training/cpu/utilization" AND resource.type = "cloudml_job" AND (resource.labels.job_id = "900" OR resource.labels.job_id = "111" OR resource.labels.job_id = "222")',
    );
    // A single job id keeps the plain filter.
    expect(usageFilter('cpu', ['9'])).toBe(usageFilter('cpu', '9'));
  });

  it('reads the running trials of a tuning job, with their custom job ids once named', () => {
    expect(
      runningTrials([
        {id: '1', state: 'SUCCEEDED', customJob: 'projects/p/locations/l/customJobs/111'},
        {id: '2', state: 'ACTIVE', customJob: 'projects/p/locations/l/customJobs/222'},
        {id: '3', state: 'REQUESTED'},
        {id: '4', state: 'STOPPING', customJob: 'projects/p/locations/l/customJobs/444'},
        {id: '5', state: 'INFEASIBLE'},
      ]),
    ).toEqual([
      {trialId: '2', customJobId: '222'},
      {trialId: '3'},
      {trialId: '4', customJobId: '444'},
    ]);
  });
});

describe('the trial of a series', () => {
  it.each([
    ["the trial's own custom job as job_id", {resource: {labels: {job_id: '222'}}}, '2'],
    [
      'the tuning job with a trial_id metric label',
      {resource: {labels: {job_id: '900'}}, metric: {labels: {trial_id: '3'}}},
      '3',
    ],
    [
      'the tuning job with a trial_id resource label',
      {resource: {labels: {job_id: '900', trial_id: '1'}}},
      '1',
    ],
    [
      'the tuning job with an ml.googleapis.com/trial_id label',
      {resource: {labels: {job_id: '900'}}, metric: {labels: {'ml.googleapis.com/trial_id': '2'}}},
      '2',
    ],
    [
      'a zero-padded trial id',
      {resource: {labels: {job_id: '900'}}, metric: {labels: {trial_id: '03'}}},
      '3',
    ],
    ['the tuning job without a trial label', {resource: {labels: {job_id: '900'}}}, undefined],
    [
      'a trial outside the scope',
      {resource: {labels: {job_id: '900'}}, metric: {labels: {trial_id: '7'}}},
      undefined,
    ],
    ['another job', {resource: {labels: {job_id: '555'}}}, undefined],
  ])('%s', (_what, series, trial) => {
    expect(trialOfSeries(series, SCOPE)).toBe(trial);
  });
});

const CPU = 'ml.googleapis.com/training/cpu/utilization';
const MEMORY = 'ml.googleapis.com/training/memory/utilization';
const NOW_SEC = 10_000;

function gauge(type: string, labels: RawSeries['resourceLabels'], value: number, metric = {}) {
  return {
    type,
    kind: 'GAUGE' as const,
    resourceLabels: labels,
    metricLabels: metric,
    points: [{endSec: NOW_SEC - 30, value}],
  };
}

describe('reading trials through the Monitoring client', () => {
  const machines = poolMachines([{machineSpec: {machineType: 'n1-standard-4'}, replicaCount: 1}]);
  const backend = {kind: 'local', project: 'p', region: 'r', host: 'h', port: 1, key: 'k'} as const;

  it.each([
    [
      "each trial under its own custom job's id",
      [
        gauge(CPU, {job_id: '111', task_name: 'workerpool0-0'}, 0.25),
        gauge(CPU, {job_id: '222', task_name: 'workerpool0-0'}, 0.5),
        gauge(MEMORY, {job_id: '222', task_name: 'workerpool0-0'}, 0.1),
      ],
    ],
    [
      "under the tuning job's id with a trial_id label",
      [
        gauge(CPU, {job_id: '900', task_name: 'workerpool0-0'}, 0.25, {trial_id: '1'}),
        gauge(CPU, {job_id: '900', task_name: 'workerpool0-0'}, 0.5, {trial_id: '2'}),
        gauge(MEMORY, {job_id: '900', task_name: 'workerpool0-0'}, 0.1, {trial_id: '2'}),
        // A series no trial can claim is left out, not given to every trial.
        gauge(CPU, {job_id: '900', task_name: 'workerpool0-0'}, 0.99),
      ],
    ],
  ])('%s', async (_shape, series) => {
    await readBoth(new FakeMonitoring(series));
  });

  it('asks for each job id on its own once Monitoring refuses a filter with OR', async () => {
    const monitoring = new FakeMonitoring(
      [
        gauge(CPU, {job_id: '111', task_name: 'workerpool0-0'}, 0.25),
        gauge(CPU, {job_id: '900', task_name: 'workerpool0-0'}, 0.5, {trial_id: '2'}),
        gauge(MEMORY, {job_id: '900', task_name: 'workerpool0-0'}, 0.1, {trial_id: '2'}),
      ],
      {refuseOr: true},
    );
    // Each metric: the refused OR query (a counter tries ALIGN_MEAN too), then one per job id.
    const reader = await readBoth(monitoring, 2 * (1 + 3) + 2 * (2 + 3));
    // The next read goes straight to one query per job id.
    const before = monitoring.requests.length;
    await reader.readTrials({project: 'p', ...SCOPE, machines}, NOW_SEC * 1000);
    expect(monitoring.requests.length - before).toBe(4 * 3);
    expect(monitoring.requests.slice(before).every((r) => !r.filter.includes(' OR '))).toBe(true);
  });

  async function readBoth(monitoring: FakeMonitoring, requests = 4) {
    const reader = new UsageReader(
      () => backend,
      () => monitoring.client(),
    );
    const read = await reader.readTrials(
      {project: 'p', ...SCOPE, machines, replicas: ['workerpool0-0']},
      NOW_SEC * 1000,
    );
    // One request per metric type, for every trial at once (unless OR is refused).
    expect(monitoring.requests).toHaveLength(requests);
    const one = read.trials.get('1')![0]!;
    const two = read.trials.get('2')![0]!;
    expect(one).toMatchObject({replica: 'workerpool0-0', cpuCores: 1});
    expect(two).toMatchObject({replica: 'workerpool0-0', cpuCores: 2, memoryUtilization: 0.1});
    // Trial 3 has no custom job yet and no sample: its replica is shown without values.
    expect(read.trials.get('3')).toEqual([
      expect.objectContaining({replica: 'workerpool0-0', cpuCores: undefined}),
    ]);
    return reader;
  }
});
