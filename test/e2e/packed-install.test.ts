// A newcomer's `npx vtrain-tui` path: the package as `npm pack` makes it, installed from the
// tarball into an empty folder, then its own bin answers --version, starts the emulator from the
// files it ships (dist/protos) and lists and describes a job through the bundled official clients.
// The package has no runtime dependencies (issue #22: the build bundles them), so the install
// needs no registry: it runs with --offline and an empty npm cache, and a dependency added by
// mistake fails here ("ENOTCACHED") instead of costing every user's install.
import {execFile} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {processesMatching} from '../helpers/emulator.js';
import {FAST_ENV} from '../helpers/service.js';
import {seedFinishedJob} from '../helpers/seed-job.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const MANIFEST = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
  name: string;
  version: string;
};
const JOB_ID = '3000000000000000001';
let work: string;
let installDir: string;
let dataDir: string;
let bin: string;

/** The environment without the outer `npm test`'s npm_* settings, npm's cache in `work`. */
function cleanEnv(extra: Record<string, string> = {}): Record<string, string> {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !/^npm_/i.test(name)),
  ) as Record<string, string>;
  return {...env, npm_config_cache: path.join(work, 'npm-cache'), ...extra};
}

function run(
  command: string,
  args: string[],
  cwd: string,
  env: Record<string, string> = cleanEnv(),
): Promise<{code: number; stdout: string; stderr: string}> {
  return new Promise((resolve) => {
    execFile(
      command,
      args,
      {cwd, env, timeout: 120_000, maxBuffer: 16 << 20},
      (error, stdout, stderr) =>
        resolve({
          code: error ? (typeof error.code === 'number' ? error.code : 1) : 0,
          stdout,
          stderr,
        }),
    );
  });
}

const vtrain = (args: string[]) =>
  run(process.execPath, [bin, ...args, '--data-dir', dataDir], installDir, cleanEnv(FAST_ENV));

function folderBytes(folder: string): number {
  let total = 0;
  for (const entry of fs.readdirSync(folder, {withFileTypes: true})) {
    const file = path.join(folder, entry.name);
    if (entry.isDirectory()) total += folderBytes(file);
    else if (entry.isFile()) total += fs.statSync(file).size;
  }
  return total;
}

beforeAll(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'vtrain-packed-'));
  installDir = path.join(work, 'install');
  dataDir = path.join(work, 'data');
  fs.mkdirSync(installDir);
  fs.mkdirSync(dataDir, {mode: 0o700});
  // The dist/ that `npm test` just built (--ignore-scripts: no second build).
  const packed = await run(
    'npm',
    ['pack', '--json', '--ignore-scripts', '--pack-destination', work],
    ROOT,
  );
  expect(packed.code, packed.stderr).toBe(0);
  const [{filename}] = JSON.parse(packed.stdout) as [{filename: string}];
  fs.writeFileSync(path.join(installDir, 'package.json'), '{"private": true}\n');
  const installed = await run(
    'npm',
    [
      'install',
      '--offline',
      '--ignore-scripts',
      '--no-audit',
      '--no-fund',
      path.join(work, filename),
    ],
    installDir,
  );
  expect(installed.code, installed.stderr).toBe(0);
  bin = path.join(installDir, 'node_modules', MANIFEST.name, 'bin', 'vtrain-tui.js');
  seedFinishedJob(dataDir, JOB_ID, 'packed-install-job');
}, 180_000);

afterAll(async () => {
  if (bin) await vtrain(['emulator', 'stop']);
  if (dataDir) expect(await processesMatching(dataDir)).toEqual([]);
  if (work) fs.rmSync(work, {recursive: true, force: true});
});

describe('the packed package, installed from its tarball', () => {
  it('installs alone (no dependencies), within 40 MB, with the bundled licences', () => {
    expect(
      fs.readdirSync(path.join(installDir, 'node_modules')).filter((n) => !n.startsWith('.')),
    ).toEqual([MANIFEST.name]);
    expect(folderBytes(path.join(installDir, 'node_modules'))).toBeLessThan(40 * 2 ** 20);
    const notices = fs.readFileSync(
      path.join(installDir, 'node_modules', MANIFEST.name, 'dist', 'THIRD_PARTY_NOTICES'),
      'utf8',
    );
    expect(notices).toMatch(/^@google-cloud\/aiplatform@\S+ \(Apache-2\.0\)/m);
    expect(notices).toMatch(/^@grpc\/grpc-js@\S+ \(Apache-2\.0\)/m);
    expect(notices).toMatch(/^react@\S+ \(MIT\)/m);
  });

  it('runs nothing at install: no install scripts for npm to warn about or run', () => {
    // npm 11 warns on every install of a package with install-time scripts ("not yet covered by
    // allowScripts"), and `prepare` would name scripts/, which is not published.
    const installed = JSON.parse(
      fs.readFileSync(path.join(installDir, 'node_modules', MANIFEST.name, 'package.json'), 'utf8'),
    ) as {scripts?: Record<string, string>};
    const atInstall = ['preinstall', 'install', 'postinstall', 'prepare'].filter(
      (name) => installed.scripts?.[name] !== undefined,
    );
    expect(atInstall).toEqual([]);
  });

  it('answers --version', async () => {
    const result = await run(process.execPath, [bin, '--version'], installDir);
    expect(result).toMatchObject({code: 0, stdout: `${MANIFEST.version}\n`});
  });

  it('starts the emulator from its own files and lists and describes a job', async () => {
    const started = await vtrain(['emulator', 'start']);
    expect(started.code, started.stderr).toBe(0);
    const listed = await vtrain(['jobs', 'list', '--json']);
    expect(listed.code, listed.stderr).toBe(0);
    const rows = JSON.parse(listed.stdout) as Array<Record<string, unknown>>;
    expect(JSON.stringify(rows)).toContain('packed-install-job');
    const described = await vtrain(['jobs', 'describe', JOB_ID, '--json']);
    expect(described.code, described.stderr).toBe(0);
    expect(JSON.parse(described.stdout)).toMatchObject({
      displayName: 'packed-install-job',
      state: 'JOB_STATE_SUCCEEDED',
    });
  });
});
