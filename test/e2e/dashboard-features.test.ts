// More of the dashboard in a real pseudo-terminal on the built app: following a running job's new
// lines, replicas that exited or were restarted, a finished job opened later (its whole log, older pages read on demand), JSON payloads
// pretty-printed with `p`, `l` opening the logs full screen, and a training pipeline's dashboard
// over its backing custom job. Jobs run test/fixtures/scenario-package on a shared emulator
// service, created through the official clients; the app opens them from the job list.
import fs from 'node:fs/promises';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {toProtoValue} from '../../source/core/job-spec/index.js';
import {CTRL_C, CTRL_U, ENTER, dashboardEnvironment, logPane} from '../helpers/dashboard-env.js';
import {waitFor} from '../helpers/emulator.js';
import type {PtyScreen} from '../helpers/pty-screen.js';
import {scenarioPool} from '../helpers/scenario.js';
import {PARENT} from '../helpers/service.js';

const dash = dashboardEnvironment();
const {createJob, ended, openList, openDashboard} = dash;

const CUSTOM_TASK =
  'gs://google-cloud-aiplatform/schema/trainingjob/definition/custom_task_1.0.0.yaml';

const TUNING_TASK =
  'gs://google-cloud-aiplatform/schema/trainingjob/definition/hyperparameter_tuning_task_1.0.0.yaml';

/** The list filtered to `displayName` and to pipelines (their backing jobs match the text too). */
async function openPipelineList(displayName: string): Promise<PtyScreen> {
  const screen = await openList(displayName);
  for (let i = 0; i < 4 && !/pipelines only/.test(screen.screen()); i++)
    await screen.press('t', 500);
  await screen.waitFor(new RegExp(`pipelines only[\\s\\S]*${displayName}`));
  return screen;
}

