// What HTTP clients of the service need beside service.json: gcloud's access-token file (the
// owner's key alone, mode 0600, as gcloud's auth/access_token_file reads it: googlecloudsdk
// core/credentials/store.py _LoadAccessTokenCredsFromFile sends the file's stripped content as
// the bearer token, and fails before any request when the file cannot be read) and the last
// HTTP/JSON and Cloud Storage ports, which the next start tries first so endpoints exported by
// `emulator env-init` keep working after the service stops when idle and starts again.
//
// A key must never reach an endpoint it was not issued for (issue #23): gcloud sends whatever
// the file holds to whatever endpoint it was pointed at, and another local user may listen on
// an exported port while the service is stopped. So the file is named after the two ports it is
// valid for (accessTokenFileFor), holds a key only while this service listens on exactly those
// ports, and every other token file is removed: a service that had to move to other ports never
// writes its key where a shell pointed at the old ports would read it, and a stopped service
// leaves no file at all (gcloud then fails on the missing file without sending anything).
import fs from 'node:fs';
import path from 'node:path';
import {accessTokenFileFor, type EmulatorPaths} from '../contract/paths.js';
import {writeFileAtomic} from '../contract/private-files.js';

const TOKEN_FILE = /^access-token(\..*)?$/;

/** Publishes the key for these ports; returns the token file's path. */
export function writeRestAccess(
  paths: EmulatorPaths,
  key: string,
  restPort: number,
  storagePort: number,
): string {
  const file = accessTokenFileFor(paths, restPort, storagePort);
  removeTokenFiles(paths, file);
  writeFileAtomic(file, `${key}\n`, 0o600);
  writeFileAtomic(paths.restPortFile, `${restPort}\n`, 0o600);
  // The Cloud Storage port too: env-init exports it (STORAGE_EMULATOR_HOST and gcloud's override).
  writeFileAtomic(paths.storagePortFile, `${storagePort}\n`, 0o600);
  return file;
}

/** Removes the token file if it still holds `key` (the service stopping). */
export function removeRestAccess(paths: EmulatorPaths, key: string): void {
  for (const name of tokenFileNames(paths)) {
    const file = path.join(paths.root, name);
    try {
      if (fs.readFileSync(file, 'utf8').trim() === key) fs.rmSync(file, {force: true});
    } catch {
      // already gone
    }
  }
}

/** Every token file but `keep`: older services' and other ports' (the key in them is dead). */
function removeTokenFiles(paths: EmulatorPaths, keep?: string): void {
  for (const name of tokenFileNames(paths)) {
    const file = path.join(paths.root, name);
    if (file !== keep) fs.rmSync(file, {force: true});
  }
}

function tokenFileNames(paths: EmulatorPaths): string[] {
  try {
    return fs.readdirSync(paths.root).filter((name) => TOKEN_FILE.test(name));
  } catch {
    return [];
  }
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
