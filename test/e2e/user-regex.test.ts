// Issue #23 item 5: a catastrophic user regex must never freeze the app. Over a job that logs
// "aaaa…!" lines, the dashboard's `/(a+)+b/` search and `logs --grep '(a+)+$'` ran for hours on
// V8's backtracking engine (the dashboard then ignored ctrl+c and q and outlived its terminal).
// Both now run on the linear-time engine (core/text/user-pattern.ts): the app still answers
// ctrl+c within 2 s, the command finishes, and a pattern the engine refuses is named on screen.
import {execFile} from 'node:child_process';
import {describe, expect, it} from 'vitest';
import {CTRL_C, CTRL_U, ENTER, dashboardEnvironment} from '../helpers/dashboard-env.js';
import {BIN, FAST_ENV} from '../helpers/service.js';

const dash = dashboardEnvironment();
// 48 a's: the backtracking engine needs hours for (a+)+b on one such line.
const EVIL = `${'a'.repeat(48)}!`;
const LINES = ['out:starting', ...Array.from({length: 20}, () => `out:${EVIL}`), 'out:done'];

function logs(args: string[]): Promise<{code: number | string; stdout: string; stderr: string}> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [BIN, 'logs', ...args, '--data-dir', dash.dataDir],
      // Killed after 20 s: a backtracking --grep would still be running.
      {env: {...process.env, ...FAST_ENV}, timeout: 20_000, killSignal: 'SIGKILL'},
      (error, stdout, stderr) => {
        const code = error ? (error.code ?? error.signal ?? 1) : 0;
        resolve({code: code as number | string, stdout, stderr});
      },
    );
  });
}

describe('catastrophic user regexes', () => {
  it('the dashboard answers ctrl+c within 2 s after searching /(a+)+b/', async () => {
    const job = await dash.createJob('evil-search', LINES);
    await dash.ended(job.name);
    const screen = await dash.openDashboard('evil-search');
    await screen.waitFor(/SUCCEEDED for[\s\S]*\[workerpool0-0\]\s+done/, 20_000);

    // A refused pattern is named, in one line, and the app goes on.
    await screen.press('/');
    await screen.press(`${CTRL_U}/(a)\\1/${ENTER}`, 400);
    await screen.waitFor(/\/\(a\)\\1\/: backreferences/);

    await screen.press('/');
    await screen.press(`${CTRL_U}/(a+)+b/${ENTER}`, 400);
    // Nothing matches; the search ran over every line and the app still draws and reads keys.
    await screen.waitFor(/no match|\/\(a\+\)\+b\//, 5_000);
    const started = Date.now();
    await screen.press(CTRL_C, 0);
    const exited = await Promise.race([
      screen.exited,
      new Promise<'frozen'>((resolve) => setTimeout(() => resolve('frozen'), 2_000)),
    ]);
    expect(exited).toBe(0);
    expect(Date.now() - started).toBeLessThan(2_000);
  }, 120_000);

  it("logs --grep '(a+)+$' finishes, and a refused pattern is a usage error", async () => {
    const job = await dash.createJob('evil-grep', LINES);
    await dash.ended(job.name);
    const started = Date.now();
    const grep = await logs([job.name, '--grep', '(a+)+$']);
    expect(grep.code).toBe(0);
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(grep.stdout).toBe('');
    const some = await logs([job.name, '--grep', '^a+!$']);
    expect(some.code).toBe(0);
    expect(some.stdout.trimEnd().split('\n')).toHaveLength(20);
    const refused = await logs([job.name, '--grep', '(a)\\1']);
    expect(refused.code).toBe(2);
    expect(refused.stderr.split('\n')[0]).toMatch(
      /^vtrain-tui logs: --grep "\(a\)\\1": backreferences .* rewrite the pattern without it\.$/,
    );
  }, 120_000);
});
