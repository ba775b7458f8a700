// Issue #23 item 1: another local user listens on the ports `emulator env-init` exported while
// the service is stopped. The restarted service must not hand that user a credential: what the
// exported shell (the real gcloud, and an endpoint-only Storage client) sends to the squatter is
// nothing, or tokens the live service refuses. The squatter runs as uid 65534 (nobody), so the
// test needs root to start it; it says so and skips otherwise.
import {spawn, type ChildProcess} from 'node:child_process';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import {createInterface} from 'node:readline';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {liveService} from '../../source/services/backend/local-service.js';
import {envInit, Gcloud, SKIP_GCLOUD} from '../helpers/gcloud.js';
import {runCli, tempDataDir} from '../helpers/service.js';

const AS_ROOT = typeof process.getuid === 'function' && process.getuid() === 0;
const SKIP = !AS_ROOT
  ? 'starting a listener as another user (uid 65534) needs root; run the emulator tests as root to cover the port squatter'
  : SKIP_GCLOUD;

/** An HTTP server as uid 65534 on 127.0.0.1:PORT that prints every request it receives. */
const SQUATTER = `
const http = require('node:http');
const port = Number(process.argv[1]);
http.createServer((req, res) => {
  process.stdout.write(JSON.stringify({port, url: req.url, authorization: req.headers.authorization ?? null}) + '\\n');
  req.resume();
  res.writeHead(200, {'content-type': 'application/json'}).end('{}');
}).listen(port, '127.0.0.1', () => process.stdout.write('listening\\n'));
`;

interface Captured {
  port: number;
  url: string;
  authorization: string | null;
}

/**
 * A node binary uid 65534 can run: this one when every folder above it lets others through (CI's
 * Node 24 lives in a private mktemp folder, so it does not), else the system's.
 */
function nodeForOtherUser(): string {
  const othersMayRun = (file: string): boolean => {
    let at = fs.realpathSync(file);
    if ((fs.statSync(at).mode & 0o001) === 0) return false;
    while (path.dirname(at) !== at) {
      at = path.dirname(at);
      if ((fs.statSync(at).mode & 0o001) === 0) return false;
    }
    return true;
  };
  const candidates = [process.execPath, '/usr/local/bin/node', '/usr/bin/node'];
  const found = candidates.find((file) => fs.existsSync(file) && othersMayRun(file));
  if (!found)
    throw new Error(`no node binary that uid 65534 may run among ${candidates.join(', ')}`);
  return found;
}

const squatters: ChildProcess[] = [];
const captured: Captured[] = [];

function squat(port: number): Promise<void> {
  const child = spawn(nodeForOtherUser(), ['-e', SQUATTER, String(port)], {
    uid: 65534,
    gid: 65534,
    cwd: '/',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  squatters.push(child);
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`the squatter on ${port} exited (${code})`)));
    createInterface({input: child.stdout!}).on('line', (line) => {
      if (line === 'listening') resolve();
      else captured.push(JSON.parse(line) as Captured);
    });
  });
}

let dataDir: string;

beforeAll(async () => {
  dataDir = await tempDataDir();
});
afterAll(async () => {
  for (const child of squatters) child.kill('SIGKILL');
  await runCli(['emulator', 'stop', '--data-dir', dataDir]);
  await fsp.rm(dataDir, {recursive: true, force: true});
});

describe.skipIf(SKIP)('a squatter on the exported ports', () => {
  it('receives no credential the restarted service accepts', async () => {
    const exported = await envInit(dataDir);
    const tokenFile = exported.CLOUDSDK_AUTH_ACCESS_TOKEN_FILE!;
    const restBase = exported.CLOUDSDK_API_ENDPOINT_OVERRIDES_AIPLATFORM!;
    const storageHost = exported.STORAGE_EMULATOR_HOST!;
    const restPort = Number(new URL(restBase).port);
    const storagePort = Number(new URL(storageHost).port);
    const before = liveService(dataDir)!;

    // The service stops (as after its idle time): no token file is left for gcloud to send.
    expect((await runCli(['emulator', 'stop', '--data-dir', dataDir])).code).toBe(0);
    expect(fs.existsSync(tokenFile)).toBe(false);

    await squat(restPort);
    await squat(storagePort);
    const started = await runCli(['emulator', 'start', '--data-dir', dataDir]);
    expect(started.code, started.stderr).toBe(0);
    // It says who holds its old ports.
    expect(started.stderr).toMatch(
      new RegExp(
        `HTTP/JSON port ${restPort} used before is held by pid \\d+ \\(node\\) of user \\S+ \\(uid 65534\\)`,
      ),
    );
    expect(started.stderr).toMatch(new RegExp(`Cloud Storage port ${storagePort} used before`));
    const live = liveService(dataDir)!;
    expect(live.restPort).not.toBe(restPort);
    expect(live.storagePort).not.toBe(storagePort);
    expect(live.key).not.toBe(before.key);
    expect(live.storageToken).not.toBe(before.storageToken);

    // The shell that exported the old endpoints goes on using them: the real gcloud, for Vertex
    // and for Cloud Storage, and an endpoint-only Storage client.
    const gcloud = await Gcloud.create(exported);
    const list = await gcloud.run([
      'ai',
      'custom-jobs',
      'list',
      '--region=us-central1',
      '--project=test-project',
    ]);
    expect(list.code).not.toBe(0);
    expect(list.stderr).toContain(tokenFile);
    const ls = await gcloud.run(['storage', 'ls', 'gs://some-bucket', '--project=test-project']);
    expect(ls.code).not.toBe(0);
    expect((await fetch(`${storageHost}/storage/v1/b?project=test-project`)).status).toBe(200);
    expect(captured.length).toBeGreaterThan(0);

    // Whatever reached the squatter is void on the live service, and none of its secrets is in it.
    const liveRest = `http://127.0.0.1:${live.restPort}/v1/projects/p/locations/us-central1/customJobs`;
    for (const request of captured) {
      const seen = `${request.url} ${request.authorization ?? ''}`;
      expect(seen).not.toContain(live.key);
      expect(seen).not.toContain(live.storageToken);
      if (request.authorization) {
        const replay = await fetch(liveRest, {headers: {authorization: request.authorization}});
        expect(replay.status).toBe(401);
      }
      const token = /^\/t\/([^/]+)\//.exec(request.url)?.[1];
      if (token) {
        const replay = await fetch(
          `http://127.0.0.1:${live.storagePort}/t/${token}/storage/v1/b?project=p`,
        );
        expect(replay.status).toBe(401);
      }
    }

    // env-init again gives working exports for the new ports, with their own token file.
    const again = await envInit(dataDir);
    expect(again.CLOUDSDK_AUTH_ACCESS_TOKEN_FILE).not.toBe(tokenFile);
    const key = (await fsp.readFile(again.CLOUDSDK_AUTH_ACCESS_TOKEN_FILE!, 'utf8')).trim();
    expect(key).toBe(live.key);
    const ok = await fetch(
      `${again.CLOUDSDK_API_ENDPOINT_OVERRIDES_AIPLATFORM}v1/projects/p/locations/us-central1/customJobs`,
      {headers: {authorization: `Bearer ${key}`}},
    );
    expect(ok.status).toBe(200);
    expect(
      (await fetch(`${again.STORAGE_EMULATOR_HOST}/storage/v1/b?project=test-project`)).status,
    ).toBe(200);
  });
});
