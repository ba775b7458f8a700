// The dashboard in a real pseudo-terminal on the built app: follow, filters (replica, severity),
// search with n/N, error jumps, save to a file, the failure panel with its traceback jump, and
// cancel through the shell's confirmation. Jobs run test/fixtures/scenario-package on the shared
// emulator service, created through the official clients; the app opens them from the job list.
import fs from 'node:fs/promises';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {CTRL_C, CTRL_U, ENTER, dashboardEnvironment, logPane} from '../helpers/dashboard-env.js';
import {processesMatching, waitFor} from '../helpers/emulator.js';
import {PtyScreen} from '../helpers/pty-screen.js';

const dash = dashboardEnvironment();
const {createJob, ended, openDashboard} = dash;

describe('the dashboard', () => {
  it('follows the logs, filters by replica and severity, searches, jumps to errors and saves', async () => {
    const job = await createJob(
      'dash-ok',
      [
        'out:primary starting',
        'burst:300',
        'err:primary ERROR marker',
        'burst:5',
        // Long enough that the workers end first, by themselves.
        'sleep:3',
        'out:primary done',
      ],
      ['burst:120', 'err:worker complaint', 'sleep:0.5'],
    );
    await ended(job.name);
    const screen = await openDashboard('dash-ok');
    const done = await screen.waitFor(
      /SUCCEEDED for[\s\S]*\[workerpool0-0\]\s+primary done/,
      20_000,
    );
    // Exact counts: the primary printed 300 + 5 burst lines and three more.
    expect(done).toMatch(/workerpool0-0\s+primary\s+n1-standard-4\s+succeeded\s+308\s+0\s+1/);
    // The workers exited 0 before the primary did: the service log said so.
    expect(done).toMatch(/workerpool1-1\s+workers\s+n1-standard-4\s+exited\s+121\s+0\s+1/);
    expect(done).toMatch(/── (following|at the end) · all replicas/);
    await screen.waitFor(/stream ended/);

    // Only errors.
    for (let i = 0; i < 3; i++) await screen.press('v');
    const errors = await screen.waitFor(/≥ ERROR/);
    expect(logPane(errors)).toMatch(/\[workerpool0-0\]\s+primary ERROR marker/);
    expect(logPane(errors)).toMatch(/\[workerpool1-0\]\s+worker complaint/);
    expect(logPane(errors)).not.toMatch(/burst line/);
    await screen.press('v'); // back to all

    // One replica: tab to the table, down to workerpool1-1, enter.
    await screen.press('\t');
    await screen.press('j');
    await screen.press('j');
    await screen.press(ENTER);
    const one = await screen.waitFor(/only workerpool1-1/);
    expect(logPane(one)).toMatch(/\[workerpool1-1\]\s+worker complaint/);
    expect(logPane(one)).not.toMatch(/\[workerpool0-0\]|\[workerpool1-0\]/);
    await screen.press('a'); // all again
    await screen.waitFor(/· all replicas/);

    // Search, then the previous match.
    await screen.press('/');
    await screen.press(`burst line 250${ENTER}`, 400);
    const found = await screen.waitFor(/\/burst line 250/);
    expect(logPane(found)).toMatch(/\[workerpool0-0\]\s+burst line 250/);
    expect(found).toMatch(/paused/);
    await screen.press('N');
    // A worker's burst has no line 250; the earlier match is absent, so it says so.
    await screen.waitFor(/more matches found/);

    // Error jumps: the primary's error line is shown, and the worker's after it.
    await screen.press('G');
    await screen.press('g');
    await screen.press('e');
    const firstError = await screen.waitFor(/worker complaint|primary ERROR marker/);
    expect(logPane(firstError)).toMatch(/worker complaint|primary ERROR marker/);

    // Save the whole log to a file.
    const target = path.join(dash.dataDir, 'saved.log');
    await screen.press('S');
    await screen.press(`${CTRL_U}${target}${ENTER}`, 500);
    await screen.waitFor(/saved\.log/); // the hint bar's notice: "saved to …/saved.log"
    const saved = (await fs.readFile(target, 'utf8')).trimEnd().split('\n');
    expect(saved.filter((line) => !line.includes('[service]'))).toHaveLength(308 + 2 * 121);
    expect(
      saved.filter((line) => /\[workerpool0-0\] primary ERROR marker$/.test(line)),
    ).toHaveLength(1);
    expect(saved[0]).toMatch(/^\d{4}-\d\d-\d\dT[\d:.]+Z (INFO|DEFAULT) +\[service\]/);

    await screen.press(CTRL_C);
    expect(await screen.exited).toBe(0);
  }, 120_000);

  it('explains a failure: replica, exit code, traceback, and T jumps to it', async () => {
    const job = await createJob('dash-fail', [
      'out:loading data',
      'burst:60',
      'sleep:0.3',
      'err:Traceback (most recent call last):',
      'err:  File "task.py", line 7, in <module>',
      'err:    train()',
      'err:ValueError: shapes (3,) and (4,) not aligned',
      // stdout and stderr are separate pipes: a pause keeps the order deterministic.
      'sleep:0.3',
      'burst:80',
      'exit:3',
    ]);
    await ended(job.name);
    const screen = await openDashboard('dash-fail');
    const failed = await screen.waitFor(
      /Why it failed: replica workerpool0-0 · exit code 3[\s\S]*last traceback of workerpool0-0/,
      20_000,
    );
    expect(failed).toMatch(/The training code exited with an error/);
    expect(failed).toMatch(/last traceback of workerpool0-0/);
    expect(failed).toMatch(/ValueError: shapes \(3,\) and \(4,\) not aligned/);
    // Following shows the end of the log, after the traceback; T scrolls up to it.
    expect(logPane(failed)).not.toMatch(/\[workerpool0-0\]\s+Traceback/);
    await screen.press('T');
    const jumped = await screen.waitFor(/paused/);
    expect(logPane(jumped)).toMatch(/\[workerpool0-0\]\s+Traceback \(most recent call last\):/);
    await screen.press(CTRL_C);
    expect(await screen.exited).toBe(0);
  }, 90_000);

  it('cancels a running job after confirmation and shows CANCELLING → CANCELLED', async () => {
    const job = await createJob('dash-cancel', ['out:working', 'sleep:120']);
    const screen = await openDashboard('dash-cancel');
    await screen.waitFor(/RUNNING for[\s\S]*\[workerpool0-0\]\s+working/, 30_000);
    await screen.press('x');
    await screen.waitFor(/[Cc]ancel/);
    await screen.press('y');
    await screen.waitFor(/CANCELLED for/, 30_000);
    await screen.waitFor(/stream ended/, 15_000);
    expect(await processesMatching(job.id)).toEqual([]);
    await screen.press(CTRL_C);
    expect(await screen.exited).toBe(0);
  }, 90_000);

  it("shows a tuning job's trials with the best marked, sorts by the metric, and opens a trial", async () => {
    const [created] = await dash.clients.jobs.createHyperparameterTuningJob({
      parent: 'projects/test-project/locations/us-central1',
      hyperparameterTuningJob: {
        displayName: 'dash-tune',
        maxTrialCount: 3,
        parallelTrialCount: 3,
        studySpec: {
          metrics: [{metricId: 'score', goal: 'MAXIMIZE'}],
          parameters: [{parameterId: 'units', integerValueSpec: {minValue: 1, maxValue: 3}}],
          algorithm: 'GRID_SEARCH',
        },
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
      },
    } as never);
    const name = created.name as string;
    await waitFor(
      async () => {
        const [job] = await dash.clients.jobs.getHyperparameterTuningJob({name});
        return String(job.state) === 'JOB_STATE_SUCCEEDED' ? true : undefined;
      },
      90_000,
      'the tuning job to succeed',
    );
    const screen = new PtyScreen(
      ['--project', 'test-project'],
      {VTRAIN_DATA_DIR: dash.dataDir, VTRAIN_SETTINGS: path.join(dash.dataDir, 'settings.json')},
      130,
      44,
    );
    dash.screens.push(screen);
    await screen.waitFor(/dash-tune/, 30_000);
    await screen.press('/');
    await screen.press(`${CTRL_U}dash-tune${ENTER}`, 400);
    await screen.press(ENTER);
    const trials = await screen.waitFor(/3 trials · score \(higher is better\)/);
    // The study peaks at units=2: that trial is the best.
    expect(trials).toMatch(/\d ★\s+SUCCEEDED\s+[\d.]+\s+units=2/);
    expect(trials).toMatch(/per trial: [▁▂▃▄▅▆▇█]{3}/);
    await screen.press('o');
    const sorted = await screen.waitFor(/sorted by score/);
    expect(sorted).toMatch(/❯ \d ★\s+SUCCEEDED\s+[\d.]+\s+units=2/);
    await screen.press(ENTER);
    const trial = await screen.waitFor(
      /dash-tune · trial \d+[\s\S]*workerpool0-0[\s\S]*trial environment/,
      20_000,
    );
    expect(trial).toMatch(/SUCCEEDED for/);
    await screen.press('q');
    await screen.waitFor(/3 trials · score/);
    await screen.press(CTRL_C);
    expect(await screen.exited).toBe(0);
  }, 150_000);
});
