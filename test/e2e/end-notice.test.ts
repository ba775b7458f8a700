// The opt-in end notice in a real terminal: with settings ui.jobEndNotice "both", opening a
// running job's dashboard and waiting for it to end writes OSC 9 + BEL exactly once (also after
// going back to the list) — here the end is a cancel; with a wrong value, the status line names the setting and nothing rings.
import fs from 'node:fs/promises';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {CTRL_U, dashboardEnvironment, ENTER} from '../helpers/dashboard-env.js';
import {waitFor} from '../helpers/emulator.js';
import {PtyScreen} from '../helpers/pty-screen.js';

const env = dashboardEnvironment();
const NOTICE_START = '\x1b]9;';

async function openRecorded(displayName: string): Promise<PtyScreen> {
  const screen = new PtyScreen(
    ['--project', 'test-project'],
    {
      VTRAIN_DATA_DIR: env.dataDir,
      VTRAIN_SETTINGS: path.join(env.dataDir, 'settings.json'),
      // The OSC 9 form (not a VTE terminal), whatever the machine running the tests is.
      VTE_VERSION: '',
    },
    130,
    44,
    true,
  );
  env.screens.push(screen);
  await screen.waitFor(new RegExp(displayName), 30_000);
  await screen.press('/');
  await screen.press(`${CTRL_U}${displayName}${ENTER}`, 400);
  await screen.press(ENTER);
  await screen.waitFor(new RegExp(`${displayName} · custom job`), 30_000);
  return screen;
}

const count = (text: string, part: string) => text.split(part).length - 1;

describe('job end notice', () => {
  it('rings and notifies once when a job the user opened ends', async () => {
    await fs.writeFile(
      path.join(env.dataDir, 'settings.json'),
      JSON.stringify({ui: {jobEndNotice: 'both'}}),
    );
    // Ended by a cancel once the dashboard is open, so the end is never before the opening.
    const job = await env.createJob('notice-job', ['out:start', 'sleep:300']);
    const screen = await openRecorded('notice-job');
    await screen.waitFor(/RUNNING/, 30_000);
    expect(screen.output).not.toContain(NOTICE_START);
    await env.clients.jobs.cancelCustomJob({name: job.name});
    await env.ended(job.name);
    await waitFor(
      async () => (screen.output.includes(NOTICE_START) ? true : undefined),
      30_000,
      'the notice',
    );
    expect(screen.output).toContain(`${NOTICE_START}vtrain-tui: notice-job cancelled\x07\x07`);
    // Back on the list (which also sees the job ended) and a while later: still only once.
    await screen.press('q', 3000);
    expect(count(screen.output, NOTICE_START)).toBe(1);
  });

  it('names a wrong setting in the status line and stays silent', async () => {
    await fs.writeFile(
      path.join(env.dataDir, 'settings.json'),
      JSON.stringify({ui: {jobEndNotice: 'loud'}}),
    );
    const job = await env.createJob('quiet-job', ['out:start', 'sleep:300']);
    const screen = await openRecorded('quiet-job');
    await screen.waitFor(/RUNNING/, 30_000);
    await env.clients.jobs.cancelCustomJob({name: job.name});
    await env.ended(job.name);
    await screen.waitFor(/CANCELLED/, 30_000);
    await screen.press('q', 2000);
    await screen.waitFor(/ui\.jobEndNotice/);
    expect(screen.output).not.toContain(NOTICE_START);
    expect(screen.output).not.toContain('\x07\x07');
  });
});
