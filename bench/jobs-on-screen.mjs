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
import {spawn} from 'node-pty';
import xtermHeadless from '@xterm/headless';
import {
  BIN,
  benchDataDir,
  cli,
  FAST,
  median,
  screenText,
  seedJobs,
  timeProcess,
} from './lib/bench-kit.mjs';

const {Terminal} = xtermHeadless;
const runs = Number(process.argv[2] ?? 10);
const jobCount = Number(process.argv[3] ?? 20);
const bin = BIN;
const otherBin = process.argv[4] ? path.resolve(process.argv[4]) : undefined;
const JOB_ROW = /bench-job-\d+\s+\S+\s+custom job/;
const CACHED = /cached \d+\S* ago/;

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

const dataDir = benchDataDir('vtrain-bench-onscreen-');
seedJobs(dataDir, jobCount, {firstId: 2_000_000_000_000_000, labels: {bench: 'onscreen'}});
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
