// `vtrain-tui new --from FILE` in a real pseudo-terminal: the wizard opens at the review of the
// imported job; a file that is not a job is refused before the app starts.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {PtyScreen} from '../helpers/pty-screen.js';
import {runCli} from '../helpers/service.js';

let screens: PtyScreen[] = [];
let dirs: string[] = [];

async function tempDir(): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'vtrain-new-'));
  dirs.push(dir);
  return dir;
}

afterEach(async () => {
  screens.forEach((screen) => screen.kill());
  screens = [];
  await Promise.all(
    dirs.map((dir) => runCli(['emulator', 'stop', '--data-dir', path.join(dir, 'data')])),
  );
  await Promise.all(dirs.map((dir) => fs.rm(dir, {recursive: true, force: true})));
  dirs = [];
});

describe('vtrain-tui new --from FILE', () => {
  it('opens the review of the imported gcloud config', async () => {
    const dir = await tempDir();
    const config = path.join(dir, 'tiny-trainer.yaml');
    await fs.writeFile(
      config,
      `workerPoolSpecs:
  - machineSpec: {machineType: e2-standard-8}
    replicaCount: 1
    containerSpec:
      imageUri: us-docker.pkg.dev/my-project/repo/trainer:1.2
      args: ["--lr=0.1"]
`,
    );
    const screen = new PtyScreen(
      ['new', '--from', config, '--data-dir', path.join(dir, 'data')],
      {VTRAIN_SETTINGS: path.join(dir, 'settings.json')},
      80,
      24,
    );
    screens.push(screen);
    const review = await screen.waitFor(/tiny-trainer/, 30_000);
    expect(review).toMatch(/e2-standard-8/);
    expect(review).toMatch(/Review/);
    // Let the service the app starts come up, so the clean-up stops it instead of racing it.
    await screen.waitFor(/local emulator ready/, 30_000);
  });

  it('refuses a file that is not a job, before opening the app', async () => {
    const dir = await tempDir();
    const config = path.join(dir, 'notes.yaml');
    await fs.writeFile(config, 'shopping: [milk, eggs]\n');
    const result = await runCli(['new', '--from', config], {
      VTRAIN_SETTINGS: path.join(dir, 'settings.json'),
    });
    expect(result.code).toBe(2);
    expect(result.stdout).toMatch(/\[import\] → /);
    const usage = await runCli(['new']);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('--from FILE is required');
  });
});
