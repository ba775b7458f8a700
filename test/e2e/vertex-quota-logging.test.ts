// Issue #21, defects 1 and 11, end to end over TLS + OAuth (as vertex-backend.test.ts): an ADC
// file with a `quota_project_id` other than the job's project, and the emulator's fault mode
// answering as Google does when that quota project lacks the API (SERVICE_DISABLED), refuses the
// caller (USER_PROJECT_DENIED), or the caller lacks logging.logEntries.list. google-auth-library
// reads the file's quota_project_id (src/auth/authclient.ts, options 'quota_project_id') and
// sends it as x-goog-user-project; https://cloud.google.com/docs/quotas/set-quota-project.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {startTestEmulator} from '../helpers/emulator.js';
import {PtyScreen} from '../helpers/pty-screen.js';
import {runCli} from '../helpers/service.js';
import type {FaultConfig} from '../../source/emulator/rpc/faults.js';

const PROJECT = 'vtrain-e2e';
const QUOTA = 'billing-proj';
const vertexArgs = ['--backend', 'vertex', '--project', PROJECT, '--region', 'us-central1'];

let home: string;
beforeAll(async () => {
  home = await fs.mkdtemp(path.join(os.tmpdir(), 'vtrain-quota-e2e-'));
});
afterAll(() => fs.rm(home, {recursive: true, force: true}));

/** A TLS + OAuth emulator with `faults`, and the env of a user whose ADC names QUOTA. */
async function vertexWithQuotaProject(name: string, faults: FaultConfig) {
  const emulator = await startTestEmulator({tlsOAuth: {dir: path.join(home, name)}, faults});
  const tls = emulator.emulator.tls!;
  const adc = JSON.parse(await fs.readFile(tls.credentialsFile, 'utf8')) as object;
  const adcFile = path.join(home, `${name}-adc.json`);
  await fs.writeFile(adcFile, JSON.stringify({...adc, quota_project_id: QUOTA}));
  const grpc = `https://127.0.0.1:${emulator.emulator.port}/`;
  const env = {
    HOME: home,
    XDG_CONFIG_HOME: path.join(home, 'config'),
    VTRAIN_DATA_DIR: path.join(home, 'data'),
    GOOGLE_APPLICATION_CREDENTIALS: adcFile,
    NODE_EXTRA_CA_CERTS: tls.caFile,
    GRPC_DEFAULT_SSL_ROOTS_FILE_PATH: tls.caFile,
    CLOUDSDK_API_ENDPOINT_OVERRIDES_AIPLATFORM: grpc,
    CLOUDSDK_API_ENDPOINT_OVERRIDES_LOGGING: grpc,
    // Cloud Monitoring (the dashboard's utilisation) on the same loopback server: tests never
    // reach Google.
    CLOUDSDK_API_ENDPOINT_OVERRIDES_MONITORING: grpc,
    METADATA_SERVER_DETECTION: 'none',
  };
  return {emulator, env};
}

describe('the quota project lacks the API, and the caller cannot read logs', () => {
  let setup: Awaited<ReturnType<typeof vertexWithQuotaProject>>;
  beforeAll(async () => {
    setup = await vertexWithQuotaProject('disabled', {
      errors: [
        {method: 'ListCustomJobs', code: 'SERVICE_DISABLED'},
        {method: 'ListLogEntries', code: 'PERMISSION_DENIED'},
      ],
    });
  });
  afterAll(() => setup?.emulator.close());

  it('doctor warns which project is billed, names it as lacking the API, fails Cloud Logging', async () => {
    const doctor = await runCli(['doctor', ...vertexArgs], setup.env);
    const out = doctor.stdout.replace(/\s+/g, ' ');
    expect(out).toMatch(/ok Credentials/);
    expect(out).toMatch(
      /warn Quota project billing-proj \(from quota_project_id in [^)]+\) is billed and checked for the APIs, not vtrain-e2e → run `gcloud auth application-default set-quota-project vtrain-e2e`/,
    );
    expect(out).toMatch(
      /FAIL Vertex AI API The aiplatform\.googleapis\.com API is not enabled in billing-proj, the quota project/,
    );
    expect(out).toMatch(
      /FAIL Cloud Logging the log pane cannot read projects\/vtrain-e2e: .*lacks the permission logging\.logEntries\.list on projects\/\d+ → .*--role=roles\/logging\.viewer/,
    );
    expect(doctor.code).toBe(4);
  });
});

describe('the caller may not use the quota project (USER_PROJECT_DENIED)', () => {
  let setup: Awaited<ReturnType<typeof vertexWithQuotaProject>>;
  beforeAll(async () => {
    setup = await vertexWithQuotaProject('denied', {
      errors: [{method: 'ListCustomJobs', code: 'USER_PROJECT_DENIED', quotaProject: QUOTA}],
    });
  });
  afterAll(() => setup?.emulator.close());

  it('jobs list explains it with set-quota-project and exits 4', async () => {
    const list = await runCli(['jobs', 'list', '--type', 'custom', ...vertexArgs], setup.env);
    expect(list.stderr).toMatch(
      /may not bill or use quota project billing-proj.*gcloud auth application-default set-quota-project vtrain-e2e/,
    );
    expect(list.code).toBe(4);
  });

  it('the app names the billed project on its status line and explains the refusal', async () => {
    const screen = new PtyScreen(vertexArgs, setup.env, 160, 34);
    try {
      const shown = (await screen.waitFor(/may not bill or use quota project/, 30_000)).replaceAll(
        '\n',
        '',
      );
      expect(shown).toMatch(/billed to billing-proj \(quota project\)/);
      // The jobs screen truncates its error line at the terminal width.
      expect(shown).toMatch(/gcloud auth application-default set-quota-project/);
      await screen.press('\x03');
      expect(await screen.exited).toBe(0);
    } finally {
      screen.kill();
    }
  });
});
