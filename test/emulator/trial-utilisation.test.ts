// A running hyperparameter-tuning trial's utilisation through the official Monitoring client: the
// trial's primary keeps one core busy and holds 150 MiB while its worker sleeps. The emulator
// publishes a trial's series under its own CustomJob's id (Trial.custom_job, study.proto; the
// `cloudml_job` resource's job_id, as for any custom job), one of the two shapes the app reads
// (services/metrics/trial-usage.ts; the other is covered by test/unit/metrics/trial-usage.test.ts).
import {afterAll, beforeAll, expect, it} from 'vitest';
import {jobLogLines, startTestEmulator, waitFor, type TestEmulator} from '../helpers/emulator.js';
import {oneTrialTuningRequest, scenarioPool, stageScenario} from '../helpers/scenario.js';
import {
  createMetricClient,
  type MetricServiceClient,
} from '../../source/services/metrics/monitoring-client.js';
import {UsageReader} from '../../source/services/metrics/usage-reader.js';
import {poolMachines} from '../../source/services/metrics/replica-usage.js';
import {trialRef} from '../../source/services/metrics/trial-usage.js';
import {usageFilter} from '../../source/services/metrics/usage-query.js';

const PROJECT = 'test-project';
const MIB = 2 ** 20;
const pools = [scenarioPool(['hold:150', 'busy:120']), scenarioPool(['sleep:120'], 1)];

let env: TestEmulator;
let monitoring: MetricServiceClient;
let tuningName = '';

beforeAll(async () => {
  env = await startTestEmulator({usageSampleMs: 500, queueDelayMs: 0, provisionDelayMs: 0});
  monitoring = await createMetricClient(env.backend);
  await stageScenario(env);
  const [job] = await env.clients.jobs.createHyperparameterTuningJob(
    oneTrialTuningRequest('busy trial', pools) as never,
  );
  tuningName = job.name!;
}, 60_000);

afterAll(async () => {
  await env.clients.jobs.cancelHyperparameterTuningJob({name: tuningName}).catch(() => undefined);
  await monitoring?.close();
  await env?.close();
});

/** Cores the busy replica must read: 0.5, or half the mean it reports getting, if less. */
async function busyThreshold(tuningJobId: string): Promise<number> {
  const lines = await jobLogLines(env.clients, tuningJobId, PROJECT);
  const got = lines.flatMap((line) => {
    const match = /^busy cores=([\d.]+)$/.exec(line.message);
    return match && line.replica === 'workerpool0-0' ? [Number(match[1])] : [];
  });
  if (got.length === 0) return 0.5;
  return Math.min(0.5, got.reduce((a, b) => a + b, 0) / got.length / 2);
}

it("reads a running trial's busy and idle replicas through the official client", async () => {
  const tuningJobId = tuningName.split('/').at(-1)!;
  const trial = await waitFor(
    async () => {
      const [job] = await env.clients.jobs.getHyperparameterTuningJob({name: tuningName});
      const one = job.trials?.[0];
      return one?.state === 'ACTIVE' && one.customJob ? one : undefined;
    },
    60_000,
    'the trial to run in its own custom job',
  );
  const ref = trialRef(trial as never);
  expect(ref.customJobId).toMatch(/^\d+$/);

  const reader = new UsageReader(() => env.backend);
  let threshold = 0.5;
  const replicas = await waitFor(
    async () => {
      const read = await reader.readTrials({
        project: PROJECT,
        tuningJobId,
        trials: [ref],
        machines: poolMachines(pools),
      });
      threshold = await busyThreshold(tuningJobId);
      const mine = read.trials.get(ref.trialId) ?? [];
      const busy = mine.find((replica) => replica.replica === 'workerpool0-0');
      const idle = mine.find((replica) => replica.replica === 'workerpool1-0');
      return (busy?.cpuCores ?? 0) >= threshold &&
        (busy?.memoryBytes ?? 0) >= 150 * MIB &&
        idle?.cpuCores !== undefined
        ? mine
        : undefined;
    },
    90_000,
    "the trial's busy replica at 0.5 core with its memory",
  );
  await reader.close();
  const [busy, idle] = replicas;
  expect(busy!.replica).toBe('workerpool0-0');
  expect(threshold).toBeGreaterThan(0.02);
  expect(busy!.cpuCores).toBeGreaterThanOrEqual(threshold);
  expect(busy!.memoryBytes).toBeGreaterThanOrEqual(150 * MIB);
  expect(idle!.replica).toBe('workerpool1-0');
  expect(idle!.cpuCores).toBeLessThan(Math.min(0.1, threshold / 2));
  expect(idle!.memoryBytes).toBeLessThan(100 * MIB);

  // The raw series: resource cloudml_job with the trial's own custom job id as job_id.
  const [series] = await monitoring.listTimeSeries(
    {
      name: `projects/${PROJECT}`,
      filter: usageFilter('cpu', [tuningJobId, ref.customJobId!]),
      interval: {endTime: {seconds: Math.ceil(Date.now() / 1000)}, startTime: {seconds: 0}},
    },
    {autoPaginate: false},
  );
  const labels = series
    .map((one): Record<string, unknown> => ({type: one.resource?.type, ...one.resource?.labels}))
    .sort((a, b) => String(a.task_name).localeCompare(String(b.task_name)));
  expect(labels).toEqual([
    {type: 'cloudml_job', project_id: PROJECT, job_id: ref.customJobId, task_name: 'workerpool0-0'},
    {type: 'cloudml_job', project_id: PROJECT, job_id: ref.customJobId, task_name: 'workerpool1-0'},
  ]);
}, 180_000);
