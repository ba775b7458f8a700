// Installs a Python package into a job's work folder: a source distribution (.tar.gz) is unpacked,
// a folder (a package staged unpacked) is copied. Archive entries that are links, devices,
// absolute paths or that climb with ".." are refused before anything is written; a folder holding
// a symbolic link is refused too, as the link could reach outside the bucket store.
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

/**
 * An sdist unpacks to NAME-VERSION/, where the importable code lives. A lone folder that is itself
 * a Python package (has __init__.py) is the code, not a wrapper, so the root stays above it.
 */
async function packageRootIn(folder: string): Promise<string> {
  const entries = await fs.readdir(folder, {withFileTypes: true});
  const only = entries.length === 1 && entries[0]?.isDirectory() ? entries[0] : undefined;
  if (!only) return folder;
  const inner = path.join(folder, only.name);
  const isPythonPackage = await fs
    .access(path.join(inner, '__init__.py'))
    .then(() => true)
    .catch(() => false);
  return isPythonPackage ? folder : inner;
}

/** Copies a package folder from the bucket store; refuses symbolic links anywhere inside. */
export async function copyPackageFolder(folder: string, destination: string): Promise<string> {
  const links: string[] = [];
  const walk = async (dir: string): Promise<void> => {
    for (const entry of await fs.readdir(dir, {withFileTypes: true})) {
      const full = path.join(dir, entry.name);
      if (entry.isSymbolicLink()) links.push(path.relative(folder, full));
      else if (entry.isDirectory()) await walk(full);
    }
  };
  await walk(folder);
  if (links.length > 0) {
    throw new UnsafeArchiveError(
      `package folder entries ${links.join(', ')} are symbolic links, which are not allowed`,
    );
  }
  await fs.cp(folder, destination, {recursive: true, errorOnExist: false});
  return packageRootIn(destination);
}

/** Installs one package (archive or folder) into `destination`; returns its importable root. */
export async function installPackage(source: string, destination: string): Promise<string> {
  const stat = await fs.stat(source);
  return stat.isDirectory()
    ? copyPackageFolder(source, destination)
    : extractPackage(source, destination);
}
