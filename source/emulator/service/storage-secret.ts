// The local Cloud Storage path token (random, created once, mode 0600): kept across restarts of
// the service, as its port is (rest-access.ts), so a STORAGE_EMULATOR_HOST exported by
// `emulator env-init` keeps working after an idle stop.
import {randomBytes} from 'node:crypto';
import type {EmulatorPaths} from '../contract/paths.js';
import {readPrivateFile, writeFileAtomic} from '../contract/private-files.js';

const TOKEN = /^[A-Za-z0-9_-]{32,}$/;

/** The data folder's storage token, created on first use. */
export function storageTokenOf(paths: EmulatorPaths): string {
  const existing = readPrivateFile(paths.storageTokenFile)?.trim();
  if (existing && TOKEN.test(existing)) return existing;
  const token = randomBytes(32).toString('base64url');
  writeFileAtomic(paths.storageTokenFile, `${token}\n`, 0o600);
  return token;
}
