// What `w` writes from the review's gcloud view: the command as a script beside the config file,
// readable like source (0644 under the usual umask) but never executable, and written whole.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {
  exampleDraft,
  gcloudCommandScript,
  gcloudCreateArgv,
} from '../../../source/core/job-spec/index.js';
import {
  defaultWritePath,
  writeCommandScript,
  writeConfigFile,
} from '../../../source/ui/screens/wizard/job-files.js';
import {bashArgv} from '../../helpers/shell-argv.js';

const draft = exampleDraft({
  project: 'my-project',
  region: 'us-central1',
  packagePath: '/pkg',
  stagingBucket: 'bucket-b',
  now: new Date('2026-12-01T10:00:00Z'),
});

let dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.map((dir) => fs.rm(dir, {recursive: true, force: true})));
  dirs = [];
});

async function tempDir(): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'vtrain-files-'));
  dirs.push(dir);
  return dir;
}

describe('writing the command as a script', () => {
  it('suggests gcloud-command.sh from the gcloud view, the config file otherwise', () => {
    expect(defaultWritePath(draft, 'command')).toBe('gcloud-command.sh');
    expect(defaultWritePath(draft, 'config')).toMatch(/^example-linear-[\w-]+\.yaml$/);
  });

  it('writes the script text with mode 0644 (not executable), and bash reads the command', async () => {
    const dir = await tempDir();
    const written = await writeCommandScript(draft, path.join(dir, 'sub', 'gcloud-command.sh'));
    expect(written).toBe(path.join(dir, 'sub', 'gcloud-command.sh'));
    const text = await fs.readFile(written, 'utf8');
    expect(text).toBe(gcloudCommandScript(draft));
    const {mode} = await fs.stat(written);
    expect(mode & 0o777).toBe(0o644 & ~process.umask());
    expect(mode & 0o111).toBe(0);
    expect(bashArgv(text)).toEqual(gcloudCreateArgv(draft));
    // Nothing left behind from the temporary file.
    expect(await fs.readdir(path.dirname(written))).toEqual(['gcloud-command.sh']);
  });

  it('keeps config files private (0600), as before', async () => {
    const dir = await tempDir();
    const written = await writeConfigFile(draft, path.join(dir, 'job.yaml'));
    expect((await fs.stat(written)).mode & 0o777).toBe(0o600 & ~process.umask());
  });
});
