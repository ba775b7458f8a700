// Starts the emulator in this process and connects the official clients to it, the same way the
// app does in local mode.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {randomBytes} from 'node:crypto';
import {
  startEmulator,
  type EmulatorOptions,
  type RunningEmulator,
} from '../../source/emulator/server.js';
import {createClients, type Clients} from '../../source/services/vertex/clients.js';
import type {Backend} from '../../source/services/vertex/connection.js';
import {jobLogFilter} from '../../source/services/logs/log-filter.js';
import {toLogLine} from '../../source/services/vertex/log-line.js';

export const EXAMPLE_PACKAGE = path.resolve(
  import.meta.dirname,
  '../../examples/distributed-linear',
);

export interface TestEmulator {
  emulator: RunningEmulator;
  clients: Clients;
  backend: Backend;
  dataDir: string;
  bucketRoot: string;
  close(): Promise<void>;
}

/** `overrides` replace the test defaults (e.g. delays, faults, containerEngines). */
export async function startTestEmulator(
  overrides: Partial<Omit<EmulatorOptions, 'key' | 'dataDir'>> = {},
): Promise<TestEmulator> {
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'vtrain-emu-'));
  const key = randomBytes(32).toString('base64url');
  const emulator = await startEmulator({
    key,
    port: 0,
    dataDir,
    python: 'python3',
    projectNumber: '000000000000',
    queueDelayMs: 100,
    provisionDelayMs: 100,
    baseEnv: {PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: os.homedir()},
    ...overrides,
  }).catch(async (error: unknown) => {
    // A test that expects the start to fail must not leave its data folder behind.
    await fs.rm(dataDir, {recursive: true, force: true});
    throw error;
  });
  const backend: Backend = {
    kind: 'local',
    project: 'test-project',
    region: 'us-central1',
    host: '127.0.0.1',
    port: emulator.port,
    key,
  };
  const clients = await createClients(backend);
  return {
    emulator,
    clients,
    backend,
    dataDir,
    bucketRoot: path.join(dataDir, 'buckets'),
    async close() {
      await clients.close();
      await emulator.stop();
      await fs.rm(dataDir, {recursive: true, force: true});
    },
  };
}

/** Every stored log line of a job (first page of 1000, oldest first), as the app renders them. */
export async function jobLogLines(clients: Clients, jobId: string, project = 'test-project') {
  const [entries] = await clients.logging.listLogEntries(
    {
      resourceNames: [`projects/${project}`],
      filter: jobLogFilter(jobId),
      orderBy: 'timestamp asc',
      pageSize: 1000,
    },
    {autoPaginate: false},
  );
  return entries.map((entry) => toLogLine(entry as never));
}

export async function waitFor<T>(
  probe: () => Promise<T | undefined>,
  timeoutMs = 30_000,
  what = 'condition',
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** PIDs of live processes whose command line mentions `needle`. */
export async function processesMatching(needle: string): Promise<number[]> {
  const pids: number[] = [];
  for (const entry of await fs.readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const cmdline = await fs.readFile(`/proc/${entry}/cmdline`, 'utf8').catch(() => '');
    const environ = await fs.readFile(`/proc/${entry}/environ`, 'utf8').catch(() => '');
    if (cmdline.includes(needle) || environ.includes(needle)) pids.push(Number(entry));
  }
  return pids;
}
