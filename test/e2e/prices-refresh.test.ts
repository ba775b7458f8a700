// `vtrain-tui prices refresh` (issue #24) against a loopback stand-in for the Cloud Billing
// Catalog API (GET /v1/services/{service}/skus, paged with pageToken, cloud_catalog.proto), served
// SKUs in the shapes public sources show (test/fixtures/billing-skus.ts): the settings file then
// holds the prices with their source and date, everything else kept, and the wizard's review
// prices a job the built-in table cannot.
import fs from 'node:fs/promises';
import http from 'node:http';
import type {AddressInfo} from 'node:net';
import os from 'node:os';
import path from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {PtyScreen} from '../helpers/pty-screen.js';
import {runCli} from '../helpers/service.js';
import {sku, TRAINING_PAGE} from '../fixtures/billing-skus.js';
import type {BillingSku} from '../../source/core/job-spec/billing-sku-reading.js';

const T = 'Vertex AI: Training/Pipelines on';
// e2-standard-8 (8 vCPUs, 32 GB) at 8 × 0.02 + 32 × 0.003 = $0.256/h.
const SKUS: BillingSku[] = [
  ...TRAINING_PAGE,
  sku({description: `${T} E2 Instance Core running in Testland`, price: 0.02}),
  sku({description: `${T} E2 Instance Ram running in Testland`, unit: 'GiBy.h', price: 0.003}),
];

interface Served {
  url: string;
  requests: URL[];
  headers: http.IncomingHttpHeaders[];
  status: number;
  close(): Promise<void>;
}

/** Two pages: the first ends with a nextPageToken, the second without. */
async function serveCatalog(): Promise<Served> {
  const requests: URL[] = [];
  const headers: http.IncomingHttpHeaders[] = [];
  const served = {status: 200} as Served;
  const server = http.createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    response.setHeader('content-type', 'application/json');
    // An STS-style token endpoint (RFC 8693) for the external_account credential of the ADC test.
    if (request.method === 'POST' && url.pathname === '/v1/token') {
      request.resume();
      request.on('end', () =>
        response.end(
          JSON.stringify({
            access_token: 'ya29.test-adc',
            issued_token_type: 'urn:ietf:params:oauth:token-type:access_token',
            token_type: 'Bearer',
            expires_in: 3600,
          }),
        ),
      );
      return;
    }
    requests.push(url);
    headers.push(request.headers);
    if (served.status !== 200 || url.pathname !== '/v1/services/C7E2-9256-1C43/skus') {
      response.statusCode = served.status === 200 ? 404 : served.status;
      response.end(
        JSON.stringify({
          error: {
            code: response.statusCode,
            message: 'The caller does not have permission',
            status: 'PERMISSION_DENIED',
          },
        }),
      );
      return;
    }
    const half = Math.ceil(SKUS.length / 2);
    const second = url.searchParams.get('pageToken') === 'page-2';
    response.end(
      JSON.stringify(
        second
          ? {skus: SKUS.slice(half), nextPageToken: ''}
          : {skus: SKUS.slice(0, half), nextPageToken: 'page-2'},
      ),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const {port} = server.address() as AddressInfo;
  return Object.assign(served, {
    url: `http://127.0.0.1:${port}/`,
    requests,
    headers,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  });
}

let dir: string;
let served: Served;
let screens: PtyScreen[] = [];

beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'vtrain-prices-'));
  served = await serveCatalog();
});

afterEach(async () => {
  screens.forEach((screen) => screen.kill());
  screens = [];
  await runCli(['emulator', 'stop', '--data-dir', path.join(dir, 'data')]);
  await served.close();
  await fs.rm(dir, {recursive: true, force: true});
});

const env = () => ({
  VTRAIN_SETTINGS: path.join(dir, 'settings.json'),
  CLOUDSDK_API_ENDPOINT_OVERRIDES_CLOUDBILLING: served.url,
});
const today = () => new Date().toISOString().slice(0, 10);

