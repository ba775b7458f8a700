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
import {storageClientOptions} from '../../source/emulator/contract/storage-access.js';

const ENTER = '\r';
const PROJECT = 'vtrain-e2e';
const BUCKET = 'vtrain-e2e-shells';
const PREFIX = 'https://shell-fixture.invalid/';
const vertexArgs = ['--backend', 'vertex', '--project', PROJECT, '--region', 'us-central1'];

let emulator: TestEmulator;
let home: string;
const screens: PtyScreen[] = [];

const ownerKey = () => (emulator.backend as {key: string}).key;

/** What a user of the real Vertex AI would have, pointed at loopback. */
function vertexEnv(): Record<string, string> {
  const tls = emulator.emulator.tls!;
  const grpc = `https://127.0.0.1:${emulator.emulator.port}/`;
  return {
    HOME: home,
    XDG_CONFIG_HOME: path.join(home, 'config'),
    VTRAIN_DATA_DIR: path.join(home, 'data'),
    GOOGLE_APPLICATION_CREDENTIALS: tls.credentialsFile,
    NODE_EXTRA_CA_CERTS: tls.caFile,
    GRPC_DEFAULT_SSL_ROOTS_FILE_PATH: tls.caFile,
    CLOUDSDK_API_ENDPOINT_OVERRIDES_AIPLATFORM: grpc,
    CLOUDSDK_API_ENDPOINT_OVERRIDES_LOGGING: grpc,
    CLOUDSDK_API_ENDPOINT_OVERRIDES_MONITORING: grpc,
    CLOUDSDK_API_ENDPOINT_OVERRIDES_STORAGE: storageClientOptions(
      {storagePort: emulator.emulator.storagePort, key: ownerKey()},
      PROJECT,
    ).apiEndpoint,
    METADATA_SERVER_DETECTION: 'none',
  };
}

beforeAll(async () => {
  home = await fs.mkdtemp(path.join(os.tmpdir(), 'vtrain-web-shell-'));
  emulator = await startTestEmulator({
    tlsOAuth: {dir: path.join(home, 'tls')},
    faults: {webAccessUriPrefix: PREFIX},
  });
  const {Storage} = await import('@google-cloud/storage');
  await new Storage(
    storageClientOptions({storagePort: emulator.emulator.storagePort, key: ownerKey()}, PROJECT),
  )
    .bucket(BUCKET)
    .create();
}, 60_000);

afterEach(() => screens.splice(0).forEach((screen) => screen.kill()));

afterAll(async () => {
  await emulator?.close();
  await fs.rm(home, {recursive: true, force: true});
});

/** Submits the example (long-running) with or without web access; returns its id. */
async function submit(displayName: string, webAccess: boolean): Promise<string> {
  const config = path.join(home, `${displayName}.yaml`);
  await fs.writeFile(
    config,
    `${webAccess ? 'enableWebAccess: true\n' : ''}workerPoolSpecs:
  - machineSpec:
      machineType: n1-standard-4
    replicaCount: 1
    pythonPackageSpec:
      executorImageUri: us-docker.pkg.dev/vertex-ai/training/pytorch-xla.2-4.py310:latest
      packageUris: [gs://${BUCKET}/scripts/trainer-0.1.0.tar.gz]
      pythonModule: trainer.task
      args: ["--epochs=600", "--epoch-delay=0.5"]
`,
  );
  const example = path.resolve(import.meta.dirname, '../../examples/distributed-linear');
  const result = await runCli(
    [
      'submit',
      '--config',
      config,
      '--display-name',
      displayName,
      '--package-path',
      example,
      ...vertexArgs,
      '--staging-bucket',
      BUCKET,
      '--json',
    ],
    vertexEnv(),
  );
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
