// The local buckets on disk: DATA_DIR/buckets/BUCKET/OBJECT, one file per object, the layout
// localObjectPath() names (so staged packages and output folders are plain files the job runner
// reads). What a file cannot hold (content type, custom metadata) lives in a small sidecar record
// under DATA_DIR/emulator/objects/; checksums are computed as objects are written, or on first
// read for files written directly (local staging), and cached by size + mtime.
import {createHash} from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import {pipeline} from 'node:stream/promises';
import type {Readable} from 'node:stream';
import {
  CONTINUED_SEGMENT_SUFFIX,
  GcsUriError,
  objectPathComponents,
  parseGcsUri,
} from '../../core/job-spec/index.js';
import {writeFileAtomic} from '../contract/private-files.js';
import {Crc32c} from './crc32c.js';
import {checkPreconditions, type Preconditions} from './preconditions.js';
import {StorageError} from './storage-error.js';
import {PARTIAL_SUFFIX, partialFileIn, sweepPartialFiles} from './partial-files.js';

export {StorageError};

export interface ObjectInfo {
  bucket: string;
  name: string;
  size: number;
  generation: string;
  /** Starts at 1 with each generation; every metadata patch adds 1. */
  metageneration: string;
  created: Date;
  updated: Date;
  contentType: string;
  md5Hash: string;
  crc32c: string;
  metadata?: Record<string, string>;
}

export interface UploadMetadata {
  contentType?: string;
  metadata?: Record<string, string>;
}

interface Sidecar {
  contentType?: string;
  metadata?: Record<string, string>;
  created?: number;
  metageneration?: number;
}

interface Checksums {
  size: number;
  mtimeNs: bigint;
  md5Hash: string;
  crc32c: string;
}

/** https://cloud.google.com/storage/docs/objects#naming: 1-1024 bytes of UTF-8. */
const MAX_NAME_BYTES = 1024;
/** Partial files of uploads in progress; never listed as objects. */
export {PARTIAL_SUFFIX};

export function checkBucketName(bucket: string): void {
  try {
    parseGcsUri(`gs://${bucket}/x`);
  } catch {
    throw new StorageError(
      400,
      'invalid',
      `Invalid bucket name "${bucket}": use 3-222 characters of a-z, 0-9, "-", "_" and ".", starting and ending with a letter or digit.`,
    );
  }
}

export function checkObjectName(name: string): void {
  const problem =
    name === ''
      ? 'it is empty'
      : Buffer.byteLength(name) > MAX_NAME_BYTES
        ? `it is ${Buffer.byteLength(name)} bytes of UTF-8; Cloud Storage allows at most ${MAX_NAME_BYTES} (https://cloud.google.com/storage/docs/objects#naming)`
        : name.startsWith('/') || name.slice(0, -1).includes('//')
          ? 'the local store keeps objects as files and cannot hold empty path segments'
          : name.endsWith(PARTIAL_SUFFIX)
            ? `the suffix ${PARTIAL_SUFFIX} is reserved for uploads in progress`
            : name.split('/').some((segment) => segment.endsWith(CONTINUED_SEGMENT_SUFFIX))
              ? `a segment ending with ${CONTINUED_SEGMENT_SUFFIX} is reserved (the local store uses it for segments over 255 bytes)`
              : undefined;
  if (problem)
    throw new StorageError(400, 'invalid', `Invalid object name "${shortName(name)}": ${problem}.`);
  try {
    parseGcsUri(`gs://bucket/${name}`);
  } catch (error) {
    if (error instanceof GcsUriError)
      throw new StorageError(
        400,
        'invalid',
        `Invalid object name "${shortName(name)}": "." and ".." segments, backslashes and NUL are not allowed (the local store keeps objects as files).`,
      );
    throw error;
  }
}

/** A name as errors quote it: whole up to 200 characters, else its start and end. */
export function shortName(name: string): string {
  return name.length <= 200 ? name : `${name.slice(0, 100)}…${name.slice(-60)}`;
}

/** The object name a chain of path components below the bucket folder stands for. */
function nameOfComponents(components: readonly string[]): string {
  let name = '';
  for (const [index, component] of components.entries()) {
    const last = index === components.length - 1;
    if (component.endsWith(CONTINUED_SEGMENT_SUFFIX))
      name += component.slice(0, -CONTINUED_SEGMENT_SUFFIX.length);
    else name += last ? component : `${component}/`;
  }
  return name;
}

export class ObjectStore {
  private readonly checksums = new Map<string, Checksums>();
  /** Per-object queues, so a precondition check and the write it guards are one step. */
  private readonly locks = new Map<string, Promise<unknown>>();

