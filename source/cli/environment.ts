// Where things live and what the machine offers, resolved without spawning anything.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export function defaultDataDir(): string {
  if (process.env.VTRAIN_DATA_DIR) return process.env.VTRAIN_DATA_DIR;
  const base = process.env.XDG_DATA_HOME || path.join(os.homedir(), '.local', 'share');
  return path.join(base, 'vtrain-tui');
}

/** Finds an executable on PATH (or checks a path given directly). */
export function findExecutable(name: string): string | undefined {
  const candidates = name.includes('/')
    ? [name]
    : (process.env.PATH ?? '')
        .split(path.delimiter)
        .filter(Boolean)
        .map((dir) => path.join(dir, name));
  for (const candidate of candidates) {
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      if (fs.statSync(candidate).isFile()) return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}
