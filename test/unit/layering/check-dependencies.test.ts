// The layering check of `npm test` (scripts/check-dependencies.mjs with .dependency-cruiser.mjs)
// run on small planted trees: each forbidden shape must fail naming the file, a clean tree pass.
import {execFile} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {promisify} from 'node:util';
import {afterEach, describe, expect, it} from 'vitest';

const run = promisify(execFile);
const repo = path.resolve(import.meta.dirname, '../../..');
const script = path.join(repo, 'scripts/check-dependencies.mjs');
const dirs: string[] = [];

afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, {recursive: true, force: true});
});

/** A temporary project holding `files` (paths under source/) and the repo's tsconfig. */
function tree(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vtrain-layers-'));
  dirs.push(dir);
  fs.copyFileSync(path.join(repo, 'tsconfig.json'), path.join(dir, 'tsconfig.json'));
  fs.symlinkSync(path.join(repo, 'node_modules'), path.join(dir, 'node_modules'));
  for (const [file, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, 'source', file)), {recursive: true});
    fs.writeFileSync(path.join(dir, 'source', file), text);
  }
  return dir;
}

async function check(dir: string): Promise<{code: number; output: string}> {
  try {
    const {stdout, stderr} = await run(process.execPath, [script], {cwd: dir});
    return {code: 0, output: stdout + stderr};
  } catch (error) {
    const failure = error as {code: number; stdout: string; stderr: string};
    return {code: failure.code, output: failure.stdout + failure.stderr};
  }
}

const CLEAN = {
  'entry/cli.ts': "import {start} from '../ui/app/start.js';\nstart();\n",
  'ui/app/start.ts':
    "import {screen} from '../screens/jobs/screen.js';\nexport const start = () => screen();\n",
  'ui/screens/jobs/screen.ts':
    "import {hint} from '../../shell/hint.js';\nexport const screen = () => hint();\n",
  'ui/shell/hint.ts':
    "import {list} from '../../services/jobs/list.js';\nexport const hint = () => list();\n",
  'services/jobs/list.ts':
    "import {label} from '../../core/job-spec/label.js';\nexport const list = () => label;\n",
  'core/job-spec/label.ts': "export const label = 'job';\n",
  'emulator/server.ts':
    "import {label} from '../core/job-spec/label.js';\nimport {run} from './custom-job/run.js';\nexport const serve = () => label + run();\n",
  'emulator/custom-job/run.ts':
    "import {store} from '../records/store.js';\nexport const run = () => store();\n",
  'emulator/records/store.ts':
    "import {now} from '../rpc/clock.js';\nexport const store = () => now();\n",
  'emulator/rpc/clock.ts': 'export const now = () => 1;\n',
};

