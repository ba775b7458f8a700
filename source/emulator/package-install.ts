// Unpacks a Python source distribution (.tar.gz) into a job's work folder. Entries that are links,
// devices, absolute paths or that climb with ".." are refused before anything is written.
import fs from 'node:fs/promises';
import path from 'node:path';
import * as tar from 'tar';

export class UnsafeArchiveError extends Error {}

function checkEntryPath(entryPath: string): void {
  const normalised = entryPath.replaceAll('\\', '/');
  if (normalised.startsWith('/') || /^[A-Za-z]:/.test(normalised)) {
    throw new UnsafeArchiveError(`archive entry ${entryPath} has an absolute path`);
  }
  if (normalised.split('/').includes('..')) {
    throw new UnsafeArchiveError(`archive entry ${entryPath} climbs out with ".."`);
  }
}

/** Lists the archive first (rejecting unsafe entries), then extracts it. Returns the folder. */
export async function extractPackage(archive: string, destination: string): Promise<string> {
  const problems: string[] = [];
  await tar.list({
    file: archive,
    onReadEntry: (entry) => {
      try {
        checkEntryPath(entry.path);
        if (entry.type !== 'File' && entry.type !== 'Directory' && entry.type !== 'OldFile') {
          throw new UnsafeArchiveError(
            `archive entry ${entry.path} is a ${entry.type}, not a file`,
          );
        }
      } catch (error) {
        problems.push((error as Error).message);
      }
    },
  });
  if (problems.length > 0) throw new UnsafeArchiveError(problems.join('; '));
  await fs.mkdir(destination, {recursive: true});
  await tar.extract({file: archive, cwd: destination, strict: true, preservePaths: false});
  return packageRootIn(destination);
}

/** An sdist unpacks to NAME-VERSION/; the importable code lives there. */
async function packageRootIn(folder: string): Promise<string> {
  const entries = await fs.readdir(folder, {withFileTypes: true});
  const dirs = entries.filter((entry) => entry.isDirectory());
  if (dirs.length === 1 && entries.length === 1 && dirs[0]) return path.join(folder, dirs[0].name);
  return folder;
}
