// The real `gcloud storage` against the emulator's Cloud Storage, set up as a user does it
// (`eval "$(vtrain-tui emulator env-init)"`, own CLOUDSDK_CONFIG, loopback only: helpers/gcloud.ts).
// gcloud frames uploads its own way (apitools: single-quoted multipart boundary with LF line
// ends, /resumable/upload/ sessions, chunked PUTs with `bytes N-M/*`, gzip in flight), so these
// runs check the emulator against an independent client (issue #21 defect 12).
import {spawn} from 'node:child_process';
import {randomBytes} from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {envInit, Gcloud, GCLOUD, SKIP_GCLOUD, type GcloudResult} from '../helpers/gcloud.js';
import {runCli, tempDataDir} from '../helpers/service.js';

const PROJECT = '--project=gcloud-project';
/** storage/resumable_threshold (default 8 MiB): files from 256 KiB go resumable. */
const RESUMABLE = {CLOUDSDK_STORAGE_RESUMABLE_THRESHOLD: String(256 * 1024)};

let dataDir: string;
let folder: string;
let gcloud: Gcloud;

async function ok(args: string[], extra: Record<string, string> = {}): Promise<GcloudResult> {
  const result = await gcloud.run([...args, PROJECT], extra);
  expect(result.code, `gcloud ${args.join(' ')}: ${result.stderr}`).toBe(0);
  return result;
}

