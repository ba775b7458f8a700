// Jobs on screen on a returning run (issue #22): the time from spawn until the home list shows an
// existing job's name, in a real pseudo-terminal, as a ratio to a bare `node -e 0` of the same run.
// Three figures, interleaved per run:
//   cached frame  the list of the last run, drawn from the job list cache (marked "cached … ago")
//   live frame    the same run once the backend answered (the cached mark gone, rows live)
//   no cache      a run with the cache folder moved aside: the list waits for the backend (how
//                 every run behaved before the cache; also a first run on a new machine)
// The data folder holds `jobs` finished custom jobs written as the emulator stores them, served by
// a running `emulator start` (so no run pays the service's own start). Needs `npm run build`.
// Usage: node bench/jobs-on-screen.mjs [runs] [jobs] [other-bin]   (default 10 runs, 20 jobs).
// With other-bin (bin/vtrain-tui.js of another checkout, e.g. a build of main), that build's cached
// and live frames are measured in the same interleaved loop against the same service and cache,
// so the two compare as ratios (`other`).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {spawn as spawnChild, spawnSync} from 'node:child_process';
import {fileURLToPath} from 'node:url';
import {spawn} from 'node-pty';
import xtermHeadless from '@xterm/headless';

const {Terminal} = xtermHeadless;
const runs = Number(process.argv[2] ?? 10);
const jobCount = Number(process.argv[3] ?? 20);
const bin = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../bin/vtrain-tui.js');
const otherBin = process.argv[4] ? path.resolve(process.argv[4]) : undefined;
const FAST = {VTRAIN_EMULATOR_QUEUE_MS: '0', VTRAIN_EMULATOR_PROVISION_MS: '0'};
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const JOB_ROW = /bench-job-\d+\s+\S+\s+custom job/;
const CACHED = /cached \d+\S* ago/;

/** Writes `count` finished job records straight into a new data folder, as the emulator stores them. */
function seed(count) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vtrain-bench-onscreen-'));
  const jobs = path.join(dataDir, 'emulator', 'jobs');
  fs.mkdirSync(jobs, {recursive: true, mode: 0o700});
  fs.chmodSync(path.join(dataDir, 'emulator'), 0o700);
  fs.chmodSync(dataDir, 0o700);
  const start = BigInt(Date.now() - count * 60_000) * 1_000_000n;
  for (let index = 0; index < count; index += 1) {
    const id = String(2_000_000_000_000_000 + index);
    const created = start + BigInt(index) * 60_000_000_000n;
    const job = {
      id,
      name: `projects/local-project/locations/us-central1/customJobs/${id}`,
      project: 'local-project',
      location: 'us-central1',
      displayName: `bench-job-${index}`,
      jobSpec: {
        workerPoolSpecs: [
          {
            machineSpec: {machineType: 'n1-standard-4'},
            replicaCount: 1,
            containerSpec: {imageUri: 'x'},
          },
        ],
      },
      labels: {bench: 'onscreen'},
      state: 'JOB_STATE_SUCCEEDED',
      createTimeNs: String(created),
      updateTimeNs: String(created + 30_000_000_000n),
      startTimeNs: String(created + 1_000_000_000n),
      endTimeNs: String(created + 30_000_000_000n),
    };
    fs.writeFileSync(
      path.join(jobs, `${id}.json`),
      `${JSON.stringify({version: 1, job, replicas: []})}\n`,
      {mode: 0o600},
    );
  }
  return dataDir;
}

function cli(args, dataDir) {
  return spawnSync(process.execPath, [bin, ...args, '--data-dir', dataDir], {
    env: {...process.env, ...FAST},
    encoding: 'utf8',
  });
}

function timeProcess(args) {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawnChild(process.execPath, args, {stdio: 'ignore'});
    child.on('error', reject);
    child.on('exit', () => resolve(Number(process.hrtime.bigint() - started) / 1e6));
  });
}

function screenText(terminal) {
  const buffer = terminal.buffer.active;
  const lines = [];
  for (let i = 0; i < terminal.rows; i++)
    lines.push(buffer.getLine(buffer.viewportY + i)?.translateToString(true) ?? '');
  return lines.join('\n');
}

/**
 * One app run: ms from spawn to the first frame with a job row (`first`, and whether it was marked
 * cached) and to the first frame with live rows (`live`). Quits with ctrl+c and waits for the exit.
 */
