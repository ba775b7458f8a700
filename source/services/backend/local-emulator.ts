// Local mode's backend: the shared emulator service of the data folder. The app connects to the
// running service or starts it detached (`vtrain-tui emulator serve` in its own session), so jobs
// outlive the app, as on Vertex. The service stops itself after an idle period; the open app
// keeps it alive with a light call every HEARTBEAT_MS.
import {ensureService} from './local-service.js';

export interface LocalEmulatorOptions {
  /** Script that starts the CLI (bin/vtrain-tui.js). */
  cliScript: string;
  dataDir: string;
  python: string;
  /** `emulator serve` flags for a service this call has to start (idle time, retention). */
  serveArgs?: string[];
  env?: Record<string, string>;
}

export interface LocalEmulator {
  host: string;
  port: number;
  key: string;
  pid: number;
  /** The service's Cloud Storage JSON API port (0 from a service too old to have one). */
  storagePort: number;
  /** True when this call started the service (false: it was already running). */
  started: boolean;
}

export const HEARTBEAT_MS = 30_000;

export async function connectLocalEmulator(options: LocalEmulatorOptions): Promise<LocalEmulator> {
  const {info, started} = await ensureService({
    cliScript: options.cliScript,
    dataDir: options.dataDir,
    python: options.python,
    ...(options.serveArgs && {serveArgs: options.serveArgs}),
    ...(options.env && {env: options.env}),
  });
  return {
    host: info.host,
    port: info.port,
    key: info.key,
    pid: info.pid,
    storagePort: info.storagePort,
    started,
  };
}
