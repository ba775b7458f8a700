// Hyperparameter tuning jobs on the emulator through the official @google-cloud/aiplatform client,
// with requests built by the app's own job-spec builders and by hand.
import path from 'node:path';
import * as grpc from '@grpc/grpc-js';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {
  buildCreateTrainingPipelineRequest,
  buildCreateHyperparameterTuningJobRequest,
  exampleDraft,
  type JobDraft,
  type StudyDraft,
} from '../../source/core/job-spec/index.js';
import {projectNumberOf} from '../../source/emulator/custom-job/project-number.js';
import {TRIAL_LABEL} from '../../source/emulator/custom-job/replica-log.js';
import {officialJobsApi} from '../../source/services/vertex/official-api.js';
import {stagePackageLocally} from '../../source/services/vertex/package-staging.js';
import {jobLogLines, startTestEmulator, waitFor, type TestEmulator} from '../helpers/emulator.js';

const TUNING_PACKAGE = path.resolve(import.meta.dirname, '../fixtures/tuning-package');
const PACKAGE_URI = 'gs://staging/tuner-0.1.0.tar.gz';
const PARENT = 'projects/test-project/locations/us-central1';

let env: TestEmulator;

beforeAll(async () => {
  env = await startTestEmulator({queueDelayMs: 20, provisionDelayMs: 20});
  await stagePackageLocally(TUNING_PACKAGE, PACKAGE_URI, env.bucketRoot);
});
afterAll(async () => env?.close());

function tuningDraft(study: Partial<StudyDraft>, args: string[] = []): JobDraft {
  const base = exampleDraft({
    project: 'test-project',
    region: 'us-central1',
    packagePath: TUNING_PACKAGE,
    stagingBucket: 'staging',
  });
  const primary = base.workerPools[0];
  return {
    ...base,
    workflow: 'hyperparameter-tuning-job',
    displayName: 'tuning-test',
    baseOutputDirectory: 'gs://tuning-out/run',
    workerPools: [
      {
        ...primary,
        task: {
          kind: 'python-package',
          executorImageUri:
            primary.task.kind === 'python-package' ? primary.task.executorImageUri : '',
          packageUris: [PACKAGE_URI],
          pythonModule: 'tuner.task',
          args,
          env: [],
        },
      },
    ] as JobDraft['workerPools'],
    study: {
      metrics: [{metricId: 'score', goal: 'MAXIMIZE'}],
      parameters: [],
      algorithm: 'GRID_SEARCH',
      maxTrialCount: 1,
      parallelTrialCount: 1,
      ...study,
    },
  };
}

type Trial = {
  id: string;
  state: string;
  parameters: {parameterId: string; value: {numberValue?: number; stringValue?: string}}[];
  finalMeasurement?: {stepCount: string; metrics: {metricId: string; value: number}[]};
  measurements: unknown[];
  customJob?: string;
  infeasibleReason?: string;
  startTime?: {seconds: string; nanos: number};
  endTime?: {seconds: string; nanos: number};
};

async function create(request: unknown) {
  const [job] = await env.clients.jobs.createHyperparameterTuningJob(request as never);
  return job;
}

async function get(name: string) {
  const [job] = await env.clients.jobs.getHyperparameterTuningJob({name});
  return job as unknown as {
    name: string;
    state: string;
    trials: Trial[];
    error?: {code: number; message: string};
  };
}

const finished = (name: string) =>
  waitFor(
    async () => {
      const job = await get(name);
      return ['JOB_STATE_SUCCEEDED', 'JOB_STATE_FAILED', 'JOB_STATE_CANCELLED'].includes(job.state)
        ? job
        : undefined;
    },
    90_000,
    'the tuning job to finish',
  );

const params = (trial: Trial) =>
  Object.fromEntries(
    trial.parameters.map((p) => [p.parameterId, p.value.stringValue ?? p.value.numberValue]),
  );
const score = (trial: Trial) =>
  trial.finalMeasurement?.metrics.find((m) => m.metricId === 'score')?.value;
const seconds = (t?: {seconds: string; nanos: number}) =>
  t ? Number(t.seconds) + t.nanos / 1e9 : Number.NaN;

