// `--backend vertex` end to end with nothing but loopback: the TLS + OAuth emulator
// (startTestEmulator({tlsOAuth})) and the environment a user of the real Vertex AI would have,
// every Google endpoint pointed at it. Shared by the Vertex e2e tests (vertex-backend,
// vertex-web-shell).
import fs from 'node:fs/promises';
import path from 'node:path';
import {storageClientOptions} from '../../source/emulator/contract/storage-access.js';
import {EXAMPLE_PACKAGE, type TestEmulator} from './emulator.js';
import {runCli, type CliResult} from './service.js';

/** The emulator owner's key: it derives the Storage path token (storage-access.ts). */
const ownerKey = (emulator: TestEmulator) => (emulator.backend as {key: string}).key;

function storageOptions(emulator: TestEmulator, project: string) {
  return storageClientOptions(
    {storagePort: emulator.emulator.storagePort, key: ownerKey(emulator)},
    project,
  );
}

/** What a user of the real Vertex AI would have, pointed at loopback. */
export function vertexUserEnv(
  emulator: TestEmulator,
  home: string,
  project: string,
): Record<string, string> {
  const tls = emulator.emulator.tls!;
  const grpc = `https://127.0.0.1:${emulator.emulator.port}/`;
  return {
    HOME: home,
    XDG_CONFIG_HOME: path.join(home, 'config'),
    VTRAIN_DATA_DIR: path.join(home, 'data'),
    GOOGLE_APPLICATION_CREDENTIALS: tls.credentialsFile,
    NODE_EXTRA_CA_CERTS: tls.caFile,
    GRPC_DEFAULT_SSL_ROOTS_FILE_PATH: tls.caFile,
    CLOUDSDK_API_ENDPOINT_OVERRIDES_AIPLATFORM: grpc,
    CLOUDSDK_API_ENDPOINT_OVERRIDES_LOGGING: grpc,
    // Cloud Monitoring (the dashboard's utilisation) on the same loopback server: tests never
    // reach Google.
    CLOUDSDK_API_ENDPOINT_OVERRIDES_MONITORING: grpc,
    CLOUDSDK_API_ENDPOINT_OVERRIDES_STORAGE: storageOptions(emulator, project).apiEndpoint,
    METADATA_SERVER_DETECTION: 'none',
  };
}

/** The staging bucket, created as a user's would exist in the job's region. */
export async function createBucket(
  emulator: TestEmulator,
  project: string,
  bucket: string,
): Promise<void> {
  const {Storage} = await import('@google-cloud/storage');
  await new Storage(storageOptions(emulator, project)).bucket(bucket).create();
}

/**
 * `vtrain-tui submit --json` of examples/distributed-linear (one n1-standard-4 replica) from a
 * gcloud --config file written to `config`, staged in `bucket`.
 */
export async function submitExample(options: {
  config: string;
  bucket: string;
  /** The trainer's args, e.g. ["--epochs=1", "--epoch-delay=0"]. */
  trainerArgs: string[];
  /** --backend vertex --project P --region R. */
  backendArgs: string[];
  env: Record<string, string>;
  displayName?: string;
  enableWebAccess?: boolean;
}): Promise<CliResult> {
  await fs.writeFile(
    options.config,
    `${options.enableWebAccess ? 'enableWebAccess: true\n' : ''}workerPoolSpecs:
  - machineSpec:
      machineType: n1-standard-4
    replicaCount: 1
    pythonPackageSpec:
      executorImageUri: us-docker.pkg.dev/vertex-ai/training/pytorch-xla.2-4.py310:latest
      packageUris: [gs://${options.bucket}/scripts/trainer-0.1.0.tar.gz]
      pythonModule: trainer.task
      args: [${options.trainerArgs.map((arg) => JSON.stringify(arg)).join(', ')}]
`,
  );
  return runCli(
    [
      'submit',
      '--config',
      options.config,
      ...(options.displayName ? ['--display-name', options.displayName] : []),
      '--package-path',
      EXAMPLE_PACKAGE,
      ...options.backendArgs,
      '--staging-bucket',
      options.bucket,
      '--json',
    ],
    options.env,
  );
}
