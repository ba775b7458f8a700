// Packs a local Python package folder (setup.py or pyproject.toml at its top) as a source
// archive that `pip install` accepts exactly as Vertex's pre-built containers install package
// URIs. Named by a hash of its content, so unchanged code maps to the same object and is not
// uploaded again: the hash covers each file's relative path, executable bit and bytes, in sorted
// order, so it does not depend on timestamps or directory order.
import {createHash} from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import {archiveTempDir} from './archive-temp.js';

/** Build leftovers and caches that never belong in a package archive. */
const SKIPPED_FOLDERS = new Set([
  '__pycache__',
  '.git',
  'build',
  'dist',
  '.venv',
  'venv',
  'node_modules',
]);

export class PackageFolderError extends Error {}

export interface PackageArchive {
  /** Temporary .tar.gz file; remove with `dispose()`. */
  file: string;
  /** Hex SHA-256 of the content (see above). */
  sha256: string;
  /** Folder name made safe for an object name, e.g. `distributed-linear`. */
  name: string;
  /** `<name>-<first 12 hex of sha256>.tar.gz`. */
  objectFileName: string;
  sizeBytes: number;
  fileCount: number;
  dispose(): Promise<void>;
}

function skipped(relative: string): boolean {
  return relative
    .split('/')
    .some(
      (part) =>
        SKIPPED_FOLDERS.has(part) ||
        part.endsWith('.egg-info') ||
        part === '.DS_Store' ||
        part.endsWith('.pyc'),
    );
}

/** Every regular file under `root`, as sorted POSIX relative paths; symlinks are refused. */
async function listFiles(root: string): Promise<string[]> {
  const files: string[] = [];
  const walk = async (relative: string) => {
    const entries = await fs.readdir(path.join(root, relative), {withFileTypes: true});
    for (const entry of entries) {
      const child = relative ? `${relative}/${entry.name}` : entry.name;
      if (skipped(child)) continue;
      if (entry.isSymbolicLink())
        throw new PackageFolderError(
          `the package folder contains a symbolic link (${child}); replace it with the file it points to`,
        );
      if (entry.isDirectory()) await walk(child);
      else if (entry.isFile()) files.push(child);
    }
  };
  await walk('');
  return files.sort();
}

export async function contentHash(root: string, files: string[]): Promise<string> {
  const hash = createHash('sha256');
  for (const file of files) {
    const full = path.join(root, file);
    const [stat, bytes] = await Promise.all([fs.stat(full), fs.readFile(full)]);
    hash.update(`${file}\0${stat.mode & 0o111 ? 'x' : '-'}\0${bytes.length}\0`);
    hash.update(bytes);
  }
  return hash.digest('hex');
}

/** What a package folder's archive will be called, without building it (the review's preview). */
export interface PackageIdentity {
  root: string;
  /** The files the archive holds, sorted. */
  files: string[];
  sha256: string;
  name: string;
  objectFileName: string;
}

/** Checks the folder and hashes its content: the name buildPackageArchive gives its archive. */
export async function describePackageFolder(folder: string): Promise<PackageIdentity> {
  const root = path.resolve(folder);
  const stat = await fs.stat(root).catch(() => undefined);
  if (!stat?.isDirectory())
    throw new PackageFolderError(`the package folder ${root} does not exist or is not a folder`);
  const files = await listFiles(root);
  if (!files.includes('setup.py') && !files.includes('pyproject.toml'))
    throw new PackageFolderError(
      `the package folder ${root} has neither setup.py nor pyproject.toml, so pip cannot install it; add one (see examples/distributed-linear/setup.py)`,
    );
  const sha256 = await contentHash(root, files);
  const name =
    path
      .basename(root)
      .replace(/[^A-Za-z0-9._-]+/g, '-')
      .replace(/^[-.]+/, '') || 'package';
  return {root, files, sha256, name, objectFileName: `${name}-${sha256.slice(0, 12)}.tar.gz`};
}

export async function buildPackageArchive(folder: string): Promise<PackageArchive> {
  const {root, files, sha256, name, objectFileName} = await describePackageFolder(folder);
  const stem = objectFileName.replace(/\.tar\.gz$/, '');
  // Removed at exit or on a signal if the caller never disposes of it (archive-temp.ts).
  const {dir: tmp, release} = await archiveTempDir();
  const file = path.join(tmp, `${stem}.tar.gz`);
  let size: number;
  try {
    const tar = await import('tar');
    // sdist layout: one top folder `<stem>/` holding the project (setup.py at its top).
    await tar.create(
      {gzip: true, file, cwd: root, prefix: stem, portable: true, noDirRecurse: false},
      files,
    );
    ({size} = await fs.stat(file));
  } catch (error) {
    await release();
    throw error;
  }
  return {
    file,
    sha256,
    name,
    objectFileName,
    sizeBytes: size,
    fileCount: files.length,
    dispose: release,
  };
}
