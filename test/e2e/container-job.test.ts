// The wizard's custom-container path end to end in a real pseudo-terminal, against the local
// emulator and a real engine (Podman; skipped without it, required in CI): both pools switched to
// "your own container image" with a busybox image imported locally (nothing is pulled), submitted,
// and the dashboard shows the three replicas and each one's log lines from inside its container.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import {
  buildBusyboxImage,
  containerSkipReason,
  containersNamed,
  containersOfEmulator,
  removeImage,
  testImageTag,
} from '../helpers/container-image.js';
import {processesMatching} from '../helpers/emulator.js';
import {PtyScreen} from '../helpers/pty-screen.js';
import {runCli} from '../helpers/service.js';

const ENTER = '\r';
const DOWN = '\x1b[B';
const UP = '\x1b[A';
const CTRL_U = '\x15';
const CTRL_C = '\x03';
const IMAGE = testImageTag('e2e');

// The training program baked into the image: says which CLUSTER_SPEC task it is; the primary
// ends the job (exit 0) after a while, the workers wait to be stopped.
const TRAIN = [
  '#!/bin/sh',
  `task=$(echo "$CLUSTER_SPEC" | sed -n 's/.*"task":\\({[^}]*}\\).*/\\1/p')`,
  'echo "container replica $task"',
  'case "$task" in *\'"workerpool0"\'*) sleep 4; echo "primary done" ;; *) sleep 600 ;; esac',
  '',
].join('\n');

let screen: PtyScreen | undefined;
let dataDir = '';

async function type(text: string) {
  for (const char of text) await screen!.press(char, 20);
}

/** Moves the cursor to the field `label`, by as many ↑/↓ as the screen says it is away. */
async function focus(label: string) {
  const at = new RegExp(`^❯ ${label}`, 'm');
  for (let attempt = 0; attempt < 5 && !at.test(screen!.screen()); attempt++) {
    const fields = screen!
      .screen()
      .split('\n')
      .filter((line) => /^(❯ | {2})\S/.test(line));
    const current = fields.findIndex((line) => line.startsWith('❯ '));
    const target = fields.findIndex((line) => line.slice(2).startsWith(label));
    if (current < 0 || target < 0) break;
    for (let i = 0; i < Math.abs(target - current); i++)
      await screen!.press(target < current ? UP : DOWN, 120);
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  return screen!.waitFor(at);
}

/** Replaces a text field's value (enter edits, ctrl+u clears, enter keeps). */
async function setText(label: string, value: string) {
  await focus(label);
  await screen!.press(ENTER);
  await screen!.press(CTRL_U);
  await type(value);
  await screen!.press(ENTER);
  await screen!.waitFor(new RegExp(`${label}\\s+${value.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}`));
}

/** The pool on screen becomes "your own container image" running /bin/train of IMAGE. */
async function customContainer() {
  await focus('Container');
  await screen!.press('+');
  await screen!.waitFor(/Container\s+your own container image/);
  await setText('Image URI', IMAGE);
  await setText('Command', '/bin/train');
}

describe.skipIf(containerSkipReason !== undefined)('a custom-container job from the wizard', () => {
  beforeAll(() => buildBusyboxImage(IMAGE, {'bin/train': TRAIN}), 120_000);
  afterAll(() => removeImage(IMAGE));
  afterEach(async () => {
    screen?.kill();
    await runCli(['emulator', 'stop', '--data-dir', dataDir]);
    expect(await processesMatching(dataDir)).toEqual([]);
    expect(containersOfEmulator(dataDir)).toEqual([]);
    await fs.rm(dataDir, {recursive: true, force: true});
  });

  it('submits both pools as containers and shows the replicas and their logs', async () => {
    dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'vtrain-e2e-container-'));
    screen = new PtyScreen([], {VTRAIN_DATA_DIR: dataDir}, 110, 32);
    await screen.waitFor(/local emulator ready/, 30_000);
    await screen.press(ENTER); // where
    await screen.press(ENTER); // custom training
    await screen.waitFor(/step 3\/8: Workflow/);
    await screen.press(ENTER); // custom job
    await screen.waitFor(/step 4\/8: Container · workerpool0 \(primary\)/);
    await customContainer();
    await screen.press('p'); // the workers' pool
    await screen.waitFor(/step 4\/8: Container · workerpool1/);
    await customContainer();
    await screen.press('\t'); // compute
    await screen.waitFor(/step 5\/8: Compute/);
    await screen.press(ENTER);
    await screen.waitFor(/step 6\/8: Worker pools/);
    await screen.press(ENTER);
    await screen.waitFor(/step 7\/8: Options/);
    await screen.press(ENTER);
    const review = await screen.waitFor(/step 8\/8: Review[\s\S]*Press enter to submit/);
    expect(review).toMatch(/Container\s+vtrain-test-e2e:\d+/);
    expect(review).toMatch(/Worker pools\s+2 pools · 3 replicas/);
    await screen.press(ENTER); // submit
    await screen.waitFor(/customJobs\/\d+ · local emulator/, 30_000);
    const done = await screen.waitFor(/SUCCEEDED for/, 90_000);
    expect(done).toMatch(/workerpool0-0\s+primary\s+n1-standard-4\s+succeeded/);
    expect(done).toMatch(/workerpool1-0\s+workers/);
    expect(done).toMatch(/workerpool1-1\s+workers/);
    const logs = await screen.waitFor(/\[workerpool0-0\]\s+primary done/, 20_000);
    for (const [replica, task] of [
      ['workerpool0-0', '{"type":"workerpool0","index":0}'],
      ['workerpool1-0', '{"type":"workerpool1","index":0}'],
      ['workerpool1-1', '{"type":"workerpool1","index":1}'],
    ])
      expect(logs).toContain(`[${replica}] container replica ${task}`);
    const jobId = /customJobs\/(\d+)/.exec(logs)?.[1] as string;
    await screen.press(CTRL_C);
    expect(await screen.exited).toBe(0);
    // The job ended: its containers (stopped workers included) and their clients are gone.
    expect(containersNamed(`vtrain-${jobId}-`)).toEqual([]);
    expect(await processesMatching(jobId)).toEqual([]);
  });
});
