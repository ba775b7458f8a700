// Drives the built CLI's `emulator start|status|stop|serve` as real processes and connects the
// official clients to the shared service the way the app does (service.json under the data dir).
import {execFile} from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {liveService} from '../../source/services/backend/local-service.js';
import {identify} from '../../source/emulator/contract/process-identity.js';
import {createClients, type Clients} from '../../source/services/vertex/clients.js';
import type {Backend} from '../../source/services/vertex/connection.js';

export const BIN = path.resolve(import.meta.dirname, '../../bin/vtrain-tui.js');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Fast queue/provision delays so tests do not wait for the realistic ones. */
export const FAST_ENV = {VTRAIN_EMULATOR_QUEUE_MS: '50', VTRAIN_EMULATOR_PROVISION_MS: '50'};

export function runCli(args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [BIN, ...args],
      {env: {...process.env, ...FAST_ENV, ...env}, timeout: 60_000},
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({code, stdout, stderr});
      },
    );
  });
}

export async function tempDataDir(): Promise<string> {
  return fs.mkdtemp(path.join(os.tmpdir(), 'vtrain-svc-'));
}

/** Official clients connected to the data folder's running service, as the app connects. */
export async function connect(dataDir: string): Promise<{clients: Clients; backend: Backend}> {
  const info = liveService(dataDir);
  if (!info) throw new Error(`no emulator service runs for ${dataDir}`);
  const backend: Backend = {
    kind: 'local',
    project: 'test-project',
    region: 'us-central1',
    host: info.host,
    port: info.port,
    key: info.key,
  };
  return {clients: await createClients(backend), backend};
}

export const PARENT = 'projects/test-project/locations/us-central1';

/** A package whose replica prints one line and then sleeps: it stays RUNNING until stopped. */
export async function writeSleeperPackage(root: string): Promise<string> {
  const folder = path.join(root, 'sleeper');
  await fs.mkdir(path.join(folder, 'trainer'), {recursive: true});
  await fs.writeFile(path.join(folder, 'trainer', '__init__.py'), '');
  await fs.writeFile(
    path.join(folder, 'trainer', 'task.py'),
    'import time\nprint("sleeper started", flush=True)\ntime.sleep(300)\n',
  );
  return folder;
}

export function pythonJob(displayName: string, packageUri: string, args: string[] = []) {
  return {
    parent: PARENT,
    customJob: {
      displayName,
      jobSpec: {
        workerPoolSpecs: [
          {
            machineSpec: {machineType: 'n1-standard-4'},
            replicaCount: 1,
            pythonPackageSpec: {
              executorImageUri: 'us-docker.pkg.dev/vertex-ai/training/pytorch-xla.2-4.py310:latest',
              packageUris: [packageUri],
              pythonModule: 'trainer.task',
              args,
            },
          },
        ],
      },
    },
  };
}

/** True while the process runs (a zombie that nobody reaped counts as gone). */
export function isAlive(pid: number): boolean {
  return identify(pid) !== undefined;
}
