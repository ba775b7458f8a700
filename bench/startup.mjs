// Start-up benchmark: time from process start to the wizard's first rendered frame in a real
// pseudo-terminal, and `--version`, each against bare `node -e 0` in the same run.
// Usage: node bench/startup.mjs [runs]   (default 15). Prints medians and ratios as JSON.
import os from 'node:os';
import path from 'node:path';
import {spawn as spawnChild, spawnSync} from 'node:child_process';
import {fileURLToPath} from 'node:url';
import {spawn} from 'node-pty';

const runs = Number(process.argv[2] ?? 15);
const bin = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../bin/vtrain-tui.js');

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};

function timeProcess(args) {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawnChild(process.execPath, args, {stdio: 'ignore'});
    child.on('error', reject);
    child.on('exit', () => resolve(Number(process.hrtime.bigint() - started) / 1e6));
  });
}

function timeFirstFrame() {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const dataDir = path.join(os.tmpdir(), `vtrain-bench-${process.pid}`);
    const pty = spawn(process.execPath, [bin], {
      cols: 110,
      rows: 32,
      env: {...process.env, VTRAIN_DATA_DIR: dataDir},
    });
    let output = '';
    let measured;
    const timer = setTimeout(() => reject(new Error('no first frame within 10 s')), 10_000);
    pty.onData((data) => {
      output += data;
      if (measured === undefined && output.includes('step 1/6')) {
        measured = Number(process.hrtime.bigint() - started) / 1e6;
        clearTimeout(timer);
        pty.write('\x03');
      }
    });
    pty.onExit(() => (measured === undefined ? reject(new Error(output)) : resolve(measured)));
  });
}

const results = {bareNode: [], version: [], firstFrame: []};
for (let i = 0; i < runs; i++) {
  results.bareNode.push(await timeProcess(['-e', '0']));
  results.version.push(await timeProcess([bin, '--version']));
  results.firstFrame.push(await timeFirstFrame());
}
// The app may have started the shared emulator service after its first frame; it outlives the
// app by design, so stop it here rather than leave it idling.
spawnSync(
  process.execPath,
  [bin, 'emulator', 'stop', '--data-dir', path.join(os.tmpdir(), `vtrain-bench-${process.pid}`)],
  {
    stdio: 'ignore',
  },
);
const summary = {
  machine: `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${os.platform()} ${os.release()}`,
  node: process.version,
  runs,
  medianMs: {
    bareNode: Math.round(median(results.bareNode)),
    version: Math.round(median(results.version)),
    firstFrame: Math.round(median(results.firstFrame)),
  },
};
summary.ratios = {
  versionToBareNode: +(summary.medianMs.version / summary.medianMs.bareNode).toFixed(2),
  firstFrameToBareNode: +(summary.medianMs.firstFrame / summary.medianMs.bareNode).toFixed(2),
};
console.log(JSON.stringify(summary, null, 2));
