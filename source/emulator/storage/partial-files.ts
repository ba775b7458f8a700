// Partial files of uploads (DATA_DIR/emulator/objects/uploads/PID-RANDOM.vtrain-partial) must
// not outlive the upload (issue #23: failed uploads kept their whole body forever). A failed
// simple upload removes its file at once (object-store.ts receive); resumable sessions live in
// memory and remove theirs when cancelled, idle or at a clean stop; what a killed service left is
// swept when the next store opens: files whose writer (the pid in the name) is no longer running
// and that nobody has written to for STALE_PARTIAL_MS.
import fs from 'node:fs';
import path from 'node:path';
import {randomBytes} from 'node:crypto';
import {identify} from '../contract/process-identity.js';

export const PARTIAL_SUFFIX = '.vtrain-partial';
export const STALE_PARTIAL_MS = 10 * 60_000;

/** A new partial file's name in `folder`, carrying this process's pid. */
export function partialFileIn(folder: string): string {
  return path.join(folder, `${process.pid}-${randomBytes(12).toString('hex')}${PARTIAL_SUFFIX}`);
}

/** Removes stale partial files of dead writers; returns how many. */
export function sweepPartialFiles(folder: string, now = Date.now()): number {
  let names: string[];
  try {
    names = fs.readdirSync(folder);
  } catch {
    return 0;
  }
  let removed = 0;
  for (const name of names) {
    if (!name.endsWith(PARTIAL_SUFFIX)) continue;
    const file = path.join(folder, name);
    const pid = Number(/^(\d+)-/.exec(name)?.[1] ?? 0);
    // Names without a pid come from older versions, whose writers are gone by now.
    if (pid === process.pid || (pid > 0 && identify(pid) !== undefined)) continue;
    const modified = fs.statSync(file, {throwIfNoEntry: false})?.mtimeMs;
    if (modified === undefined || now - modified < STALE_PARTIAL_MS) continue;
    fs.rmSync(file, {force: true});
    removed++;
  }
  return removed;
}
