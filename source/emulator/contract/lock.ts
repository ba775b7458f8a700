// One service per data folder: the service holds `service.lock`, created exclusively with the
// holder's pid and start time. A lock whose holder is gone (crash, kill -9) is stale and taken
// over; the takeover re-checks what it moved aside so two recoverers cannot both win.
import fs from 'node:fs';
import {identify, isSameProcess} from './process-identity.js';

export class ServiceAlreadyRunning extends Error {
  constructor(readonly pid: number) {
    super(`another emulator service (pid ${pid}) already uses this data folder`);
  }
}

interface LockHolder {
  pid: number;
  startTime: string;
}

function readHolder(file: string): LockHolder | undefined {
  try {
    const value = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<LockHolder>;
    if (typeof value.pid === 'number' && typeof value.startTime === 'string')
      return {pid: value.pid, startTime: value.startTime};
  } catch {
    // missing, empty (being written) or corrupt
  }
  return undefined;
}

const sleep = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

/** The live process holding the lock (a service that may still be starting), if any. */
export function liveLockHolder(file: string): LockHolder | undefined {
  const holder = readHolder(file);
  return holder && isSameProcess(holder) ? holder : undefined;
}

/** Takes the lock or throws ServiceAlreadyRunning. Returns the release function. */
export function acquireServiceLock(file: string): () => void {
  const me = identify(process.pid);
  const content = JSON.stringify({pid: process.pid, startTime: me?.startTime ?? ''});
  for (let attempt = 0; attempt < 50; attempt++) {
    try {
      const fd = fs.openSync(file, 'wx', 0o600);
      fs.writeSync(fd, content);
      fs.closeSync(fd);
      return () => {
        if (readHolder(file)?.pid === process.pid) fs.rmSync(file, {force: true});
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = readHolder(file);
    if (holder && isSameProcess(holder)) throw new ServiceAlreadyRunning(holder.pid);
    if (!holder) {
      // A starting service creates the file, then writes it: give it a moment before judging.
      const age = Date.now() - (fs.statSync(file, {throwIfNoEntry: false})?.mtimeMs ?? 0);
      if (age < 2000) {
        sleep(50);
        continue;
      }
    }
    const aside = `${file}.stale-${process.pid}`;
    try {
      fs.renameSync(file, aside);
    } catch {
      continue; // someone else moved it first
    }
    const moved = readHolder(aside);
    if (moved && isSameProcess(moved)) {
      // We moved a live lock another recoverer had just taken: put it back (no clobbering).
      try {
        fs.linkSync(aside, file);
      } catch {
        // a third party holds the name now; the loop re-examines it
      }
    }
    fs.rmSync(aside, {force: true});
  }
  throw new Error(`could not take the emulator lock ${file}; remove it if no emulator runs.`);
}
