// A cancel whose record write fails for a reason other than a full disk (an I/O error here): the
// cancel RPC has already answered, so the failure must neither become an unhandled rejection
// (vitest reports one as an error, and it would end the service process) nor leave the job
// CANCELLING with its replicas running. The job still ends CANCELLED, and the service log says
// in one line which job's cancel could not write (emulator/records/cancel-failure.ts).
import path from 'node:path';
import {afterAll, beforeAll, expect, it, vi} from 'vitest';
import {startTestEmulator, waitFor, type TestEmulator} from '../helpers/emulator.js';
import {
  oneTrialTuningRequest,
  PARENT,
  scenarioPool,
  scenarioRequest,
  stageScenario,
} from '../helpers/scenario.js';
import {toProtoValue} from '../../source/core/job-spec/index.js';
import type * as PrivateFiles from '../../source/emulator/contract/private-files.js';

/** The record (by file name) whose next write saying CANCELLING fails once with EIO. */
const fault = vi.hoisted(() => ({records: new Set<string>()}));

vi.mock('../../source/emulator/contract/private-files.js', async (importOriginal) => {
  const real = await importOriginal<typeof PrivateFiles>();
  return {
    ...real,
    writeFileAtomic(file: string, data: string, mode?: number) {
      const record = path.basename(file);
      if (fault.records.has(record) && data.includes('"JOB_STATE_CANCELLING"')) {
        fault.records.delete(record);
        throw Object.assign(new Error(`EIO: i/o error, write '${file}'`), {code: 'EIO'});
      }
      real.writeFileAtomic(file, data, mode);
    },
  };
});

let env: TestEmulator;
const logged: string[] = [];

beforeAll(async () => {
  env = await startTestEmulator({
    queueDelayMs: 0,
    provisionDelayMs: 0,
    log: (message) => logged.push(message),
  });
  await stageScenario(env);
}, 60_000);
afterAll(async () => env?.close());

const idOf = (name: string) => name.split('/').at(-1)!;

async function customState(name: string): Promise<string> {
  return String((await env.clients.jobs.getCustomJob({name}))[0].state);
}

it('a custom job still ends CANCELLED, and the service log names it', async () => {
  const [job] = await env.clients.jobs.createCustomJob(
    scenarioRequest(['sleep:120'], {workers: {args: ['sleep:120'], count: 1}}) as never,
  );
  const name = job.name!;
  await waitFor(
    async () => ((await customState(name)) === 'JOB_STATE_RUNNING' ? true : undefined),
    60_000,
    'the job to run',
  );
  fault.records.add(`${idOf(name)}.json`);
  await env.clients.jobs.cancelCustomJob({name});
  expect(fault.records.size).toBe(0);
  await waitFor(
    async () => ((await customState(name)) === 'JOB_STATE_CANCELLED' ? true : undefined),
    60_000,
    'the job to end CANCELLED',
  );
  await waitFor(async () => (logged.some((line) => line.includes(name)) ? true : undefined));
  expect(logged.filter((line) => line.includes(name))).toEqual([
    `cancelling ${name}: a record could not be written (EIO: i/o error, write '${path.join(env.dataDir, 'emulator', 'jobs', `${idOf(name)}.json`)}'); the job still ends.`,
  ]);
}, 90_000);

it("a tuning job whose own record and a trial's fail to write still ends CANCELLED", async () => {
  const [created] = await env.clients.jobs.createHyperparameterTuningJob(
    oneTrialTuningRequest('cancel with a failing write', [scenarioPool(['sleep:120'])]) as never,
  );
  const name = created.name!;
  const get = async () => (await env.clients.jobs.getHyperparameterTuningJob({name}))[0];
  const trialJob = await waitFor(
    async () => {
      const trial = (await get()).trials?.[0];
      if (trial?.state !== 'ACTIVE' || !trial.customJob) return undefined;
      return (await customState(trial.customJob)) === 'JOB_STATE_RUNNING'
        ? trial.customJob
        : undefined;
    },
    60_000,
    'the trial to run',
  );
  fault.records.add(`${idOf(name)}.json`).add(`${idOf(trialJob)}.json`);
  await env.clients.jobs.cancelHyperparameterTuningJob({name});
  expect(fault.records.size).toBe(0);
  await waitFor(
    async () => ((await get()).state === 'JOB_STATE_CANCELLED' ? true : undefined),
    60_000,
    'the tuning job to end CANCELLED',
  );
  expect(await customState(trialJob)).toBe('JOB_STATE_CANCELLED');
  await waitFor(async () =>
    logged.some((line) => line.startsWith(`cancelling ${name}:`)) &&
    logged.some((line) => line.startsWith(`cancelling ${trialJob}:`))
      ? true
      : undefined,
  );
}, 90_000);

it('a training pipeline whose record fails to write still cancels its backing job and ends', async () => {
  const [created] = await env.clients.pipelines.createTrainingPipeline({
    parent: PARENT,
    trainingPipeline: {
      displayName: 'cancel with a failing write',
      trainingTaskDefinition:
        'gs://google-cloud-aiplatform/schema/trainingjob/definition/custom_task_1.0.0.yaml',
      trainingTaskInputs: toProtoValue({
        workerPoolSpecs: [scenarioPool(['sleep:120'])],
      } as never) as never,
    },
  });
  const name = created.name!;
  const get = async () => (await env.clients.pipelines.getTrainingPipeline({name}))[0];
  await waitFor(
    async () => ((await get()).state === 'PIPELINE_STATE_RUNNING' ? true : undefined),
    60_000,
    'the pipeline to run',
  );
  fault.records.add(`${idOf(name)}.json`);
  await env.clients.pipelines.cancelTrainingPipeline({name});
  expect(fault.records.size).toBe(0);
  const ended = await waitFor(
    async () => {
      const pipeline = await get();
      return pipeline.state === 'PIPELINE_STATE_CANCELLED' ? pipeline : undefined;
    },
    60_000,
    'the pipeline to end CANCELLED',
  );
  const backing = ended.trainingTaskMetadata!.structValue!.fields!.backingCustomJob!.stringValue!;
  expect(await customState(backing)).toBe('JOB_STATE_CANCELLED');
  await waitFor(async () =>
    logged.some((line) => line.startsWith(`cancelling ${name}:`)) ? true : undefined,
  );
}, 90_000);