describe('vtrain-tui prices refresh', () => {
  it('writes the recognised prices into the settings file, and the review then prices the job', async () => {
    const settingsFile = path.join(dir, 'settings.json');
    const mine = {kind: 'machine', name: 'my-machine', region: 'us-central1', usdPerHour: 1};
    await fs.writeFile(
      settingsFile,
      JSON.stringify({project: 'keep-me', catalog: {prices: [mine]}}),
    );
    const config = path.join(dir, 'e2-job.yaml');
    await fs.writeFile(
      config,
      `workerPoolSpecs:
  - machineSpec: {machineType: e2-standard-8}
    replicaCount: 1
    containerSpec:
      imageUri: us-docker.pkg.dev/my-project/repo/trainer:1.2
`,
    );
    const before = today();
    const result = await runCli(
      ['prices', 'refresh', '--api-key', 'test-key', '--region', 'us-central1'],
      env(),
    );
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    // Both pages, in USD, with the key.
    expect(served.requests.map((url) => url.searchParams.get('pageToken'))).toEqual([
      null,
      'page-2',
    ]);
    for (const url of served.requests) {
      expect(url.searchParams.get('currencyCode')).toBe('USD');
      expect(url.searchParams.get('key')).toBe('test-key');
    }
    expect(result.stdout).toContain(
      `Read ${SKUS.length} Vertex AI SKUs (services/C7E2-9256-1C43, USD) from ${served.url} in 2 pages.`,
    );
    expect(result.stdout).toMatch(/Priced \d+ machine types and 2 accelerators in 1 region: /);
    expect(result.stdout).toMatch(/1 training SKUs of a shape this version does not read/);
    expect(result.stdout).toContain('Compute optimized Core');
    expect(result.stdout).toMatch(/replaced 0 earlier and kept 1 other entry/);

    const saved = JSON.parse(await fs.readFile(settingsFile, 'utf8'));
    expect(saved.project).toBe('keep-me');
    expect(saved.catalog.prices).toContainEqual(mine);
    expect(saved.catalog.prices).toContainEqual({
      kind: 'machine',
      name: 'e2-standard-8',
      region: 'us-central1',
      usdPerHour: 0.256,
    });
    expect(saved.catalog.prices).toContainEqual({
      kind: 'accelerator',
      name: 'NVIDIA_H100_80GB',
      region: 'us-central1',
      usdPerHour: 10,
    });
    expect(
      saved.catalog.prices.every((entry: {region: string}) => entry.region === 'us-central1'),
    ).toBe(true);
    expect([before, today()]).toContain(saved.catalog.pricesSource.date);
    expect(saved.catalog.pricesSource.source).toMatch(
      /^Cloud Billing Catalog API \(127\.0\.0\.1:\d+\/v1\/services\/C7E2-9256-1C43\/skus, USD\)$/,
    );
    expect((await fs.stat(settingsFile)).mode & 0o777).toBe(0o600);

    const screen = new PtyScreen(
      ['new', '--from', config, '--data-dir', path.join(dir, 'data')],
      {VTRAIN_SETTINGS: settingsFile},
      80,
      24,
    );
    screens.push(screen);
    const review = await screen.waitFor(/≈ \$/, 30_000);
    expect(review).toMatch(/≈ \$0\.26\/h, 1 replica \(list price, compute only\)/);
    await screen.waitFor(/local emulator ready/, 30_000);
  });

  it('reads with Application Default Credentials, quota project header included', async () => {
    // An external_account credential (as the emulator's TLS + OAuth mode writes) whose token
    // endpoint is the loopback server: google-auth-library exchanges the subject token for an
    // access token, then sends it, and GOOGLE_CLOUD_QUOTA_PROJECT as x-goog-user-project.
    const subject = path.join(dir, 'subject-token');
    await fs.writeFile(subject, 'subject', {mode: 0o600});
    const credentials = path.join(dir, 'credentials.json');
    await fs.writeFile(
      credentials,
      JSON.stringify({
        type: 'external_account',
        audience:
          '//iam.googleapis.com/projects/1/locations/global/workloadIdentityPools/p/providers/p',
        subject_token_type: 'urn:ietf:params:oauth:token-type:jwt',
        token_url: `${served.url}v1/token`,
        credential_source: {file: subject},
      }),
    );
    const result = await runCli(['prices', 'refresh', '--region', 'us-east1', '--dry-run'], {
      ...env(),
      GOOGLE_APPLICATION_CREDENTIALS: credentials,
      GOOGLE_CLOUD_QUOTA_PROJECT: 'quota-project',
    });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/Dry run: .*settings\.json was not changed/);
    expect(served.headers).toHaveLength(2);
    for (const headers of served.headers) {
      expect(headers.authorization).toBe('Bearer ya29.test-adc');
      expect(headers['x-goog-user-project']).toBe('quota-project');
    }
    expect(served.requests.every((url) => !url.searchParams.has('key'))).toBe(true);
    await expect(fs.stat(path.join(dir, 'settings.json'))).rejects.toThrow(/ENOENT/);
  });

  it('without credentials says how to get them (exit 4)', async () => {
    const result = await runCli(['prices', 'refresh'], {
      ...env(),
      HOME: dir,
      CLOUDSDK_CONFIG: path.join(dir, 'gcloud'),
      GOOGLE_APPLICATION_CREDENTIALS: '',
      // gcp-metadata's switch: no probe of the metadata server (tests talk only to loopback).
      METADATA_SERVER_DETECTION: 'none',
    });
    expect(result.code).toBe(4);
    expect(result.stderr).toMatch(
      /^vtrain-tui prices refresh: no Application Default Credentials \(.*\); run `gcloud auth application-default login`, or pass --api-key KEY\n$/,
    );
    expect(served.requests).toEqual([]);
  });

  it('says which credential was refused (exit 4) and leaves the settings file alone', async () => {
    const settingsFile = path.join(dir, 'settings.json');
    await fs.writeFile(settingsFile, '{"project": "p"}\n');
    served.status = 403;
    const result = await runCli(['prices', 'refresh', '--api-key', 'bad-key'], env());
    expect(result.code).toBe(4);
    expect(result.stderr).toMatch(
      /^vtrain-tui prices refresh: the Cloud Billing Catalog API answered HTTP 403 \(PERMISSION_DENIED: The caller does not have permission\); check the credentials/,
    );
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(await fs.readFile(settingsFile, 'utf8')).toBe('{"project": "p"}\n');
  });

  it('refuses bad flags and a plain-http endpoint off loopback, naming the fix', async () => {
    const currency = await runCli(['prices', 'refresh', '--currency', 'EUR'], env());
    expect(currency.code).toBe(2);
    expect(currency.stderr).toMatch(/--currency EUR: the price table holds USD/);
    const region = await runCli(['prices', 'refresh', '--region', 'Iowa'], env());
    expect(region.code).toBe(2);
    expect(region.stderr).toMatch(
      /--region "Iowa" is not a region name; write e\.g\. --region us-central1/,
    );
    const remote = await runCli(['prices', 'refresh', '--api-key', 'k'], {
      ...env(),
      CLOUDSDK_API_ENDPOINT_OVERRIDES_CLOUDBILLING: 'http://billing.example.com/',
    });
    expect(remote.code).toBe(1);
    expect(remote.stderr).toMatch(/must be an https:\/\/ URL/);
    expect(served.requests).toEqual([]);
  });

  it('writes nothing to a settings file that is not JSON', async () => {
    const settingsFile = path.join(dir, 'settings.json');
    await fs.writeFile(settingsFile, '{broken');
    const result = await runCli(['prices', 'refresh', '--api-key', 'k'], env());
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/is not valid JSON .*nothing was written/);
    expect(await fs.readFile(settingsFile, 'utf8')).toBe('{broken');
  });
});
