/* global setInterval, clearInterval */
// Log streaming benchmark, end to end on the built app: a job of REPLICAS replicas printing
// RATE lines a second in total for SECONDS seconds runs on the shared emulator service while the
// app (bin/vtrain-tui.js in a real pseudo-terminal, node-pty + @xterm/headless) shows its
// dashboard. Every replica line carries the wall time it was written; each time the screen
// changes, every line visible for the first time gives one write → on-screen latency sample.
// Reported beside the emulator's own ingestion rate in the same run:
//   lines lost (stored by the emulator minus counted by the dashboard; must be 0),
//   p50/p99 latency, frames per second, the app's CPU (cores) and peak RSS.
// Usage: npm run build && node bench/logs.mjs [replicas=32] [rate=20000] [seconds=30]. JSON out.
// VTRAIN_V8_FLAGS (passed through to the app) replaces its heap flags; "" runs V8's defaults.
import {execFileSync, spawn} from 'node:child_process';
import {readFileSync} from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {bundleSources} from './bundle-sources.mjs';
import xterm from '@xterm/headless';
import {spawn as spawnPty} from 'node-pty';

const replicas = Number(process.argv[2] ?? 32);
const rate = Number(process.argv[3] ?? 20_000);
const seconds = Number(process.argv[4] ?? 30);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = path.join(root, 'bin/vtrain-tui.js');
const COLUMNS = 160;
const ROWS = 60;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
};

function loadSources() {
  return bundleSources(root, 'logs', {
    createClients: 'source/services/vertex/clients.ts',
    stagePackageLocally: 'source/services/vertex/package-staging.ts',
    liveService: 'source/services/backend/local-service.ts',
  });
}

/** A trainer that prints `bench t=<ms> n=<seq>` lines at `perReplica`/s in 10 ms batches. */
async function writeTrainer(folder) {
  await fs.mkdir(path.join(folder, 'trainer'), {recursive: true});
  await fs.writeFile(
    path.join(folder, 'setup.py'),
    'from setuptools import setup\nsetup(name="bench", version="0.1", packages=["trainer"])\n',
  );
  await fs.writeFile(path.join(folder, 'trainer', '__init__.py'), '');
  await fs.writeFile(
    path.join(folder, 'trainer', 'task.py'),
    `import sys, time
rate, seconds = float(sys.argv[1]), float(sys.argv[2])
start = time.monotonic()
printed = 0
total = int(rate * seconds)
while printed < total:
    due = min(total, int(rate * (time.monotonic() - start)) + 1)
    now = time.time() * 1000
    while printed < due:
        sys.stdout.write(f"bench t={now:.3f} n={printed}\\n")
        printed += 1
    sys.stdout.flush()
    time.sleep(0.01)
time.sleep(2)
`,
  );
}

