// Finds an executable without spawning anything: used by the CLI before opening the app and by
// the service before accepting jobs, so a missing interpreter is named up front.
import fs from 'node:fs';
import path from 'node:path';

/** Finds an executable on PATH (or checks a path given directly); `searchPath` replaces PATH. */
export function findExecutable(
  name: string,
  searchPath: string | undefined = process.env.PATH,
): string | undefined {
  const candidates = name.includes('/')
    ? [name]
    : (searchPath ?? '')
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