  /** `root` holds the buckets, `metaRoot` the sidecars and partial uploads; both are created 0700. */
  constructor(
    readonly root: string,
    private readonly metaRoot: string,
  ) {
    fs.mkdirSync(root, {recursive: true, mode: 0o700});
    fs.mkdirSync(path.join(metaRoot, 'uploads'), {recursive: true, mode: 0o700});
    sweepPartialFiles(path.join(metaRoot, 'uploads'));
  }

  bucketPath(bucket: string): string {
    checkBucketName(bucket);
    return path.join(this.root, bucket);
  }

  objectPath(bucket: string, name: string): string {
    checkObjectName(name);
    return path.join(this.bucketPath(bucket), ...objectPathComponents(name));
  }

  /** Runs `step` after every earlier step on the same object has finished. */
  private async exclusive<T>(bucket: string, name: string, step: () => Promise<T>): Promise<T> {
    const key = `${bucket}/${name}`;
    const before = this.locks.get(key) ?? Promise.resolve();
    const run = before.then(step, step);
    const settled = run.catch(() => undefined);
    this.locks.set(key, settled);
    void settled.then(() => {
      if (this.locks.get(key) === settled) this.locks.delete(key);
    });
    return run;
  }

  private sidecarPath(bucket: string, name: string): string {
    const digest = createHash('sha256').update(`${bucket}/${name}`).digest('hex');
    return path.join(this.metaRoot, 'meta', bucket, `${digest}.json`);
  }

  createBucket(bucket: string): fs.Stats {
    const dir = this.bucketPath(bucket);
    try {
      fs.mkdirSync(dir, {mode: 0o700});
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST')
        throw new StorageError(
          409,
          'conflict',
          `The bucket ${bucket} already exists in this emulator.`,
        );
      throw error;
    }
    return fs.statSync(dir);
  }

  bucketStat(bucket: string): fs.Stats {
    const stat = fs.statSync(this.bucketPath(bucket), {throwIfNoEntry: false});
    if (!stat?.isDirectory())
      throw new StorageError(404, 'notFound', `The bucket ${bucket} does not exist.`);
    return stat;
  }

