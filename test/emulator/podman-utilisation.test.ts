// A custom-container job's utilisation under a real engine (Podman), read through the official
// Monitoring client as the app reads it: one replica spins a shell busy loop, the other sleeps.
// The emulator samples a container replica through the container's own processes (the engine's
// pid of it, not the `run` client it started: usage-sampler.ts), so the busy replica must read
// ≥ 0.5 core (or, on a machine so loaded that the loop gets less, at least half of what it reports
// it got from its own /proc/PID/stat), the sleeping one near zero, and both their memory (the
// container's, not the engine client's).
// The image is busybox alone, imported here (container-image.ts): nothing is pulled. Without
// Podman or a static busybox this reports itself skipped (VTRAIN_REQUIRE_CONTAINERS=1 fails).
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {
  containerSkipReason,
  containersNamed,
  ENGINE,
  testImageTag,
} from '../helpers/container-image.js';
import {closeContainerEmulator, startContainerEmulator} from '../helpers/container-emulator.js';
import {jobLogLines, waitFor, type TestEmulator} from '../helpers/emulator.js';
import {UsageReader} from '../../source/services/metrics/usage-reader.js';
import {poolMachines} from '../../source/services/metrics/replica-usage.js';

const PARENT = 'projects/test-project/locations/us-central1';
const PROJECT = 'test-project';
const IMAGE = testImageTag('busybox-usage');
const MIB = 2 ** 20;

// The busy loop runs in the background; every second the shell prints the loop's CPU ticks
// (utime + stime, fields 14 and 15 of /proc/PID/stat, in 1/100 s) and the uptime.
const BUSY = [
  'while :; do :; done &',
  'spin=$!',
  'trap "kill $spin" TERM',
  'while kill -0 $spin 2>/dev/null; do',
  '  set -- $(cat /proc/$spin/stat)',
  '  up=$(cut -d" " -f1 /proc/uptime)',
  '  echo "ticks $((${14} + ${15})) $up"',
  '  sleep 1',
  'done',
].join('\n');

const pool = (script: string) => ({
  machineSpec: {machineType: 'n1-standard-4'},
  replicaCount: 1,
  containerSpec: {imageUri: IMAGE, command: ['/bin/sh', '-c', script]},
});
const pools = [pool(BUSY), pool('exec sleep 300')];

let env: TestEmulator;
let jobName = '';

/** Cores the busy replica must read: 0.5, or half the mean its loop reports getting, if less. */
async function busyThreshold(jobId: string): Promise<number> {
  const lines = await jobLogLines(env.clients, jobId, PROJECT);
  const samples = lines.flatMap((line) => {
    const match = /^ticks (\d+) ([\d.]+)$/.exec(line.message);
    return match && line.replica === 'workerpool0-0' ? [[Number(match[1]), Number(match[2])]] : [];
  });
  if (samples.length < 2) return 0.5;
  const [ticks0, up0] = samples[0]!;
  const [ticks1, up1] = samples.at(-1)!;
  const got = (ticks1! - ticks0!) / 100 / Math.max(0.001, up1! - up0!);
  return Math.min(0.5, got / 2);
}

describe.skipIf(containerSkipReason !== undefined)(`container utilisation under ${ENGINE}`, () => {
  beforeAll(async () => {
    env = await startContainerEmulator(IMAGE, {usageSampleMs: 500});
  }, 120_000);
  afterAll(async () => {
    if (jobName) await env?.clients.jobs.cancelCustomJob({name: jobName}).catch(() => undefined);
    await closeContainerEmulator(env, IMAGE);
    // No container of this job is left behind.
    if (jobName) expect(containersNamed(`vtrain-${jobName.split('/').at(-1)}-`)).toEqual([]);
  }, 120_000);

  it('reads the busy container at ≥ 0.5 core, the sleeping one near zero, both with memory', async () => {
    const [job] = await env.clients.jobs.createCustomJob({
      parent: PARENT,
      customJob: {displayName: 'container usage', jobSpec: {workerPoolSpecs: pools}},
    } as never);
    jobName = job.name as string;
    const jobId = jobName.split('/').at(-1)!;
    const reader = new UsageReader(() => env.backend);
    let threshold = 0.5;
    const replicas = await waitFor(
      async () => {
        const read = await reader.read({project: PROJECT, jobId, machines: poolMachines(pools)});
        threshold = await busyThreshold(jobId);
        const [busy, idle] = read.replicas;
        return (busy?.cpuCores ?? 0) >= threshold &&
          busy?.memoryBytes !== undefined &&
          idle?.cpuCores !== undefined
          ? read.replicas
          : undefined;
      },
      90_000,
      'the busy container at 0.5 core',
    );
    await reader.close();
    const [busy, idle] = replicas;
    expect(busy!.replica).toBe('workerpool0-0');
    expect(threshold).toBeGreaterThan(0.02);
    expect(busy!.cpuCores).toBeGreaterThanOrEqual(threshold);
    // A static busybox shell holds about a megabyte; the `podman run` client that started it
    // (some 45 MB) is the emulator's, not the replica's, and must not be counted.
    expect(busy!.memoryBytes).toBeGreaterThan(0);
    expect(busy!.memoryBytes).toBeLessThan(16 * MIB);
    expect(idle!.replica).toBe('workerpool1-0');
    expect(idle!.cpuCores).toBeLessThan(Math.min(0.1, threshold / 2));
    expect(idle!.memoryBytes).toBeGreaterThan(0);
    expect(idle!.memoryBytes).toBeLessThan(16 * MIB);
  }, 150_000);
});