/** gcloud reading the upload from stdin (`cp - gs://…`): a streaming, chunked resumable upload. */
function cpFromStdin(data: Buffer, uri: string, extra: Record<string, string>) {
  return new Promise<GcloudResult>((resolve) => {
    const args = ['storage', 'cp', '-', uri, PROJECT, '--log-http'];
    const child = spawn(GCLOUD as string, args, {
      env: gcloud.environment(extra),
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (code) => resolve({code: code ?? 1, stdout, stderr}));
    child.stdin.end(data);
  });
}

describe.skipIf(SKIP_GCLOUD)('gcloud storage against the local emulator', () => {
  beforeAll(async () => {
    dataDir = await tempDataDir();
    folder = await fs.mkdtemp(path.join(dataDir, 'files-'));
    gcloud = await Gcloud.create(await envInit(dataDir));
    await ok(['storage', 'buckets', 'create', 'gs://gcloud-files']);
  });
  afterAll(async () => {
    await gcloud?.close();
    await runCli(['emulator', 'stop', '--data-dir', dataDir]);
    await fs.rm(dataDir, {recursive: true, force: true});
  });

  it('cp uploads a small file (multipart) that ls, cat and rm then see', async () => {
    const file = path.join(folder, 'notes.txt');
    await fs.writeFile(file, 'hello from gcloud\n');
    await ok(['storage', 'cp', file, 'gs://gcloud-files/docs/notes.txt']);
    const listed = await ok(['storage', 'ls', 'gs://gcloud-files/docs/']);
    expect(listed.stdout).toMatch(/^gs:\/\/gcloud-files\/docs\/notes\.txt$/m);
    const cat = await ok(['storage', 'cat', 'gs://gcloud-files/docs/notes.txt']);
    expect(cat.stdout).toBe('hello from gcloud\n');
    const described = await gcloud.json<{content_type: string}>([
      'storage',
      'objects',
      'describe',
      'gs://gcloud-files/docs/notes.txt',
      PROJECT,
    ]);
    expect(described.content_type).toBe('text/plain');
    await ok(['storage', 'rm', 'gs://gcloud-files/docs/notes.txt']);
    const gone = await gcloud.run(['storage', 'ls', 'gs://gcloud-files/docs/', PROJECT]);
    expect(gone.code).not.toBe(0);
    expect(gone.stderr).toMatch(/matched no objects/);
  });

  it('cp uploads a file over the resumable threshold, verified by its hashes and a download', async () => {
    const data = randomBytes(1 << 20);
    const file = path.join(folder, 'weights.bin');
    await fs.writeFile(file, data);
    // gcloud compares the MD5/CRC32C it computed with the ones the emulator reports.
    await ok(['storage', 'cp', file, 'gs://gcloud-files/model/weights.bin'], RESUMABLE);
    const back = path.join(folder, 'weights.back');
    await ok(['storage', 'cp', 'gs://gcloud-files/model/weights.bin', back]);
    expect((await fs.readFile(back)).equals(data)).toBe(true);
    const listed = await ok(['storage', 'ls', '-l', 'gs://gcloud-files/model/']);
    expect(listed.stdout).toMatch(/^\s*1048576\s+\S+\s+gs:\/\/gcloud-files\/model\/weights\.bin$/m);
  });

  it('cp from stdin streams in 256 KiB chunks (Content-Range bytes N-M/*)', async () => {
    const data = randomBytes(700 * 1024);
    const result = await cpFromStdin(data, 'gs://gcloud-files/stream.bin', {
      CLOUDSDK_STORAGE_UPLOAD_CHUNK_SIZE: String(256 * 1024),
    });
    expect(result.code, result.stderr).toBe(0);
    // --log-http shows each PUT: chunks of unknown total, then the last one with the total.
    expect(result.stderr).toContain("b'Content-Range': b'bytes 262144-524287/*'");
    expect(result.stderr).toContain(`b'Content-Range': b'bytes 524288-716799/716800'`);
    const back = path.join(folder, 'stream.back');
    await ok(['storage', 'cp', 'gs://gcloud-files/stream.bin', back]);
    expect((await fs.readFile(back)).equals(data)).toBe(true);
  });

  it('cp --gzip-in-flight-all stores the uncompressed bytes (multipart and resumable)', async () => {
    const text = Array.from({length: 60_000}, (_, i) => `line ${i}`).join('\n');
    const file = path.join(folder, 'log.txt');
    await fs.writeFile(file, text);
    await ok(
      ['storage', 'cp', '--gzip-in-flight-all', file, 'gs://gcloud-files/log.txt'],
      RESUMABLE,
    );
    const small = path.join(folder, 'small.txt');
    await fs.writeFile(small, 'tiny');
    await ok(['storage', 'cp', '--gzip-in-flight-all', small, 'gs://gcloud-files/small.txt']);
    expect((await ok(['storage', 'cat', 'gs://gcloud-files/log.txt'])).stdout).toBe(text);
    expect((await ok(['storage', 'cat', 'gs://gcloud-files/small.txt'])).stdout).toBe('tiny');
  });

  it('--if-generation-match refuses to overwrite another generation (412), simple and resumable', async () => {
    const file = path.join(folder, 'package.tar.gz');
    await fs.writeFile(file, randomBytes(300 * 1024));
    const uri = 'gs://gcloud-files/packages/package.tar.gz';
    await ok(['storage', 'cp', '--if-generation-match=0', file, uri]);
    for (const extra of [{}, RESUMABLE]) {
      const again = await gcloud.run(
        ['storage', 'cp', '--if-generation-match=0', file, uri, PROJECT],
        extra,
      );
      expect(again.code).not.toBe(0);
      expect(again.stderr).toMatch(/412.*pre-conditions you specified did not hold/);
    }
    const {generation} = await gcloud.json<{generation: string}>([
      'storage',
      'objects',
      'describe',
      uri,
      PROJECT,
    ]);
    await ok(['storage', 'cp', `--if-generation-match=${generation}`, file, uri]);
    const removed = await gcloud.run(['storage', 'rm', '--if-generation-match=1', uri, PROJECT]);
    expect(removed.stderr).toMatch(/412/);
    await ok(['storage', 'cat', uri]);
  });

  it('keeps an object whose name has a segment over 255 bytes', async () => {
    const file = path.join(folder, 'long.txt');
    await fs.writeFile(file, 'long name');
    const uri = `gs://gcloud-files/runs/${'r'.repeat(300)}/metrics.json`;
    await ok(['storage', 'cp', file, uri]);
    expect((await ok(['storage', 'ls', 'gs://gcloud-files/runs/**'])).stdout.trim()).toBe(uri);
    expect((await ok(['storage', 'cat', uri])).stdout).toBe('long name');
    await ok(['storage', 'rm', uri]);
  });
});
