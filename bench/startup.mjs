// Start-up benchmark: time from process start to the wizard's first rendered frame in a real
// pseudo-terminal (a first run: a new data folder each time), and `--version`, each against bare
// `node -e 0` and against the smallest Ink app (bench/peers/ink-hello.tsx, bundled as dist/ is:
// the framework's floor) in the same run; then the resident memory of the app left idle on the job
// list (a returning run: one job in the list).
// Usage: node bench/startup.mjs [runs] [other-bin]   (default 15 runs). Prints medians and ratios
// as JSON. With other-bin (bin/vtrain-tui.js of another checkout, e.g. an older commit), that build
// is measured in the same interleaved loop, so the two can be compared as ratios.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {spawnSync} from 'node:child_process';
import {fileURLToPath} from 'node:url';
import {spawn} from 'node-pty';
import {median, seedJobs, timeProcess} from './lib/bench-kit.mjs';
import {build} from 'esbuild';
import {
  fastStringWidth,
  synchronousYoga,
  withoutReactDevtools,
} from '../scripts/esbuild-plugins.mjs';

const runs = Number(process.argv[2] ?? 15);
const bin = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../bin/vtrain-tui.js');
const otherBin = process.argv[3] ? path.resolve(process.argv[3]) : undefined;

// The first frame, then the worst time the app takes to answer a key during its first seconds,
// while the backend session opens in the background: enter (→ step 2) and q (→ step 1) in turn,
// each sent as soon as the previous one has been drawn.
const PROBE_MS = 4000;

/** bench/peers/ink-hello.tsx bundled like dist/ (build options of scripts/build-options.mjs). */
async function buildInkHello() {
  const outfile = path.join(os.tmpdir(), `vtrain-bench-ink-hello-${process.pid}.mjs`);
  await build({
    entryPoints: [path.resolve(path.dirname(bin), '../bench/peers/ink-hello.tsx')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    minify: true,
    define: {'process.env.NODE_ENV': '"production"'},
    plugins: [withoutReactDevtools, synchronousYoga, fastStringWidth],
    banner: {
      js: "import {createRequire as __vtrainCreateRequire} from 'node:module';const require=__vtrainCreateRequire(import.meta.url);",
    },
    logLevel: 'warning',
  });
  return outfile;
}

/** ms from spawn to the Ink peer's first frame in the same pty size; ctrl+c then ends it. */
function timeInkFrame(script) {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const pty = spawn(process.execPath, [script], {
      cols: 110,
      rows: 32,
      env: {...process.env, CI: 'false'},
    });
    let output = '';
    let frame;
    const timer = setTimeout(() => pty.kill(), 10_000);
    pty.onData((data) => {
      output += data;
      if (frame === undefined && /step 1\/1/.test(output)) {
        frame = Number(process.hrtime.bigint() - started) / 1e6;
        pty.write('\x03');
      }
    });
    pty.onExit(() => {
      clearTimeout(timer);
      if (frame === undefined) reject(new Error(`ink peer: no frame: ${JSON.stringify(output)}`));
      else resolve(frame);
    });
  });
}

function timeFirstFrame(binPath) {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    // A first run: a data folder of its own (no settings, no jobs, no cache), its service stopped
    // after the run so the next one starts from nothing too.
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vtrain-bench-first-'));
    const pty = spawn(process.execPath, [binPath], {
      cols: 110,
      rows: 32,
      env: {...process.env, VTRAIN_DATA_DIR: dataDir},
    });
    let output = '';
    let firstFrame;
    let probeEndsAt;
    let pending; // {expect, sentAt}
    let worstKey = 0;
    let lostKey = false;
    // A key that never gets its screen is a lost key (older builds dropped keys typed quickly).
    const timer = setTimeout(() => {
      if (firstFrame === undefined) reject(new Error(`no first frame: ${JSON.stringify(output)}`));
      lostKey = true;
      if (process.env.BENCH_DEBUG)
        console.error('LOST waiting for', pending?.expect, JSON.stringify(output.slice(-400)));
      pending = undefined;
      pty.write('\x03');
      setTimeout(() => pty.kill(), 2000);
    }, 10_000);
    const sendNext = (expectStep) => {
      output = '';
      // Any step count: the wizard shows only the steps that apply (8 for the example job).
      pending = {
        expect: new RegExp(`step ${expectStep}/\\d+`),
        step: expectStep,
        sentAt: process.hrtime.bigint(),
      };
      pty.write(expectStep === 2 ? '\r' : 'q');
    };
    pty.onData((data) => {
      output += data;
      if (firstFrame === undefined && /step 1\/\d+/.test(output)) {
        firstFrame = Number(process.hrtime.bigint() - started) / 1e6;
        probeEndsAt = process.hrtime.bigint() + BigInt(PROBE_MS) * 1_000_000n;
        sendNext(2);
        return;
      }
      if (pending && pending.expect.test(output)) {
        const now = process.hrtime.bigint();
        worstKey = Math.max(worstKey, Number(now - pending.sentAt) / 1e6);
        const next = pending.step === 2 ? 1 : 2;
        pending = undefined;
        if (now < probeEndsAt) sendNext(next);
        else {
          clearTimeout(timer);
          pty.write('\x03');
        }
      }
    });
    // Quitting while a key is unanswered also counts as a lost key: older builds could apply a
    // quick "q" to the previous screen and leave the app.
    pty.onExit(() => {
      clearTimeout(timer);
      spawnSync(process.execPath, [binPath, 'emulator', 'stop', '--data-dir', dataDir], {
        stdio: 'ignore',
      });
      fs.rmSync(dataDir, {recursive: true, force: true});
      if (firstFrame === undefined) reject(new Error(`no first frame: ${JSON.stringify(output)}`));
      if (pending && process.env.BENCH_DEBUG)
        console.error('EXIT waiting for', pending.expect, JSON.stringify(output.slice(-400)));
      else resolve({measured: firstFrame, keyAnswered: lostKey || pending ? null : worstKey});
    });
  });
}

