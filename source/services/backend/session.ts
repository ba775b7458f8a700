// A connected backend: the official clients plus what local mode needs (the shared emulator
// service and its bucket folder). Opened lazily after the first frame; closed once, by the exit
// owner. Closing disconnects only: the service and its jobs keep running, as on Vertex.
import path from 'node:path';
import type {JobDraft} from '../../core/job-spec/index.js';
import type {VertexApi} from '../vertex/api.js';
import {reconnectingApi} from '../vertex/reconnecting-api.js';
import {createWorkerApi} from '../vertex/worker-api.js';
import type {Backend} from '../vertex/connection.js';
import {JobService} from '../vertex/job-service.js';
import {connectLocalEmulator, HEARTBEAT_MS, type LocalEmulator} from './local-emulator.js';
import {folderObjectStore, gcsObjectStore} from './object-store.js';
import {storageClientOptions} from '../../emulator/contract/storage-access.js';
import {readReplicaShell, type ReplicaShellInfo} from '../../emulator/contract/replica-shell.js';
import {localStatusLabel} from './status-label.js';
import {previewStagedDraft, stageDraftPackages, type StageProgress} from './stage-packages.js';

export interface Session {
  backend: Backend;
  api: VertexApi;
  jobs: JobService;
  /** One line for the status line: backend, project, region, account (services/backend/status-label.ts). */
  label: string;
  /**
   * Packs each local package folder the draft names, checks the staging bucket and uploads the
   * archive unless the same content is already there; resolves to the draft to submit, whose
   * package URIs name the staged archives.
   */
  stagePackages(draft: JobDraft, onProgress?: (progress: StageProgress) => void): Promise<JobDraft>;
  /** The draft as stagePackages will return it (same bucket, same content-hashed names), built
   * without packing or uploading: what the review shows before submit. */
  previewPackages(draft: JobDraft): Promise<JobDraft>;
  /**
   * Tells `listener` when `label` changed (local mode: the session reconnected to a restarted
   * service on another port); returns the unsubscribe. Absent where the label never changes.
   */
  onLabelChange?(listener: () => void): () => void;
  /**
   * Local mode: how the emulator launched `replica` of custom job `jobId` (its folder and
   * environment), or why that is unknown. Absent on Vertex (its shell is web_access_uris).
   */
  replicaShell?(jobId: string, replica: string): ReplicaShellInfo | string;
  /** The bucket stagePackages uploads to whatever the draft names (Vertex, when resolved). */
  stagingBucket?: string;
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
  let backend: Extract<Backend, {kind: 'local'}> | undefined;
  let storage: {storagePort: number; key: string} | undefined;
  const labelListeners = new Set<() => void>();
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
    const next: Extract<Backend, {kind: 'local'}> = {
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
    const moved =
      backend !== undefined && (backend.host !== next.host || backend.port !== next.port);
    backend = next;
    storage = {storagePort: emulator.storagePort, key: emulator.key};
    // The status line names the address: a restarted service must not leave the old port there.
    if (moved) for (const listener of labelListeners) listener();
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
    get label() {
      return localStatusLabel(`${backend!.host}:${backend!.port}`, options.project, options.region);
    },
    onLabelChange(listener) {
      labelListeners.add(listener);
      return () => labelListeners.delete(listener);
    },
    async stagePackages(draft, onProgress) {
      // The same path as Vertex mode: @google-cloud/storage against the service's Storage API
      // (a service without one, from an older version, gets the bucket folder written directly).
      const store =
        storage && storage.storagePort > 0
          ? await gcsObjectStore({
              ...storageClientOptions(storage, options.project),
              createMissingBuckets: true,
            })
          : folderObjectStore(bucketRoot);
      const staged = await stageDraftPackages(draft, store, {
        region: options.region,
        checkLocation: false,
        ...(onProgress && {onProgress}),
      });
      return staged.draft;
    },
    previewPackages: (draft) => previewStagedDraft(draft),
    replicaShell: (jobId, replica) => readReplicaShell(options.dataDir, jobId, replica),
    async close() {
      clearInterval(heartbeat);
      await clients.close();
    },
  };
}
