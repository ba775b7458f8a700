// The user's settings file, read by the built CLI: catalog overrides reach the wizard's lists and
// the review's validation; a broken file is named on screen and the built-in catalog is used.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {processesMatching} from '../helpers/emulator.js';
import {PtyScreen} from '../helpers/pty-screen.js';
import {runCli} from '../helpers/service.js';

const ENTER = '\r';
const CTRL_C = '\x03';
const opened: Array<{screen: PtyScreen; dataDir: string}> = [];

async function openWithSettings(settings: unknown) {
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'vtrain-e2e-settings-'));
  const settingsPath = path.join(dataDir, 'settings.json');
  await fs.writeFile(settingsPath, JSON.stringify(settings));
  const screen = new PtyScreen([], {VTRAIN_DATA_DIR: dataDir, VTRAIN_SETTINGS: settingsPath});
  opened.push({screen, dataDir});
  return screen;
}

afterEach(async () => {
  for (const {screen, dataDir} of opened.splice(0)) {
    screen.kill();
    expect((await runCli(['emulator', 'stop', '--data-dir', dataDir])).code).toBe(0);
    expect(await processesMatching(dataDir)).toEqual([]);
    await fs.rm(dataDir, {recursive: true, force: true});
  }
});

describe('settings file', () => {
  it('applies catalog overrides to the image list and to validation', async () => {
    const screen = await openWithSettings({
      catalog: {
        prebuiltImages: [
          {
            name: 'pytorch-xla.2-4.py310',
            framework: 'PyTorch',
            version: '2.4-site',
            accelerator: 'CPU',
            python: '3.10',
            endOfAvailability: '2099-12-31',
          },
        ],
      },
    });
    await screen.waitFor(/local emulator ready/, 30_000);
    for (let step = 0; step < 3; step++) await screen.press(ENTER, 250);
    const images = await screen.waitFor(/step 4\/8: Container/);
    expect(images).toMatch(/Version\s+2\.4-site · py3\.10 · pytorch-xla\.2-4\.py310/);
    expect(images).not.toMatch(/retired/);
    for (let step = 0; step < 4; step++) await screen.press(ENTER, 250);
    const review = await screen.waitFor(/step 8\/8: Review[\s\S]*Press enter to submit/);
    expect(review).not.toMatch(/end of availability/);
    await screen.press(CTRL_C);
    expect(await screen.exited).toBe(0);
  });

  it('names a broken settings entry on screen and keeps working with the built-in catalog', async () => {
    const screen = await openWithSettings({
      catalog: {machineTypes: [{name: 'n9-giant', vcpus: 'four'}]},
    });
    const shown = await screen.waitFor(/⚠ settings catalog\.machineTypes\[0\]/);
    expect(shown.replaceAll('\n', '')).toMatch(/vcpus/);
    await screen.waitFor(/local emulator ready/, 30_000);
    await screen.press(ENTER);
    await screen.waitFor(/step 2\/8: Training type/);
    await screen.press(CTRL_C);
    expect(await screen.exited).toBe(0);
  });
});
