import {execFileSync} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {exampleDraft, type JobDraft} from '../../source/core/job-spec/index.js';
import {
  buildPackageArchive,
  PackageFolderError,
} from '../../source/services/backend/package-archive.js';
import {
  bucketProblem,
  folderObjectStore,
  type BucketInfo,
  type ObjectStore,
} from '../../source/services/backend/object-store.js';
import {
  previewStagedDraft,
  stageDraftPackages,
  StagingError,
  type StageProgress,
} from '../../source/services/backend/stage-packages.js';

const EXAMPLE = path.resolve(import.meta.dirname, '../../examples/distributed-linear');
let tmp: string;
beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'vtrain-staging-'));
});
afterEach(() => fs.rmSync(tmp, {recursive: true, force: true}));

/**
 * An interpreter that can build an sdist offline (pip with setuptools and wheel, no build
 * isolation, which would download them): Debian's /usr/bin/python3 has them.
 */
function pipPython(): string {
  for (const candidate of [process.env.VTRAIN_PIP_PYTHON, '/usr/bin/python3', 'python3']) {
    if (!candidate) continue;
    try {
      execFileSync(candidate, ['-c', 'import setuptools, wheel, pip'], {stdio: 'ignore'});
      return candidate;
    } catch {
      // try the next one
    }
  }
  throw new Error(
    'no python3 with pip, setuptools and wheel to install the archive offline: apt-get install python3-pip python3-wheel, or set VTRAIN_PIP_PYTHON',
  );
}

function copyExample(): string {
  const folder = path.join(tmp, 'distributed-linear');
  fs.cpSync(EXAMPLE, folder, {recursive: true});
  return folder;
}

function draftFor(folder: string): JobDraft {
  return exampleDraft({
    project: 'my-proj-42',
    region: 'us-central1',
    packagePath: folder,
    stagingBucket: 'my-staging',
  });
}

describe('package archive', () => {
  it('is an sdist that pip installs offline, with the trainer module importable', async () => {
    {
      const python = pipPython();
      const archive = await buildPackageArchive(copyExample());
      try {
        expect(archive.objectFileName).toMatch(/^distributed-linear-[0-9a-f]{12}\.tar\.gz$/);
        const target = path.join(tmp, 'site');
        execFileSync(
          python,
          [
            '-m',
            'pip',
            'install',
            '--no-index',
            '--no-deps',
            '--no-build-isolation',
            '--quiet',
            '--target',
            target,
            archive.file,
          ],
          {
            env: {...process.env, PIP_DISABLE_PIP_VERSION_CHECK: '1', PIP_NO_INPUT: '1'},
            stdio: 'pipe',
          },
        );
        const found = execFileSync(
          python,
          ['-c', 'import trainer.task, sys; print(trainer.task.__file__)'],
          {env: {...process.env, PYTHONPATH: target}, cwd: tmp},
        ).toString();
        expect(found.trim().startsWith(target)).toBe(true);
      } finally {
        await archive.dispose();
      }
      expect(fs.existsSync(archive.file)).toBe(false);
    }
  }, 60_000);

  it('names the archive by content: same files → same hash, any change → another', async () => {
    const folder = copyExample();
    const first = await buildPackageArchive(folder);
    // Timestamps and build leftovers do not count.
    fs.utimesSync(path.join(folder, 'setup.py'), new Date(2001, 1, 1), new Date(2001, 1, 1));
    fs.mkdirSync(path.join(folder, 'trainer', '__pycache__'), {recursive: true});
    fs.writeFileSync(path.join(folder, 'trainer', '__pycache__', 'task.cpython-311.pyc'), 'x');
    const same = await buildPackageArchive(folder);
    fs.appendFileSync(path.join(folder, 'trainer', 'task.py'), '\n# changed\n');
    const changed = await buildPackageArchive(folder);
    expect(same.sha256).toBe(first.sha256);
    expect(changed.sha256).not.toBe(first.sha256);
    await Promise.all([first, same, changed].map((a) => a.dispose()));
  });

  it('refuses a folder pip cannot install, and symbolic links, saying how to fix', async () => {
    fs.mkdirSync(path.join(tmp, 'empty'));
    await expect(buildPackageArchive(path.join(tmp, 'empty'))).rejects.toThrow(
      /neither setup.py nor pyproject.toml/,
    );
    await expect(buildPackageArchive(path.join(tmp, 'missing'))).rejects.toThrow(
      PackageFolderError,
    );
    const folder = copyExample();
    fs.symlinkSync('/etc/passwd', path.join(folder, 'trainer', 'link'));
    await expect(buildPackageArchive(folder)).rejects.toThrow(/symbolic link \(trainer\/link\)/);
  });
});

