// Emulator benchmark, through the official clients the app uses:
//  1. submit-to-RUNNING latency of CustomJobs with queue/provision delays set to 0 (median of N),
//     both as the client observes it (create call → first GetCustomJob answering RUNNING, polled
//     every 5 ms) and as the emulator records it (startTime − createTime);
//  2. log lines per second delivered through TailLogEntries to LoggingServiceV2Client, for a
//     replica printing LINES lines as fast as it can (median of RUNS), with suppressions counted.
// The emulator runs in its own Node process, as the shared background service does, so client
// and server do not share one event loop. Its source is bundled with esbuild (a dev dependency),
// so no build step is needed.
//  3. trials per minute of a hyperparameter tuning job: a 9-point GRID_SEARCH with 3 trials in
//     parallel (each a one-replica custom job of test/fixtures/tuning-package reporting three
//     cloudml-hypertune measurements), from the create call to JOB_STATE_SUCCEEDED.
// Usage: node bench/emulator.mjs [jobs=15] [lines=100000] [runs=3], or `node bench/emulator.mjs
// tuning` for the tuning figure alone. Prints JSON.
import {execFileSync, spawn} from 'node:child_process';
import {createInterface} from 'node:readline';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {randomBytes} from 'node:crypto';
import {fileURLToPath} from 'node:url';
import {bundleSources} from './bundle-sources.mjs';

const serveMode = process.argv[2] === '--serve';
const tuningOnly = process.argv[2] === 'tuning';
const jobs = Number(tuningOnly ? 15 : (process.argv[2] ?? 15));
const lines = Number(process.argv[3] ?? 100_000);
const runs = Number(process.argv[4] ?? 3);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};
const round = (value, digits = 1) => Number(value.toFixed(digits));
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Bundles the emulator, the client factory and the package stager into one importable file. */
function loadSources() {
  return bundleSources(root, 'emulator', {
    startEmulator: 'source/emulator/server.ts',
    createClients: 'source/services/vertex/clients.ts',
    stagePackageLocally: 'source/services/vertex/package-staging.ts',
  });
}

const timestampNs = (t) => BigInt(String(t?.seconds ?? 0)) * 1_000_000_000n + BigInt(t?.nanos ?? 0);

function scenarioJob(args) {
  return {
    parent: 'projects/bench/locations/us-central1',
    customJob: {
      displayName: 'bench',
      jobSpec: {
        workerPoolSpecs: [
          {
            machineSpec: {machineType: 'n1-standard-4'},
            replicaCount: 1,
            pythonPackageSpec: {
              executorImageUri: 'us-docker.pkg.dev/vertex-ai/training/sklearn-cpu.1-0:latest',
              packageUris: ['gs://staging/scenario-0.1.tar.gz'],
              pythonModule: 'scenario.main',
              args,
            },
          },
        ],
      },
    },
  };
}

async function untilState(clients, name, states, pollMs) {
  for (;;) {
    const [job] = await clients.jobs.getCustomJob({name});
    if (states.includes(String(job.state))) return job;
    await sleep(pollMs);
  }
}

const TERMINAL = ['JOB_STATE_SUCCEEDED', 'JOB_STATE_FAILED', 'JOB_STATE_CANCELLED'];

async function submitToRunning(clients) {
  const observed = [];
  const recorded = [];
  for (let i = 0; i < jobs; i++) {
    const started = process.hrtime.bigint();
    const [created] = await clients.jobs.createCustomJob(scenarioJob(['sleep:0.2']));
    const running = await untilState(clients, created.name, ['JOB_STATE_RUNNING', ...TERMINAL], 5);
    observed.push(Number(process.hrtime.bigint() - started) / 1e6);
    recorded.push(Number(timestampNs(running.startTime) - timestampNs(running.createTime)) / 1e6);
    await untilState(clients, created.name, TERMINAL, 50);
  }
  return {
    jobs,
    queueDelayMs: 0,
    provisionDelayMs: 0,
    clientObservedMedianMs: round(median(observed)),
    clientObservedMinMaxMs: [round(Math.min(...observed)), round(Math.max(...observed))],
    emulatorRecordedMedianMs: round(median(recorded)),
  };
}

