// The wizard's other workflows end to end in a real pseudo-terminal at 80×24, against the local
// emulator: a hyperparameter tuning job with three parameters (one default, two added through the
// parameter table's prompt) is created and shows up in the job list as a tuning job.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {processesMatching} from '../helpers/emulator.js';
import {PtyScreen} from '../helpers/pty-screen.js';
import {connect, runCli} from '../helpers/service.js';

const ENTER = '\r';
const DOWN = '\x1b[B';
const UP = '\x1b[A';
const TAB = '\t';
const CTRL_U = '\x15';
const CTRL_C = '\x03';
let opened: {screen: PtyScreen; dir: string}[] = [];

async function open() {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'vtrain-e2e-wizard-'));
  const screen = new PtyScreen(
    [],
    {VTRAIN_DATA_DIR: dir, VTRAIN_SETTINGS: path.join(dir, 'settings.json')},
    80,
    24,
  );
  opened.push({screen, dir});
  return {screen, dir};
}

async function type(screen: PtyScreen, text: string) {
  for (const char of text) await screen.press(char, 30);
}

afterEach(async () => {
  for (const {screen, dir} of opened) {
    screen.kill();
    await runCli(['emulator', 'stop', '--data-dir', dir]);
    expect(await processesMatching(dir)).toEqual([]);
    await fs.rm(dir, {recursive: true, force: true});
  }
  opened = [];
});

describe('wizard workflows at 80×24', () => {
  it('creates a hyperparameter tuning job with three parameters', async () => {
    const {screen, dir} = await open();
    await screen.waitFor(/local emulator ready/, 30_000);
    await screen.press(ENTER); // where
    await screen.press(ENTER); // custom training
    await screen.waitFor(/step 3\/9: Workflow|step 3\/8: Workflow/);
    await screen.press(DOWN);
    await screen.press(ENTER); // hyperparameter tuning job
    await screen.waitFor(/step 4\/9: Container/);
    await screen.press(TAB);
    await screen.press(TAB);
    await screen.press(TAB);
    const study = await screen.waitFor(/step 7\/9: Study/);
    expect(study).toMatch(/learning_rate double 0\.0001 0\.1 log/);
    for (const row of ['layers integer 1 4', 'optimizer categorical adam,sgd']) {
      await screen.press('a');
      await screen.waitFor(/New parameter:/);
      await type(screen, row);
      await screen.press(ENTER);
    }
    const table = await screen.waitFor(/optimizer categorical adam,sgd/);
    expect(table).toMatch(/layers integer 1 4/);
    expect(table).toMatch(/--learning_rate=0\.0001 --layers=1 --optimizer=adam/);
    // Fewer trials: up from "Continue" past the three rows and the table header to "Trials".
    for (let i = 0; i < 5; i++) await screen.press(UP);
    await screen.waitFor(/❯ Trials/);
    await screen.press(ENTER);
    await screen.press(CTRL_U);
    await type(screen, '2/2/0');
    await screen.press(ENTER);
    await screen.waitFor(/Trials\s+2\/2\/0/);
    await screen.press(TAB); // options
    await screen.press(TAB); // review
    const review = await screen.waitFor(/step 9\/9: Review[\s\S]*Press enter to submit/);
    expect(review).toMatch(/Study\s+3 parameters · 2 trials/);
    await screen.press('v');
    await screen.waitFor(/\[Request JSON\]/);
    expect(screen.screen().replaceAll('\n', '')).toMatch(
      /locations\/us-central1\/hyperparameterTuningJobs/,
    );
    await screen.press(ENTER); // submit
    // A tuning job has no dashboard yet: the wizard returns to the job list, which shows it.
    await screen.waitFor(/^Jobs\s+projects\/local-project/m, 30_000);
    await screen.waitFor(/example-linea\S*\s+\S+\s+tuning job/, 30_000);
    const {clients} = await connect(dir);
    try {
      const [jobs] = await clients.jobs.listHyperparameterTuningJobs({
        parent: 'projects/local-project/locations/us-central1',
      });
      expect(jobs).toHaveLength(1);
      expect(jobs[0]?.studySpec?.parameters?.map((p) => p.parameterId)).toEqual([
        'learning_rate',
        'layers',
        'optimizer',
      ]);
      expect(jobs[0]?.maxTrialCount).toBe(2);
      expect(jobs[0]?.labels?.vtrain_request_id).toMatch(/^[0-9a-f-]{36}$/);
    } finally {
      await clients.close();
    }
    await screen.press(CTRL_C);
    expect(await screen.exited).toBe(0);
    expect(screen.text()).not.toMatch(/Error:|at .*\.js:\d+/);
  });
});
