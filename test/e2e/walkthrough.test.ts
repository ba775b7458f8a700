// The newcomer's path, end to end, in a real pseudo-terminal: open the app on the local emulator,
// walk the wizard with the defaults, submit, watch the job succeed with its three replicas' logs,
// go back, quit with ctrl+c. The shared emulator service (and any job still running) outlives
// the app, as jobs on Vertex do; each test stops it with `vtrain-tui emulator stop` and then
// checks that no replica or emulator process is left.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {processesMatching} from '../helpers/emulator.js';
import {PtyScreen} from '../helpers/pty-screen.js';
import {bashArgv, copiedCommand} from '../helpers/shell-argv.js';
import {runCli} from '../helpers/service.js';

const ENTER = '\r';
const CTRL_C = '\x03';
let screens: PtyScreen[] = [];
let dataDirs: string[] = [];

async function open(args: string[] = [], columns = 110, rows = 32) {
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'vtrain-e2e-'));
  dataDirs.push(dataDir);
  const screen = new PtyScreen(args, {VTRAIN_DATA_DIR: dataDir}, columns, rows);
  screens.push(screen);
  return {screen, dataDir};
}

/** Stops the data folder's shared emulator service, as a user would, and checks it worked. */
async function stopService(dataDir: string) {
  const stopped = await runCli(['emulator', 'stop', '--data-dir', dataDir]);
  expect(stopped.code).toBe(0);
  return stopped.stdout;
}

afterEach(async () => {
  screens.forEach((screen) => screen.kill());
  screens = [];
  await Promise.all(dataDirs.map((dir) => runCli(['emulator', 'stop', '--data-dir', dir])));
  await Promise.all(dataDirs.map((dir) => fs.rm(dir, {recursive: true, force: true})));
  dataDirs = [];
});

