// Hostile input to the script commands, run as scripts run them (the built CLI as a child
// process): each gets one clear line naming what was wrong and the fix, the documented exit code
// (readme: 2 usage or invalid job, 3 not found) and never a stack trace.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {runCli, type CliResult} from '../helpers/service.js';

let root: string;
let dataDir: string;
let env: Record<string, string>;

const POOL = `workerPoolSpecs:
  - machineSpec:
      machineType: n1-standard-4
    replicaCount: 1
    containerSpec:
      imageUri: gcr.io/p/i:1
`;

async function file(name: string, text: string): Promise<string> {
  const target = path.join(root, name);
  await fs.writeFile(target, text);
  return target;
}

const cli = (args: string[]): Promise<CliResult> => runCli(args, env);

function expectNoStack(result: CliResult): void {
  expect(`${result.stdout}${result.stderr}`).not.toMatch(/\n\s+at |ReferenceError|RangeError/);
}

beforeAll(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), 'vtrain-hostile-'));
  dataDir = path.join(root, 'data');
  env = {VTRAIN_SETTINGS: path.join(root, 'settings.json')};
});

afterAll(async () => {
  await runCli(['emulator', 'stop', '--data-dir', dataDir], env);
  await fs.rm(root, {recursive: true, force: true});
});

describe('YAML aliases in a job file', () => {
  it('an alias without an anchor: one problem line with its line and column, exit 2', async () => {
    const target = await file('undefined-alias.yaml', `${POOL}      args: [*nope]\n`);
    for (const args of [
      ['validate', '--config', target],
      ['submit', '--config', target, '--dry-run'],
      ['new', '--from', target],
    ]) {
      const result = await cli(args);
      expect(result.code, args[0]).toBe(2);
      expect(result.stdout.trim()).toBe(
        'file (line 7:14): the alias *nope names no anchor &nope set before it [import] → set &nope on a value above this line, or write the value out',
      );
      expectNoStack(result);
    }
  });

  it('200 uses of one anchor: refused with the limit, exit 2', async () => {
    const uses = Array.from({length: 200}, () => '*arg').join(', ');
    const target = await file(
      'alias-bomb.yaml',
      `${POOL}      args: &arg "--x"\n      command: [${uses}]\n`,
    );
    for (const args of [
      ['validate', '--config', target],
      ['submit', '--config', target, '--dry-run'],
      ['new', '--from', target],
    ]) {
      const result = await cli(args);
      expect(result.code, args[0]).toBe(2);
      expect(result.stdout.trim()).toMatch(
        /^file \(line 8:17\): the file expands aliases more than 100 times \(\*arg is used 200 times\).* → write the repeated values out, or use fewer aliases$/,
      );
      expectNoStack(result);
    }
  });
});

describe('what --config and --package-path name', () => {
  it('a folder as --config is a usage error (exit 2), as the readme says', async () => {
    const folder = path.join(root, 'a-folder');
    await fs.mkdir(folder, {recursive: true});
    const result = await cli(['validate', '--config', folder]);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      `vtrain-tui: ${folder} is a folder, not a job file; name the YAML or JSON job file itself (e.g. ${folder}/job.yaml)\n`,
    );
  });

  it('a job file over 1 MiB is refused before it is parsed, naming the limit (exit 2)', async () => {
    const target = await file('huge.yaml', `${POOL}# ${'x'.repeat(2 * 1024 * 1024)}\n`);
    const started = Date.now();
    const result = await cli(['validate', '--config', target]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /^vtrain-tui: .*huge\.yaml is 2 MiB; a job file may be at most 1 MiB .*\n$/,
    );
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('--package-path naming nothing is not found (exit 3); naming a file is usage (exit 2)', async () => {
    const target = await file(
      'ok.yaml',
      POOL.replace(
        /containerSpec:\n.*\n$/,
        'pythonPackageSpec:\n      executorImageUri: us-docker.pkg.dev/vertex-ai/training/pytorch-xla.2-4.py310:latest\n      packageUris: [gs://vtrain-local-staging/trainer.tar.gz]\n      pythonModule: trainer.task\n',
      ),
    );
    const missing = await cli([
      'submit',
      '--config',
      target,
      '--dry-run',
      '--package-path',
      '/nonexistent',
    ]);
    expect(missing.code).toBe(3);
    expect(missing.stderr).toMatch(
      /^vtrain-tui: --package-path \/nonexistent: no such folder; give the folder holding/m,
    );
    const notFolder = await cli([
      'submit',
      '--config',
      target,
      '--dry-run',
      '--package-path',
      target,
    ]);
    expect(notFolder.code).toBe(2);
    expect(notFolder.stderr).toContain('is a file, not a folder');
  });
});

describe('logs --since', () => {
  it('a duration beyond what Cloud Logging keeps says the maximum (exit 2), no RangeError', async () => {
    const result = await cli(['logs', '123', '--since', '200000000d']);
    expect(result.code).toBe(2);
    expect(result.stderr.split('\n')[0]).toBe(
      'vtrain-tui logs: --since "200000000d" is longer than 3650d, the longest Cloud Logging keeps entries; use at most --since 3650d, or a time such as --since 2026-05-18T09:00:00Z.',
    );
    expectNoStack(result);
  });
});

describe('a request over the gRPC message limit', () => {
  it('submit says the request is too large, with the 4 MiB limit, not "a quota" (exit 2)', async () => {
    // Under the file bound, but five aliases of a 900 KiB value make a 4.4 MiB request: the
    // emulator, like any grpc-js server, answers RESOURCE_EXHAUSTED "Received message larger
    // than max (N vs 4194304)".
    const big = 'x'.repeat(900 * 1024);
    const env = [0, 1, 2, 3, 4]
      .map((i) => `        - {name: V${i}, value: ${i ? '*big' : `&big "${big}"`}}`)
      .join('\n');
    const target = await file('large-request.yaml', `${POOL}      env:\n${env}\n`);
    const result = await cli(['submit', '--config', target, '--data-dir', dataDir]);
    expect(result.stderr).toContain(
      'vtrain-tui: The request is too large for the service (4.4 MiB, over the 4 MiB gRPC message limit); this is not a quota',
    );
    expect(result.stderr).not.toMatch(/quota or rate limit/);
    expect(result.code).toBe(2);
  });
});

describe('a list filter beyond the bounds', () => {
  it('jobs list gets INVALID_ARGUMENT naming the limit at once (exit 2)', async () => {
    const filter = Array.from({length: 3000}, (_, i) => `labels.k${i}="v${i}"`).join(' OR ');
    const result = await cli(['jobs', 'list', '--data-dir', dataDir, '--filter', filter]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /^vtrain-tui: Invalid filter ".{0,220}…": it is 69776 characters long; at most 20000 are accepted\n$/,
    );
  });
});