function measure(dataDir, binPath = bin) {
  return new Promise((resolve, reject) => {
    const terminal = new Terminal({cols: 120, rows: 32, allowProposedApi: true});
    const started = process.hrtime.bigint();
    const pty = spawn(process.execPath, [binPath], {
      cols: 120,
      rows: 32,
      env: {...process.env, ...FAST, VTRAIN_DATA_DIR: dataDir},
    });
    const result = {};
    const timer = setTimeout(() => {
      pty.kill();
      reject(new Error(`timed out: ${screenText(terminal)}`));
    }, 60_000);
    let quitting = false;
    pty.onData((data) => {
      terminal.write(data, () => {
        if (quitting) return;
        const text = screenText(terminal);
        if (!JOB_ROW.test(text)) return;
        const at = Number(process.hrtime.bigint() - started) / 1e6;
        if (result.first === undefined) {
          result.first = at;
          result.firstCached = CACHED.test(text);
        }
        if (!CACHED.test(text)) {
          result.live = at;
          quitting = true;
          clearTimeout(timer);
          // Give the list a moment to save itself for the next run, then quit.
          setTimeout(() => pty.write('\x03'), 300);
        }
      });
    });
    pty.onExit(() => {
      clearTimeout(timer);
      if (result.live === undefined) reject(new Error(`no live frame: ${screenText(terminal)}`));
      else resolve(result);
    });
  });
}

const dataDir = seed(jobCount);
const cacheDir = path.join(dataDir, 'cache', 'job-list');
const aside = path.join(dataDir, 'cache', 'job-list-aside');
const results = {bareNode: [], cachedFrame: [], liveFrame: [], noCache: [], cachedMissing: 0};
const other = {cachedFrame: [], liveFrame: [], cachedMissing: 0};
try {
  if (cli(['emulator', 'start'], dataDir).status !== 0) throw new Error('emulator start failed');
  // A first run: the list it sees is saved for the returning runs.
  await measure(dataDir);
  if (!fs.existsSync(cacheDir)) throw new Error('the first run saved no job list cache');
  for (let run = 0; run < runs; run += 1) {
    results.bareNode.push(await timeProcess(['-e', '0']));
    const returning = await measure(dataDir);
    if (returning.firstCached) results.cachedFrame.push(returning.first);
    else results.cachedMissing += 1;
    results.liveFrame.push(returning.live);
    if (otherBin) {
      const theirs = await measure(dataDir, otherBin);
      if (theirs.firstCached) other.cachedFrame.push(theirs.first);
      else other.cachedMissing += 1;
      other.liveFrame.push(theirs.live);
    }
    fs.renameSync(cacheDir, aside);
    try {
      results.noCache.push((await measure(dataDir)).first);
    } finally {
      fs.rmSync(cacheDir, {recursive: true, force: true});
      fs.renameSync(aside, cacheDir);
    }
  }
} finally {
  cli(['emulator', 'stop'], dataDir);
  fs.rmSync(dataDir, {recursive: true, force: true});
}
const ms = (values) => (values.length ? Math.round(median(values)) : null);
const summary = {
  machine: `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${os.platform()} ${os.release()}`,
  node: process.version,
  load: os
    .loadavg()
    .map((value) => value.toFixed(1))
    .join(' '),
  runs,
  jobs: jobCount,
  medianMs: {
    bareNode: ms(results.bareNode),
    cachedFrame: ms(results.cachedFrame),
    liveFrame: ms(results.liveFrame),
    noCache: ms(results.noCache),
  },
  // Returning runs whose first job frame was not the cached one (should be 0).
  runsWithoutCachedFrame: results.cachedMissing,
};
const ratio = (value) => (value === null ? null : +(value / summary.medianMs.bareNode).toFixed(2));
summary.ratios = {
  cachedFrameToBareNode: ratio(summary.medianMs.cachedFrame),
  liveFrameToBareNode: ratio(summary.medianMs.liveFrame),
  noCacheToBareNode: ratio(summary.medianMs.noCache),
};
if (otherBin) {
  summary.other = {
    bin: otherBin,
    medianMs: {cachedFrame: ms(other.cachedFrame), liveFrame: ms(other.liveFrame)},
    runsWithoutCachedFrame: other.cachedMissing,
    ratios: {
      cachedFrameToBareNode: ratio(ms(other.cachedFrame)),
      liveFrameToBareNode: ratio(ms(other.liveFrame)),
    },
  };
  // This build's figure over the other's, both from the same runs (below 1: this one is faster).
  summary.thisOverOther = {
    cachedFrame: +(summary.medianMs.cachedFrame / ms(other.cachedFrame)).toFixed(2),
    liveFrame: +(summary.medianMs.liveFrame / ms(other.liveFrame)).toFixed(2),
  };
}
console.log(JSON.stringify(summary, null, 2));
