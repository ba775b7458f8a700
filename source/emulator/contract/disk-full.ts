// A full disk under the emulator's data folder, as both sides see it. The service refuses new
// work with one line built here ("disk full (DIR): free space …"), and clients recognise that
// line (services/vertex/explain-error.ts) instead of calling it a quota. The status is
// RESOURCE_EXHAUSTED: google.rpc.Code documents it as "Some resource has been exhausted, perhaps
// a per-user quota, or perhaps the entire file system is out of space" (google/rpc/code.proto,
// HTTP mapping 429), and Vertex's generated client config retries no Create call on it.
//
// Tests reach the condition without root through a fault hook: when VTRAIN_EMULATOR_DISK_FULL
// names a file and that file exists, every write of the service fails with ENOSPC (before writing
// a byte); removing the file frees the "disk". Off when the variable is unset. Writes made with
// the room the service keeps for itself (service/disk-reserve.ts withReserve, after giving up its
// reserve file) pass, as they would on a real disk: that is what the reserve is for.
import fs from 'node:fs';

let reserveWrites = 0;

/** Runs `write` as one made in the room the service's released reserve gave back. */
export function inReservedRoom<T>(write: () => T): T {
  reserveWrites++;
  try {
    return write();
  } finally {
    reserveWrites--;
  }
}

/** The one-line refusal; `dir` is the data folder whose disk is full. */
export function diskFullMessage(dir: string): string {
  return `disk full (${dir}): free space on that disk, then try again; everything already written is kept`;
}

/** Matches the refusal in any error text (after a gax or HTTP prefix). */
export const DISK_FULL_PATTERN = /\bdisk full \(([^)]*)\): free space\b[^\n]*/;

/** ENOSPC (no space) or EDQUOT (the user's disk quota): both mean "free space and retry". */
export function isNoSpaceError(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code === 'ENOSPC' || code === 'EDQUOT';
}

/** Throws an ENOSPC error like the file system's when the test hook says the disk is full. */
export function injectedNoSpace(target: string, syscall = 'write'): void {
  const flag = process.env.VTRAIN_EMULATOR_DISK_FULL;
  if (!flag || reserveWrites > 0 || !fs.existsSync(flag)) return;
  throw Object.assign(new Error(`ENOSPC: no space left on device, ${syscall} '${target}'`), {
    code: 'ENOSPC',
    errno: -28,
    syscall,
    path: target,
  });
}

/**
 * Writes all of `data` at the file's current position: a write on a nearly full disk may write
 * part of the buffer and return, and the next part then fails with ENOSPC.
 */
export function writeAllSync(fd: number, data: Buffer, target: string): void {
  injectedNoSpace(target);
  let offset = 0;
  while (offset < data.length) offset += fs.writeSync(fd, data, offset, data.length - offset);
}
