// What HTTP clients of the service need beside service.json: the access-token file (the owner's
// key alone, mode 0600, as gcloud's auth/access_token_file reads it) and the last HTTP/JSON port,
// which the next start tries first so endpoints exported by `emulator env-init` keep working
// after the service stops when idle and starts again.
import fs from 'node:fs';
import type {EmulatorPaths} from '../contract/paths.js';
import {writeFileAtomic} from '../contract/private-files.js';

export function writeRestAccess(
  paths: EmulatorPaths,
  key: string,
  restPort: number,
  storagePort?: number,
): void {
  writeFileAtomic(paths.accessTokenFile, `${key}\n`, 0o600);
  writeFileAtomic(paths.restPortFile, `${restPort}\n`, 0o600);
  // The Cloud Storage port too: env-init exports it (STORAGE_EMULATOR_HOST and gcloud's override).
  if (storagePort) writeFileAtomic(paths.storagePortFile, `${storagePort}\n`, 0o600);
}

/** The port the previous service used, or 0 (any free port) when there is none. */
export function rememberedRestPort(paths: EmulatorPaths): number {
  return rememberedPort(paths.restPortFile);
}

export function rememberedStoragePort(paths: EmulatorPaths): number {
  return rememberedPort(paths.storagePortFile);
}

function rememberedPort(file: string): number {
  try {
    const port = Number(fs.readFileSync(file, 'utf8').trim());
    return Number.isInteger(port) && port > 0 && port < 65536 ? port : 0;
  } catch {
    return 0;
  }
}
