// Leaving is sacred: every way out (ctrl+c, SIGTERM, SIGHUP, the terminal closing under the app,
// at any moment of start-up) ends the app within 2 s and leaves none of its processes; and a
// terminal shrunk below 80×24 for a moment loses nothing the user did.
import fs from 'node:fs/promises';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {processesMatching} from '../helpers/emulator.js';
import {PtyScreen} from '../helpers/pty-screen.js';
import {FAST_ENV, runCli, tempDataDir} from '../helpers/service.js';

let dataDir: string;
const screens: PtyScreen[] = [];

function open(columns = 110, rows = 32) {
  const screen = new PtyScreen([], {VTRAIN_DATA_DIR: dataDir, ...FAST_ENV}, columns, rows);
  screens.push(screen);
  return screen;
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** Resolves with how long the app took to end, or rejects after `limitMs`. */
async function endsWithin(screen: PtyScreen, limitMs: number): Promise<number> {
  const started = Date.now();
  const pid = screen.pty.pid;
  while (Date.now() - started < limitMs) {
    if (screen.exitCode !== undefined && !alive(pid)) return Date.now() - started;
    if (!alive(pid)) return Date.now() - started;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`the app (pid ${pid}) was still running ${limitMs} ms later`);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

beforeAll(async () => {
  dataDir = await tempDataDir();
});

afterAll(async () => {
  screens.forEach((screen) => screen.kill());
  await runCli(['emulator', 'stop', '--data-dir', dataDir]);
  await sleep(200);
  // No app, worker, emulator or replica process of this data folder is left.
  expect(await processesMatching(dataDir)).toEqual([]);
  await fs.rm(dataDir, {recursive: true, force: true});
});

describe('leaving the app', () => {
  it.each([
    ['SIGTERM', 143],
    ['SIGHUP', 129],
    ['SIGINT', 130],
  ] as const)('ends within 2 s on %s once the session is open', async (signal, code) => {
    const screen = open();
    await screen.waitFor(/local emulator ready/, 30_000);
    process.kill(screen.pty.pid, signal);
    await endsWithin(screen, 2000);
    expect(await screen.exited).toBe(code);
  });

  it('ends within 2 s when the terminal closes at any moment of start-up (10 tries)', async () => {
    // A real hang-up: the pty's master side closes (as an SSH drop does), 0–800 ms after the
    // first frame, i.e. often while the backend session is still opening.
    for (let attempt = 0; attempt < 10; attempt += 1) {
      const screen = open();
      await screen.waitFor(/New training job|Jobs/, 20_000);
      await sleep((attempt * 800) / 9);
      const pid = screen.pty.pid;
      (screen.pty as unknown as {destroy(): void}).destroy();
      const took = await endsWithin(screen, 2000);
      expect(took).toBeLessThan(2000);
      expect(alive(pid)).toBe(false);
    }
    // After they all left, nothing restarts the service once it is stopped.
    await runCli(['emulator', 'stop', '--data-dir', dataDir]);
    await sleep(1500);
    expect((await runCli(['emulator', 'status', '--data-dir', dataDir])).code).toBe(3);
  });

  it('a second signal exits at once', async () => {
    const screen = open();
    await screen.waitFor(/New training job|Jobs/, 20_000);
    process.kill(screen.pty.pid, 'SIGTERM');
    process.kill(screen.pty.pid, 'SIGTERM');
    await endsWithin(screen, 2000);
  });
});

describe('a terminal that shrinks for a moment', () => {
  it('replaces the view with a message and keeps every edit when it grows back', async () => {
    const screen = open(110, 32);
    await screen.waitFor(/step 1\/8: Where/, 20_000);
    for (let step = 0; step < 5; step += 1) await screen.press('\r', 250);
    await screen.waitFor(/step 6\/8: Worker pools/);
    await screen.press('+', 200); // 3 workers
    await screen.waitFor(/workerpool1 workers\s+3 × n1-standard-4/);
    screen.pty.resize(79, 24);
    screen.terminal.resize(79, 24);
    await screen.waitFor(/Terminal is 79×24; vtrain-tui needs at least 80×24/);
    screen.pty.resize(110, 32);
    screen.terminal.resize(110, 32);
    const back = await screen.waitFor(/step 6\/8: Worker pools/);
    expect(back).toMatch(/workerpool1 workers\s+3 × n1-standard-4/);
    await screen.press('\x03');
    expect(await screen.exited).toBe(0);
  });
});
