// The emulator's Cloud Storage held to what Cloud Storage enforces and accepts, each rule beside
// its Google source: request preconditions on uploads, reads, patches and deletes
// (https://cloud.google.com/storage/docs/request-preconditions), object names up to 1024 bytes
// with segments longer than a file name (https://cloud.google.com/storage/docs/objects#naming),
// and the upload framings real clients send (gcloud's apitools, gzip in flight, resumable PUTs).
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {gzipSync} from 'node:zlib';
import {Storage} from '@google-cloud/storage';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {localObjectPath} from '../../source/core/job-spec/index.js';
import {
  storageClientOptions,
  storageEndpoint,
} from '../../source/emulator/contract/storage-access.js';
import {ObjectStore} from '../../source/emulator/storage/object-store.js';
import {
  startStorageServer,
  type RunningStorageServer,
} from '../../source/emulator/storage/storage-server.js';

const KEY = 'storage-fidelity-test-key';
let dataDir: string;
let bucketRoot: string;
let server: RunningStorageServer;
let storage: Storage;
let base: string;

beforeAll(async () => {
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'vtrain-gcs-fidelity-'));
  bucketRoot = path.join(dataDir, 'buckets');
  const store = new ObjectStore(bucketRoot, path.join(dataDir, 'emulator', 'objects'));
  server = await startStorageServer({key: KEY, port: 0, projectNumber: '0', store});
  const service = {storagePort: server.port, key: KEY};
  storage = new Storage({
    ...storageClientOptions(service, 'test-project'),
    retryOptions: {maxRetries: 0},
  });
  base = storageEndpoint(service);
  await storage.createBucket('fidelity');
});
afterAll(async () => {
  await server?.stop();
  await fs.rm(dataDir, {recursive: true, force: true});
});

const bucket = () => storage.bucket('fidelity');
const objectUrl = (name: string, query = '') =>
  `${base}/storage/v1/b/fidelity/o/${encodeURIComponent(name)}${query}`;
const uploadUrl = (query: string) => `${base}/upload/storage/v1/b/fidelity/o?${query}`;
const generationOf = async (name: string) =>
  String((await bucket().file(name).getMetadata())[0].generation);
const contentOf = async (name: string) => (await bucket().file(name).download())[0].toString();

/** Google's 412 body (errorBody in resources.ts), with no server path in it. */
async function expect412(response: Response) {
  expect(response.status).toBe(412);
  const body = (await response.json()) as {
    error: {code: number; message: string; errors: {reason: string; domain: string}[]};
  };
  expect(body.error.code).toBe(412);
  expect(body.error.message).toMatch(/^At least one of the pre-conditions you specified/);
  expect(body.error.errors[0]).toMatchObject({reason: 'conditionNotMet', domain: 'global'});
  expect(body.error.message).not.toContain(dataDir);
}