// Each case runs dependency-cruiser in a child process (~1 s on a quiet machine, far more on a
// loaded one), so the cases get a generous timeout.
describe('the layering check', {timeout: 60_000}, () => {
  it('passes a tree that follows the layers', async () => {
    const result = await check(tree(CLEAN));
    expect(result.output).toContain('no forbidden import');
    expect(result.code).toBe(0);
  });

  it('fails on an import from the domain into the UI, naming the file', async () => {
    const result = await check(
      tree({
        ...CLEAN,
        'core/job-spec/label.ts':
          "import {hint} from '../../ui/shell/hint.js';\nexport const label = String(hint);\n",
      }),
    );
    expect(result.code).toBe(1);
    expect(result.output).toMatch(
      /core-is-the-bottom: source\/core\/job-spec\/label\.ts → source\/ui\/shell\/hint\.ts/,
    );
  });

  it("fails on an import from the emulator into the app's client code", async () => {
    const result = await check(
      tree({
        ...CLEAN,
        'emulator/server.ts':
          "import {list} from '../services/jobs/list.js';\nexport const serve = () => list();\n",
      }),
    );
    expect(result.code).toBe(1);
    expect(result.output).toContain('emulator-shares-only-core: source/emulator/server.ts');
  });

  it("fails on the emulator's plumbing importing a service folder, even a type", async () => {
    const result = await check(
      tree({
        ...CLEAN,
        'emulator/custom-job/job-record.ts': 'export interface JobRecord {id: string}\n',
        'emulator/rpc/page.ts':
          "import type {JobRecord} from '../custom-job/job-record.js';\nexport const page = (r: JobRecord) => r.id;\n",
      }),
    );
    expect(result.code).toBe(1);
    expect(result.output).toContain(
      'rpc-is-the-emulator-bottom: source/emulator/rpc/page.ts → source/emulator/custom-job/job-record.ts',
    );
  });

  it('fails on an emulator service importing one above it or a sibling', async () => {
    const upward = await check(
      tree({
        ...CLEAN,
        'emulator/pipeline/plan.ts': 'export const plan = 1;\n',
        'emulator/custom-job/run.ts':
          "import {plan} from '../pipeline/plan.js';\nexport const run = () => plan;\n",
      }),
    );
    expect(upward.code).toBe(1);
    expect(upward.output).toContain(
      'custom-jobs-below-studies-and-pipelines: source/emulator/custom-job/run.ts',
    );
    const sibling = await check(
      tree({
        ...CLEAN,
        'emulator/logging/log-store.ts': 'export const logs = 1;\n',
        'emulator/storage/objects.ts':
          "import {logs} from '../logging/log-store.js';\nexport const objects = logs;\n",
      }),
    );
    expect(sibling.code).toBe(1);
    expect(sibling.output).toContain(
      'logging-storage-and-datasets-stand-alone: source/emulator/storage/objects.ts',
    );
  });

  it('fails on an emulator folder importing the server that assembles it', async () => {
    const result = await check(
      tree({
        ...CLEAN,
        'emulator/records/store.ts':
          "import type {serve} from '../server.js';\nexport const store = (s?: typeof serve) => s;\n",
      }),
    );
    expect(result.code).toBe(1);
    expect(result.output).toContain(
      'server-is-the-emulator-top: source/emulator/records/store.ts → source/emulator/server.ts',
    );
  });

  it('fails on a screen importing another screen', async () => {
    const result = await check(
      tree({
        ...CLEAN,
        'ui/screens/wizard/screen.ts':
          "import {screen} from '../jobs/screen.js';\nexport const wizard = () => screen();\n",
      }),
    );
    expect(result.code).toBe(1);
    expect(result.output).toContain(
      'screens-open-screens-by-route: source/ui/screens/wizard/screen.ts',
    );
  });

  it('fails on a runtime import cycle between files, but not on a type-only one', async () => {
    const cycle = await check(
      tree({
        ...CLEAN,
        'core/text/a.ts': "import {b} from './b.js';\nexport const a = () => b;\n",
        'core/text/b.ts': "import {a} from './a.js';\nexport const b = () => a;\n",
      }),
    );
    expect(cycle.code).toBe(1);
    expect(cycle.output).toContain('no-runtime-cycle: source/core/text/a.ts');
    const typeOnly = await check(
      tree({
        ...CLEAN,
        'core/text/a.ts':
          "import type {B} from './b.js';\nexport type A = {b?: B};\nexport const a = 1;\n",
        'core/text/b.ts':
          "import {a} from './a.js';\nexport type B = number;\nexport const b = a;\n",
      }),
    );
    expect(typeOnly.output).toContain('no forbidden import');
    expect(typeOnly.code).toBe(0);
  });

  it('fails on a cycle between folders even when no file cycle exists', async () => {
    const result = await check(
      tree({
        ...CLEAN,
        'emulator/rpc/page.ts':
          "import {rule} from '../jobs/rule.js';\nexport const page = () => rule;\n",
        'emulator/jobs/rule.ts':
          "import {clock} from '../rpc/clock.js';\nexport const rule = clock;\n",
        'emulator/rpc/clock.ts': 'export const clock = 1;\n',
      }),
    );
    expect(result.code).toBe(1);
    expect(result.output).toMatch(
      /folder-cycle: .*source\/emulator\/rpc.*source\/emulator\/jobs|folder-cycle: .*source\/emulator\/jobs.*source\/emulator\/rpc/,
    );
    expect(result.output).toContain('source/emulator/rpc/page.ts → source/emulator/jobs/rule.ts');
  });

  it('fails on a source file over 600 lines', async () => {
    const result = await check(
      tree({...CLEAN, 'core/text/long.ts': 'export const x = 1;\n'.repeat(601)}),
    );
    expect(result.code).toBe(1);
    expect(result.output).toContain('file-size: source/core/text/long.ts has 601 lines');
  });
});
