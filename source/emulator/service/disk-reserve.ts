// A little space the service keeps for itself in its data folder (emulator/disk-reserve), so it
// can still start on a disk that its jobs' logs filled up: the service files (lock, keys, ports,
// service.json) are a few small files written by temp + rename, and without them no client can
// find the service to be told that the disk is full. The reserve is given up only for those
// writes, and taken again when there is room.
import fs from 'node:fs';
import path from 'node:path';
import type {EmulatorPaths} from '../contract/paths.js';
import {writeFileAtomic} from '../contract/private-files.js';
import {inReservedRoom, isNoSpaceError} from '../contract/disk-full.js';
import {MIN_FREE_BYTES} from '../records/disk-space.js';

/** Sixteen 4 KiB pages: the service files with their temporary copies, many times over. */
export const RESERVE_BYTES = 64 * 1024;

export const reserveFile = (paths: EmulatorPaths) => path.join(paths.root, 'disk-reserve');

/** Creates the reserve if it is missing and the disk has clearly room for it; never throws. */
export function refillReserve(paths: EmulatorPaths): void {
  const file = reserveFile(paths);
  try {
    if (fs.existsSync(file)) return;
    const stats = fs.statfsSync(paths.root);
    if (stats.bavail * stats.bsize < MIN_FREE_BYTES + RESERVE_BYTES) return;
    writeFileAtomic(file, '\0'.repeat(RESERVE_BYTES));
  } catch {
    // No reserve this time; the next start tries again.
  }
}

/** Set once this process gave its reserve up: the room it left serves the following writes too. */
let released = false;

/** Runs a write of the service's own files; on a full disk, once more after freeing the reserve. */
export function withReserve<T>(paths: EmulatorPaths, write: () => T): T {
  try {
    return write();
  } catch (error) {
    if (!isNoSpaceError(error)) throw error;
    const file = reserveFile(paths);
    if (fs.existsSync(file)) {
      fs.rmSync(file, {force: true});
      released = true;
    }
    if (!released) throw error;
    return inReservedRoom(write);
  }
}
