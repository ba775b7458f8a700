// `service.json`: how clients find the running service and prove they are its owner. Written
// atomically with mode 0600 after the server listens; read only if private and ours; trusted
// only while the recorded process (pid + start time) is still alive.
import fs from 'node:fs';
import type {EmulatorPaths} from './paths.js';
import {checkPrivate, readPrivateFile, writeFileAtomic} from './private-files.js';
import {isSameProcess} from './process-identity.js';

export interface ServiceInfo {
  pid: number;
  startTime: string;
  host: '127.0.0.1';
  port: number;
  /** The Cloud Storage JSON API's port on 127.0.0.1 (0 from a service that predates it). */
  storagePort: number;
  /** The HTTP/JSON surface (gcloud, curl); absent from services of older versions. */
  restPort?: number;
  /** The Cloud Storage path token (storage-access.ts), new at every start; absent from older services. */
  storageToken?: string;
  /** gcloud's access-token file, valid for restPort + storagePort only (paths.ts accessTokenFileFor). */
  accessTokenFile?: string;
  /** Ports of the previous service this one could not get back, and who holds them (for env-init). */
  portNotes?: string[];
  key: string;
  startedAtMs: number;
  dataDir: string;
  python: string;
  /** 0 means the service never stops on its own. */
  idleMinutes: number;
  /** --packages-in-image (absent from older services: false). */
  packagesInImage?: boolean;
}

export function writeServiceInfo(paths: EmulatorPaths, info: ServiceInfo): void {
  writeFileAtomic(paths.serviceFile, `${JSON.stringify(info, null, 2)}\n`, 0o600);
}

function parse(text: string, file: string): ServiceInfo {
  let value: Partial<ServiceInfo>;
  try {
    value = JSON.parse(text) as Partial<ServiceInfo>;
  } catch {
    throw new Error(`${file} is not valid JSON; stop the emulator (or delete the file).`);
  }
  if (
    typeof value.pid !== 'number' ||
    typeof value.port !== 'number' ||
    typeof value.key !== 'string' ||
    typeof value.startTime !== 'string'
  ) {
    throw new Error(`${file} lacks pid, port, key or startTime; delete it and start again.`);
  }
  return {
    pid: value.pid,
    startTime: value.startTime,
    host: '127.0.0.1',
    port: value.port,
    storagePort: Number(value.storagePort ?? 0),
    ...(typeof value.storageToken === 'string' && {storageToken: value.storageToken}),
    ...(typeof value.restPort === 'number' && {restPort: value.restPort}),
    ...(typeof value.accessTokenFile === 'string' && {accessTokenFile: value.accessTokenFile}),
    ...(Array.isArray(value.portNotes) && {portNotes: value.portNotes.map(String)}),
    key: value.key,
    startedAtMs: Number(value.startedAtMs ?? 0),
    dataDir: String(value.dataDir ?? ''),
    python: String(value.python ?? ''),
    idleMinutes: Number(value.idleMinutes ?? 0),
    packagesInImage: value.packagesInImage === true,
  };
}

/**
 * The live service of this data folder, or undefined when none runs. Throws UnsafeFileError
 * when the folder or file could be read or written by someone else.
 */
export function findLiveService(paths: EmulatorPaths): ServiceInfo | undefined {
  if (!fs.existsSync(paths.root)) return undefined;
  checkPrivate(paths.root, 'directory');
  const text = readPrivateFile(paths.serviceFile);
  if (text === undefined) return undefined;
  const info = parse(text, paths.serviceFile);
  return isSameProcess(info) ? info : undefined;
}

/** Removes service.json if it still describes this process. */
export function removeServiceInfo(paths: EmulatorPaths): void {
  try {
    const info = parse(fs.readFileSync(paths.serviceFile, 'utf8'), paths.serviceFile);
    if (info.pid === process.pid) fs.rmSync(paths.serviceFile, {force: true});
  } catch {
    // already gone or not ours
  }
}
