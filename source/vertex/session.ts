// A connected backend: the official clients plus what local mode needs (the emulator child and
// its bucket folder). Opened lazily after the first frame; closed once, by the exit owner.
import path from 'node:path';
import type {JobDraft} from '../job-spec/index.js';
import type {VertexApi} from './api.js';
import {createWorkerApi} from './worker-api.js';
import type {Backend} from './connection.js';
import {JobService} from './job-service.js';
import {startLocalEmulator, type LocalEmulator} from './local-emulator.js';
import {stagePackageLocally} from './package-staging.js';

export interface Session {
  backend: Backend;
  api: VertexApi;
  jobs: JobService;
  /** Uploads local package folders named by the draft to the gs:// URIs the draft requests. */
  stagePackages(draft: JobDraft): Promise<void>;
  close(): Promise<void>;
}

export interface LocalSessionOptions {
  cliScript: string;
  /** dist/vertex-worker.js: runs the official clients off the UI thread. */
  workerScript: string;
  dataDir: string;
  python: string;
  project: string;
  region: string;
}

export async function openLocalSession(options: LocalSessionOptions): Promise<Session> {
  const emulatorPromise = startLocalEmulator({
    cliScript: options.cliScript,
    dataDir: options.dataDir,
    python: options.python,
  });
  let emulator: LocalEmulator;
  try {
    emulator = await emulatorPromise;
  } catch (error) {
    throw new Error(`could not start the local emulator: ${(error as Error).message}`);
  }
  const backend: Backend = {
    kind: 'local',
    project: options.project,
    region: options.region,
    host: emulator.host,
    port: emulator.port,
    key: emulator.key,
  };
  let clients: VertexApi;
  try {
    clients = await createWorkerApi(backend, options.workerScript);
  } catch (error) {
    await emulator.stop();
    throw error;
  }
  const bucketRoot = path.join(options.dataDir, 'buckets');
  return {
    backend,
    api: clients,
    jobs: new JobService(clients.jobs),
    async stagePackages(draft) {
      const staged = new Set<string>();
      for (const pool of draft.workerPools) {
        if (pool?.task.kind !== 'python-package' || !pool.task.localPackagePath) continue;
        for (const uri of pool.task.packageUris) {
          if (staged.has(uri)) continue;
          await stagePackageLocally(pool.task.localPackagePath, uri, bucketRoot);
          staged.add(uri);
        }
      }
    },
    async close() {
      await clients.close();
      await emulator.stop();
    },
  };
}