async function tailThroughput(clients) {
  const rates = [];
  const perRun = [];
  let lastJobId = '';
  for (let run = 0; run < runs; run++) {
    const stream = clients.logging.tailLogEntries();
    let received = 0;
    let suppressed = 0;
    const byReason = {};
    let first;
    let last;
    stream.on('data', (response) => {
      const count = response.entries?.length ?? 0;
      if (count > 0) {
        first ??= process.hrtime.bigint();
        last = process.hrtime.bigint();
      }
      received += count;
      for (const info of response.suppressionInfo ?? []) {
        suppressed += Number(info.suppressedCount);
        byReason[info.reason] = (byReason[info.reason] ?? 0) + Number(info.suppressedCount);
      }
    });
    stream.on('error', () => undefined);
    stream.write({
      resourceNames: ['projects/bench'],
      filter: `resource.labels.task_name="workerpool0-0" AND textPayload:"burst line"`,
      bufferWindow: {nanos: 100_000_000},
    });
    await sleep(300);
    const submitted = process.hrtime.bigint();
    const [created] = await clients.jobs.createCustomJob(scenarioJob([`burst:${lines}`]));
    while (received + suppressed < lines) await sleep(20);
    await untilState(clients, created.name, TERMINAL, 50);
    stream.cancel();
    lastJobId = created.name.split('/').pop();
    perRun.push({delivered: received, suppressed: byReason});
    rates.push({
      firstToLast: received / (Number(last - first) / 1e9),
      submitToLast: received / (Number(last - submitted) / 1e9),
    });
  }
  // Reading everything back as the app's backfill does: ListLogEntries pages of 1000.
  const listStarted = process.hrtime.bigint();
  let listed = 0;
  let pageToken = '';
  do {
    const [entries, , response] = await clients.logging.listLogEntries(
      {
        resourceNames: ['projects/bench'],
        filter: `resource.labels.job_id="${lastJobId}" AND resource.labels.task_name="workerpool0-0"`,
        orderBy: 'timestamp asc',
        pageSize: 1000,
        pageToken,
      },
      {autoPaginate: false},
    );
    listed += entries.length;
    pageToken = response?.nextPageToken ?? '';
  } while (pageToken);
  const listSeconds = Number(process.hrtime.bigint() - listStarted) / 1e9;
  return {
    listLogEntriesPagesOf1000: {
      entries: listed,
      entriesPerSecond: Math.round(listed / listSeconds),
    },
    linesPerRun: lines,
    runs,
    bufferWindowMs: 100,
    medianLinesPerSecondFirstToLastEntry: Math.round(median(rates.map((r) => r.firstToLast))),
    medianLinesPerSecondSubmitToLastEntry: Math.round(median(rates.map((r) => r.submitToLast))),
    perRun,
  };
}

