// Files only the owner may read: the emulator's folder (0700) and its secret-bearing files (0600).
// Anything group/world-accessible, owned by another user or replaced by a symlink is refused
// with a message that says how to fix it, because trusting it would leak or forge the key.
import {randomBytes} from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import {writeAllSync} from './disk-full.js';

export class UnsafeFileError extends Error {}

const currentUid = (): number | undefined =>
  typeof process.getuid === 'function' ? process.getuid() : undefined;

/** Throws UnsafeFileError unless `target` is ours, not a symlink and private to us. */
export function checkPrivate(target: string, kind: 'file' | 'directory'): void {
  const stat = fs.lstatSync(target);
  if (stat.isSymbolicLink()) {
    throw new UnsafeFileError(
      `${target} is a symbolic link; vtrain-tui keeps the emulator's secret there and refuses links. Remove it and run again.`,
    );
  }
  if (kind === 'directory' ? !stat.isDirectory() : !stat.isFile()) {
    throw new UnsafeFileError(`${target} should be a ${kind}; remove it and run again.`);
  }
  const uid = currentUid();
  if (uid !== undefined && stat.uid !== uid) {
    throw new UnsafeFileError(
      `${target} belongs to user id ${stat.uid}, not to you (${uid}); the emulator only trusts its owner's files. Use your own --data-dir.`,
    );
  }
  if ((stat.mode & 0o077) !== 0) {
    const mode = (stat.mode & 0o777).toString(8).padStart(4, '0');
    const wanted = kind === 'directory' ? '700' : '600';
    throw new UnsafeFileError(
      `${target} is accessible to other users (mode ${mode}); it holds the emulator's secret. Run \`chmod ${wanted} ${target}\` and try again.`,
    );
  }
}

/** Creates the folder (0700) if needed and checks that it is private. */
export function ensurePrivateDir(dir: string): void {
  fs.mkdirSync(dir, {recursive: true, mode: 0o700});
  checkPrivate(dir, 'directory');
}

/** Reads a private file; undefined when it does not exist. */
export function readPrivateFile(file: string): string | undefined {
  try {
    checkPrivate(file, 'file');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  return fs.readFileSync(file, 'utf8');
}

/**
 * Writes `data` to a temporary file in the same folder, flushes it to disk and renames it over
 * `file`: readers and a crash at any point see either the old or the new content, never half.
 * A failed write (a full disk: ENOSPC part-way) removes the temporary file and leaves `file` as
 * it was; a short write is continued, never renamed into place half done.
 */
export function writeFileAtomic(file: string, data: string, mode = 0o600): void {
  const temporary = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  const fd = fs.openSync(temporary, 'wx', mode);
  try {
    try {
      writeAllSync(fd, Buffer.from(data, 'utf8'), file);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(temporary, file);
  } catch (error) {
    fs.rmSync(temporary, {force: true});
    throw error;
  }
}

/**
 * Throws UnsafeFileError unless `target` belongs to us and no other user can write it (nor a
 * symlink stand for it): the emulator runs, as its owner, code it finds under the data folder,
 * so another account able to replace a file there could run code as the owner.
 */
export function checkOwnerOnlyWritable(target: string): void {
  const stat = fs.lstatSync(target);
  if (stat.isSymbolicLink())
    throw new UnsafeFileError(
      `${target} is a symbolic link; the emulator runs code from its data folder and refuses links there. Replace it with a real ${'folder or file'} and run again.`,
    );
  const uid = currentUid();
  if (uid !== undefined && stat.uid !== uid)
    throw new UnsafeFileError(
      `${target} belongs to user id ${stat.uid}, not to you (${uid}): the emulator runs code from its data folder as you, so it must be yours. Run \`chown -R $(id -u) ${target}\` (as that user or root), or use your own --data-dir.`,
    );
  if ((stat.mode & 0o022) !== 0) {
    const mode = (stat.mode & 0o777).toString(8).padStart(4, '0');
    throw new UnsafeFileError(
      `${target} can be written by other users (mode ${mode}): another account could replace code the emulator runs as you. Run \`chmod go-w ${target}\` and try again.`,
    );
  }
}

/** Creates `dir` (0700) if needed and checks it with checkOwnerOnlyWritable. */
export function ensureOwnerOnlyDir(dir: string): void {
  fs.mkdirSync(dir, {recursive: true, mode: 0o700});
  checkOwnerOnlyWritable(dir);
}

/** Checks `file` and every folder from it up to and including `root`. */
export function checkOwnedChain(file: string, root: string): void {
  let current = file;
  for (;;) {
    checkOwnerOnlyWritable(current);
    if (current === root || path.dirname(current) === current) return;
    current = path.dirname(current);
    if (!current.startsWith(root)) return;
  }
}