  listBuckets(): {name: string; stat: fs.Stats}[] {
    return fs
      .readdirSync(this.root, {withFileTypes: true})
      .filter((entry) => entry.isDirectory())
      .map((entry) => ({name: entry.name, stat: fs.statSync(path.join(this.root, entry.name))}))
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  deleteBucket(bucket: string): void {
    this.bucketStat(bucket);
    if (this.listNames(bucket).length > 0)
      throw new StorageError(
        409,
        'conflict',
        `The bucket ${bucket} is not empty; delete its objects first.`,
      );
    fs.rmSync(this.bucketPath(bucket), {recursive: true, force: true});
    fs.rmSync(path.join(this.metaRoot, 'meta', bucket), {recursive: true, force: true});
  }

  /** Every object name of a bucket, in Cloud Storage's (lexicographic) order. */
  listNames(bucket: string): string[] {
    const root = this.bucketPath(bucket);
    this.bucketStat(bucket);
    const names: string[] = [];
    const walk = (dir: string, prefix: string) => {
      for (const entry of fs.readdirSync(dir, {withFileTypes: true})) {
        // A folder with the continued-segment suffix goes on with the same segment.
        if (entry.isDirectory())
          walk(path.join(dir, entry.name), prefix + nameOfComponents([entry.name, '']));
        else if (entry.isFile() && !entry.name.endsWith('.tmp')) names.push(prefix + entry.name);
      }
    };
    walk(root, '');
    return names.sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
  }

  async info(bucket: string, name: string): Promise<ObjectInfo> {
    this.bucketStat(bucket);
    const file = this.objectPath(bucket, name);
    const stat = await fsp.stat(file, {bigint: true}).catch(() => undefined);
    if (!stat?.isFile())
      throw new StorageError(404, 'notFound', `No such object: ${bucket}/${shortName(name)}`);
    const sums = await this.checksumsOf(file, stat);
    const sidecar = this.readSidecar(bucket, name);
    const updated = new Date(Number(stat.mtimeNs / 1_000_000n));
    return {
      bucket,
      name,
      size: Number(stat.size),
      // A new write is a new file state, so the mtime in microseconds serves as the generation.
      generation: (stat.mtimeNs / 1000n).toString(),
      metageneration: String(sidecar.metageneration ?? 1),
      created: sidecar.created ? new Date(sidecar.created) : updated,
      updated,
      contentType: sidecar.contentType ?? 'application/octet-stream',
      md5Hash: sums.md5Hash,
      crc32c: sums.crc32c,
      ...(sidecar.metadata && {metadata: sidecar.metadata}),
    };
  }

  /** The live object, or undefined when there is none. */
  async current(bucket: string, name: string): Promise<ObjectInfo | undefined> {
    try {
      return await this.info(bucket, name);
    } catch (error) {
      if (error instanceof StorageError && error.status === 404) return undefined;
      throw error;
    }
  }

  /** The object's info when it exists and `preconditions` hold for it (404, 412 or 304 if not). */
  async infoIf(bucket: string, name: string, preconditions: Preconditions): Promise<ObjectInfo> {
    const info = await this.info(bucket, name);
    checkPreconditions(preconditions, `${bucket}/${shortName(name)}`, info);
    return info;
  }

  openRead(bucket: string, name: string, range?: {start: number; end: number}): fs.ReadStream {
    return fs.createReadStream(this.objectPath(bucket, name), range);
  }

  /** A partial file for an upload; written by the caller, then committed with `commit`. */
  partialFile(): string {
    return partialFileIn(path.join(this.metaRoot, 'uploads'));
  }

  /** Streams `source` into a partial file, hashing as it goes. */
  async receive(
    source: Readable,
    file = this.partialFile(),
  ): Promise<{file: string; sums: Hashes}> {
    const hashes = new Hashes();
    const out = fs.createWriteStream(file, {flags: 'wx', mode: 0o600});
    try {
      await pipeline(source, hashes.tap(), out);
    } catch (error) {
      // A body cut off or refused (too large, a full disk) leaves nothing behind.
      await fsp.rm(file, {force: true});
      throw error;
    }
    return {file, sums: hashes};
  }

  /**
   * Moves a finished partial file into place as the object (atomic rename) and records its
   * metadata, if `preconditions` hold for the object as it is at that moment; the partial file is
   * removed when the object cannot be written.
   */
  async commit(
    bucket: string,
    name: string,
    partial: string,
    hashes: Hashes,
    metadata: UploadMetadata,
    preconditions: Preconditions = {},
  ): Promise<ObjectInfo> {
    try {
      return await this.exclusive(bucket, name, async () => {
        checkPreconditions(
          preconditions,
          `${bucket}/${shortName(name)}`,
          await this.current(bucket, name),
        );
        return this.moveIntoPlace(bucket, name, partial, hashes, metadata);
      });
    } catch (error) {
      await fsp.rm(partial, {force: true});
      throw error;
    }
  }

  private async moveIntoPlace(
    bucket: string,
    name: string,
    partial: string,
    hashes: Hashes,
    metadata: UploadMetadata,
  ): Promise<ObjectInfo> {
    this.bucketStat(bucket);
    const target = this.objectPath(bucket, name);
    await this.makeParents(bucket, name);
    if (name.endsWith('/')) return this.folderMarker(bucket, name, target, partial, hashes);
    const existed = fs.existsSync(target);
    if (fs.statSync(target, {throwIfNoEntry: false})?.isDirectory())
      throw new StorageError(
        409,
        'conflict',
        `The local store keeps objects as files: objects named "${shortName(name)}/…" exist, so "${shortName(name)}" cannot (Cloud Storage allows both; this emulator does not).`,
      );
    try {
      await fsp.rename(partial, target);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
      await fsp.copyFile(partial, `${target}.${process.pid}.tmp`);
      await fsp.rename(`${target}.${process.pid}.tmp`, target);
      await fsp.rm(partial, {force: true});
    }
    const stat = await fsp.stat(target, {bigint: true});
    this.checksums.set(target, {
      size: Number(stat.size),
      mtimeNs: stat.mtimeNs,
      md5Hash: hashes.md5Hash(),
      crc32c: hashes.crc32c(),
    });
    const previous = existed ? this.readSidecar(bucket, name) : {};
    // A new generation starts again at metageneration 1 (no metageneration field stored).
    this.writeSidecar(bucket, name, {
      ...(metadata.contentType && {contentType: metadata.contentType}),
      ...(metadata.metadata && {metadata: metadata.metadata}),
      created: previous.created ?? Date.now(),
    });
    return this.info(bucket, name);
  }

  /**
   * `dir/` placeholders (written by gsutil, TensorFlow and FUSE tools) become folders here: a
   * file cannot stand for them, as objects below them are files inside the folder.
   */
  private async folderMarker(
    bucket: string,
    name: string,
    target: string,
    partial: string,
    hashes: Hashes,
  ): Promise<ObjectInfo> {
    await fsp.rm(partial, {force: true});
    if (hashes.bytes > 0)
      throw new StorageError(
        400,
        'invalid',
        `The object name "${name}" ends with "/": the local store keeps such names as folders, so they must be empty.`,
      );
    await fsp.mkdir(target, {recursive: true, mode: 0o700});
    const now = new Date();
    return {
      bucket,
      name,
      size: 0,
      generation: String(now.getTime() * 1000),
      metageneration: '1',
      created: now,
      updated: now,
      contentType: 'application/x-directory',
      md5Hash: hashes.md5Hash(),
      crc32c: hashes.crc32c(),
    };
  }

  async deleteObject(
    bucket: string,
    name: string,
    preconditions: Preconditions = {},
  ): Promise<void> {
    await this.exclusive(bucket, name, async () => {
      await this.infoIf(bucket, name, preconditions);
      const file = this.objectPath(bucket, name);
      await fsp.rm(file, {force: true});
      this.checksums.delete(file);
      fs.rmSync(this.sidecarPath(bucket, name), {force: true});
      // Folders the object implied go with it, as "folders" do not exist in Cloud Storage.
      const bucketDir = this.bucketPath(bucket);
      for (let dir = path.dirname(file); dir !== bucketDir; dir = path.dirname(dir)) {
        if (fs.readdirSync(dir).length > 0) break;
        fs.rmdirSync(dir);
      }
    });
  }

  /** Merges `patch` into the object's metadata; its metageneration goes up by one. */
  async patchObject(
    bucket: string,
    name: string,
    patch: UploadMetadata,
    preconditions: Preconditions = {},
  ): Promise<ObjectInfo> {
    return this.exclusive(bucket, name, async () => {
      await this.infoIf(bucket, name, preconditions);
      const current = this.readSidecar(bucket, name);
      this.writeSidecar(bucket, name, {
        ...current,
        ...(patch.contentType && {contentType: patch.contentType}),
        ...(patch.metadata && {metadata: {...current.metadata, ...patch.metadata}}),
        metageneration: (current.metageneration ?? 1) + 1,
      });
      return this.info(bucket, name);
    });
  }

  private async makeParents(bucket: string, name: string): Promise<void> {
    const bucketDir = this.bucketPath(bucket);
    const parts = objectPathComponents(name).slice(0, name.endsWith('/') ? undefined : -1);
    let dir = bucketDir;
    for (const [index, part] of parts.entries()) {
      dir = path.join(dir, part);
      const stat = fs.statSync(dir, {throwIfNoEntry: false});
      if (stat && !stat.isDirectory())
        throw new StorageError(
          409,
          'conflict',
          `The local store keeps objects as files: "${shortName(nameOfComponents(parts.slice(0, index + 1)))}" is an object, so "${shortName(name)}" cannot exist beside it (Cloud Storage allows both; this emulator does not).`,
        );
      if (!stat) fs.mkdirSync(dir, {mode: 0o700});
    }
  }

  private async checksumsOf(file: string, stat: fs.BigIntStats): Promise<Checksums> {
    const cached = this.checksums.get(file);
    if (cached && cached.size === Number(stat.size) && cached.mtimeNs === stat.mtimeNs)
      return cached;
    const hashes = new Hashes();
    for await (const chunk of fs.createReadStream(file)) hashes.update(chunk as Buffer);
    const sums = {
      size: Number(stat.size),
      mtimeNs: stat.mtimeNs,
      md5Hash: hashes.md5Hash(),
      crc32c: hashes.crc32c(),
    };
    this.checksums.set(file, sums);
    return sums;
  }

  private readSidecar(bucket: string, name: string): Sidecar {
    try {
      return JSON.parse(fs.readFileSync(this.sidecarPath(bucket, name), 'utf8')) as Sidecar;
    } catch {
      return {};
    }
  }

  private writeSidecar(bucket: string, name: string, sidecar: Sidecar): void {
    const file = this.sidecarPath(bucket, name);
    fs.mkdirSync(path.dirname(file), {recursive: true, mode: 0o700});
    writeFileAtomic(file, JSON.stringify(sidecar));
  }
}

/** MD5 and CRC32C of a byte stream, updated as it passes through `tap()`. */
export class Hashes {
  private readonly md5 = createHash('md5');
  private readonly crc = new Crc32c();
  private md5Digest?: string;
  bytes = 0;

  update(chunk: Buffer): void {
    this.md5.update(chunk);
    this.crc.update(chunk);
    this.bytes += chunk.length;
  }

  tap() {
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const hashes = this;
    return async function* (source: AsyncIterable<Buffer>) {
      for await (const chunk of source) {
        hashes.update(chunk);
        yield chunk;
      }
    };
  }

  md5Hash(): string {
    this.md5Digest ??= this.md5.digest('base64');
    return this.md5Digest;
  }

  crc32c(): string {
    return this.crc.base64();
  }
}