async function tuningThroughput(clients) {
  const trials = 9;
  const parallel = 3;
  const started = process.hrtime.bigint();
  const [created] = await clients.jobs.createHyperparameterTuningJob({
    parent: 'projects/bench/locations/us-central1',
    hyperparameterTuningJob: {
      displayName: 'bench-grid',
      maxTrialCount: trials,
      parallelTrialCount: parallel,
      studySpec: {
        algorithm: 'GRID_SEARCH',
        metrics: [{metricId: 'score', goal: 'MAXIMIZE'}],
        parameters: [
          {parameterId: 'units', integerValueSpec: {minValue: 1, maxValue: 3}},
          {parameterId: 'lr', discreteValueSpec: {values: [0.1, 0.2, 0.3]}},
        ],
      },
      trialJobSpec: {
        workerPoolSpecs: [
          {
            machineSpec: {machineType: 'n1-standard-4'},
            replicaCount: 1,
            pythonPackageSpec: {
              executorImageUri: 'us-docker.pkg.dev/vertex-ai/training/sklearn-cpu.1-0:latest',
              packageUris: ['gs://staging/tuner-0.1.0.tar.gz'],
              pythonModule: 'tuner.task',
              args: ['--step-delay=0'],
            },
          },
        ],
      },
    },
  });
  let job;
  for (;;) {
    [job] = await clients.jobs.getHyperparameterTuningJob({name: created.name});
    if (TERMINAL.includes(String(job.state))) break;
    await sleep(20);
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const durations = job.trials.map(
    (t) => Number(timestampNs(t.endTime) - timestampNs(t.startTime)) / 1e6,
  );
  return {
    state: job.state,
    trials: job.trials.length,
    succeeded: job.trials.filter((t) => t.state === 'SUCCEEDED').length,
    parallelTrialCount: parallel,
    seconds: round(seconds, 2),
    trialsPerMinute: round((job.trials.length / seconds) * 60),
    trialDurationMedianMs: round(median(durations)),
  };
}

const sources = await loadSources();

if (serveMode) {
  // Child process: the emulator alone, until the parent closes our stdin.
  const emulator = await sources.startEmulator({
    key: process.env.BENCH_EMULATOR_KEY,
    port: 0,
    dataDir: process.env.BENCH_DATA_DIR,
    python: 'python3',
    projectNumber: '000000000000',
    queueDelayMs: 0,
    provisionDelayMs: 0,
    baseEnv: {PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: os.homedir()},
  });
  console.log(JSON.stringify({port: emulator.port}));
  process.stdin.on('end', () => void emulator.stop().finally(() => process.exit(0)));
  process.stdin.resume();
} else {
  await main();
}

async function startServer(key, dataDir) {
  const child = spawn(process.execPath, [fileURLToPath(import.meta.url), '--serve'], {
    env: {...process.env, BENCH_EMULATOR_KEY: key, BENCH_DATA_DIR: dataDir},
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const [line] = await new Promise((resolve) =>
    createInterface({input: child.stdout}).once('line', (first) => resolve([first])),
  );
  return {child, port: JSON.parse(line).port};
}

async function main() {
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'vtrain-bench-emu-'));
  const key = randomBytes(32).toString('base64url');
  process.env.METADATA_SERVER_DETECTION ??= 'none';
  const server = await startServer(key, dataDir);
  const clients = await sources.createClients({
    kind: 'local',
    project: 'bench',
    region: 'us-central1',
    host: '127.0.0.1',
    port: server.port,
    key,
  });
  try {
    await sources.stagePackageLocally(
      path.join(root, 'test/fixtures/scenario-package'),
      'gs://staging/scenario-0.1.tar.gz',
      path.join(dataDir, 'buckets'),
    );
    await sources.stagePackageLocally(
      path.join(root, 'test/fixtures/tuning-package'),
      'gs://staging/tuner-0.1.0.tar.gz',
      path.join(dataDir, 'buckets'),
    );
    const loadBefore = os.loadavg()[0];
    const latency = tuningOnly ? undefined : await submitToRunning(clients);
    const throughput = tuningOnly ? undefined : await tailThroughput(clients);
    const tuning = await tuningThroughput(clients);
    const cpu = os.cpus()[0]?.model ?? 'cpu';
    console.log(
      JSON.stringify(
        {
          machine: `${execFileSync('nproc').toString().trim()} × ${cpu}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${os.platform()} ${os.release()}`,
          node: process.version,
          loadAverage1mBefore: round(loadBefore, 2),
          loadAverage1mAfter: round(os.loadavg()[0], 2),
          submitToRunning: latency,
          tailLogEntries: throughput,
          hyperparameterTuning: tuning,
        },
        null,
        2,
      ),
    );
  } finally {
    await clients.close();
    server.child.stdin.end();
    await new Promise((resolve) => server.child.once('exit', resolve));
    await fs.rm(dataDir, {recursive: true, force: true});
  }
}
