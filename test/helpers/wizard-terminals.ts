// The app in a real pseudo-terminal at 80×24, each in a fresh data folder with its own settings
// file, as the wizard e2e tests drive it; after each test every app is ended, its folder's
// emulator stopped, checked to leave no process behind, and the folder removed. Shared by
// wizard-workflows and wizard-compute-options.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {expect} from 'vitest';
import {processesMatching} from './emulator.js';
import {PtyScreen} from './pty-screen.js';
import {runCli} from './service.js';

export class WizardTerminals {
  private opened: {screen: PtyScreen; dir: string}[] = [];

  /** `prefix`: the temporary data folders' name prefix (which test made them). */
  constructor(private readonly prefix: string) {}

  /** The app in a new data folder. */
  async open(): Promise<{screen: PtyScreen; dir: string}> {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), this.prefix));
    return {screen: this.reopen(dir), dir};
  }

  /** Another run of the app on the same data folder and settings. */
  reopen(dir: string, args: string[] = []): PtyScreen {
    const screen = new PtyScreen(
      args,
      {VTRAIN_DATA_DIR: dir, VTRAIN_SETTINGS: path.join(dir, 'settings.json')},
      80,
      24,
    );
    return this.track(screen, dir);
  }

  /** An app the test opened its own way, ended and cleaned up with the rest. */
  track(screen: PtyScreen, dir: string): PtyScreen {
    this.opened.push({screen, dir});
    return screen;
  }

  /** For afterEach: ends every app, stops its emulator, checks nothing is left, removes it. */
  async closeAll(): Promise<void> {
    for (const {screen, dir} of this.opened) {
      screen.kill();
      await runCli(['emulator', 'stop', '--data-dir', dir]);
      expect(await processesMatching(dir)).toEqual([]);
      await fs.rm(dir, {recursive: true, force: true});
    }
    this.opened = [];
  }
}

/** Types `text` a key at a time, `pauseMs` after each. */
export async function typeKeys(screen: PtyScreen, text: string, pauseMs: number): Promise<void> {
  for (const char of text) await screen.press(char, pauseMs);
}