// BENCH_PROFILE_DIR=dir: the app (both threads) writes V8 CPU profiles there, to see where the
// time goes; the figures of such a run are not comparable.
const profileDir = process.env.BENCH_PROFILE_DIR;
const profileArgs = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(profileDir)}`] : [];

function cli(args) {
  return execFileSync(process.execPath, [bin, ...args], {encoding: 'utf8'});
}

// Read straight from /proc: spawning `cat` every half second blocked this process's event loop
// (and with it the pty reader whose timestamps are the latency samples) on a loaded machine.
function procStat(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const hwm = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
    return {ticks, hwmKb: hwm};
  } catch {
    return undefined;
  }
}

/** Each thread's largest committed and used V8 heap, from the app's VTRAIN_MEMORY_TRACE file. */
function heapPeaks(file) {
  const peaks = {};
  for (const line of readFileSync(file, 'utf8').split('\n').filter(Boolean)) {
    const {thread, heapCommittedMb, heapUsedMb} = JSON.parse(line);
    const peak = (peaks[thread] ??= {committed: 0, used: 0});
    peak.committed = Math.max(peak.committed, heapCommittedMb);
    peak.used = Math.max(peak.used, heapUsedMb);
  }
  return peaks;
}

async function main() {
  const {createClients, stagePackageLocally, liveService} = await loadSources();
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'vtrain-bench-logs-'));
  const packageDir = path.join(dataDir, 'bench-package');
  await writeTrainer(packageDir);
  const retention = ['--log-max-entries', '5000000', '--log-max-mb', '4096'];
  if (profileDir) {
    // In the foreground, so the service's own profile is written when `emulator stop` ends it.
    const serving = spawn(
      process.execPath,
      [...profileArgs, bin, 'emulator', 'serve', '--data-dir', dataDir, ...retention],
      {stdio: 'ignore', detached: true},
    );
    serving.unref();
    while (!liveService(dataDir)) await sleep(200);
  } else cli(['emulator', 'start', '--data-dir', dataDir, ...retention]);
  const info = liveService(dataDir);
  const backend = {
    kind: 'local',
    project: 'bench',
    region: 'us-central1',
    host: info.host,
    port: info.port,
    key: info.key,
  };
  const clients = await createClients(backend);
  const uri = 'gs://bench/bench-0.1.tar.gz';
  await stagePackageLocally(packageDir, uri, path.join(dataDir, 'buckets'));
  const perReplica = rate / replicas;
  const pool = (count) => ({
    machineSpec: {machineType: 'n1-standard-4'},
    replicaCount: count,
    pythonPackageSpec: {
      executorImageUri: 'us-docker.pkg.dev/vertex-ai/training/sklearn-cpu.1-0:latest',
      packageUris: [uri],
      pythonModule: 'trainer.task',
      args: [String(perReplica), String(seconds)],
    },
  });

  // A short job first so the app opens on the job list; the app starts before the measured job.
  await clients.jobs.createCustomJob({
    parent: 'projects/bench/locations/us-central1',
    customJob: {
      displayName: 'bench-warmup',
      jobSpec: {
        workerPoolSpecs: [
          {...pool(1), pythonPackageSpec: {...pool(1).pythonPackageSpec, args: ['10', '0.1']}},
        ],
      },
    },
  });
  const memoryTrace = path.join(dataDir, 'memory-trace.jsonl');
  const terminal = new xterm.Terminal({cols: COLUMNS, rows: ROWS, allowProposedApi: true});
  const pty = spawnPty(process.execPath, [...profileArgs, bin, '--project', 'bench'], {
    name: 'xterm-256color',
    cols: COLUMNS,
    rows: ROWS,
    cwd: dataDir,
    env: {
      ...process.env,
      VTRAIN_DATA_DIR: dataDir,
      VTRAIN_SETTINGS: path.join(dataDir, 's.json'),
      VTRAIN_MEMORY_TRACE: memoryTrace,
    },
  });
  const screen = () => {
    const buffer = terminal.buffer.active;
    const lines = [];
    for (let i = 0; i < ROWS; i++)
      lines.push(buffer.getLine(buffer.viewportY + i)?.translateToString(true) ?? '');
    return lines.join('\n');
  };
  const seen = new Set();
  const latencies = [];
  let frames = 0;
  let measuring = false;
  pty.onData((data) => {
    terminal.write(data, () => {
      if (!measuring) return;
      frames++;
      const now = Date.now();
      for (const match of screen().matchAll(
        /\[(workerpool\d+-\d+)\]\s+bench t=(\d+\.\d+) n=(\d+)/g,
      )) {
        const key = `${match[1]}:${match[3]}`;
        if (seen.has(key)) continue;
        seen.add(key);
        latencies.push(now - Number(match[2]));
      }
    });
  });
  const waitScreen = async (pattern, ms = 60_000) => {
    const deadline = Date.now() + ms;
    while (!pattern.test(screen())) {
      if (Date.now() > deadline) throw new Error(`never showed ${pattern}:\n${screen()}`);
      await sleep(50);
    }
  };
  await waitScreen(/bench-warmup/, 60_000);

  const [created] = await clients.jobs.createCustomJob({
    parent: 'projects/bench/locations/us-central1',
    customJob: {
      displayName: 'bench-logs',
      jobSpec: {workerPoolSpecs: [pool(1), pool(replicas - 1)]},
    },
  });
  const jobId = created.name.split('/').pop();
  pty.write('r');
  await waitScreen(/bench-logs/, 30_000);
  pty.write('/');
  await sleep(300);
  pty.write('\x15bench-logs\r');
  await sleep(500);
  pty.write('\r');
  await waitScreen(/bench-logs · custom job · customJobs\/\d+/);
  const cpuStart = procStat(pty.pid);
  const emulatorCpuStart = procStat(info.pid);
  const startedAt = Date.now();
  measuring = true;
  let peakKb = 0;
  const sampler = setInterval(
    () => (peakKb = Math.max(peakKb, procStat(pty.pid)?.hwmKb ?? 0)),
    500,
  );

  await waitScreen(/SUCCEEDED for[\s\S]*stream ended/, (seconds + 240) * 1000);
  const endedAt = Date.now();
  measuring = false;
  clearInterval(sampler);
  const cpuEnd = procStat(pty.pid);
  const emulatorCpuEnd = procStat(info.pid);
  const streamLine = /── .*stream ended.*/.exec(screen())?.[0] ?? '';
  const shownTotal = Number(/stream ended · (\d+) lines/.exec(screen())?.[1] ?? NaN);

  // The emulator's side: what it stored, and how fast it ingested the flood.
  let stored = 0;
  const ingestDelays = [];
  let first = Infinity;
  let last = 0;
  let pageToken = '';
  do {
    const [entries, , response] = await clients.logging.listLogEntries(
      {
        resourceNames: ['projects/bench'],
        filter: `resource.labels.job_id="${jobId}" AND timestamp>="2000-01-01T00:00:00Z"`,
        orderBy: 'timestamp asc',
        pageSize: 1000,
        pageToken,
      },
      {autoPaginate: false},
    );
    for (const entry of entries) {
      stored++;
      const written = /^bench t=(\d+\.\d+)/.exec(entry.textPayload ?? '');
      if (written) {
        const ms = Number(entry.timestamp.seconds) * 1000 + entry.timestamp.nanos / 1e6;
        // The entry's timestamp is when the emulator took the line from the replica's pipe.
        ingestDelays.push(ms - Number(written[1]));
        first = Math.min(first, ms);
        last = Math.max(last, ms);
      }
    }
    pageToken = response?.nextPageToken ?? '';
  } while (pageToken);
  const [job] = await clients.jobs.getCustomJob({name: created.name});
  pty.write('\x03');
  await sleep(profileDir ? 5000 : 500); // a profile is written as the app exits
  pty.kill();
  await clients.close();
  cli(['emulator', 'stop', '--data-dir', dataDir]);
  const heaps = heapPeaks(memoryTrace);
  // BENCH_KEEP_TRACE=file keeps the per-thread heap samples (spaces included) for a closer look.
  if (process.env.BENCH_KEEP_TRACE) await fs.copyFile(memoryTrace, process.env.BENCH_KEEP_TRACE);
  await fs.rm(dataDir, {recursive: true, force: true});

  const hz = Number(execFileSync('getconf', ['CLK_TCK'], {encoding: 'utf8'}));
  const wallS = (endedAt - startedAt) / 1000;
  const jobS = Number(job.endTime.seconds) - Number(job.startTime.seconds) || NaN;
  console.log(
    JSON.stringify(
      {
        replicas,
        linesPerSecondWanted: rate,
        seconds,
        emulator: {
          stored,
          ingestedLinesPerSecond: Math.round(
            (replicas * perReplica * seconds) / ((last - first) / 1000),
          ),
          jobRunSeconds: jobS,
          writeToStoredMs: {
            p50: Math.round(percentile(ingestDelays, 50)),
            p99: Math.round(percentile(ingestDelays, 99)),
          },
          cpuCores:
            emulatorCpuStart && emulatorCpuEnd
              ? Number(((emulatorCpuEnd.ticks - emulatorCpuStart.ticks) / hz / wallS).toFixed(2))
              : null,
        },
        app: {
          linesCounted: shownTotal,
          linesLost: stored - shownTotal,
          latencyMs: {
            samples: latencies.length,
            p50: percentile(latencies, 50),
            p99: percentile(latencies, 99),
          },
          framesPerSecond: Math.round(frames / wallS),
          cpuCores:
            cpuStart && cpuEnd
              ? Number(((cpuEnd.ticks - cpuStart.ticks) / hz / wallS).toFixed(2))
              : null,
          peakRssMb: Math.round(peakKb / 1024),
          peakHeapMb: heaps,
          toggleBar: streamLine,
          caughtUpAfterJobEndSeconds: Number(
            ((endedAt - Number(job.endTime.seconds) * 1000) / 1000).toFixed(1),
          ),
        },
      },
      null,
      2,
    ),
  );
}

await main();
