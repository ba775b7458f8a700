// The emulator's Cloud Storage JSON API through the official @google-cloud/storage client.
import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import {Storage} from '@google-cloud/storage';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {
  storageClientOptions,
  storageEndpoint,
} from '../../source/emulator/contract/storage-access.js';
import {Crc32c} from '../../source/emulator/storage/crc32c.js';
import {
  buildCreateCustomJobRequest,
  exampleDraft,
  isTerminalState,
} from '../../source/core/job-spec/index.js';
import {stagePackageLocally} from '../../source/services/vertex/package-staging.js';
import {
  EXAMPLE_PACKAGE,
  jobLogLines,
  startTestEmulator,
  waitFor,
  type TestEmulator,
} from '../helpers/emulator.js';

let env: TestEmulator;
let storage: Storage;
let service: {storagePort: number; key: string};

beforeAll(async () => {
  env = await startTestEmulator();
  service = {storagePort: env.emulator.storagePort, key: (env.backend as {key: string}).key};
  storage = new Storage(storageClientOptions(service, 'test-project'));
});
afterAll(async () => env?.close());

describe('Cloud Storage JSON API', () => {
  it('computes CRC32C as Cloud Storage does (RFC 3720 check value)', () => {
    expect(new Crc32c().update(Buffer.from('123456789')).value()).toBe(0xe3069283);
  });

  it('creates and gets a bucket; a second create is a conflict', async () => {
    const [bucket] = await storage.createBucket('alpha-bucket');
    expect(bucket.name).toBe('alpha-bucket');
    const [metadata] = await storage.bucket('alpha-bucket').getMetadata();
    expect(metadata.name).toBe('alpha-bucket');
    expect(await storage.bucket('alpha-bucket').exists()).toEqual([true]);
    expect(await storage.bucket('no-such-bucket').exists()).toEqual([false]);
    await expect(storage.createBucket('alpha-bucket')).rejects.toMatchObject({code: 409});
    const stat = await fs.stat(path.join(env.bucketRoot, 'alpha-bucket'));
    expect(stat.mode & 0o777).toBe(0o700);
  });

  it('uploads (simple and multi-chunk resumable), downloads with checksum validation, lists and deletes', async () => {
    const bucket = storage.bucket('alpha-bucket');
    await bucket.file('notes/small.txt').save('hello storage', {
      resumable: false,
      contentType: 'text/plain',
      metadata: {metadata: {owner: 'test'}},
    });
    const big = crypto.randomBytes(600 * 1024);
    // chunkSize forces several PUTs with Content-Range and 308 answers in between.
    await bucket.file('data/big.bin').save(big, {resumable: true, chunkSize: 256 * 1024});
    await bucket.file('data/part-2.csv').save('a,b\n1,2\n', {resumable: true});

    const [small] = await bucket.file('notes/small.txt').download();
    expect(small.toString()).toBe('hello storage');
    const [bigBack] = await bucket.file('data/big.bin').download();
    expect(Buffer.compare(bigBack, big)).toBe(0);
    const [meta] = await bucket.file('notes/small.txt').getMetadata();
    expect(meta.contentType).toBe('text/plain');
    expect(meta.size).toBe(String('hello storage'.length));
    expect(meta.metadata).toEqual({owner: 'test'});
    expect(meta.md5Hash).toBe(crypto.createHash('md5').update('hello storage').digest('base64'));
    // A ranged read.
    const [slice] = await bucket.file('data/big.bin').download({start: 10, end: 19});
    expect(Buffer.compare(slice, big.subarray(10, 20))).toBe(0);

    const [all] = await bucket.getFiles();
    expect(all.map((file) => file.name)).toEqual([
      'data/big.bin',
      'data/part-2.csv',
      'notes/small.txt',
    ]);
    const [, , top] = await bucket.getFiles({delimiter: '/', autoPaginate: false});
    expect((top as {prefixes?: string[]}).prefixes).toEqual(['data/', 'notes/']);
    const [dataFiles] = await bucket.getFiles({prefix: 'data/'});
    expect(dataFiles.map((file) => file.name)).toEqual(['data/big.bin', 'data/part-2.csv']);
    // Paging: one object per page, every object once.
    const [page1, next] = await bucket.getFiles({maxResults: 1, autoPaginate: false});
    expect(page1.map((file) => file.name)).toEqual(['data/big.bin']);
    const [page2] = await bucket.getFiles({...(next as object), autoPaginate: false});
    expect(page2.map((file) => file.name)).toEqual(['data/part-2.csv']);

    // The object is a plain file where local staging and the job runner look for it.
    expect(
      await fs.readFile(path.join(env.bucketRoot, 'alpha-bucket/notes/small.txt'), 'utf8'),
    ).toBe('hello storage');

    await bucket.file('notes/small.txt').delete();
    expect(await bucket.file('notes/small.txt').exists()).toEqual([false]);
    await expect(bucket.file('notes/small.txt').download()).rejects.toMatchObject({code: 404});
    await expect(bucket.delete()).rejects.toMatchObject({code: 409});
  });

  it('serves objects staged straight into the bucket folder (local staging) with their checksums', async () => {
    await stagePackageLocally(EXAMPLE_PACKAGE, 'gs://staged/pkg/trainer.tar.gz', env.bucketRoot);
    const [files] = await storage.bucket('staged').getFiles({prefix: 'pkg/'});
    expect(files.map((file) => file.name)).toEqual(['pkg/trainer.tar.gz']);
    const [bytes] = await files[0]!.download();
    const onDisk = await fs.readFile(path.join(env.bucketRoot, 'staged/pkg/trainer.tar.gz'));
    expect(Buffer.compare(bytes, onDisk)).toBe(0);
  });

  it('keeps empty "folder/" placeholder objects as folders, so objects below them still work', async () => {
    const bucket = storage.bucket('alpha-bucket');
    await bucket.file('tensorboard/').save('', {resumable: false});
    await bucket.file('tensorboard/events.out').save('event', {resumable: false});
    const [back] = await bucket.file('tensorboard/events.out').download();
    expect(back.toString()).toBe('event');
    await expect(
      bucket.file('notes2/').save('not empty', {resumable: false}),
    ).rejects.toMatchObject({
      code: 400,
      message: expect.stringContaining('must be empty'),
    });
  });

  it('refuses names that cannot be files, naming the rule', async () => {
    await expect(
      storage.bucket('alpha-bucket').file('a/../b').save('x', {resumable: false}),
    ).rejects.toMatchObject({code: 400, message: expect.stringContaining('".." segments')});
  });

  it('answers only the owner: no token, a wrong token or a wrong bearer key get 401', async () => {
    const root = `http://127.0.0.1:${service.storagePort}`;
    const plain = await fetch(`${root}/storage/v1/b/alpha-bucket`);
    expect(plain.status).toBe(401);
    expect(((await plain.json()) as {error: {message: string}}).error.message).toMatch(/owner/);
    const wrong = await fetch(`${root}/t/not-the-token/storage/v1/b/alpha-bucket`);
    expect(wrong.status).toBe(401);
    const badBearer = await fetch(`${root}/storage/v1/b/alpha-bucket`, {
      headers: {authorization: 'Bearer nope'},
    });
    expect(badBearer.status).toBe(401);
    const bearer = await fetch(`${root}/storage/v1/b/alpha-bucket`, {
      headers: {authorization: `Bearer ${service.key}`},
    });
    expect(bearer.status).toBe(200);
    const token = await fetch(`${storageEndpoint(service)}/storage/v1/b/alpha-bucket`);
    expect(token.status).toBe(200);
  });

  it('works the way STORAGE_EMULATOR_HOST users reach it (no /storage/v1 prefix)', async () => {
    const response = await fetch(`${storageEndpoint(service)}/b/alpha-bucket/o?prefix=data/`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as {items: {name: string; mediaLink: string}[]};
    expect(body.items.map((item) => item.name)).toEqual(['data/big.bin', 'data/part-2.csv']);
    const media = await fetch(body.items[1]!.mediaLink);
    expect(await media.text()).toBe('a,b\n1,2\n');
  });

  it('gives replicas gs:// AIP_MODEL_DIR and STORAGE_EMULATOR_HOST: the example trainer uploads its model', async () => {
    await storage.createBucket('model-out');
    const draft = {
      ...exampleDraft({
        project: 'test-project',
        region: 'us-central1',
        packagePath: EXAMPLE_PACKAGE,
        stagingBucket: 'staging',
      }),
      baseOutputDirectory: 'gs://model-out/run1',
    };
    const request = buildCreateCustomJobRequest(draft);
    const primary = request.customJob.jobSpec.workerPoolSpecs[0]!.pythonPackageSpec!;
    await stagePackageLocally(EXAMPLE_PACKAGE, primary.packageUris[0]!, env.bucketRoot);
    primary.args = ['--epochs=2'];
    const [created] = await env.clients.jobs.createCustomJob(request as never);
    const job = await waitFor(
      async () => {
        const [current] = await env.clients.jobs.getCustomJob({name: created.name as string});
        return isTerminalState(String(current.state) as never) ? current : undefined;
      },
      45_000,
      'the job to finish',
    );
    const id = String(created.name).split('/').pop() as string;
    const lines = await jobLogLines(env.clients, id);
    expect(job.state, lines.map((line) => line.message).join('\n')).toBe('JOB_STATE_SUCCEEDED');
    expect(
      lines.some(
        (line) => line.message === 'model written to gs://model-out/run1/model/model.json',
      ),
    ).toBe(true);
    const [model] = await storage.bucket('model-out').file('run1/model/model.json').download();
    expect(JSON.parse(model.toString()).weights).toHaveLength(3);
  });
});
