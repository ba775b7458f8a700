// Staging through @google-cloud/storage against the emulator's Cloud Storage JSON API: byte
// progress (a resumable upload for a large package), no upload when the same content is there
// (found before, or refused with 412 by the create-only precondition), and a bucket in another
// location refused before any byte is sent.
import {randomBytes} from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {EXAMPLE_PACKAGE, startTestEmulator, type TestEmulator} from '../helpers/emulator.js';
import {gcsObjectStore, type ObjectStore} from '../../source/services/backend/object-store.js';
import {
  stageDraftPackages,
  type StageProgress,
} from '../../source/services/backend/stage-packages.js';
import {storageClientOptions} from '../../source/emulator/contract/storage-access.js';
import {exampleDraft} from '../../source/core/job-spec/index.js';

let env: TestEmulator;
let store: ObjectStore;
let tmp: string;

beforeAll(async () => {
  env = await startTestEmulator();
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'vtrain-staging-gcs-'));
  const key = (env.backend as {key: string}).key;
  store = await gcsObjectStore(
    storageClientOptions({storagePort: env.emulator.storagePort, key}, 'test-project'),
  );
  const {Storage} = await import('@google-cloud/storage');
  await new Storage(
    storageClientOptions({storagePort: env.emulator.storagePort, key}, 'test-project'),
  )
    .bucket('staging-us')
    .create();
});
afterAll(async () => {
  await env?.close();
  fs.rmSync(tmp, {recursive: true, force: true});
});

function draftFor(folder: string, region = 'us-central1') {
  return exampleDraft({
    project: 'test-project',
    region,
    packagePath: folder,
    stagingBucket: 'staging-us',
  });
}

describe('staging through @google-cloud/storage', () => {
  it('uploads a large package with growing byte progress, then skips the same content', async () => {
    const folder = path.join(tmp, 'big-package');
    fs.cpSync(EXAMPLE_PACKAGE, folder, {recursive: true});
    // Incompressible data so the archive is over the resumable threshold (8 MB).
    fs.writeFileSync(path.join(folder, 'trainer', 'weights.bin'), randomBytes(9 << 20));
    const events: StageProgress[] = [];
    const first = await stageDraftPackages(draftFor(folder), store, {
      region: 'us-central1',
      onProgress: (event) => events.push(event),
    });
    const [staged] = first.staged;
    expect(staged).toMatchObject({uploaded: true});
    expect(staged!.sizeBytes).toBeGreaterThan(8 << 20);
    const uploading = events.filter((e) => e.phase === 'uploading').map((e) => e.bytesSent);
    expect(uploading.length).toBeGreaterThan(0);
    expect([...uploading].sort((a, b) => a - b)).toEqual(uploading);
    expect(events.at(-1)).toMatchObject({phase: 'uploaded', bytesSent: staged!.sizeBytes});
    const object = staged!.uri.replace('gs://staging-us/', '');
    expect(await store.exists('staging-us', object)).toBe(true);
    expect(fs.statSync(path.join(env.bucketRoot, 'staging-us', object)).size).toBe(
      staged!.sizeBytes,
    );

    const phases: string[] = [];
    const again = await stageDraftPackages(draftFor(folder), store, {
      region: 'us-central1',
      onProgress: (event) => phases.push(event.phase),
    });
    expect(again.staged[0]).toMatchObject({uri: staged!.uri, uploaded: false});
    expect(phases).not.toContain('uploading');
    expect(phases).toContain('skipped');
  });

  it('takes a package staged meanwhile by another uploader (412 on create-only) as staged', async () => {
    // exists() said no, then a racing uploader of the same content hash wrote it first: Cloud
    // Storage refuses the ifGenerationMatch=0 upload with 412, for simple and resumable uploads.
    for (const [object, size] of [
      ['vtrain-packages/race-small.tar.gz', 1024],
      ['vtrain-packages/race-large.tar.gz', 9 << 20],
    ] as const) {
      const file = path.join(tmp, path.basename(object));
      fs.writeFileSync(file, randomBytes(size));
      await store.upload(file, 'staging-us', object);
      const sent: number[] = [];
      await expect(
        store.upload(file, 'staging-us', object, (bytes) => sent.push(bytes)),
      ).resolves.toBeUndefined();
      expect(sent.at(-1)).toBe(size);
      const stored = fs.readFileSync(path.join(env.bucketRoot, 'staging-us', object));
      expect(stored.equals(fs.readFileSync(file))).toBe(true);
    }
  });

  it('refuses a bucket in another location before uploading, naming the fix', async () => {
    const folder = path.join(tmp, 'small-package');
    fs.cpSync(EXAMPLE_PACKAGE, folder, {recursive: true});
    fs.appendFileSync(path.join(folder, 'trainer', 'task.py'), '\n# europe\n');
    const phases: string[] = [];
    await expect(
      stageDraftPackages(draftFor(folder, 'europe-west4'), store, {
        region: 'europe-west4',
        onProgress: (event) => phases.push(event.phase),
      }),
    ).rejects.toThrow(
      /gs:\/\/staging-us is in US-CENTRAL1.*single-region bucket in the job's region europe-west4/,
    );
    expect(phases).toEqual([]);
  });

  it('reports a missing bucket with the create command', async () => {
    const folder = path.join(tmp, 'small-package');
    await expect(
      stageDraftPackages(draftFor(folder), store, {
        region: 'us-central1',
        stagingBucket: 'no-such-bucket',
      }),
    ).rejects.toThrow(/gs:\/\/no-such-bucket does not exist.*--location=us-central1/);
  });
});
