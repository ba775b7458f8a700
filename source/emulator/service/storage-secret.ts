// What keeps the local Cloud Storage endpoint stable across restarts of the service: its path
// token (random, created once, mode 0600) and its last port, which the next start tries first,
// so a STORAGE_EMULATOR_HOST exported by `emulator env-init` keeps working after an idle stop.
import {randomBytes} from 'node:crypto';
import fs from 'node:fs';
import type {EmulatorPaths} from './paths.js';
import {readPrivateFile, writeFileAtomic} from './private-files.js';

const TOKEN = /^[A-Za-z0-9_-]{32,}$/;

/** The data folder's storage token, created on first use. */
export function storageTokenOf(paths: EmulatorPaths): string {
  const existing = readPrivateFile(paths.storageTokenFile)?.trim();
  if (existing && TOKEN.test(existing)) return existing;
  const token = randomBytes(32).toString('base64url');
  writeFileAtomic(paths.storageTokenFile, `${token}\n`, 0o600);
  return token;
}

export function rememberStoragePort(paths: EmulatorPaths, port: number): void {
  writeFileAtomic(paths.storagePortFile, `${port}\n`, 0o600);
}

/** The port the previous service used, or 0 (any free port) when there is none. */
export function rememberedStoragePort(paths: EmulatorPaths): number {
  try {
    const port = Number(fs.readFileSync(paths.storagePortFile, 'utf8').trim());
    return Number.isInteger(port) && port > 0 && port < 65536 ? port : 0;
  } catch {
    return 0;
  }
}
