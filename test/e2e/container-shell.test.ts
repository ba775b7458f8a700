// The replica shell `!` beyond a plain process replica, in a real pty against the local emulator:
// - inside a container replica (a busybox image imported into Podman; skipped without Podman or
//   a static busybox, required in CI by VTRAIN_REQUIRE_CONTAINERS=1): the shell runs in the
//   container (its PID 1 is the image's program) with the replica's CLUSTER_SPEC; `exit` gives the
//   dashboard back unchanged and leaves no exec process; a lost terminal ends the app and the
//   shell left in the container.
// - a user's shell without job control shares the app's process group: a Ctrl-C typed in it must
//   not end the app (the app ignores SIGINT while the terminal is handed off).
// - read-only mode hides `!` and says why.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {
  ENGINE,
  buildBusyboxImage,
  containerSkipReason,
  removeImage,
  testImageTag,
} from '../helpers/container-image.js';
import {CTRL_C, CTRL_U, ENTER, dashboardEnvironment} from '../helpers/dashboard-env.js';
import {processesMatching, waitFor} from '../helpers/emulator.js';
import {PtyScreen} from '../helpers/pty-screen.js';
import {PARENT} from '../helpers/scenario.js';

// The emulator this file starts runs container replicas with the test engine, where the image is.
process.env.VTRAIN_EMULATOR_CONTAINER_ENGINES = ENGINE;
const dash = dashboardEnvironment();
const IMAGE = testImageTag('shell');
// The image's program: says it is up, then waits to be stopped (PID 1 of its container).
const TRAIN = ['#!/bin/sh', 'echo "container replica up"', 'sleep 600', ''].join('\n');

/** The dashboard without what moves by itself (durations, ages, counts, meters) and the message line. */
const steady = (screen: string) =>
  screen
    .split('\n')
    .slice(0, -2)
    .map((line) => line.replace(/\d+(\.\d+)?/g, '#').trimEnd())
    .join('\n');

/** Every byte the pty sends from now on, unwrapped (long environment lines wrap on screen). */
function capture(screen: PtyScreen) {
  let raw = '';
  screen.pty.onData((data) => (raw += data));
  return {
    text: () => raw,
    clear: () => void (raw = ''),
    until: (pattern: RegExp, what: string) =>
      waitFor(async () => pattern.exec(raw) ?? undefined, 30_000, what),
  };
}

