// The local replica shell in a real pty: on a running job's dashboard, `!` on a replica hands the
// terminal to the user's shell in that replica's folder with that replica's environment (its
// CLUSTER_SPEC names its own task); `exit` gives the terminal back and the dashboard is as it was,
// keys working. A lost terminal while in the shell ends the shell and the app (no process left).
import {describe, expect, it} from 'vitest';
import {ENTER, dashboardEnvironment} from '../helpers/dashboard-env.js';
import {waitFor} from '../helpers/emulator.js';

// The shell the app hands the terminal to: /bin/sh, whatever the user running the tests uses.
process.env.SHELL = '/bin/sh';
const dash = dashboardEnvironment();

/** The dashboard without what moves by itself (durations, ages, counts) and the message line. */
const steady = (screen: string) =>
  screen
    .split('\n')
    .slice(0, -2)
    .map((line) => line.replace(/\d+(\.\d+)?/g, '#').trimEnd())
    .join('\n');

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('the replica shell (local emulator)', () => {
  it("opens a shell with the replica's folder and environment and gives the dashboard back unchanged", async () => {
    const job = await dash.createJob(
      'shell-job',
      ['out:primary up', 'sleep:300'],
      ['out:worker up', 'sleep:300'],
    );
    const screen = await dash.openDashboard('shell-job');
    // Every byte, unwrapped (the environment's long lines wrap on the screen).
    let raw = '';
    screen.pty.onData((data) => (raw += data));
    await screen.waitFor(/RUNNING for[\s\S]*workerpool1-1\s+workers\s+\S+\s+running/, 60_000);
    // The replica table, down to workerpool1-0.
    await screen.press('\t');
    await screen.press('j');
    const before = await screen.waitFor(/❯ workerpool1-0[\s\S]*stream live/);

    raw = '';
    await screen.press('!');
    // dash's prompt ($, or # for root), alone on its line.
    await screen.waitFor(/^[$#] ?$/m, 20_000);
    await screen.press(`env; echo "CWD=$(pwd)"; echo "SHELLPID=$$"${ENTER}`, 500);
    const output = await waitFor(
      async () => (/SHELLPID=\d+/.test(raw) ? raw : undefined),
      20_000,
      'the shell to print its environment',
    );
    // The replica's own CLUSTER_SPEC (workerpool1, index 0) and the emulator's other variables.
    expect(output).toContain('"task":{"type":"workerpool1","index":0}');
    expect(output).toMatch(/TF_CONFIG=\{"cluster"/);
    expect(output).toContain(`CLOUD_ML_JOB_ID=${job.id}`);
    // Replicas run in their job's folder; the package code is on PYTHONPATH, from the shared
    // code cache (emulator/custom-job/code-cache.ts).
    expect(output).toMatch(new RegExp(`CWD=\\S+/jobs/${job.id}\\r?\\n`));
    expect(output).toMatch(/PYTHONPATH=\S+\/jobs\/\.code\/[0-9a-f]{64}\//);
    // The app's own environment does not leak in.
    expect(output).not.toContain('VTRAIN_SETTINGS=');

    await screen.press(`exit${ENTER}`, 500);
    await screen.waitFor(/back from the shell in workerpool1-0/, 20_000);
    const after = screen.screen();
    expect(steady(after)).toBe(steady(before));
    // Keys work: enter shows only the selected replica's logs.
    await screen.press(ENTER);
    await screen.waitFor(/only workerpool1-0/);

    // Again, and the terminal goes away while in the shell: the shell and the app end.
    await screen.press('!');
    raw = '';
    await screen.press(`echo "SHELLPID=$$"${ENTER}`, 500);
    const second = await waitFor(
      async () => /SHELLPID=(\d+)/.exec(raw)?.[1],
      20_000,
      'the second shell',
    );
    const pid = Number(second);
    expect(alive(pid)).toBe(true);
    (screen.pty as unknown as {destroy(): void}).destroy();
    await waitFor(async () => (!alive(pid) ? true : undefined), 20_000, 'the shell to end');
    await screen.exited;
    await dash.clients.jobs.cancelCustomJob({name: job.name});
    await dash.ended(job.name);
  }, 180_000);
});
