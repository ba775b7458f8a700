// A connected backend: the official clients plus what local mode needs (the shared emulator
// service and its bucket folder). Opened lazily after the first frame; closed once, by the exit
// owner. Closing disconnects only: the service and its jobs keep running, as on Vertex.
import path from 'node:path';
import type {JobDraft} from '../job-spec/index.js';
import type {VertexApi} from './api.js';
import {reconnectingApi} from './reconnecting-api.js';
import {createWorkerApi} from './worker-api.js';
import type {Backend} from './connection.js';
import {JobService} from './job-service.js';
import {connectLocalEmulator, HEARTBEAT_MS, type LocalEmulator} from './local-emulator.js';
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
  /** `emulator serve` flags used if the service has to be started. */
  serveArgs?: string[];
}

export async function openLocalSession(options: LocalSessionOptions): Promise<Session> {
  let backend: Backend | undefined;
  // Finds the data folder's service (starting it when none runs) and loads the clients for it.
  const connect = async (): Promise<VertexApi> => {
    let emulator: LocalEmulator;
    try {
      emulator = await connectLocalEmulator({
        cliScript: options.cliScript,
        dataDir: options.dataDir,
        python: options.python,
        ...(options.serveArgs && {serveArgs: options.serveArgs}),
      });
    } catch (error) {
      throw new Error(`could not start the local emulator: ${(error as Error).message}`);
    }
    const next: Backend = {
      kind: 'local',
      project: options.project,
      region: options.region,
      host: emulator.host,
      port: emulator.port,
      key: emulator.key,
    };
    let api: VertexApi;
    try {
      api = await createWorkerApi(next, options.workerScript);
    } catch (error) {
      throw new Error(`could not load the API clients: ${(error as Error).message}`);
    }
    backend = next;
    return api;
  };
  const clients = reconnectingApi(await connect(), connect);
  // While the app is open the service must not stop for being idle.
  const parent = `projects/${options.project}/locations/${options.region}`;
  const heartbeat = setInterval(
    () => void clients.jobs.ping(parent).catch(() => undefined),
    HEARTBEAT_MS,
  );
  heartbeat.unref();
  const bucketRoot = path.join(options.dataDir, 'buckets');
  return {
    /** The current connection (it changes when the session reconnects to a restarted service). */
    get backend() {
      return backend!;
    },
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
      clearInterval(heartbeat);
      await clients.close();
    },
  };
}
