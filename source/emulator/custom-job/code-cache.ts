// Extracted package code, shared per package content (issue #23: a copy per job, and per trial of
// a tuning job, took hundreds of MB). A package (archive or staged folder) is extracted once into
// DATA_DIR/jobs/.code/SHA256/tree, named by the SHA-256 of its bytes (a folder: of its files'
// relative paths and bytes), and every job that runs it puts that tree on PYTHONPATH and lists the
// hash in its work folder (jobs/ID/code.json). Entries go with the jobs that used them: when the
// last job listing one is deleted, and at every start (with the per-job `code-*` copies older
// versions made), an entry that no remaining job lists and no running job uses is removed.
import {createHash, randomBytes} from 'node:crypto';
import {createReadStream} from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import {localObjectPath, type WorkerPoolSpecLike} from '../../core/job-spec/index.js';
import {checkOwnedChain} from '../contract/private-files.js';
import {installPackage} from './package-install.js';

const CACHE = '.code';
const REFERENCES = 'code.json';

export function cacheRoot(workRoot: string): string {
  return path.join(workRoot, CACHE);
}

async function hashFile(file: string, hash = createHash('sha256')): Promise<void> {
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
}

/** SHA-256 of an archive's bytes, or of a folder's sorted relative paths and their bytes. */
export async function packageHash(source: string): Promise<string> {
  const hash = createHash('sha256');
  if (!(await fs.stat(source)).isDirectory()) {
    await hashFile(source, hash);
    return hash.digest('hex');
  }
  const files: string[] = [];
  const walk = async (relative: string): Promise<void> => {
    const entries = await fs.readdir(path.join(source, relative), {withFileTypes: true});
    for (const entry of entries) {
      const child = relative ? `${relative}/${entry.name}` : entry.name;
      if (entry.isDirectory()) await walk(child);
      else files.push(child);
    }
  };
  await walk('');
  for (const file of files.sort()) {
    hash.update(`${file}\0`);
    await hashFile(path.join(source, file), hash);
    hash.update('\0');
  }
  return hash.digest('hex');
}

/** Installs `source` into the shared cache (once); returns its hash and importable root. */
export async function installShared(
  source: string,
  workRoot: string,
): Promise<{hash: string; root: string}> {
  const hash = await packageHash(source);
  const entry = path.join(cacheRoot(workRoot), hash);
  const rootFile = path.join(entry, 'root');
  const existing = await fs.readFile(rootFile, 'utf8').catch(() => undefined);
  if (existing !== undefined) {
    const now = new Date();
    await fs.utimes(entry, now, now).catch(() => undefined);
    return {hash, root: path.join(entry, 'tree', existing)};
  }
  // Extracted beside the entry and renamed into place, so a half-extracted tree is never used.
  const staging = `${entry}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  await fs.mkdir(staging, {recursive: true, mode: 0o700});
  try {
    const root = await installPackage(source, path.join(staging, 'tree'));
    const relative = path.relative(path.join(staging, 'tree'), root);
    await fs.writeFile(path.join(staging, 'root'), relative, {mode: 0o600});
    try {
      await fs.rename(staging, entry);
    } catch (error) {
      // Another job extracted the same package meanwhile: use theirs.
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ENOTEMPTY' && code !== 'EEXIST') throw error;
    }
    return {hash, root: path.join(entry, 'tree', relative)};
  } finally {
    await fs.rm(staging, {recursive: true, force: true});
  }
}

/** Records which cache entries a job's work folder uses. */
export async function recordReferences(workDir: string, hashes: string[]): Promise<void> {
  await fs.writeFile(path.join(workDir, REFERENCES), `${JSON.stringify([...new Set(hashes)])}\n`, {
    mode: 0o600,
  });
}

/**
 * Removes cache entries no job folder lists and no running job uses (`inUse`), and with `legacy`
 * the per-job `code-*` copies of older versions (never needed once their job ended).
 */
export async function pruneCodeCache(
  workRoot: string,
  inUse: Set<string>,
  legacy = false,
): Promise<number> {
  const listed = new Set(inUse);
  const jobs = await fs.readdir(workRoot, {withFileTypes: true}).catch(() => []);
  for (const job of jobs) {
    if (!job.isDirectory() || job.name === CACHE) continue;
    const folder = path.join(workRoot, job.name);
    const text = await fs.readFile(path.join(folder, REFERENCES), 'utf8').catch(() => '[]');
    try {
      for (const hash of JSON.parse(text) as unknown[]) listed.add(String(hash));
    } catch {
      // unreadable: lists nothing
    }
    if (!legacy) continue;
    for (const name of await fs.readdir(folder).catch(() => [])) {
      if (/^code-\d+-\d+$/.test(name))
        await fs.rm(path.join(folder, name), {recursive: true, force: true});
    }
  }
  let removed = 0;
  for (const name of await fs.readdir(cacheRoot(workRoot)).catch(() => [])) {
    // Leftover staging folders of a crashed extraction go too (at start: none is under way).
    if (listed.has(name) || (!legacy && name.endsWith('.tmp'))) continue;
    await fs.rm(path.join(cacheRoot(workRoot), name), {recursive: true, force: true});
    removed++;
  }
  return removed;
}

/**
 * Installs each distinct package list of the pools once; returns the PYTHONPATH (package roots)
 * per pool and adds the cache entries used to `hashes`.
 */
export async function installPoolPackages(
  pools: WorkerPoolSpecLike[],
  bucketRoot: string,
  workRoot: string,
  hashes: string[],
): Promise<Map<number, string>> {
  const byUris = new Map<string, string>();
  const result = new Map<number, string>();
  for (const [index, pool] of pools.entries()) {
    const uris = pool.pythonPackageSpec?.packageUris ?? [];
    if (uris.length === 0) continue;
    const key = uris.join('\n');
    let codeDir = byUris.get(key);
    if (!codeDir) {
      // Each package gets its own folder; all of them go on PYTHONPATH, as pip would install all.
      const roots: string[] = [];
      for (const uri of uris) {
        const source = localObjectPath(bucketRoot, uri);
        await fs.access(source).catch(() => {
          throw new Error(`The package ${uri} does not exist in the local bucket store.`);
        });
        // Only the owner may have written what is about to run as the owner.
        checkOwnedChain(source, bucketRoot);
        const installed = await installShared(source, workRoot);
        hashes.push(installed.hash);
        roots.push(installed.root);
      }
      codeDir = roots.join(path.delimiter);
      byUris.set(key, codeDir);
    }
    result.set(index, codeDir);
  }
  return result;
}