describe.skipIf(containerSkipReason !== undefined)('the shell inside a container replica', () => {
  beforeAll(() => buildBusyboxImage(IMAGE, {'bin/train': TRAIN}), 120_000);
  afterAll(() => removeImage(IMAGE));

  it('opens /bin/sh inside the container with its environment, gives the dashboard back, leaves nothing', async () => {
    const [created] = await dash.clients.jobs.createCustomJob({
      parent: PARENT,
      customJob: {
        displayName: 'container-shell',
        jobSpec: {
          workerPoolSpecs: [
            {
              machineSpec: {machineType: 'n1-standard-4'},
              replicaCount: 1,
              containerSpec: {imageUri: IMAGE, command: ['/bin/train']},
            },
          ],
        },
      },
    } as never);
    const name = created.name as string;
    const jobId = name.split('/').pop() as string;
    const screen = await dash.openDashboard('container-shell');
    const raw = capture(screen);
    await screen.waitFor(/RUNNING for[\s\S]*workerpool0-0\s+primary\s+\S+\s+running/, 60_000);
    await screen.waitFor(/\[workerpool0-0\] container replica up/, 30_000);
    // The emulator's record (owner-only) names the engine by the absolute path it ran and the
    // container; the container's variables apart from the engine client's.
    const file = path.join(dash.dataDir, 'jobs', jobId, '.replicas', 'workerpool0-0.json');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const record = JSON.parse(fs.readFileSync(file, 'utf8')) as {
      container: boolean;
      env: Record<string, string>;
      exec: {kind: string; binary: string; name: string; clientEnv: Record<string, string>};
    };
    expect(record.container).toBe(true);
    expect(record.exec.name).toBe(`vtrain-${jobId}-workerpool0-0`);
    expect(path.isAbsolute(record.exec.binary) && path.basename(record.exec.binary)).toBe(
      path.basename(ENGINE),
    );
    expect(record.env.CLUSTER_SPEC).toContain('"workerpool0"');
    expect(record.exec.clientEnv.CLUSTER_SPEC).toBeUndefined();
    await screen.press('\t'); // the replica table
    const before = await screen.waitFor(/❯ workerpool0-0[\s\S]*stream live/);

    raw.clear();
    await screen.press('!');
    // busybox ash's prompt: the working folder, then # (root in the container).
    await raw.until(/\/ # /, "the container shell's prompt");
    await screen.press(
      `env; echo "PID1=$(tr '\\0' ' ' < /proc/1/cmdline)"; echo "CWD=$(pwd)"; echo "DO""NE"${ENTER}`,
      500,
    );
    await raw.until(/DONE\r?\n/, 'the environment');
    const output = raw.text();
    // The replica's own CLUSTER_SPEC and the emulator's other variables, as the container has them.
    expect(output).toContain('"task":{"type":"workerpool0","index":0}');
    expect(output).toContain(`CLOUD_ML_JOB_ID=${jobId}`);
    // Inside the container: its PID 1 is the image's program, in the container's working folder.
    expect(output).toMatch(/PID1=\/bin\/sh \/bin\/train/);
    expect(output).toMatch(/CWD=\/\r?\n/);
    // The app's own environment does not leak in.
    expect(output).not.toContain('VTRAIN_SETTINGS=');
    const session = /VTRAIN_SHELL_SESSION=([0-9a-f]+)/.exec(output)?.[1] as string;
    expect(session).toMatch(/^[0-9a-f]{24}$/);

    await screen.press(`exit${ENTER}`, 500);
    await screen.waitFor(/back from \/bin\/sh in workerpool0-0's container/, 20_000);
    expect(steady(screen.screen())).toBe(steady(before));
    // No exec process is left: neither the shell in the container nor the engine client.
    expect(await processesMatching(`VTRAIN_SHELL_SESSION=${session}`)).toEqual([]);
    expect(await processesMatching(`exec\0--interactive\0--tty`)).toEqual([]);
    // Keys work: enter shows only the selected replica's logs.
    await screen.press(ENTER);
    await screen.waitFor(/only workerpool0-0/);

    // A second app on the same job; the terminal goes away while in the shell: that app ends and
    // so does the shell it opened.
    const other = await dash.openDashboard('container-shell');
    const otherRaw = capture(other);
    await other.waitFor(/RUNNING for[\s\S]*workerpool0-0\s+primary\s+\S+\s+running/, 30_000);
    await other.press('\t');
    await other.waitFor(/❯ workerpool0-0/);
    await other.press('!');
    await otherRaw.until(/\/ # /, 'the second shell');
    await other.press(`echo "SESSION=$VTRAIN_SHELL_SESSION"${ENTER}`, 500);
    const second = (
      await otherRaw.until(/SESSION=([0-9a-f]{24})/, 'the second session')
    )[1] as string;
    expect(await processesMatching(`VTRAIN_SHELL_SESSION=${second}`)).not.toEqual([]);
    (other.pty as unknown as {destroy(): void}).destroy();
    // Nothing tells the engine client or the shell it started that the terminal is gone: the app's
    // watcher ends the shell, then the app leaves.
    await waitFor(
      async () => (other.exitCode !== undefined ? true : undefined),
      30_000,
      'the app to end',
    );
    await waitFor(
      async () =>
        (await processesMatching(`VTRAIN_SHELL_SESSION=${second}`)).length === 0 ? true : undefined,
      20_000,
      'the shell left in the container to end',
    );

    // The container ends while the first app's shell is open: the shell ends with it, and one line
    // says so.
    raw.clear();
    await screen.press('!');
    await raw.until(/\/ # /, 'the third shell');
    await dash.clients.jobs.cancelCustomJob({name});
    await screen.waitFor(
      /workerpool0-0's container has ended \(vtrain-\S+ is (gone|not running)\)/,
      60_000,
    );
    await dash.ended(name);
  }, 180_000);
});

describe('a shell without job control, and read-only mode', () => {
  let script = '';
  beforeAll(() => {
    // A "shell" that stays in the app's process group (no job control): it reports a Ctrl-C it
    // gets and ends when told "done".
    script = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'vtrain-nojc-')), 'shell');
    fs.writeFileSync(
      script,
      [
        '#!/bin/sh',
        'trap \'echo "INT reached the shell"\' INT',
        'echo "no job control here"',
        'while :; do',
        '  if read -r line; then [ "$line" = done ] && exit 0; fi',
        'done',
        '',
      ].join('\n'),
      {mode: 0o755},
    );
  });
  afterAll(() => fs.rmSync(path.dirname(script), {recursive: true, force: true}));

  it('keeps the app when Ctrl-C is typed in the shell, and hides `!` when read-only', async () => {
    const job = await dash.createJob('nojc-job', ['out:primary up', 'sleep:300']);
    const saved = process.env.SHELL;
    process.env.SHELL = script;
    let screen: PtyScreen;
    try {
      screen = await dash.openDashboard('nojc-job');
    } finally {
      process.env.SHELL = saved;
    }
    const raw = capture(screen);
    await screen.waitFor(/RUNNING for[\s\S]*workerpool0-0\s+primary\s+\S+\s+running/, 60_000);
    await screen.press('\t');
    await screen.waitFor(/❯ workerpool0-0/);
    raw.clear();
    await screen.press('!');
    await raw.until(/no job control here/, 'the shell to start');
    await screen.press(CTRL_C);
    await raw.until(/INT reached the shell/, 'the shell to get the Ctrl-C');
    await screen.press(`done${ENTER}`, 300);
    await screen.waitFor(/back from the shell in workerpool0-0/, 20_000);
    // The app is still there, and its keys work.
    expect(screen.exitCode).toBeUndefined();
    await screen.press(ENTER);
    await screen.waitFor(/only workerpool0-0/);

    // Read-only: the key is hidden from the hints, says why, and help lists the reason.
    const readOnly = new PtyScreen(
      ['--project', 'test-project', '--read-only'],
      {VTRAIN_DATA_DIR: dash.dataDir, VTRAIN_SETTINGS: path.join(dash.dataDir, 'settings.json')},
      130,
      44,
    );
    dash.screens.push(readOnly);
    await readOnly.waitFor(/nojc-job/, 30_000);
    await readOnly.press('/');
    await readOnly.press(`${CTRL_U}nojc-job${ENTER}`, 400);
    await readOnly.press(ENTER);
    const shown = await readOnly.waitFor(/RUNNING for[\s\S]*workerpool0-0\s+primary/, 30_000);
    expect(shown).not.toMatch(/! shell/);
    await readOnly.press('\t');
    await readOnly.press('!');
    await readOnly.waitFor(/!: not available in read-only mode/);
    await readOnly.press('?');
    await readOnly.waitFor(/shell in the selected replica[^—]*— hidden: read-only mode/);

    await dash.clients.jobs.cancelCustomJob({name: job.name});
    await dash.ended(job.name);
  }, 180_000);
});