describe('staging a draft', () => {
  it('uploads once, then skips the same content, and rewrites the package URI', async () => {
    const folder = copyExample();
    const store = folderObjectStore(path.join(tmp, 'buckets'));
    const events: StageProgress[] = [];
    const first = await stageDraftPackages(draftFor(folder), store, {
      region: 'us-central1',
      onProgress: (event) => events.push(event),
    });
    expect(first.staged).toHaveLength(1);
    const [staged] = first.staged;
    expect(staged!.uploaded).toBe(true);
    expect(staged!.uri).toMatch(
      /^gs:\/\/my-staging\/vtrain-packages\/distributed-linear-[0-9a-f]{12}\.tar\.gz$/,
    );
    for (const pool of first.draft.workerPools)
      expect(pool?.task.kind === 'python-package' && pool.task.packageUris[0]).toBe(staged!.uri);
    expect(events.map((e) => e.phase)).toEqual(['packing', 'checking', 'uploading', 'uploaded']);
    expect(events.at(-1)!.bytesSent).toBe(staged!.sizeBytes);

    const again = await stageDraftPackages(draftFor(folder), store, {region: 'us-central1'});
    expect(again.staged[0]).toMatchObject({uri: staged!.uri, uploaded: false});
  });

  it('previews exactly the draft staging submits, without packing or uploading', async () => {
    const folder = copyExample();
    const store = folderObjectStore(path.join(tmp, 'buckets'));
    const draft = draftFor(folder);
    const preview = await previewStagedDraft(draft);
    expect(fs.existsSync(path.join(tmp, 'buckets'))).toBe(false); // nothing uploaded
    const staged = await stageDraftPackages(draft, store, {region: 'us-central1'});
    expect(preview).toEqual(staged.draft);
    // With a resolved staging bucket, both use it.
    const other = await previewStagedDraft(draft, {stagingBucket: 'gs://other-bucket'});
    expect(JSON.stringify(other)).toContain(
      'gs://other-bucket/vtrain-packages/distributed-linear-',
    );
    // A change to the code changes the previewed name, as it changes the staged one.
    fs.appendFileSync(path.join(folder, 'trainer', 'task.py'), '\n# changed\n');
    const changed = await previewStagedDraft(draft);
    expect(changed).not.toEqual(preview);
    expect(changed).toEqual(
      (await stageDraftPackages(draft, store, {region: 'us-central1'})).draft,
    );
    // A folder that cannot be staged fails the preview with the same message as staging.
    await expect(previewStagedDraft(draftFor(path.join(tmp, 'missing')))).rejects.toThrow(
      /does not exist or is not a folder/,
    );
  });

  it('stops before uploading when the bucket is missing, read-only or in another location', async () => {
    const folder = copyExample();
    const fake = (info: BucketInfo): ObjectStore & {uploads: number} => ({
      description: 'fake',
      uploads: 0,
      describeBucket: async () => info,
      exists: async () => false,
      async upload() {
        this.uploads++;
      },
    });
    for (const info of [
      {exists: false},
      {exists: true, writable: false},
      {exists: true, location: 'US', locationType: 'multi-region'},
      {exists: true, location: 'EUROPE-WEST4', locationType: 'region'},
    ]) {
      const store = fake(info);
      await expect(
        stageDraftPackages(draftFor(folder), store, {region: 'us-central1'}),
      ).rejects.toThrow(StagingError);
      expect(store.uploads).toBe(0);
    }
    const ok = fake({
      exists: true,
      location: 'US-CENTRAL1',
      locationType: 'region',
      writable: true,
    });
    await stageDraftPackages(draftFor(folder), ok, {region: 'us-central1'});
    expect(ok.uploads).toBe(1);
  });

  it('explains each bucket problem with its fix', () => {
    expect(bucketProblem('b', {exists: false}, 'us-central1')).toMatch(
      /does not exist.*gcloud storage buckets create gs:\/\/b --location=us-central1/,
    );
    expect(bucketProblem('b', {exists: true, writable: false}, 'us-central1')).toMatch(
      /storage.objects.create/,
    );
    expect(
      bucketProblem(
        'b',
        {exists: true, location: 'US', locationType: 'multi-region'},
        'us-central1',
      ),
    ).toMatch(/is in US \(multi-region\).*single-region bucket in the job's region us-central1/);
    expect(
      bucketProblem(
        'b',
        {exists: true, location: 'US-CENTRAL1', locationType: 'region'},
        'us-central1',
      ),
    ).toBeUndefined();
  });

  it('asks for a staging bucket when the draft names none', async () => {
    const draft = draftFor(copyExample());
    const pool = draft.workerPools[0]!;
    if (pool.task.kind === 'python-package') pool.task.packageUris = [];
    await expect(
      stageDraftPackages(draft, folderObjectStore(tmp), {region: 'us-central1'}),
    ).rejects.toThrow(/workerPools\[0\].*--staging-bucket/);
  });
});
