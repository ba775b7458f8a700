// `--backend vertex` end to end, with nothing but loopback: the emulator serves gRPC over TLS
// (generated CA) and checks OAuth bearer tokens that the app's google-auth-library obtains
// through a real external_account flow from the emulator's token endpoint; the endpoint
// overrides point the regional Vertex, Logging and Storage clients at it. So the app runs its
// Vertex code: TLS channel, ADC, Storage upload, explained errors.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import {startTestEmulator, type TestEmulator} from '../helpers/emulator.js';
import {PtyScreen} from '../helpers/pty-screen.js';
import {runCli} from '../helpers/service.js';
import {createBucket, submitExample, vertexUserEnv} from '../helpers/vertex-loopback.js';

const ENTER = '\r';
const CTRL_C = '\x03';
const PROJECT = 'vtrain-e2e';
const BUCKET = 'vtrain-e2e-staging';

let emulator: TestEmulator;
let home: string;
let screens: PtyScreen[] = [];

/** What a user of the real Vertex AI would have, pointed at loopback (the current emulator). */
const vertexEnv = () => vertexUserEnv(emulator, home, PROJECT);

const vertexArgs = ['--backend', 'vertex', '--project', PROJECT, '--region', 'us-central1'];

beforeAll(async () => {
  home = await fs.mkdtemp(path.join(os.tmpdir(), 'vtrain-vertex-e2e-'));
  emulator = await startTestEmulator({
    tlsOAuth: {dir: path.join(home, 'tls')},
  });
  // The staging bucket exists in the job's region, as a user's would.
  await createBucket(emulator, PROJECT, BUCKET);
});

afterEach(() => {
  screens.forEach((screen) => screen.kill());
  screens = [];
});

afterAll(async () => {
  await emulator?.close();
  await fs.rm(home, {recursive: true, force: true});
});

function open(args: string[], env: Record<string, string>) {
  const screen = new PtyScreen(args, env, 140, 34);
  screens.push(screen);
  return screen;
}

describe('--backend vertex against the TLS + OAuth emulator', () => {
  it('doctor passes credentials, endpoint, API and bucket checks over TLS', async () => {
    const result = await runCli(
      ['doctor', '--json', ...vertexArgs, '--staging-bucket', BUCKET],
      vertexEnv(),
    );
    const report = JSON.parse(result.stdout) as {checks: Array<{id: string; status: string}>};
    const status = Object.fromEntries(report.checks.map((check) => [check.id, check.status]));
    expect(status).toMatchObject({
      backend: 'pass',
      project: 'pass',
      credentials: 'pass',
      endpoint: 'pass',
      api: 'pass',
      // One entries.list of one entry through the log pane's client (issue #21, defect 11).
      logging: 'pass',
      'quota-project': 'pass',
      bucket: 'pass',
    });
  });

  // gcloud's region list is a fallback "Do not use for validation" (googlecloudsdk
  // command_lib/ai/constants.py): a well-formed region outside it opens Vertex mode with a
  // warning and the endpoint answers; a malformed one is still refused in one line.
  it('opens Vertex mode in a region outside the built-in list, with a warning', async () => {
    const region = ['--backend', 'vertex', '--project', PROJECT, '--region'];
    const unknown = await runCli(
      ['jobs', 'list', '--type', 'custom', ...region, 'mars-north1'],
      vertexEnv(),
    );
    expect(unknown.stderr).toMatch(
      /^vtrain-tui: warning: region "mars-north1" \(--region\) is not in vtrain-tui's list.*using it anyway/,
    );
    expect(unknown).toMatchObject({code: 0, stdout: 'No jobs.\n'});
    const malformed = await runCli(
      ['jobs', 'list', '--type', 'custom', ...region, 'us-central1-a'],
      vertexEnv(),
    );
    expect(malformed.code).toBe(2);
    expect(malformed.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(
        /region "us-central1-a" \(--region\) is not a region name like us-central1/,
      ),
    ]);
  });

  it('walks the wizard, uploads the package to Cloud Storage, submits and watches to SUCCEEDED', async () => {
    const screen = open([...vertexArgs, '--staging-bucket', BUCKET], vertexEnv());
    // The status line names backend, project, region and (for this credential type) no account.
    await screen.waitFor(/Vertex AI · vtrain-e2e · us-central1 · account unknown/, 30_000);
    await screen.waitFor(/No jobs yet here/, 30_000);
    await screen.press('n');
    // The wizard starts from the resolved project, region and staging bucket.
    const where = await screen.waitFor(/step 1\/8: Where/);
    expect(where).toMatch(/Project\s+vtrain-e2e/);
    expect(where).toMatch(/Staging bucket\s+vtrain-e2e-staging/);
    for (let step = 2; step <= 8; step++) {
      await screen.press(ENTER);
      await screen.waitFor(new RegExp(`step ${step}/8`));
    }
    const review = await screen.waitFor(/step 8\/8: Review[\s\S]*Press enter to submit/);
    expect(review).toMatch(/Where: vtrain-e2e · us-central1/);
    await screen.press(ENTER);
    await screen.waitFor(/(custom job |customJobs\/)\d+/, 30_000);
    const done = await screen.waitFor(/SUCCEEDED for/, 60_000);
    // `exited` when the worker ended before the primary (its service entry), else `succeeded`.
    expect(done).toMatch(/workerpool1-1\s+workers\s+n1-standard-4\s+(exited|succeeded)/);
    await screen.waitFor(/\[workerpool0-0\]\s+training finished: loss=/, 15_000);

    // The package went through the Storage JSON API under its content hash.
    const objects = await fs.readdir(path.join(emulator.bucketRoot, BUCKET, 'vtrain-packages'));
    expect(objects).toEqual([expect.stringMatching(/^distributed-linear-[0-9a-f]{12}\.tar\.gz$/)]);
    await screen.press(CTRL_C);
    expect(await screen.exited).toBe(0);
    expect(screen.text()).not.toMatch(/Error:|at .*\.js:\d+/);
  });
});