describe('request preconditions', () => {
  it('ifGenerationMatch=0 creates once and then refuses every upload type with 412, the object unchanged', async () => {
    await bucket()
      .file('pkg.tar.gz')
      .save('first', {resumable: false, preconditionOpts: {ifGenerationMatch: 0}});
    // The Node client: multipart and (chunked) resumable.
    await expect(
      bucket()
        .file('pkg.tar.gz')
        .save('second', {resumable: false, preconditionOpts: {ifGenerationMatch: 0}}),
    ).rejects.toMatchObject({code: 412});
    await expect(
      bucket()
        .file('pkg.tar.gz')
        .save(Buffer.alloc(300 * 1024, 1), {
          resumable: true,
          chunkSize: 256 * 1024,
          preconditionOpts: {ifGenerationMatch: 0},
        }),
    ).rejects.toMatchObject({code: 412});
    // A media upload.
    await expect412(
      await fetch(uploadUrl('uploadType=media&name=pkg.tar.gz&ifGenerationMatch=0'), {
        method: 'POST',
        body: 'third',
      }),
    );
    expect(await contentOf('pkg.tar.gz')).toBe('first');
  });

  it('ifGenerationMatch=N replaces generation N only; ifMetagenerationMatch guards patches', async () => {
    await bucket().file('model.txt').save('v1', {resumable: false});
    const first = await generationOf('model.txt');
    await bucket()
      .file('model.txt')
      .save('v2', {resumable: false, preconditionOpts: {ifGenerationMatch: Number(first)}});
    expect(await contentOf('model.txt')).toBe('v2');
    await expect412(
      await fetch(uploadUrl(`uploadType=media&name=model.txt&ifGenerationMatch=${first}`), {
        method: 'POST',
        body: 'stale writer',
      }),
    );
    // A patch raises the metageneration, so the second patch with the old one fails.
    const patch = (metageneration: number) =>
      fetch(objectUrl('model.txt', `?ifMetagenerationMatch=${metageneration}`), {
        method: 'PATCH',
        headers: {'content-type': 'application/json'},
        body: JSON.stringify({metadata: {step: String(metageneration)}}),
      });
    const patched = await patch(1);
    expect(patched.status).toBe(200);
    expect(await patched.json()).toMatchObject({metageneration: '2', metadata: {step: '1'}});
    await expect412(await patch(1));
    // A new generation starts again at metageneration 1.
    await bucket().file('model.txt').save('v3', {resumable: false});
    expect((await bucket().file('model.txt').getMetadata())[0].metageneration).toBe('1');
  });

  it('reads answer 412 for *Match and 304 (no body) for *NotMatch; deletes obey them too', async () => {
    await bucket().file('read.txt').save('data', {resumable: false});
    const generation = await generationOf('read.txt');
    await expect412(await fetch(objectUrl('read.txt', '?ifGenerationMatch=1')));
    await expect412(await fetch(objectUrl('read.txt', '?alt=media&ifMetagenerationMatch=7')));
    for (const query of [
      `?ifGenerationNotMatch=${generation}`,
      '?alt=media&ifMetagenerationNotMatch=1',
    ]) {
      const response = await fetch(objectUrl('read.txt', query));
      expect(response.status).toBe(304);
      expect(await response.text()).toBe('');
    }
    const fresh = await fetch(objectUrl('read.txt', '?alt=media&ifGenerationNotMatch=1'));
    expect(await fresh.text()).toBe('data');
    // A missing object is 404 before any precondition.
    expect((await fetch(objectUrl('nothing.txt', '?ifGenerationMatch=0'))).status).toBe(404);
    await expect412(await fetch(objectUrl('read.txt', '?ifGenerationMatch=1'), {method: 'DELETE'}));
    expect(await contentOf('read.txt')).toBe('data');
    const deleted = await fetch(objectUrl('read.txt', `?ifGenerationMatch=${generation}`), {
      method: 'DELETE',
    });
    expect(deleted.status).toBe(204);
  });

  it('checks a resumable upload when its last byte arrives, and keeps refusing that session', async () => {
    const started = await fetch(
      uploadUrl('uploadType=resumable&name=race.bin&ifGenerationMatch=0'),
      {
        method: 'POST',
        headers: {'content-type': 'application/json'},
        body: '{}',
      },
    );
    expect(started.status).toBe(200);
    const session = started.headers.get('location') as string;
    const chunk = await fetch(session, {
      method: 'PUT',
      headers: {'content-range': 'bytes 0-3/8'},
      body: 'abcd',
    });
    expect(chunk.status).toBe(308);
    // Another writer creates the object meanwhile.
    await bucket().file('race.bin').save('winner', {resumable: false});
    await expect412(
      await fetch(session, {
        method: 'PUT',
        headers: {'content-range': 'bytes 4-7/8'},
        body: 'efgh',
      }),
    );
    expect(await contentOf('race.bin')).toBe('winner');
    // The session keeps its preconditions: asking again gets the same 412.
    await expect412(await fetch(session, {method: 'PUT', headers: {'content-range': 'bytes */8'}}));
    // A cancelled session is gone (410).
    const other = await fetch(uploadUrl('uploadType=resumable&name=other.bin'), {method: 'POST'});
    const cancelled = other.headers.get('location') as string;
    expect((await fetch(cancelled, {method: 'DELETE'})).status).toBe(499);
    expect((await fetch(cancelled, {method: 'PUT', body: 'late'})).status).toBe(410);
    // No partial file is left behind.
    expect(await fs.readdir(path.join(dataDir, 'emulator', 'objects', 'uploads'))).toEqual([]);
  });

  it('refuses a precondition that is not a whole number, naming it', async () => {
    const response = await fetch(uploadUrl('uploadType=media&name=x&ifGenerationMatch=latest'), {
      method: 'POST',
      body: 'x',
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as {error: {message: string}}).error.message).toMatch(
      /ifGenerationMatch: "latest".*whole number/,
    );
  });
});

describe('object names', () => {
  const long = (char: string, bytes: number) => char.repeat(bytes / Buffer.byteLength(char));

  it('stores segments over 255 bytes (any UTF-8) and names up to 1024 bytes, and lists them back exactly', async () => {
    const names = [
      `runs/${long('a', 300)}/model.bin`,
      `runs/${long('é', 600)}`,
      // Exactly 1024 bytes: four long segments.
      [long('b', 255), long('c', 256), long('d', 256), long('e', 254)].join('/'),
    ];
    expect(Buffer.byteLength(names[2] as string)).toBe(1024);
    for (const name of names) {
      await bucket().file(name).save(`content of ${name.length}`, {resumable: false});
      expect(await contentOf(name)).toBe(`content of ${name.length}`);
    }
    const [files] = await bucket().getFiles({prefix: 'runs/'});
    expect(files.map((file) => file.name).sort()).toEqual(names.slice(0, 2).sort());
    const [all] = await bucket().getFiles();
    expect(all.map((file) => file.name)).toContain(names[2]);
    // The job runner finds the same file through localObjectPath (staged packages, outputs).
    const onDisk = await fs.readFile(localObjectPath(bucketRoot, `gs://fidelity/${names[0]}`));
    expect(onDisk.toString()).toBe(`content of ${(names[0] as string).length}`);
    for (const name of names) await bucket().file(name).delete();
    expect((await bucket().getFiles({prefix: 'runs/'}))[0]).toEqual([]);
    expect(await fs.readdir(path.join(bucketRoot, 'fidelity'))).not.toContain('runs');
  });

  it('refuses names over 1024 bytes with a 400 that names the limit and no server path', async () => {
    const name = `${long('x', 200)}/${long('y', 824)}`;
    const response = await fetch(uploadUrl(`uploadType=media&name=${encodeURIComponent(name)}`), {
      method: 'POST',
      body: 'x',
    });
    expect(response.status).toBe(400);
    const text = await response.text();
    expect(text).toMatch(/1025 bytes of UTF-8; Cloud Storage allows at most 1024/);
    expect(text).not.toContain(dataDir);
    // The suffix that marks a continued segment on disk is the one name the emulator reserves.
    await expect(
      bucket().file('a.vtrain-more/b').save('x', {resumable: false}),
    ).rejects.toMatchObject({
      code: 400,
      message: expect.stringMatching(/\.vtrain-more is reserved/),
    });
  });
});

