// `validate` and `submit` as scripts run them: the built CLI as a child process, its stdout,
// stderr and exit code; submits go to a real local emulator service in a temp data folder.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {gcloudConfigYaml, restBodyJson, type JobDraft} from '../../source/core/job-spec/index.js';
import {connect, PARENT, runCli, type CliResult} from '../helpers/service.js';
import {EXAMPLE_PACKAGE} from '../helpers/emulator.js';
import {baseDraft, sampleDrafts, STUDY} from '../unit/job-spec/fixtures.js';

let root: string;
let dataDir: string;
let env: Record<string, string>;

const GOOD_YAML = `workerPoolSpecs:
  - machineSpec:
      machineType: n1-standard-4
    replicaCount: 1
    pythonPackageSpec:
      executorImageUri: us-docker.pkg.dev/vertex-ai/training/pytorch-xla.2-4.py310:latest
      packageUris: [gs://vtrain-local-staging/scripts/trainer-0.1.0.tar.gz]
      pythonModule: trainer.task
      args: ["--epochs=2", "--epoch-delay=0"]
`;

const BAD_YAML = `workerPoolSpecs:
  - machineSpec:
      machineType: n1-standard-4
      acceleratorCount: 3
    replicaCount: 0
    containerSpec:
      imageUri: ""
`;

async function file(name: string, text: string): Promise<string> {
  const target = path.join(root, name);
  await fs.writeFile(target, text);
  return target;
}

const cli = (args: string[]): Promise<CliResult> => runCli(args, env);

beforeAll(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), 'vtrain-scripts-'));
  dataDir = path.join(root, 'data');
  // Isolated from the user's settings; quick polling for --wait.
  env = {VTRAIN_SETTINGS: path.join(root, 'settings.json'), VTRAIN_POLL_MS: '200'};
});

afterAll(async () => {
  await runCli(['emulator', 'stop', '--data-dir', dataDir], env);
  await fs.rm(root, {recursive: true, force: true});
});

describe('vtrain-tui validate', () => {
  it('accepts a valid gcloud --config file: exit 0, warnings on stderr', async () => {
    const result = await cli(['validate', '--config', await file('good.yaml', GOOD_YAML)]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/good\.yaml: valid \(\d+ warnings?\)/);
    expect(result.stderr).toContain('warning: scheduling.timeout: no timeout set');
  });

  it('lists each error as one `field: message [rule] → fix` line and exits 2', async () => {
    const result = await cli(['validate', '--config', await file('bad.yaml', BAD_YAML)]);
    expect(result.code).toBe(2);
    const lines = result.stdout.trim().split('\n');
    for (const line of lines) expect(line).toMatch(/^\S+: .+ \[[a-z-]+\] → .+$/);
    expect(lines).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^workerPoolSpecs\[0\]\.replicaCount: .*\[primary-replica-count\]/),
        expect.stringMatching(
          /^workerPoolSpecs\[0\]\.containerSpec\.imageUri: .*\[container-image-required\]/,
        ),
        expect.stringMatching(
          /^workerPoolSpecs\[0\]\.machineSpec\.acceleratorType: .*\[accelerator-pairing\]/,
        ),
      ]),
    );
  });

  it('reports the same problems as JSON', async () => {
    const result = await cli(['validate', '--config', path.join(root, 'bad.yaml'), '--json']);
    expect(result.code).toBe(2);
    const report = JSON.parse(result.stdout) as {valid: boolean; errors: {rule: string}[]};
    expect(report.valid).toBe(false);
    expect(report.errors.map((e) => e.rule)).toContain('container-image-required');
  });

  it('points at the line of a syntax error', async () => {
    const result = await cli([
      'validate',
      '--config',
      await file('broken.yaml', 'a: [1, 2\nb: 3\n'),
    ]);
    expect(result.code).toBe(2);
    expect(result.stdout).toMatch(/^file \(line \d+:\d+\): the file is not valid YAML\/JSON/);
  });

  const byName = (name: string): JobDraft => {
    const found = sampleDrafts().find((s) => s.name === name);
    if (!found) throw new Error(`no sample draft ${name}`);
    return found.draft;
  };

  it.each([
    [
      'REST JSON of a tuning job',
      () => restBodyJson(baseDraft({workflow: 'hyperparameter-tuning-job', study: STUDY})),
    ],
    [
      'gcloud config of a tuning job',
      () => gcloudConfigYaml(baseDraft({workflow: 'hyperparameter-tuning-job', study: STUDY})),
    ],
    [
      'REST JSON of a training pipeline',
      () => restBodyJson(byName('pipeline, custom task, fraction split to GCS')),
    ],
  ])('accepts the %s', async (_name, text) => {
    const result = await cli([
      'validate',
      '--config',
      await file('job.json', text()),
      '--project',
      'my-project',
    ]);
    expect(result.stdout).toContain('valid');
    expect(result.code).toBe(0);
  });

  it('exits 3 for a missing file and 2 without --config', async () => {
    const missing = await cli(['validate', '--config', path.join(root, 'nope.yaml')]);
    expect(missing.code).toBe(3);
    expect(missing.stderr).toContain('nope.yaml: no such file');
    const usage = await cli(['validate']);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('--config FILE is required');
    const unknown = await cli(['validate', '--config', 'x', '--frobnicate']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('Usage: vtrain-tui validate');
  });
});