describe('hyperparameter tuning jobs', () => {
  it('runs a 9-point grid 3 at a time, each trial a custom job with its parameters, and finds the best', async () => {
    const request = buildCreateHyperparameterTuningJobRequest(
      tuningDraft({
        parameters: [
          {parameterId: 'units', kind: 'integer', min: 1, max: 3},
          {parameterId: 'lr', kind: 'discrete', values: [0.1, 0.2, 0.3]},
        ],
        maxTrialCount: 9,
        parallelTrialCount: 3,
      }),
    );
    const created = await create(request);
    expect(created.state).toBe('JOB_STATE_QUEUED');
    expect(created.name).toMatch(
      /^projects\/test-project\/locations\/us-central1\/hyperparameterTuningJobs\/\d+$/,
    );
    // Live: trials appear (ACTIVE, with their custom job) while the study runs.
    const live = await waitFor(async () => {
      const job = await get(created.name as string);
      return job.trials.some((t) => t.state === 'ACTIVE') ? job : undefined;
    });
    expect(live.trials.filter((t) => t.state === 'ACTIVE').length).toBeLessThanOrEqual(3);
    expect(live.trials[0]!.customJob).toMatch(/\/customJobs\/\d+$/);

    const job = await finished(created.name as string);
    expect(job.state).toBe('JOB_STATE_SUCCEEDED');
    expect(job.trials).toHaveLength(9);
    expect(job.trials.every((t) => t.state === 'SUCCEEDED')).toBe(true);
    const grid = job.trials.map((t) => `${params(t).units}/${params(t).lr}`).sort();
    expect(grid).toEqual(
      ['1/0.1', '1/0.2', '1/0.3', '2/0.1', '2/0.2', '2/0.3', '3/0.1', '3/0.2', '3/0.3'].sort(),
    );
    const best = [...job.trials].sort((a, b) => score(b)! - score(a)!)[0]!;
    expect(params(best)).toEqual({units: 2, lr: 0.2});
    // LAST_MEASUREMENT (the default) is step 3, which reports 0.8 × the score.
    expect(best.finalMeasurement!.stepCount).toBe('3');
    expect(score(best)).toBeCloseTo(0.8, 5);
    expect(best.measurements).toHaveLength(3);

    // At most 3 at once, and some really overlapped.
    const spans = job.trials.map((t) => [seconds(t.startTime), seconds(t.endTime)] as const);
    const overlapAt = (time: number) => spans.filter(([s, e]) => s <= time && time < e).length;
    expect(Math.max(...spans.map(([s]) => overlapAt(s)))).toBeLessThanOrEqual(3);
    expect(Math.max(...spans.map(([s]) => overlapAt(s)))).toBeGreaterThanOrEqual(2);

    // Each trial's replica saw its own id, arguments, metric file and output folder.
    const id = (created.name as string).split('/').pop()!;
    const lines = await jobLogLines(env.clients, id);
    const envLines = lines
      .filter((l) => l.message === 'trial environment')
      .map((l) => ({...(l as unknown as {payload?: Record<string, unknown>}), line: l}));
    expect(envLines).toHaveLength(9);
    const [entries] = await env.clients.logging.listLogEntries(
      {
        resourceNames: ['projects/test-project'],
        filter: `resource.labels.job_id="${id}" AND labels."${TRIAL_LABEL}"="${best.id}" AND jsonPayload.message="trial environment"`,
        pageSize: 100,
      },
      {autoPaginate: false},
    );
    expect(entries).toHaveLength(1);
    const payload = entries[0]!.jsonPayload!.fields!;
    const text = (key: string) => payload[key]?.stringValue;
    expect(text('trial_env')).toBe(best.id);
    expect(text('cluster_trial')).toBe(best.id);
    expect(text('model_dir')).toBe(`gs://tuning-out/run/${best.id}/model/`);
    expect(text('project_number')).toBe(projectNumberOf('test-project'));
    expect(text('metric_file')).toContain(best.customJob!.split('/').pop());
    const argv = payload.argv?.listValue?.values?.map((v) => v.stringValue);
    expect(argv).toEqual(['--units=2', '--lr=0.2']);
    expect(entries[0]!.resource?.labels?.task_name).toBe('workerpool0-0');

    // The trials' custom jobs can be read, but are not listed among the user's custom jobs.
    const [trialJob] = await env.clients.jobs.getCustomJob({name: best.customJob!});
    expect(trialJob.state).toBe('JOB_STATE_SUCCEEDED');
    expect(trialJob.jobSpec?.baseOutputDirectory?.outputUriPrefix).toBe(
      `gs://tuning-out/run/${best.id}/`,
    );
    const [customJobs] = await env.clients.jobs.listCustomJobs({parent: PARENT});
    expect(customJobs.map((j) => j.name)).not.toContain(best.customJob);
  });

  it('random search honours ranges and log scale; BEST_MEASUREMENT picks the best step', async () => {
    const request = buildCreateHyperparameterTuningJobRequest(
      tuningDraft(
        {
          algorithm: 'RANDOM_SEARCH',
          measurementSelection: 'BEST_MEASUREMENT',
          parameters: [
            {parameterId: 'lr', kind: 'double', min: 0.001, max: 1, scale: 'UNIT_LOG_SCALE'},
            {parameterId: 'units', kind: 'integer', min: 1, max: 3},
          ],
          maxTrialCount: 4,
          parallelTrialCount: 2,
        },
        ['--step-delay=0.05'],
      ),
    );
    const job = await finished((await create(request)).name as string);
    expect(job.state).toBe('JOB_STATE_SUCCEEDED');
    expect(job.trials).toHaveLength(4);
    for (const trial of job.trials) {
      const {lr, units} = params(trial) as {lr: number; units: number};
      expect(lr).toBeGreaterThanOrEqual(0.001);
      expect(lr).toBeLessThanOrEqual(1);
      expect(Number.isInteger(units) && units >= 1 && units <= 3).toBe(true);
      // Step 2 reports the full score, the best of the three.
      expect(trial.finalMeasurement!.stepCount).toBe('2');
    }
    expect(new Set(job.trials.map((t) => params(t).lr)).size).toBe(4);
  });

  it('conditional parameters: momentum only for sgd', async () => {
    const request = buildCreateHyperparameterTuningJobRequest(
      tuningDraft(
        {
          parameters: [
            {
              parameterId: 'optimizer',
              kind: 'categorical',
              values: ['sgd', 'adam'],
              conditions: [
                {
                  parentValues: ['sgd'],
                  parameter: {parameterId: 'momentum', kind: 'discrete', values: [0.5, 0.9]},
                },
              ],
            },
          ],
          maxTrialCount: 10,
          parallelTrialCount: 3,
        },
        ['--step-delay=0.05'],
      ),
    );
    const job = await finished((await create(request)).name as string);
    expect(job.state).toBe('JOB_STATE_SUCCEEDED');
    // The grid has 3 points, so the study stops after 3 trials although 10 were allowed.
    expect(job.trials.map((t) => JSON.stringify(params(t))).sort()).toEqual(
      [{optimizer: 'adam'}, {optimizer: 'sgd', momentum: 0.5}, {optimizer: 'sgd', momentum: 0.9}]
        .map((p) => JSON.stringify(p))
        .sort(),
    );
  });

  it('fails the study once max_failed_trial_count trials failed', async () => {
    const request = buildCreateHyperparameterTuningJobRequest(
      tuningDraft(
        {
          parameters: [{parameterId: 'units', kind: 'integer', min: 1, max: 6}],
          maxTrialCount: 6,
          parallelTrialCount: 1,
          maxFailedTrialCount: 2,
        },
        ['--mode=fail'],
      ),
    );
    const job = await finished((await create(request)).name as string);
    expect(job.state).toBe('JOB_STATE_FAILED');
    expect(job.trials).toHaveLength(2);
    expect(job.trials.every((t) => t.state === 'INFEASIBLE')).toBe(true);
    expect(job.trials[0]!.infeasibleReason).toMatch(/exited with a non-zero status of 3/);
    expect(job.error?.message).toMatch(
      /2 trial\(s\) failed, which reaches max_failed_trial_count \(2\)/,
    );
  });

  it('a trial that ends without its metric is INFEASIBLE, naming the tag it reported instead', async () => {
    const request = buildCreateHyperparameterTuningJobRequest(
      tuningDraft({parameters: [{parameterId: 'units', kind: 'integer', min: 1, max: 1}]}, [
        '--mode=othertag',
        '--step-delay=0',
      ]),
    );
    const job = await finished((await create(request)).name as string);
    expect(job.trials[0]!.state).toBe('INFEASIBLE');
    expect(job.trials[0]!.infeasibleReason).toMatch(/without reporting the metric "score"/);
    expect(job.trials[0]!.infeasibleReason).toMatch(/"wrong_tag" instead/);
    expect(job.state).toBe('JOB_STATE_FAILED');
    expect(job.error?.message).toMatch(/No trial succeeded/);
  });

  it('rejects bad studies naming the field, lists with filter and pages, cancels and deletes', async () => {
    const good = buildCreateHyperparameterTuningJobRequest(
      tuningDraft(
        {
          parameters: [{parameterId: 'units', kind: 'integer', min: 1, max: 50}],
          maxTrialCount: 50,
          parallelTrialCount: 1,
        },
        ['--step-delay=2'],
      ),
    );
    const doubleInGrid = structuredClone(good);
    doubleInGrid.hyperparameterTuningJob.studySpec.parameters = [
      {parameterId: 'lr', doubleValueSpec: {minValue: 0.1, maxValue: 1}},
    ];
    await expect(create(doubleInGrid)).rejects.toMatchObject({
      code: grpc.status.INVALID_ARGUMENT,
      details: expect.stringContaining('study_spec.parameters[0] (lr): GRID_SEARCH needs'),
    });
    const logWithZero = structuredClone(good);
    logWithZero.hyperparameterTuningJob.studySpec.algorithm = 'RANDOM_SEARCH';
    logWithZero.hyperparameterTuningJob.studySpec.parameters = [
      {parameterId: 'lr', doubleValueSpec: {minValue: 0, maxValue: 1}, scaleType: 'UNIT_LOG_SCALE'},
    ];
    await expect(create(logWithZero)).rejects.toMatchObject({
      details: expect.stringContaining('UNIT_LOG_SCALE needs a strictly positive range'),
    });
    const noTrials = structuredClone(good);
    noTrials.hyperparameterTuningJob.maxTrialCount = 0;
    await expect(create(noTrials)).rejects.toMatchObject({
      details: expect.stringContaining('max_trial_count must be a positive integer'),
    });

    // Through the app's own API surface, as the job list reads tuning jobs.
    const api = officialJobsApi(env.clients.jobs, env.clients.pipelines);
    const running = await api.createHyperparameterTuningJob(good);
    const name = running.name as string;
    const appPage = await api.listJobs('hptuning', {parent: PARENT, pageSize: 1});
    expect(appPage.items.map((item) => item.name)).toEqual([name]);
    expect((await api.getJob('hptuning', name)).name).toBe(name);
    await expect(env.clients.jobs.deleteHyperparameterTuningJob({name})).rejects.toMatchObject({
      code: grpc.status.FAILED_PRECONDITION,
    });
    // Paging: one job per page walks every job once, newest first.
    const [all] = await env.clients.jobs.listHyperparameterTuningJobs({parent: PARENT});
    const walked: string[] = [];
    let pageToken: string | undefined;
    do {
      const [page, , response] = await env.clients.jobs.listHyperparameterTuningJobs(
        {parent: PARENT, pageSize: 1, ...(pageToken && {pageToken})},
        {autoPaginate: false},
      );
      expect(page.length).toBeLessThanOrEqual(1);
      walked.push(...page.map((job) => job.name as string));
      pageToken = response?.nextPageToken || undefined;
    } while (pageToken);
    expect(walked).toEqual(all.map((job) => job.name));
    expect(walked[0]).toBe(name);
    const [runningOnly] = await env.clients.jobs.listHyperparameterTuningJobs({
      parent: PARENT,
      filter: 'state="JOB_STATE_RUNNING" OR state="JOB_STATE_PENDING" OR state="JOB_STATE_QUEUED"',
    });
    expect(runningOnly.map((j) => j.name)).toEqual([name]);
    await waitFor(async () => ((await get(name)).trials.length > 0 ? true : undefined));
    await env.clients.jobs.cancelHyperparameterTuningJob({name});
    const cancelled = await finished(name);
    expect(cancelled.state).toBe('JOB_STATE_CANCELLED');
    expect(cancelled.error?.code).toBe(1);
    expect(cancelled.trials.every((t) => t.state === 'INFEASIBLE')).toBe(true);
    const trialJob = cancelled.trials[0]!.customJob!;
    const [operation] = await env.clients.jobs.deleteHyperparameterTuningJob({name});
    await operation.promise();
    await expect(get(name)).rejects.toMatchObject({code: grpc.status.NOT_FOUND});
    await expect(env.clients.jobs.getCustomJob({name: trialJob})).rejects.toMatchObject({
      code: grpc.status.NOT_FOUND,
    });
  });

  it("a training pipeline with a tuning task runs through a backing tuning job; the model is the best trial's", async () => {
    const draft = {
      ...tuningDraft(
        {
          parameters: [{parameterId: 'units', kind: 'integer', min: 1, max: 3}],
          maxTrialCount: 3,
          parallelTrialCount: 3,
        },
        ['--step-delay=0.05'],
      ),
      workflow: 'training-pipeline' as const,
      modelDisplayName: 'tuned',
      modelContainer: {imageUri: 'us-docker.pkg.dev/vertex-ai/prediction/tf2-cpu.2-15:latest'},
    };
    const request = buildCreateTrainingPipelineRequest(draft);
    expect(request.trainingPipeline.trainingTaskDefinition).toMatch(/hyperparameter_tuning_task/);
    const [created] = await env.clients.pipelines.createTrainingPipeline(request as never);
    const pipeline = await waitFor(async () => {
      const [current] = await env.clients.pipelines.getTrainingPipeline({
        name: created.name as string,
      });
      return String(current.state).match(/SUCCEEDED|FAILED|CANCELLED/) ? current : undefined;
    }, 60_000);
    expect(pipeline.state).toBe('PIPELINE_STATE_SUCCEEDED');
    const backing = pipeline.trainingTaskMetadata?.structValue?.fields
      ?.backingHyperparameterTuningJob?.stringValue as string;
    expect(backing).toMatch(/\/hyperparameterTuningJobs\/\d+$/);
    const tuned = await get(backing);
    const best = [...tuned.trials].sort((a, b) => score(b)! - score(a)!)[0]!;
    expect(params(best)).toEqual({units: 2});
    expect(pipeline.modelToUpload?.artifactUri).toBe(`gs://tuning-out/run/${best.id}/model/`);
  });
});