describe('upload framings', () => {
  it("takes gcloud's multipart body (single-quoted boundary, LF) and its /resumable/upload path", async () => {
    const boundary = '===============0123456789==';
    const body = `--${boundary}\nContent-Type: application/json\nMIME-Version: 1.0\n\n{"name": "g.txt", "contentType": "text/plain"}\n--${boundary}\nContent-Type: text/plain\nMIME-Version: 1.0\nContent-Transfer-Encoding: binary\n\nhello\n\n--${boundary}--\n`;
    const multipart = await fetch(uploadUrl('uploadType=multipart&alt=json'), {
      method: 'POST',
      headers: {'content-type': `multipart/related; boundary='${boundary}'`},
      body,
    });
    expect(multipart.status).toBe(200);
    expect(await contentOf('g.txt')).toBe('hello\n');
    const started = await fetch(
      `${base}/resumable/upload/storage/v1/b/fidelity/o?alt=json&uploadType=resumable`,
      {method: 'POST', headers: {'content-type': 'application/json'}, body: '{"name":"r.txt"}'},
    );
    expect(started.status).toBe(200);
    const put = await fetch(started.headers.get('location') as string, {
      method: 'PUT',
      headers: {'content-range': 'bytes 0-1/2'},
      body: 'ok',
    });
    expect(put.status).toBe(200);
    expect(await contentOf('r.txt')).toBe('ok');
  });

  it('undoes gzip in flight (gcloud --gzip-in-flight): media, multipart and each resumable chunk', async () => {
    const media = await fetch(uploadUrl('uploadType=media&name=z1.txt'), {
      method: 'POST',
      headers: {'content-encoding': 'gzip', 'content-type': 'text/plain'},
      body: gzipSync('zipped media'),
    });
    expect(media.status).toBe(200);
    expect(await contentOf('z1.txt')).toBe('zipped media');
    const multipart = await fetch(uploadUrl('uploadType=multipart'), {
      method: 'POST',
      headers: {'content-encoding': 'gzip', 'content-type': 'multipart/related; boundary=b'},
      body: gzipSync('--b\r\n\r\n{"name":"z2.txt"}\r\n--b\r\n\r\nzipped parts\r\n--b--'),
    });
    expect(multipart.status).toBe(200);
    expect(await contentOf('z2.txt')).toBe('zipped parts');
    // Each chunk is its own gzip stream; Content-Range counts the uncompressed bytes.
    const started = await fetch(uploadUrl('uploadType=resumable&name=z3.txt'), {method: 'POST'});
    const session = started.headers.get('location') as string;
    const first = await fetch(session, {
      method: 'PUT',
      headers: {'content-encoding': 'gzip', 'content-range': 'bytes 0-5/*'},
      body: gzipSync('chunk1'),
    });
    expect(first.status).toBe(308);
    expect(first.headers.get('range')).toBe('bytes=0-5');
    const last = await fetch(session, {
      method: 'PUT',
      headers: {'content-encoding': 'gzip', 'content-range': 'bytes 6-11/12'},
      body: gzipSync('chunk2'),
    });
    expect(last.status).toBe(200);
    expect(await contentOf('z3.txt')).toBe('chunk1chunk2');
    const broken = await fetch(uploadUrl('uploadType=media&name=z4.txt'), {
      method: 'POST',
      headers: {'content-encoding': 'gzip'},
      body: 'not gzip',
    });
    expect(broken.status).toBe(400);
    expect(await broken.text()).toMatch(/not valid gzip/);
  });

  it('answers a completed session with its object, as a status check after a lost response needs', async () => {
    const started = await fetch(uploadUrl('uploadType=resumable&name=done.txt'), {method: 'POST'});
    const session = started.headers.get('location') as string;
    const put = await fetch(session, {method: 'PUT', body: 'all of it'});
    expect(put.status).toBe(200);
    const status = await fetch(session, {method: 'PUT', headers: {'content-range': 'bytes */9'}});
    expect(status.status).toBe(200);
    expect(await status.json()).toMatchObject({name: 'done.txt', size: '9'});
  });
});