// Per run: the worst key latency in ms, or null when a key was lost (never answered).
const keyStats = (values) => {
  const answered = values.filter((value) => value !== null);
  return {
    worstKeyResponse: answered.length ? Math.round(median(answered)) : null,
    worstKeyResponseMax: answered.length ? Math.round(Math.max(...answered)) : null,
    runsWithLostKeys: values.length - answered.length,
  };
};

const IDLE_MS = 10_000;

/**
 * The app's resident set (VmRSS of its process: the UI thread and the API worker) after it has
 * shown the job list with a live row and then sat idle for IDLE_MS. Linux only (/proc).
 */
function idleRss(binPath) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vtrain-bench-idle-'));
  seedJobs(dataDir, 1, {firstId: 4_000_001});
  return new Promise((resolve, reject) => {
    const pty = spawn(process.execPath, [binPath, '--backend', 'local'], {
      cols: 110,
      rows: 32,
      env: {...process.env, VTRAIN_DATA_DIR: dataDir},
    });
    let output = '';
    let sampled;
    const timer = setTimeout(() => {
      pty.kill();
      reject(new Error(`the job list never showed the job: ${JSON.stringify(output.slice(-400))}`));
    }, 60_000);
    pty.onData((data) => {
      output += data;
      if (sampled !== undefined || !output.includes('bench-job-0')) return;
      sampled = null;
      setTimeout(() => {
        const status = fs.readFileSync(`/proc/${pty.pid}/status`, 'utf8');
        sampled = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
        pty.write('\x03');
      }, IDLE_MS);
    });
    pty.onExit(() => {
      clearTimeout(timer);
      spawnSync(process.execPath, [binPath, 'emulator', 'stop', '--data-dir', dataDir], {
        stdio: 'ignore',
      });
      fs.rmSync(dataDir, {recursive: true, force: true});
      if (typeof sampled === 'number') resolve(sampled);
      else reject(new Error('the app quit before it was measured'));
    });
  });
}

const inkHello = await buildInkHello();
const results = {
  bareNode: [],
  inkHello: [],
  version: [],
  firstFrame: [],
  firstKey: [],
  other: [],
  otherKey: [],
};
for (let i = 0; i < runs; i++) {
  results.bareNode.push(await timeProcess(['-e', '0']));
  results.inkHello.push(await timeInkFrame(inkHello));
  results.version.push(await timeProcess([bin, '--version']));
  const {measured, keyAnswered} = await timeFirstFrame(bin);
  results.firstFrame.push(measured);
  results.firstKey.push(keyAnswered);
  if (otherBin) {
    const other = await timeFirstFrame(otherBin);
    results.other.push(other.measured);
    results.otherKey.push(other.keyAnswered);
  }
}
fs.rmSync(inkHello, {force: true});
// Idle memory: three samples per build, after the start-up runs.
const idle = {ours: [], other: []};
for (let i = 0; i < 3; i++) {
  idle.ours.push(await idleRss(bin));
  if (otherBin) idle.other.push(await idleRss(otherBin));
}
const summary = {
  machine: `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${os.platform()} ${os.release()}`,
  node: process.version,
  runs,
  medianMs: {
    bareNode: Math.round(median(results.bareNode)),
    inkHello: Math.round(median(results.inkHello)),
    version: Math.round(median(results.version)),
    firstFrame: Math.round(median(results.firstFrame)),
    ...keyStats(results.firstKey),
  },
};
summary.ratios = {
  versionToBareNode: +(summary.medianMs.version / summary.medianMs.bareNode).toFixed(2),
  firstFrameToBareNode: +(summary.medianMs.firstFrame / summary.medianMs.bareNode).toFixed(2),
  inkHelloToBareNode: +(summary.medianMs.inkHello / summary.medianMs.bareNode).toFixed(2),
  firstFrameToInkHello: +(summary.medianMs.firstFrame / summary.medianMs.inkHello).toFixed(2),
};
summary.idleRssMB = Math.round(median(idle.ours));
if (otherBin) {
  summary.otherIdleRssMB = Math.round(median(idle.other));
  summary.ratios.idleRssToOther = +(summary.idleRssMB / summary.otherIdleRssMB).toFixed(2);
}
if (otherBin) {
  summary.other = {
    bin: otherBin,
    firstFrame: Math.round(median(results.other)),
    ...keyStats(results.otherKey),
  };
  summary.ratios.firstFrameToOther = +(
    summary.medianMs.firstFrame / summary.other.firstFrame
  ).toFixed(2);
  if (summary.medianMs.worstKeyResponse && summary.other.worstKeyResponse)
    summary.ratios.worstKeyToOther = +(
      summary.medianMs.worstKeyResponse / summary.other.worstKeyResponse
    ).toFixed(2);
}
console.log(JSON.stringify(summary, null, 2));