describe('vtrain-tui in a pseudo-terminal', () => {
  it('walks the wizard, runs the distributed example to SUCCEEDED, streams logs and quits cleanly', async () => {
    const {screen, dataDir} = await open();
    await screen.waitFor(/New training job\s+step 1\/8: Where/);
    expect(screen.screen()).toMatch(/❯ Continue →/);
    await screen.waitFor(/local emulator ready \(127\.0\.0\.1:\d+\)/, 30_000);

    await screen.press(ENTER); // where: the local emulator's project and region
    await screen.waitFor(/step 2\/8: Training type/);
    expect(screen.screen()).toMatch(/❯ Custom training/);
    await screen.press(ENTER); // custom training
    await screen.waitFor(/step 3\/8: Workflow/);
    await screen.press(ENTER); // custom job
    const container = await screen.waitFor(/step 4\/8: Container · workerpool0 \(primary\)/);
    expect(container).toMatch(/Framework\s+PyTorch/);
    expect(container).toMatch(/Local package folder\s+\S*examples\/distributed-linear/);
    await screen.press(ENTER); // pre-built PyTorch image + the example package
    const compute = await screen.waitFor(/step 5\/8: Compute/);
    expect(compute).toMatch(/Machine type\s+n1\s+n1-standard-4/);
    await screen.press(ENTER);
    const pools = await screen.waitFor(/step 6\/8: Worker pools/);
    expect(pools).toMatch(/workerpool1 workers\s+2 × n1-standard-4/);
    expect(pools).toMatch(/CLUSTER_SPEC of workerpool1-0/);
    await screen.press(ENTER);
    await screen.waitFor(/step 7\/8: Options/);
    await screen.press(ENTER);
    const review = await screen.waitFor(/step 8\/8: Review[\s\S]*Press enter to submit/);
    expect(review).toMatch(/Worker pools\s+2 pools · 3 replicas/);
    await screen.press('v'); // the request JSON
    const request = await screen.waitFor(/\[Request JSON\]/);
    expect(request).toMatch(
      /POST https:\/\/us-central1-aiplatform\.googleapis\.com\/v1\/projects\/local-proj/,
    );
    expect(request).toMatch(/"replicaCount": 1/);
    await screen.press('v');
    await screen.press('v'); // the gcloud command
    const command = await screen.waitFor(/\[gcloud command\][\s\S]*--labels=/);
    // Read as a shell reads the rows a user copies (one flag a row, continuations joined).
    const argv = bashArgv(copiedCommand(command));
    expect(argv.slice(0, 6)).toEqual([
      'gcloud',
      'ai',
      'custom-jobs',
      'create',
      '--project=local-project',
      '--region=us-central1',
    ]);
    expect(argv).toContainEqual(
      expect.stringMatching(/^--worker-pool-spec=machine-type=n1-standard-4,replica-count=2,/),
    );

    await screen.press(ENTER); // submit
    await screen.waitFor(/customJobs\/\d+ · local emulator/, 20_000);
    const running = await screen.waitFor(/RUNNING for/, 20_000);
    expect(running).toMatch(/workerpool0-0\s+primary/);
    expect(running).toMatch(/workerpool1-1\s+workers/);
    const done = await screen.waitFor(/SUCCEEDED for/, 45_000);
    // Utilisation and the cost estimate sit between the state and its timing (issue #24).
    expect(done).toMatch(/SUCCEEDED for \d+s · .*elapsed \d+s/);
    expect(done).toMatch(/workerpool0-0\s+primary\s+n1-standard-4\s+succeeded/);
    // A worker that ended on its own before the primary shows `exited` once the service entry
    // saying so has arrived; one stopped with the job (or not yet told) shows `succeeded`.
    expect(done).toMatch(/workerpool1-0\s+workers\s+n1-standard-4\s+(exited|succeeded)/);
    const logs = await screen.waitFor(/\[workerpool0-0\]\s+training finished: loss=/, 10_000);
    expect(logs).toMatch(/\[workerpool1-\d\]\s+worker rank \d done after 40 steps/);
    const jobId = /customJobs\/(\d+)/.exec(logs)?.[1] as string;

    // Back goes to the job list (never to a review that would submit a duplicate), showing the job.
    await screen.press('q');
    const list = await screen.waitFor(/^Jobs\s+projects\/local-project\/locations\/us-central1/m);
    expect(list).toMatch(
      new RegExp(`example-linear-\\d+\\S*\\s+\\S*${jobId.slice(-6)}\\s+custom job\\s+SUCCEEDED`),
    );
    expect(list).not.toMatch(/Press enter to submit/);
    await screen.press(CTRL_C);
    expect(await screen.exited).toBe(0);
    expect(screen.text()).not.toMatch(/Error:|at .*\.js:\d+/);
    // The job is finished, so none of its replicas runs; the shared service still does.
    expect(await processesMatching(jobId)).toEqual([]);
    const status = await runCli(['emulator', 'status', '--data-dir', dataDir]);
    expect(status.code).toBe(0);
    expect(status.stdout).toMatch(/running jobs\s+0/);
    expect(await stopService(dataDir)).toMatch(/stopped \(pid \d+\)/);
    expect(await processesMatching(dataDir)).toEqual([]);
  });

  it('quits with ctrl+c while a job runs: the job keeps running in the service, stop ends it all', async () => {
    const {screen, dataDir} = await open();
    await screen.waitFor(/local emulator ready/, 30_000);
    for (let step = 0; step < 8; step++) await screen.press(ENTER, 250);
    const running = await screen.waitFor(/RUNNING for/, 30_000);
    const jobId = /customJobs\/(\d+)/.exec(running)?.[1] as string;
    await screen.press(CTRL_C);
    expect(await screen.exited).toBe(0);
    // Jobs outlive the app: its replicas still run under the service.
    expect((await processesMatching(jobId)).length).toBeGreaterThan(0);
    const status = await runCli(['emulator', 'status', '--data-dir', dataDir]);
    expect(status.code).toBe(0);
    expect(status.stdout).toMatch(/running jobs\s+1/);
    expect(await stopService(dataDir)).toMatch(/stopped/);
    expect(await processesMatching(jobId)).toEqual([]);
    expect(await processesMatching(dataDir)).toEqual([]);
  });

  it('connects to the service `emulator start` already runs instead of starting another', async () => {
    const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'vtrain-e2e-'));
    dataDirs.push(dataDir);
    const started = await runCli(['emulator', 'start', '--data-dir', dataDir]);
    const port = /listening on 127\.0\.0\.1:(\d+) \(pid (\d+)/.exec(started.stdout);
    expect(port).not.toBeNull();
    const screen = new PtyScreen([], {VTRAIN_DATA_DIR: dataDir}, 110, 32);
    screens.push(screen);
    await screen.waitFor(
      new RegExp(`local emulator ready \\(127\\.0\\.0\\.1:${port?.[1]}\\)`),
      30_000,
    );
    await screen.press(CTRL_C);
    expect(await screen.exited).toBe(0);
    const status = await runCli(['emulator', 'status', '--data-dir', dataDir]);
    expect(status.stdout).toMatch(new RegExp(`pid\\s+${port?.[2]}\\n`));
    expect(await stopService(dataDir)).toMatch(/stopped/);
    expect(await processesMatching(dataDir)).toEqual([]);
  });

  it('says the terminal is too small instead of drawing a broken layout', async () => {
    const {screen} = await open([], 60, 20);
    expect(await screen.exited).toBe(2);
    // The pty may hand over the last output after the exit; wait for it on screen.
    await screen.waitFor(/this terminal is 60×20/, 5000);
    expect(screen.text().replaceAll('\n', '')).toMatch(
      /this terminal is 60×20; vtrain-tui needs at least 80×24/,
    );
  });

  it('names a missing python interpreter', async () => {
    const {screen, dataDir} = await open(['--python', 'no-such-python3']);
    expect(await screen.exited).toBe(3);
    expect(screen.text()).toMatch(/"no-such-python3", which was not found on PATH/);
    // Nothing was started for it.
    expect((await runCli(['emulator', 'status', '--data-dir', dataDir])).code).toBe(3);
    expect(await processesMatching(dataDir)).toEqual([]);
  });
});
