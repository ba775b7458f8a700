// Script-command benchmark: `vtrain-tui jobs list`, `jobs describe` and `logs` (non-follow)
// against the real gcloud doing the same reads (`gcloud ai custom-jobs list|describe`,
// `gcloud logging read`) on the same local emulator, interleaved, median of N runs; and the
// install size of the packed tarball (`npm pack` → `npm install` into a temp folder).
// Usage: node bench/scripts.mjs [runs] [--no-install]   (default 9 runs). Needs `npm run build`
// and gcloud on PATH. gcloud gets its own CLOUDSDK_CONFIG and talks to loopback only, configured
// as test/helpers/gcloud.ts does (what `vtrain-tui emulator env-init` prints).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {execFileSync, spawn} from 'node:child_process';
import {fileURLToPath} from 'node:url';
import {cli as runCli, FAST, median, seedJobs} from './lib/bench-kit.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = path.join(root, 'bin/vtrain-tui.js');
const runs = Number(process.argv.slice(2).find((arg) => /^\d+$/.test(arg)) ?? 9);
const measureInstall = !process.argv.includes('--no-install');
const REGION = ['--region=us-central1', '--project=local-project'];
const which = (name) =>
  (process.env.PATH ?? '')
    .split(path.delimiter)
    .map((dir) => path.join(dir, name))
    .find((file) => fs.existsSync(file));

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vtrain-bench-scripts-'));
const gcloudConfig = fs.mkdtempSync(path.join(os.tmpdir(), 'vtrain-bench-gcloud-'));
const cli = (args, options = {}) => runCli(args, dataDir, options);

/** gcloud sealed off from the user's setup and the internet, as test/helpers/gcloud.ts does. */
function gcloudEnv(emulatorEnv) {
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(
      ([name]) => !/^(CLOUDSDK_|GOOGLE_|GCE_|STORAGE_EMULATOR_HOST$)/.test(name),
    ),
  );
  return {
    ...inherited,
    CLOUDSDK_CONFIG: gcloudConfig,
    CLOUDSDK_COMPONENT_MANAGER_DISABLE_UPDATE_CHECK: 'true',
    CLOUDSDK_CORE_DISABLE_USAGE_REPORTING: 'true',
    CLOUDSDK_CORE_DISABLE_PROMPTS: '1',
    CLOUDSDK_CORE_CHECK_GCE_METADATA: 'false',
    GCE_METADATA_ROOT: '127.0.0.1:9',
    GCE_METADATA_HOST: '127.0.0.1:9',
    GCE_METADATA_IP: '127.0.0.1:9',
    METADATA_SERVER_DETECTION: 'none',
    ...emulatorEnv,
  };
}

function time(command, args, env) {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(command, args, {env, stdio: ['ignore', 'pipe', 'pipe']});
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.stderr.on('data', (chunk) => (err += chunk));
    child.on('error', reject);
    child.on('exit', (code) => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      if (code !== 0) reject(new Error(`${command} ${args.join(' ')} exited ${code}: ${err}`));
      else resolve({ms, out});
    });
  });
}