describe('vtrain-tui submit --backend vertex', () => {
  it('uploads the package and creates the job on Vertex AI (the TLS + OAuth emulator)', async () => {
    const config = path.join(home, 'job.yaml');
    const result = await submitExample({
      config,
      bucket: BUCKET,
      trainerArgs: ['--epochs=1', '--epoch-delay=0'],
      backendArgs: vertexArgs,
      env: vertexEnv(),
    });
    expect(result.code, result.stderr).toBe(0);
    const summary = JSON.parse(result.stdout) as {name: string};
    expect(summary.name).toMatch(/^projects\/vtrain-e2e\/locations\/us-central1\/customJobs\/\d+$/);
    // Read back through Vertex mode too, as a user would.
    const described = await runCli(
      ['jobs', 'describe', summary.name, '--json', ...vertexArgs],
      vertexEnv(),
    );
    expect(described.code, described.stderr).toBe(0);
    const job = JSON.parse(described.stdout) as {
      jobSpec: {workerPoolSpecs: {pythonPackageSpec: {packageUris: string[]}}[]};
    };
    expect(job.jobSpec.workerPoolSpecs[0]!.pythonPackageSpec.packageUris[0]).toMatch(
      new RegExp(`^gs://${BUCKET}/vtrain-packages/distributed-linear-[0-9a-f]{12}\\.tar\\.gz$`),
    );
    const bad = await runCli(['submit', '--config', config, '--backend', 'cloud'], vertexEnv());
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/backend/);
  });
});

describe("the wizard's Where step switches from the local emulator to Vertex AI", () => {
  it('submits to Vertex AI (the TLS + OAuth emulator) after choosing it in the Where step', async () => {
    const env = vertexEnv();
    const UP = '\x1b[A';
    const DOWN = '\x1b[B';
    const CTRL_U = '\x15';
    const screen = open(['--backend', 'local'], env);
    try {
      await screen.waitFor(/local emulator ready/, 60_000);
      await screen.waitFor(/step 1\/8: Where/);
      for (let i = 0; i < 4; i++) await screen.press(UP);
      await screen.waitFor(/❯ Backend\s+local emulator/);
      await screen.press('+');
      await screen.waitFor(/Backend\s+Vertex AI/);
      await screen.press(DOWN);
      await screen.press(ENTER);
      await screen.press(CTRL_U);
      for (const char of PROJECT) await screen.press(char, 30);
      await screen.press(ENTER);
      await screen.press(DOWN);
      await screen.press(DOWN);
      await screen.waitFor(/❯ Staging bucket/);
      await screen.press(ENTER);
      await screen.press(CTRL_U);
      for (const char of BUCKET) await screen.press(char, 30);
      await screen.press(ENTER);
      const where = await screen.waitFor(/Staging bucket\s+vtrain-e2e-staging/);
      expect(where.replace(/\n\s*/g, ' ')).toMatch(
        /submit reopens the app on Vertex AI · vtrain-e2e · us-central1/,
      );
      for (let i = 0; i < 7; i++) await screen.press('\t');
      await screen.waitFor(/step 8\/8: Review[\s\S]*Press enter to submit/, 30_000);
      await screen.press(ENTER);
      // The app now runs on Vertex AI: its status line and the new job's dashboard say so.
      await screen.waitFor(/(custom job |customJobs\/)\d+/, 60_000);
      await screen.waitFor(/Vertex AI · vtrain-e2e · us-central1/, 30_000);
      const objects = await fs.readdir(path.join(emulator.bucketRoot, BUCKET, 'vtrain-packages'));
      expect(objects).toContainEqual(
        expect.stringMatching(/^distributed-linear-[0-9a-f]{12}\.tar\.gz$/),
      );
      await screen.press(CTRL_C);
      expect(await screen.exited).toBe(0);
    } finally {
      await runCli(['emulator', 'stop', '--data-dir', env.VTRAIN_DATA_DIR!]);
    }
  });
});