describe('vtrain-tui submit', () => {
  it('--dry-run prints the request and creates nothing', async () => {
    const config = path.join(root, 'good.yaml');
    const text = await cli(['submit', '--config', config, '--dry-run', '--data-dir', dataDir]);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('dry run: nothing was created. createCustomJob would send:');
    expect(text.stdout).toContain('POST https://us-central1-aiplatform.googleapis.com/v1/');
    const json = await cli([
      'submit',
      '--config',
      config,
      '--dry-run',
      '--json',
      '--data-dir',
      dataDir,
    ]);
    const request = JSON.parse(json.stdout) as {createMethod: string; body: {labels: object}};
    expect(request.createMethod).toBe('createCustomJob');
    expect(request.body.labels).toHaveProperty('vtrain_request_id');
    // No backend was opened: the data folder was never created.
    await expect(fs.stat(dataDir)).rejects.toThrow();
  });

  it('refuses an invalid file before opening any backend (exit 2)', async () => {
    const result = await cli([
      'submit',
      '--config',
      path.join(root, 'bad.yaml'),
      '--data-dir',
      dataDir,
    ]);
    expect(result.code).toBe(2);
    expect(result.stdout).toContain('[container-image-required]');
    await expect(fs.stat(dataDir)).rejects.toThrow();
  });

  it('uploads --package-path, creates the job once and --wait exits 0 when it succeeds', async () => {
    const result = await cli([
      'submit',
      '--config',
      path.join(root, 'good.yaml'),
      '--package-path',
      EXAMPLE_PACKAGE,
      '--wait',
      '--project',
      'test-project',
      '--data-dir',
      dataDir,
    ]);
    expect(result.stderr).toContain('packaging and uploading the Python package…');
    expect(result.stdout).toMatch(
      /^created projects\/test-project\/locations\/us-central1\/customJobs\/\d+$/m,
    );
    expect(result.stdout).toMatch(/JOB_STATE_SUCCEEDED\n$/);
    expect(result.code).toBe(0);
  });

  it('--package-path stages the folder by content hash when the file names no package URI', async () => {
    // issue #21: the wizard stages a folder given without a URI (steps/container.ts); so must
    // submit. PythonPackageSpec.package_uris is REQUIRED (google/cloud/aiplatform/v1/
    // custom_job.proto), so the created job must name the uploaded, content-hashed gs:// archive.
    const noUri = GOOD_YAML.replace(/^\s*packageUris:.*\n/m, '');
    expect(noUri).not.toContain('packageUris');
    const result = await cli([
      'submit',
      '--config',
      await file('no-uri.yaml', noUri),
      '--package-path',
      EXAMPLE_PACKAGE,
      '--json',
      '--wait',
      '--project',
      'test-project',
      '--data-dir',
      dataDir,
    ]);
    expect(result.stderr).not.toContain('packageUris[0]');
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as {name: string; state: string};
    expect(report.state).toBe('JOB_STATE_SUCCEEDED');
    const {clients} = await connect(dataDir);
    try {
      const [job] = await clients.jobs.getCustomJob({name: report.name});
      const uris = job.jobSpec?.workerPoolSpecs?.[0]?.pythonPackageSpec?.packageUris ?? [];
      expect(uris).toHaveLength(1);
      expect(uris[0]).toMatch(
        /^gs:\/\/vtrain-local-staging\/vtrain-packages\/[\w.-]+-[0-9a-f]{8,}\.tar\.gz$/,
      );
    } finally {
      await clients.close();
    }
  });

  it('--json reports the job with its request id, which labels the created job', async () => {
    const result = await cli([
      'submit',
      '--config',
      path.join(root, 'good.yaml'),
      '--package-path',
      EXAMPLE_PACKAGE,
      '--json',
      '--project',
      'test-project',
      '--data-dir',
      dataDir,
    ]);
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as {name: string; requestId: string; kind: string};
    expect(report.kind).toBe('custom');
    const {clients} = await connect(dataDir);
    try {
      const [jobs] = await clients.jobs.listCustomJobs({
        parent: PARENT,
        filter: `labels.vtrain_request_id="${report.requestId}"`,
      });
      expect(jobs.map((job) => job.name)).toEqual([report.name]);
    } finally {
      await clients.close();
    }
  });

  it('--wait exits 1 with the job error when the job fails', async () => {
    const failing = GOOD_YAML.replace('trainer.task', 'trainer.missing_module');
    const result = await cli([
      'submit',
      '--config',
      await file('failing.yaml', failing),
      '--package-path',
      EXAMPLE_PACKAGE,
      '--wait',
      '--project',
      'test-project',
      '--data-dir',
      dataDir,
    ]);
    expect(result.stdout).toContain('JOB_STATE_FAILED');
    expect(result.stdout).toMatch(/^error: /m);
    expect(result.code).toBe(1);
  });
});
