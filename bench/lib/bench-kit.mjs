// What the benches share: a data folder seeded with finished custom jobs written straight into
// it as the emulator stores them (emulator/contract/job-records.ts: {version, job, replicas}, one
// 0600 file per job under a 0700 folder), the CLI run against it without queue delays, a child
// timed from spawn to exit, a headless terminal's screen as text, and the median.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {spawn, spawnSync} from 'node:child_process';
import {fileURLToPath} from 'node:url';

/** bin/vtrain-tui.js of this checkout. */
export const BIN = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../bin/vtrain-tui.js',
);

/** Jobs queue and provision at once. */
export const FAST = {VTRAIN_EMULATOR_QUEUE_MS: '0', VTRAIN_EMULATOR_PROVISION_MS: '0'};

export const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** A new private data folder (mode 0700, as the emulator requires) under the system's tmp. */
export function benchDataDir(prefix) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  fs.chmodSync(dataDir, 0o700);
  return dataDir;
}

/**
 * Writes `count` finished custom jobs (`bench-job-N`, one minute apart, newest last) into
 * `dataDir`. `firstId` numbers them; `states` cycles their end states (a FAILED one carries
 * Vertex's non-zero exit message); `labels` are set on every job when given.
 */
export function seedJobs(dataDir, count, {firstId, states = ['JOB_STATE_SUCCEEDED'], labels}) {
  const jobs = path.join(dataDir, 'emulator', 'jobs');
  fs.mkdirSync(jobs, {recursive: true, mode: 0o700});
  fs.chmodSync(path.join(dataDir, 'emulator'), 0o700);
  fs.chmodSync(dataDir, 0o700);
  const start = BigInt(Date.now() - count * 60_000) * 1_000_000n;
  for (let index = 0; index < count; index += 1) {
    const id = String(firstId + index);
    const created = start + BigInt(index) * 60_000_000_000n;
    const state = states[index % states.length];
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
      ...(labels && {labels}),
      state,
      createTimeNs: String(created),
      updateTimeNs: String(created + 30_000_000_000n),
      startTimeNs: String(created + 1_000_000_000n),
      endTimeNs: String(created + 30_000_000_000n),
      ...(state === 'JOB_STATE_FAILED' && {
        error: {code: 3, message: 'The replica workerpool0-0 exited with a non-zero status of 1.'},
      }),
    };
    fs.writeFileSync(
      path.join(jobs, `${id}.json`),
      `${JSON.stringify({version: 1, job, replicas: []})}\n`,
      {mode: 0o600},
    );
  }
}

/** `vtrain-tui ARGS --data-dir DATA_DIR`, synchronously, with FAST. */
export function cli(args, dataDir, options = {}) {
  return spawnSync(process.execPath, [BIN, ...args, '--data-dir', dataDir], {
    env: {...process.env, ...FAST},
    encoding: 'utf8',
    ...options,
  });
}

/** ms from spawning `node ARGS` to its exit. */
export function timeProcess(args) {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(process.execPath, args, {stdio: 'ignore'});
    child.on('error', reject);
    child.on('exit', () => resolve(Number(process.hrtime.bigint() - started) / 1e6));
  });
}

/** The visible rows of an @xterm/headless terminal, as text. */
export function screenText(terminal) {
  const buffer = terminal.buffer.active;
  const lines = [];
  for (let i = 0; i < terminal.rows; i++)
    lines.push(buffer.getLine(buffer.viewportY + i)?.translateToString(true) ?? '');
  return lines.join('\n');
}