describe('--backend vertex without credentials', () => {
  const bare = () => ({
    HOME: home,
    XDG_CONFIG_HOME: path.join(home, 'config-bare'),
    VTRAIN_DATA_DIR: path.join(home, 'data-bare'),
    // No GOOGLE_APPLICATION_CREDENTIALS, no ADC file in HOME; detection left to the app.
    GOOGLE_APPLICATION_CREDENTIALS: '',
    CLOUDSDK_API_ENDPOINT_OVERRIDES_AIPLATFORM: 'https://127.0.0.1:9/',
    CLOUDSDK_API_ENDPOINT_OVERRIDES_LOGGING: 'https://127.0.0.1:9/',
    CLOUDSDK_API_ENDPOINT_OVERRIDES_MONITORING: 'https://127.0.0.1:9/',
  });

  it('a command fails within 10 s with the login command and exit 4', async () => {
    const started = Date.now();
    const result = await runCli(['jobs', 'list', ...vertexArgs], bare());
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(result.code).toBe(4);
    expect(result.stderr).toMatch(
      /No Google Cloud credentials → run `gcloud auth application-default login`/,
    );
    const doctor = await runCli(['doctor', ...vertexArgs], bare());
    expect(doctor.code).toBe(4);
    expect(doctor.stdout).toMatch(/FAIL\s+Credentials[\s\S]*gcloud auth application-default login/);
  });

  it('the app says so on its status line within 10 s', async () => {
    const screen = open(vertexArgs, bare());
    const shown = await screen.waitFor(/No Google Cloud credentials/, 10_000);
    expect(shown.replaceAll('\n', '')).toMatch(/gcloud auth application-default login/);
    await screen.press(CTRL_C);
    expect(await screen.exited).toBe(0);
  });
});

describe('--backend vertex when the Vertex AI API is disabled (fault mode, real ErrorInfo)', () => {
  let disabled: TestEmulator;
  let saved: TestEmulator;
  beforeAll(async () => {
    disabled = await startTestEmulator({
      tlsOAuth: {dir: path.join(home, 'tls-disabled')},
      faults: {errors: [{method: 'ListCustomJobs', code: 'SERVICE_DISABLED'}]},
    });
    saved = emulator;
    emulator = disabled;
  });
  afterAll(async () => {
    emulator = saved;
    await disabled?.close();
  });

  it('doctor and jobs list explain it with the enable command and exit 4', async () => {
    const doctor = await runCli(['doctor', ...vertexArgs], vertexEnv());
    expect(doctor.stdout).toMatch(/ok\s+Credentials/);
    expect(doctor.stdout).toMatch(
      /FAIL\s+Vertex AI API\s+The aiplatform\.googleapis\.com API is not enabled in project 000000000000/,
    );
    expect(doctor.stdout).toMatch(
      /gcloud services enable aiplatform\.googleapis\.com --project vtrain-e2e/,
    );
    expect(doctor.code).toBe(4);
    const list = await runCli(['jobs', 'list', '--type', 'custom', ...vertexArgs], vertexEnv());
    expect(list.stderr).toMatch(
      /API is not enabled.*gcloud services enable aiplatform\.googleapis\.com/,
    );
    expect(list.code).toBe(4);
  });

  it('the app shows the explanation on screen', async () => {
    const screen = open(vertexArgs, vertexEnv());
    const shown = await screen.waitFor(/API is not enabled/, 30_000);
    expect(shown.replaceAll('\n', '')).toMatch(
      /gcloud services enable aiplatform\.googleapis\.com/,
    );
    await screen.press(CTRL_C);
    expect(await screen.exited).toBe(0);
  });
});
