// Issue #23 item 6: package archives (tens of MB) must not pile up in the temp folder when a
// submit is interrupted. The archive's folder goes with the process on SIGINT (which still ends
// it), and the next build sweeps folders that dead processes left once they are older than the
// bound, keeping fresh ones and those of live processes.
import {spawn, spawnSync} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {createInterface} from 'node:readline';
import {build} from 'esbuild';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {STALE_ARCHIVE_MS} from '../../source/services/backend/archive-temp.js';
import {buildPackageArchive} from '../../source/services/backend/package-archive.js';

let tmp: string;
let packageFolder: string;
const originalTmp = process.env.TMPDIR;

beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'vtrain-archive-test-'));
  packageFolder = path.join(tmp, 'pkg');
  fs.mkdirSync(path.join(packageFolder, 'trainer'), {recursive: true});
  fs.writeFileSync(path.join(packageFolder, 'setup.py'), 'from setuptools import setup\nsetup()\n');
  fs.writeFileSync(path.join(packageFolder, 'trainer', '__init__.py'), '');
  // Archives go to os.tmpdir(), which follows TMPDIR.
  process.env.TMPDIR = path.join(tmp, 'temp');
  fs.mkdirSync(process.env.TMPDIR);
});
afterAll(() => {
  if (originalTmp === undefined) delete process.env.TMPDIR;
  else process.env.TMPDIR = originalTmp;
  fs.rmSync(tmp, {recursive: true, force: true});
});

const archives = () =>
  fs.readdirSync(process.env.TMPDIR!).filter((name) => name.startsWith('vtrain-archive-'));

describe('package archive folders', () => {
  it('are removed when the process is interrupted, and the signal still ends it', async () => {
    const bundle = path.join(tmp, 'stage.mjs');
    await build({
      stdin: {
        contents: `import {buildPackageArchive} from ${JSON.stringify(path.resolve('source/services/backend/package-archive.ts'))};
const archive = await buildPackageArchive(process.argv[2]);
process.stdout.write(archive.file + '\\n');
setInterval(() => undefined, 1000);`,
        resolveDir: process.cwd(),
        loader: 'ts',
      },
      bundle: true,
      platform: 'node',
      format: 'esm',
      outfile: bundle,
      logLevel: 'silent',
    });
    const child = spawn(process.execPath, [bundle, packageFolder], {
      env: {...process.env},
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const file = await new Promise<string>((resolve) =>
      createInterface({input: child.stdout}).once('line', resolve),
    );
    expect(fs.existsSync(file)).toBe(true);
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      child.once('exit', (_code, signal) => resolve(signal)),
    );
    child.kill('SIGINT');
    expect(await exited).toBe('SIGINT');
    expect(fs.existsSync(path.dirname(file))).toBe(false);
  });

  it('that dead processes left are swept by the next build once older than the bound', async () => {
    const dead = spawnSync(process.execPath, ['-e', '']).pid;
    const old = new Date(Date.now() - STALE_ARCHIVE_MS - 60_000);
    const dirs = {
      deadOld: `vtrain-archive-${dead}-aaaaaa`,
      deadFresh: `vtrain-archive-${dead}-bbbbbb`,
      liveOld: `vtrain-archive-${process.pid}-cccccc`,
      legacyOld: 'vtrain-archive-dddddd',
    };
    for (const [key, name] of Object.entries(dirs)) {
      const dir = path.join(process.env.TMPDIR!, name);
      fs.mkdirSync(dir);
      fs.writeFileSync(path.join(dir, 'x.tar.gz'), 'x');
      if (key !== 'deadFresh') fs.utimesSync(dir, old, old);
    }
    const archive = await buildPackageArchive(packageFolder);
    const made = path.basename(path.dirname(archive.file));
    expect(made).toMatch(new RegExp(`^vtrain-archive-${process.pid}-`));
    expect(archives().sort()).toEqual([dirs.deadFresh, dirs.liveOld, made].sort());
    await archive.dispose();
    expect(archives().sort()).toEqual([dirs.deadFresh, dirs.liveOld].sort());
  });
});