/** Stages the test scenario package and runs one job printing 200 lines; returns its id. */
async function runLoggingJob(gcloud, env) {
  const bucket = path.join(dataDir, 'buckets', 'staging');
  fs.mkdirSync(bucket, {recursive: true, mode: 0o700});
  const archive = path.join(bucket, 'scenario-0.1.tar.gz');
  execFileSync('tar', [
    '-czf',
    archive,
    '-C',
    path.join(root, 'test/fixtures/scenario-package'),
    '--transform',
    's,^\\.,scenario-0.1,',
    '.',
  ]);
  const spec =
    'machine-type=n1-standard-4,replica-count=1,' +
    'executor-image-uri=us-docker.pkg.dev/vertex-ai/training/sklearn-cpu.1-0:latest,' +
    'python-module=scenario.main';
  const {out} = await time(
    gcloud,
    [
      'ai',
      'custom-jobs',
      'create',
      ...REGION,
      '--display-name=bench-logs',
      `--worker-pool-spec=${spec}`,
      '--python-package-uris=gs://staging/scenario-0.1.tar.gz',
      '--args=burst:200',
      '--format=value(name)',
    ],
    env,
  );
  const name = out.trim();
  for (let i = 0; i < 120; i++) {
    const state = (
      await time(
        gcloud,
        ['ai', 'custom-jobs', 'describe', name, ...REGION, '--format=value(state)'],
        env,
      )
    ).out.trim();
    if (state === 'JOB_STATE_SUCCEEDED') return name.split('/').pop();
    if (/FAILED|CANCELLED/.test(state)) throw new Error(`the logging job ended ${state}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error('the logging job did not finish in 60 s');
}

/** npm pack → npm install of the tarball into a temp folder; node_modules size and file count. */
function installSize() {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'vtrain-bench-pack-'));
  const packed = JSON.parse(
    execFileSync('npm', ['pack', '--json', '--pack-destination', work], {
      cwd: root,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }),
  )[0];
  const target = path.join(work, 'install');
  fs.mkdirSync(target);
  fs.writeFileSync(path.join(target, 'package.json'), '{"private":true}\n');
  const started = process.hrtime.bigint();
  execFileSync(
    'npm',
    ['install', '--prefer-offline', '--no-audit', '--no-fund', path.join(work, packed.filename)],
    {cwd: target, stdio: 'ignore'},
  );
  const installMs = Number(process.hrtime.bigint() - started) / 1e6;
  const du = execFileSync('du', ['-sk', path.join(target, 'node_modules')], {encoding: 'utf8'});
  const packages =
    execFileSync('npm', ['ls', '--all', '--parseable'], {
      cwd: target,
      encoding: 'utf8',
    })
      .trim()
      .split('\n').length - 1;
  fs.rmSync(work, {recursive: true, force: true});
  return {
    tarballKB: Math.round(packed.size / 1024),
    unpackedKB: Math.round(packed.unpackedSize / 1024),
    nodeModulesMB: +(Number(du.split(/\s/)[0]) / 1024).toFixed(1),
    packages,
    installMs: Math.round(installMs),
  };
}

const gcloud = which('gcloud');
if (!gcloud) throw new Error('gcloud is not on PATH');
seedJobs(dataDir, 20, {firstId: 2_000_000_000_000_000});
let summary;
try {
  const started = cli(['emulator', 'env-init', '--json']);
  if (started.status !== 0) throw new Error(`env-init failed: ${started.stderr}`);
  const env = gcloudEnv(JSON.parse(started.stdout));
  const jobId = await runLoggingJob(gcloud, env);
  const ours = (args) =>
    time(process.execPath, [bin, ...args, '--data-dir', dataDir], {...process.env, ...FAST});
  const pairs = {
    'jobs list': [
      () => ours(['jobs', 'list', '--project', 'local-project']),
      () => time(gcloud, ['ai', 'custom-jobs', 'list', ...REGION], env),
    ],
    'jobs describe': [
      () => ours(['jobs', 'describe', jobId, '--project', 'local-project']),
      () => time(gcloud, ['ai', 'custom-jobs', 'describe', jobId, ...REGION], env),
    ],
    logs: [
      () => ours(['logs', jobId, '--project', 'local-project']),
      () =>
        time(
          gcloud,
          [
            'logging',
            'read',
            `resource.labels.job_id="${jobId}"`,
            '--project=local-project',
            '--order=asc',
            '--limit=1000',
            '--format=value(textPayload)',
          ],
          env,
        ),
    ],
  };
  const results = Object.fromEntries(
    Object.keys(pairs).map((key) => [key, {ours: [], gcloud: []}]),
  );
  const bare = [];
  // One warm-up of each (page cache, gcloud's .pyc files), then interleaved runs.
  for (const [mine, theirs] of Object.values(pairs))
    await Promise.all([mine(), theirs()].map((p) => p.catch((e) => console.error(String(e)))));
  for (let i = 0; i < runs; i++) {
    bare.push((await time(process.execPath, ['-e', '0'], process.env)).ms);
    for (const [key, [mine, theirs]] of Object.entries(pairs)) {
      results[key].ours.push((await mine()).ms);
      results[key].gcloud.push((await theirs()).ms);
    }
  }
  summary = {
    machine: `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${os.platform()} ${os.release()}`,
    load: os.loadavg().map((value) => +value.toFixed(1)),
    node: process.version,
    gcloud: execFileSync(gcloud, ['version', '--format=value("Google Cloud SDK")'], {
      env,
      encoding: 'utf8',
    }).trim(),
    runs,
    bareNodeMs: Math.round(median(bare)),
    medianMs: {},
    ratioToGcloud: {},
  };
  for (const [key, {ours: mine, gcloud: theirs}] of Object.entries(results)) {
    summary.medianMs[key] = {vtrain: Math.round(median(mine)), gcloud: Math.round(median(theirs))};
    summary.ratioToGcloud[key] = +(median(mine) / median(theirs)).toFixed(2);
  }
} finally {
  cli(['emulator', 'stop']);
  fs.rmSync(dataDir, {recursive: true, force: true});
  fs.rmSync(gcloudConfig, {recursive: true, force: true});
}
if (measureInstall) summary.install = installSize();
console.log(JSON.stringify(summary, null, 2));