describe('the dashboard, continued', () => {
  it('follows a running job: new lines appear without a key', async () => {
    const job = await createJob('dash-follow', [
      'out:tick 1',
      'sleep:3',
      'out:tick 2',
      'sleep:3',
      'out:tick 3',
      'sleep:60',
    ]);
    const screen = await openDashboard('dash-follow');
    const first = await screen.waitFor(/\[workerpool0-0\]\s+tick 1/, 30_000);
    expect(first).toMatch(/── following · all replicas/);
    const later = await screen.waitFor(/\[workerpool0-0\]\s+tick 3/, 30_000);
    expect(logPane(later)).toMatch(/tick 1[\s\S]*tick 2[\s\S]*tick 3/);
    expect(later).toMatch(/stream live/);
    await dash.clients.jobs.cancelCustomJob({name: job.name});
    await screen.waitFor(/CANCELLED for/, 30_000);
    await screen.press(CTRL_C);
    expect(await screen.exited).toBe(0);
  }, 120_000);

  it('shows a worker that exited and one restarted after a crash in the replica table', async () => {
    const marker = path.join(dash.dataDir, 'dash-restart.crashed');
    const job = await createJob(
      'dash-restart',
      ['out:primary up', 'sleep:60'],
      [
        'role:workerpool1-0:exit:0',
        `role:workerpool1-1:kill-once:SEGV:${marker}`,
        'out:worker up',
        'sleep:60',
      ],
    );
    const screen = await openDashboard('dash-restart');
    const shown = await screen.waitFor(
      /workerpool1-0\s+workers\s+n1-standard-4\s+exited\s[\s\S]*workerpool1-1\s+workers\s+n1-standard-4\s+restarted ×1\s/,
      30_000,
    );
    expect(shown).toMatch(/workerpool0-0\s+primary\s+n1-standard-4\s+running\s/);
    expect(logPane(shown)).toMatch(
      /\[service\]\s+The replica workerpool1-1 exited with a non-zero status of 139 and was restarted \(restart 1 of 5\)\./,
    );
    await dash.clients.jobs.cancelCustomJob({name: job.name});
    // Once cancelled the restart count stays visible; the worker that exited stays exited.
    const cancelled = await screen.waitFor(
      /CANCELLED for[\s\S]*workerpool1-0\s+workers\s+n1-standard-4\s+exited\s[\s\S]*workerpool1-1\s+workers\s+n1-standard-4\s+cancelled ×1\s/,
      30_000,
    );
    expect(cancelled).toMatch(/workerpool0-0\s+primary\s+n1-standard-4\s+cancelled\s/);
    await screen.press(CTRL_C);
    expect(await screen.exited).toBe(0);
  }, 120_000);

  it('shows all of a finished job opened later: the end first, the start after g', async () => {
    const job = await createJob('dash-later', [
      'out:the very first line',
      'burst:2500',
      'out:the very last line',
    ]);
    await ended(job.name);
    const screen = await openDashboard('dash-later');
    const end = await screen.waitFor(/\[workerpool0-0\]\s+the very last line/, 30_000);
    expect(logPane(end)).not.toMatch(/the very first line/);
    // Until the older pages are read, the counts say they are lower bounds.
    expect(end).toMatch(/workerpool0-0\s+primary\s+n1-standard-4\s+succeeded\s+\d+\+\s/);
    expect(end).toMatch(/older not read \(g\)/);
    // Older pages are read on demand: g (top) reads them, staying on the oldest line, until the
    // history is all read.
    await screen.press('g');
    const top = await screen.waitFor(
      /succeeded\s+2502\s[\s\S]*\[workerpool0-0\]\s+the very first line/,
      60_000,
    );
    // Every line held now, the count is exact: 2,502 lines written by the primary.
    expect(top).toMatch(/workerpool0-0\s+primary\s+n1-standard-4\s+succeeded\s+2502\s/);
    expect(top).not.toMatch(/older not read/);
    expect(logPane(top)).toMatch(/the very first line\s*\n.*burst line 0\b/);
    // pgup past the top keeps a full pane (never an empty one).
    await screen.press('\x1b[5~');
    await screen.press('\x1b[5~');
    const still = await screen.waitFor(/the very first line/);
    expect((logPane(still).match(/\[workerpool0-0\]/g) ?? []).length).toBeGreaterThan(20);
    // Save every line: the whole log is in memory, in order.
    const target = path.join(dash.dataDir, 'later.log');
    await screen.press('S');
    await screen.press(`${CTRL_U}${target}${ENTER}`, 500);
    await screen.waitFor(/later\.log/);
    const saved = (await fs.readFile(target, 'utf8'))
      .trimEnd()
      .split('\n')
      .filter((line) => line.includes('[workerpool0-0]'));
    expect(saved).toHaveLength(2502);
    expect(saved[0]).toMatch(/the very first line$/);
    expect(saved[2501]).toMatch(/the very last line$/);
    await screen.press(CTRL_C);
    expect(await screen.exited).toBe(0);
  }, 120_000);

  it('pretty-prints JSON payloads with p, and shows their fields on one line otherwise', async () => {
    const job = await createJob('dash-json', [
      'out:{"message": "epoch done", "loss": 0.25, "shape": {"rows": 3, "cols": [4, 5]}}',
      'out: [{"trial": 1, "score": 0.5}]',
      'out:plain text after',
    ]);
    await ended(job.name);
    const screen = await openDashboard('dash-json');
    const oneLine = await screen.waitFor(/plain text after/, 30_000);
    expect(logPane(oneLine)).toMatch(
      /\[workerpool0-0\]\s+epoch done \{"loss":0\.25,"shape":\{"rows":3,"cols":\[4,5\]\}\}/,
    );
    expect(logPane(oneLine)).toMatch(/json one line/);
    await screen.press('p');
    const pretty = await screen.waitFor(/json pretty/);
    const pane = logPane(pretty);
    expect(pane).toMatch(/\[workerpool0-0\]\s+\{\n\s+"message": "epoch done",\n\s+"loss": 0\.25,/);
    expect(pane).toMatch(/\n\s+"shape": \{\n\s+"rows": 3,\n\s+"cols": \[\n\s+4,\n\s+5\n\s+\]/);
    // A text payload that is JSON is laid out too.
    expect(pane).toMatch(/\[workerpool0-0\]\s+\[\n\s+\{\n\s+"trial": 1,\n\s+"score": 0\.5/);
    expect(pane).toMatch(/\[workerpool0-0\]\s+plain text after/);
    await screen.press('p');
    await screen.waitFor(/json one line/);

    // Saved as shown: a payload's other fields after its message.
    const target = path.join(dash.dataDir, 'json.log');
    await screen.press('s');
    await screen.press(`${CTRL_U}${target}${ENTER}`, 500);
    await screen.waitFor(/json\.log/);
    const saved = await fs.readFile(target, 'utf8');
    expect(saved).toMatch(
      /\[workerpool0-0\] epoch done \{"loss":0\.25,"shape":\{"rows":3,"cols":\[4,5\]\}\}\n/,
    );

    // The help lists the new keys; the actions work from the dashboard too.
    await screen.press('?');
    const help = await screen.waitFor(/JSON log entries as indented JSON/);
    expect(help).toMatch(/give the logs the whole screen/);
    await screen.press('q');
    await screen.waitFor(/json one line/);
    await screen.press('d');
    await screen.waitFor(
      new RegExp(`name: projects/test-project/locations/us-central1/customJobs/${job.id}`),
    );
    await screen.press('q');
    await screen.waitFor(/json one line/);
    await screen.press('y');
    // The notice sits at the right of the hint bar, cut at its start when the bar is full.
    await screen.waitFor(
      new RegExp(`(copied |…)\\S*customJobs/${job.id}|this terminal does not take copies`),
    );
    await screen.press('c');
    const review = await screen.waitFor(/Review[\s\S]*Press enter to submit/, 20_000);
    expect(review).toMatch(/Options\s+dash-json/);
    await screen.press(CTRL_C);
    expect(await screen.exited).toBe(0);
  }, 120_000);

  it('l opens the logs full screen, following; m brings the replica table back', async () => {
    const long = `${'long-line-'.repeat(20)}END-OF-LONG-LINE`; // 216 characters
    const job = await createJob('dash-ell', ['out:hello from l', 'burst:40', `out:${long}`]);
    await ended(job.name);
    const screen = await openDashboard('dash-ell', 'l');
    const logs = await screen.waitFor(/burst line 39[\s\S]*long-line-/, 30_000);
    expect(logs).toMatch(/── (following|at the end)/);
    expect(logs).not.toMatch(/REPLICA\s+ROLE\s+MACHINE/);
    // The log pane has the rows the table had: more of the burst is visible.
    expect((logPane(logs).match(/burst line/g) ?? []).length).toBeGreaterThan(30);
    // A long line is cut at the edge; w wraps it so its end is readable.
    expect(logs).not.toMatch(/END-OF-LONG-LINE/);
    await screen.press('w');
    const wrapped = await screen.waitFor(/wrap on[\s\S]*END-OF-LONG-LINE/);
    // The rest of the line continues under the text, not under the replica prefix.
    expect(logPane(wrapped)).toMatch(/\[workerpool0-0\] long-line-\S+\n {16}\S*END-OF-LONG-LINE/);
    await screen.press('w');
    await screen.waitFor(/wrap off/);
    await screen.press('m');
    const table = await screen.waitFor(/REPLICA\s+ROLE\s+MACHINE/);
    expect(table).toMatch(/workerpool0-0\s+primary\s+n1-standard-4\s+succeeded\s+42\s/);
    await screen.press('q');
    // Back on the list, enter opens the usual dashboard with the table.
    await screen.waitFor(/dash-ell/);
    await screen.press(ENTER);
    await screen.waitFor(/REPLICA\s+ROLE\s+MACHINE[\s\S]*long-line-/, 30_000);
    await screen.press(CTRL_C);
    expect(await screen.exited).toBe(0);
  }, 120_000);

  it("opens a training pipeline on its header and its backing job's replicas and logs", async () => {
    const [created] = await dash.clients.pipelines.createTrainingPipeline({
      parent: PARENT,
      trainingPipeline: {
        displayName: 'dash-pipe',
        trainingTaskDefinition: CUSTOM_TASK,
        trainingTaskInputs: toProtoValue({
          workerPoolSpecs: [
            scenarioPool(['out:pipeline step one', 'sleep:2', 'out:pipeline step two', 'sleep:60']),
          ],
        } as never) as never,
      },
    } as never);
    const name = created.name as string;
    const id = name.split('/').pop()!;
    const screen = await openPipelineList('dash-pipe');
    await screen.press(ENTER);
    const open = await screen.waitFor(
      new RegExp(
        `dash-pipe · training pipeline · trainingPipelines/${id} · local emulator us-central1[\\s\\S]*` +
          `custom job · backing job · customJobs/\\d+ · local emulator us-central1`,
      ),
      30_000,
    );
    expect(open).not.toMatch(/not built yet/);
    const running = await screen.waitFor(
      /workerpool0-0\s+primary\s+n1-standard-4\s+running[\s\S]*\[workerpool0-0\]\s+pipeline step two/,
      40_000,
    );
    expect(running).toMatch(/RUNNING for/);
    // Cancel acts on the pipeline (it owns the backing job): both end CANCELLED.
    await screen.press('x');
    const asked = await screen.waitFor(/Cancel pipeline "dash-pipe"\?/);
    expect(asked).toMatch(/trainingPipelines/);
    await screen.press('y');
    await waitFor(
      async () => {
        const [pipeline] = await dash.clients.pipelines.getTrainingPipeline({name});
        return String(pipeline.state) === 'PIPELINE_STATE_CANCELLED' ? true : undefined;
      },
      60_000,
      'the pipeline to be cancelled',
    );
    const cancelled = await screen.waitFor(/CANCELLED for[\s\S]*CANCELLED for/, 30_000);
    expect(cancelled).toMatch(/training pipeline/);
    await screen.press(CTRL_C);
    expect(await screen.exited).toBe(0);
  }, 150_000);

  it("opens a tuning pipeline on its backing tuning job's trials, and a trial on its logs", async () => {
    const [created] = await dash.clients.pipelines.createTrainingPipeline({
      parent: PARENT,
      trainingPipeline: {
        displayName: 'dash-tpipe',
        trainingTaskDefinition: TUNING_TASK,
        trainingTaskInputs: toProtoValue({
          studySpec: {
            metrics: [{metricId: 'score', goal: 'MAXIMIZE'}],
            parameters: [{parameterId: 'units', integerValueSpec: {minValue: 1, maxValue: 2}}],
            algorithm: 'GRID_SEARCH',
          },
          maxTrialCount: 2,
          parallelTrialCount: 2,
          trialJobSpec: {
            workerPoolSpecs: [
              {
                machineSpec: {machineType: 'n1-standard-4'},
                replicaCount: 1,
                pythonPackageSpec: {
                  executorImageUri: 'us-docker.pkg.dev/vertex-ai/training/sklearn-cpu.1-0:latest',
                  packageUris: ['gs://staging/tuner-0.1.0.tar.gz'],
                  pythonModule: 'tuner.task',
                  args: ['--step-delay=0.05'],
                },
              },
            ],
          },
        }) as never,
      },
    } as never);
    const name = created.name as string;
    const id = name.split('/').pop()!;
    await waitFor(
      async () => {
        const [pipeline] = await dash.clients.pipelines.getTrainingPipeline({name});
        return /SUCCEEDED|FAILED|CANCELLED/.test(String(pipeline.state)) ? true : undefined;
      },
      120_000,
      'the tuning pipeline to end',
    );
    const screen = await openPipelineList('dash-tpipe');
    await screen.press(ENTER);
    const trials = await screen.waitFor(
      new RegExp(
        `dash-tpipe · training pipeline · trainingPipelines/${id} · local emulator us-central1[\\s\\S]*` +
          `SUCCEEDED for[\\s\\S]*tuning job · backing job · hyperparameterTuningJobs/\\d+ · ` +
          `local emulator us-central1[\\s\\S]*2 trials · score \\(higher is better\\)`,
      ),
      30_000,
    );
    expect(trials).toMatch(/\d ★\s+SUCCEEDED\s+[\d.]+\s+units=2/);
    await screen.press(ENTER);
    const trial = await screen.waitFor(
      /trial \d+[\s\S]*workerpool0-0[\s\S]*trial environment/,
      30_000,
    );
    expect(trial).toMatch(/SUCCEEDED for/);
    await screen.press('q');
    await screen.waitFor(/2 trials · score/);
    await screen.press(CTRL_C);
    expect(await screen.exited).toBe(0);
  }, 180_000);
});
