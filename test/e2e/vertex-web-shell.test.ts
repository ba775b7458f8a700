// The replica shell on the Vertex path: a job with enableWebAccess gets each replica's interactive
// shell URI in CustomJob.web_access_uris (custom_job.proto; https://cloud.google.com/vertex-ai/
// docs/training/monitor-debug-interactive-shell). The app runs in `--backend vertex` against the
// TLS + OAuth emulator (as test/e2e/vertex-backend.test.ts does), whose test-only
// webAccessUriPrefix fixture answers GetCustomJob with those URIs, since the local emulator has
// no web terminal of its own. The dashboard says the job has web shells, and `!` on a replica
// shows (and copies) its link; a job without web access has the key disabled with the reason.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import {startTestEmulator, type TestEmulator} from '../helpers/emulator.js';
import {PtyScreen} from '../helpers/pty-screen.js';
import {runCli} from '../helpers/service.js';
import {createBucket, submitExample, vertexUserEnv} from '../helpers/vertex-loopback.js';

const ENTER = '\r';
const PROJECT = 'vtrain-e2e';
const BUCKET = 'vtrain-e2e-shells';
const PREFIX = 'https://shell-fixture.invalid/';
const vertexArgs = ['--backend', 'vertex', '--project', PROJECT, '--region', 'us-central1'];

let emulator: TestEmulator;
let home: string;
const screens: PtyScreen[] = [];

const vertexEnv = () => vertexUserEnv(emulator, home, PROJECT);

beforeAll(async () => {
  home = await fs.mkdtemp(path.join(os.tmpdir(), 'vtrain-web-shell-'));
  emulator = await startTestEmulator({
    tlsOAuth: {dir: path.join(home, 'tls')},
    faults: {webAccessUriPrefix: PREFIX},
  });
  await createBucket(emulator, PROJECT, BUCKET);
}, 60_000);

afterEach(() => screens.splice(0).forEach((screen) => screen.kill()));

afterAll(async () => {
  await emulator?.close();
  await fs.rm(home, {recursive: true, force: true});
});

/** Submits the example (long-running) with or without web access; returns its id. */
async function submit(displayName: string, webAccess: boolean): Promise<string> {
  const result = await submitExample({
    config: path.join(home, `${displayName}.yaml`),
    bucket: BUCKET,
    trainerArgs: ['--epochs=600', '--epoch-delay=0.5'],
    backendArgs: vertexArgs,
    env: vertexEnv(),
    displayName,
    enableWebAccess: webAccess,
  });
  expect(result.code, result.stderr).toBe(0);
  return (JSON.parse(result.stdout) as {name: string}).name.split('/').pop()!;
}

async function openDashboard(displayName: string): Promise<PtyScreen> {
  const screen = new PtyScreen(vertexArgs, vertexEnv(), 140, 34);
  screens.push(screen);
  await screen.waitFor(new RegExp(displayName), 30_000);
  await screen.press('/');
  await screen.press(`${displayName}${ENTER}`, 400);
  await screen.press(ENTER);
  await screen.waitFor(new RegExp(`${displayName} · custom job`), 30_000);
  return screen;
}

describe('web_access_uris on the Vertex path', () => {
  it('shows that the job has web shells and `!` shows the replica’s link', async () => {
    const id = await submit('web-shell', true);
    const screen = await openDashboard('web-shell');
    await screen.waitFor(/RUNNING for[\s\S]*web shells: 1 \(! on a replica\)/, 60_000);
    await screen.press('\t');
    await screen.press('!');
    const view = await screen.waitFor(/Interactive shells of web-shell/);
    expect(view).toContain(`workerpool0-0: ${PREFIX}workerpool0-0`);
    await screen.press('q');
    await runCli(['jobs', 'cancel', id, ...vertexArgs], vertexEnv());
  }, 180_000);

  it('disables `!` with the reason on a job without web access', async () => {
    const id = await submit('no-web-shell', false);
    const screen = await openDashboard('no-web-shell');
    await screen.waitFor(/RUNNING for/, 60_000);
    expect(screen.screen()).not.toMatch(/web shells/);
    await screen.press('!');
    await screen.waitFor(/!: this job has no web access: a shell on Vertex needs enableWebAccess/);
    await runCli(['jobs', 'cancel', id, ...vertexArgs], vertexEnv());
  }, 180_000);
});
