// Where the emulator service keeps its state under the data folder. Everything lives in one
// private folder (mode 0700) so the secret, job records and logs share one permission check.
import path from 'node:path';

export interface EmulatorPaths {
  root: string;
  /** One JSON record per CustomJob, replaced atomically on every change. */
  jobs: string;
  /** One JSON record per HyperparameterTuningJob, with its trials. */
  tuningJobs: string;
  /** One JSON record per TrainingPipeline. */
  pipelines: string;
  /** One JSON record per managed Dataset (with imported data items). */
  datasets: string;
  /** PersistentResources (persistent-resource/resource-record.ts). */
  persistentResources: string;
  /** One append-only NDJSON file of log entries per job. */
  logs: string;
  /** Held (exclusively created) by the one service allowed per data folder. */
  lock: string;
  /** Where the running service says where it listens, with the owner's key (mode 0600). */
  serviceFile: string;
  /** stdout/stderr of the background service. */
  serviceLog: string;
  /** The local Cloud Storage: DATA_DIR/buckets/BUCKET/OBJECT (the layout localObjectPath names). */
  buckets: string;
  /** What object files cannot hold (content type, metadata) and uploads in progress. */
  objects: string;
  /** Work folders of jobs (extracted packages): DATA_DIR/jobs/ID. */
  work: string;
  /** The HTTP/JSON port last used, reused on the next start so exported endpoints stay valid. */
  restPortFile: string;
  /** Where older services kept a Cloud Storage path token across restarts; removed at start. */
  legacyStorageTokenFile: string;
  /** The last Cloud Storage port, tried first by the next start. */
  storagePortFile: string;
}

export function emulatorPaths(dataDir: string): EmulatorPaths {
  const root = path.join(dataDir, 'emulator');
  return {
    root,
    jobs: path.join(root, 'jobs'),
    tuningJobs: path.join(root, 'tuning-jobs'),
    pipelines: path.join(root, 'pipelines'),
    datasets: path.join(root, 'datasets'),
    persistentResources: path.join(root, 'persistent-resources'),
    logs: path.join(root, 'logs'),
    lock: path.join(root, 'service.lock'),
    serviceFile: path.join(root, 'service.json'),
    serviceLog: path.join(root, 'service.log'),
    buckets: path.join(dataDir, 'buckets'),
    objects: path.join(root, 'objects'),
    work: path.join(dataDir, 'jobs'),
    restPortFile: path.join(root, 'rest-port'),
    legacyStorageTokenFile: path.join(root, 'storage-token'),
    storagePortFile: path.join(root, 'storage-port'),
  };
}

/**
 * The owner's key alone (0600), for HTTP clients that send it as a bearer token (gcloud's
 * auth/access_token_file), named after the HTTP/JSON and Cloud Storage ports it is valid for, so
 * a shell pointed at other ports never reads it (service/rest-access.ts).
 */
export function accessTokenFileFor(
  paths: EmulatorPaths,
  restPort: number,
  storagePort: number,
): string {
  return path.join(paths.root, `access-token.${restPort}.${storagePort}`);
}
