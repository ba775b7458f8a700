// Job-list benchmark: the app opened on a local emulator that holds 10,000 jobs, against one that
// holds 10, in the same run. Measures the time from spawn to the first list frame showing jobs,
// the time each key takes to redraw the list (↓ and pgdn while scrolling deep), and how many rows
// the list had loaded (it must page, never load everything).
// Usage: node bench/joblist.mjs [runs] [jobs]   (default 3 runs, 10000 jobs). Needs `npm run build`.
import fs from 'node:fs';
import os from 'node:os';
import {spawn} from 'node-pty';
import xtermHeadless from '@xterm/headless';
import {BIN, benchDataDir, cli, FAST, median, screenText, seedJobs} from './lib/bench-kit.mjs';

const {Terminal} = xtermHeadless;
const runs = Number(process.argv[2] ?? 3);
const bigCount = Number(process.argv[3] ?? 10_000);
const bin = BIN;
const p95 = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length * 0.95)];

/**
 * One app session: open time, then per-key redraw times for 20 moves (↓ and ↑ in turn, so every
 * key changes the screen on any list size) and, with `deep`, 20 × pgdn scrolling into the list.
 */
function measure(dataDir, deep) {
  return new Promise((resolve, reject) => {
    const terminal = new Terminal({cols: 120, rows: 32, allowProposedApi: true});
    const started = process.hrtime.bigint();
    const pty = spawn(process.execPath, [bin], {
      cols: 120,
      rows: 32,
      env: {...process.env, ...FAST, VTRAIN_DATA_DIR: dataDir},
    });
    let opened;
    let pending;
    const keys = [];
    const deepKeys = [];
    const moves = Array.from({length: 20}, (_, index) => (index % 2 ? 'k' : 'j'));
    const plan = [
      ...moves.map((key) => [key, keys]),
      ...(deep ? Array(20).fill(['\x1b[6~', deepKeys]) : []),
    ];
    let target = keys;
    let lastScreen = '';
    const timer = setTimeout(() => {
      pty.kill();
      reject(new Error(`timed out: ${screenText(terminal)}`));
    }, 60_000);
    const sendNext = () => {
      const step = plan.shift();
      if (step === undefined) {
        const loaded = /(\d+) shown(?: of (\d+)\+ loaded)?/.exec(screenText(terminal));
        clearTimeout(timer);
        pty.write('\x03');
        pty.onExit(() =>
          resolve({
            opened,
            keys,
            deepKeys,
            loaded: loaded ? Number(loaded[2] ?? loaded[1]) : undefined,
          }),
        );
        return;
      }
      lastScreen = screenText(terminal);
      target = step[1];
      pending = process.hrtime.bigint();
      pty.write(step[0]);
    };
    pty.onData((data) => {
      terminal.write(data, () => {
        const text = screenText(terminal);
        if (opened === undefined) {
          if (/bench-job-\d+\s+\S+\s+custom job/.test(text)) {
            opened = Number(process.hrtime.bigint() - started) / 1e6;
            setTimeout(sendNext, 300);
          }
          return;
        }
        if (pending !== undefined && text !== lastScreen) {
          target.push(Number(process.hrtime.bigint() - pending) / 1e6);
          pending = undefined;
          setTimeout(sendNext, 20);
        }
      });
    });
  });
}

const sizes = [10, bigCount];
const folders = Object.fromEntries(
  sizes.map((count) => {
    const dataDir = benchDataDir(`vtrain-bench-list-${count}-`);
    seedJobs(dataDir, count, {
      firstId: 1_000_000_000_000_000,
      states: ['JOB_STATE_SUCCEEDED', 'JOB_STATE_FAILED', 'JOB_STATE_CANCELLED'],
      labels: {bench: 'joblist'},
    });
    return [count, dataDir];
  }),
);
for (const count of sizes)
  if (cli(['emulator', 'start'], folders[count]).status !== 0)
    throw new Error('emulator start failed');
const results = Object.fromEntries(
  sizes.map((count) => [count, {open: [], key: [], deep: [], loaded: []}]),
);
try {
  for (let run = 0; run < runs; run += 1)
    for (const count of sizes) {
      const {opened, keys, deepKeys, loaded} = await measure(folders[count], count === bigCount);
      results[count].open.push(opened);
      results[count].key.push(...keys);
      results[count].deep.push(...deepKeys);
      results[count].loaded.push(loaded);
    }
} finally {
  for (const count of sizes) {
    cli(['emulator', 'stop'], folders[count]);
    fs.rmSync(folders[count], {recursive: true, force: true});
  }
}
const summary = {
  machine: `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${os.platform()} ${os.release()}`,
  node: process.version,
  load: os
    .loadavg()
    .map((value) => value.toFixed(1))
    .join(' '),
  runs,
  bySize: Object.fromEntries(
    sizes.map((count) => [
      count,
      {
        openMs: Math.round(median(results[count].open)),
        keyRedrawMedianMs: Math.round(median(results[count].key)),
        keyRedrawP95Ms: Math.round(p95(results[count].key)),
        ...(results[count].deep.length && {
          pgdnRedrawMedianMs: Math.round(median(results[count].deep)),
          pgdnRedrawP95Ms: Math.round(p95(results[count].deep)),
        }),
        rowsLoadedAfterScrolling: Math.max(...results[count].loaded),
      },
    ]),
  ),
};
const [small, big] = sizes.map((count) => summary.bySize[count]);
summary.ratios = {
  openBigToSmall: +(big.openMs / small.openMs).toFixed(2),
  keyRedrawBigToSmall: +(big.keyRedrawMedianMs / small.keyRedrawMedianMs).toFixed(2),
};
console.log(JSON.stringify(summary, null, 2));
