// `vtrain-tui emulator env-init` and `status` on the built CLI: the exports reach the running
// service's HTTP/JSON surface with the token file, the port survives a restart, bad flags exit 2.
import fs from 'node:fs/promises';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {runCli, tempDataDir} from '../helpers/service.js';

let dataDir: string;

function exportsOf(output: string): Record<string, string> {
  const variables: Record<string, string> = {};
  for (const match of output.matchAll(/^export (\w+)=(\S+);$/gm)) {
    variables[match[1] as string] = match[2] as string;
  }
  return variables;
}

beforeAll(async () => {
  dataDir = await tempDataDir();
});
afterAll(async () => {
  await runCli(['emulator', 'stop', '--data-dir', dataDir]);
  await fs.rm(dataDir, {recursive: true, force: true});
});

describe('emulator env-init', () => {
  it('starts the service and prints exports that reach its HTTP/JSON surface', async () => {
    const result = await runCli(['emulator', 'env-init', '--data-dir', dataDir]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/started the local service/);
    const variables = exportsOf(result.stdout);
    const base = variables.CLOUDSDK_API_ENDPOINT_OVERRIDES_AIPLATFORM as string;
    expect(base).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const token = (
      await fs.readFile(variables.CLOUDSDK_AUTH_ACCESS_TOKEN_FILE as string, 'utf8')
    ).trim();
    const url = `${base}v1/projects/p/locations/us-central1/customJobs`;
    const ok = await fetch(url, {headers: {authorization: `Bearer ${token}`}});
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({});
    expect((await fetch(url)).status).toBe(401);

    // The local Cloud Storage: the gcloud override takes the bearer token, STORAGE_EMULATOR_HOST
    // clients get in through the token inside the endpoint.
    const storage = variables.CLOUDSDK_API_ENDPOINT_OVERRIDES_STORAGE as string;
    expect(storage).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/storage\/v1\/$/);
    const buckets = `${storage}b?project=p`;
    expect((await fetch(buckets, {headers: {authorization: `Bearer ${token}`}})).status).toBe(200);
    expect((await fetch(buckets)).status).toBe(401);
    const host = variables.STORAGE_EMULATOR_HOST as string;
    expect((await fetch(`${host}/storage/v1/b?project=p`)).status).toBe(200);

    const status = await runCli(['emulator', 'status', '--data-dir', dataDir]);
    expect(status.stdout).toMatch(new RegExp(`http/json\\s+${base.replace(/[./]/g, '\\$&')}`));
    expect(status.stdout).toMatch(/env-init/);
  });

  it('keeps the HTTP port across a restart, so the exports stay valid', async () => {
    const before = exportsOf(
      (await runCli(['emulator', 'env-init', '--data-dir', dataDir])).stdout,
    );
    expect((await runCli(['emulator', 'stop', '--data-dir', dataDir])).code).toBe(0);
    const started = await runCli(['emulator', 'start', '--data-dir', dataDir]);
    expect(started.stdout).toContain(before.CLOUDSDK_API_ENDPOINT_OVERRIDES_AIPLATFORM);
    const after = exportsOf((await runCli(['emulator', 'env-init', '--data-dir', dataDir])).stdout);
    // What gcloud reads for Vertex and Logging stays the same (the token file is named after the
    // same ports, its content is the new service's key).
    for (const name of [
      'CLOUDSDK_API_ENDPOINT_OVERRIDES_AIPLATFORM',
      'CLOUDSDK_API_ENDPOINT_OVERRIDES_LOGGING',
      'CLOUDSDK_AUTH_ACCESS_TOKEN_FILE',
    ]) {
      expect(after[name], name).toBe(before[name]);
    }
  });

  it.each([
    [['--shell', 'tcsh'], /--shell must be one of bash, zsh, sh, fish/],
    [['--json', '--shell', 'fish'], /--json or --shell/],
    [['--colour'], /Unknown option/],
  ])('refuses %j with exit 2 and says why', async (flags, message) => {
    const result = await runCli(['emulator', 'env-init', '--data-dir', dataDir, ...flags]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
  });
});
