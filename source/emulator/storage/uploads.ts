// The JSON API's three upload protocols: `media` (the body is the object), `multipart`
// (multipart/related: a JSON metadata part, then the content) and `resumable` (a session created
// by POST, filled by PUTs with Content-Range; 308 + Range until the last byte arrives).
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import type {IncomingMessage} from 'node:http';
import {Readable} from 'node:stream';
import {randomBytes} from 'node:crypto';
import {createGunzip} from 'node:zlib';
import {Hashes, StorageError, type ObjectStore, type UploadMetadata} from './object-store.js';
import {parseUploadParts} from './multipart.js';
import type {Preconditions} from './preconditions.js';

/** Simple uploads are buffered; larger objects should use resumable uploads (as the clients do). */
export const MAX_MULTIPART_BYTES = 64 * 1024 * 1024;
/** A session nobody has written to for this long is dropped with its partial file. */
const SESSION_IDLE_MS = 24 * 3600_000;
/** Ended sessions remembered (ResumableUploads.ended), at most. */
const MAX_ENDED = 10_000;

/**
 * The request's bytes with its Content-Encoding undone: `gcloud storage cp --gzip-in-flight`
 * gzips each upload request (apitools transfer.py: the whole multipart body, or each resumable
 * chunk on its own, with Content-Range counting uncompressed bytes), and Cloud Storage stores
 * the uncompressed data (https://cloud.google.com/storage/docs/transcoding, gzip in flight).
 */
export function decodedBody(request: IncomingMessage): Readable {
  const encoding = (request.headers['content-encoding'] ?? '').trim().toLowerCase();
  if (encoding === '' || encoding === 'identity') return request;
  if (encoding !== 'gzip' && encoding !== 'x-gzip')
    throw new StorageError(
      400,
      'invalid',
      `Content-Encoding "${encoding}" is not accepted on uploads here; send the bytes as they are or with Content-Encoding: gzip.`,
    );
  const gunzip = createGunzip();
  request.on('error', (error) => gunzip.destroy(error));
  request.pipe(gunzip);
  return Readable.from(
    (async function* () {
      try {
        for await (const chunk of gunzip as AsyncIterable<Buffer>) yield chunk;
      } catch (error) {
        if (/^Z_/.test(String((error as NodeJS.ErrnoException).code)))
          throw new StorageError(
            400,
            'invalid',
            'The request says Content-Encoding: gzip, but its body is not valid gzip data.',
          );
        throw error;
      }
    })(),
  );
}

export async function readBody(request: IncomingMessage, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of decodedBody(request) as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit)
      throw new StorageError(
        413,
        'uploadTooLarge',
        `A simple (multipart) upload may carry at most ${limit / (1024 * 1024)} MiB in this emulator; use a resumable upload for larger objects.`,
      );
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

export function parseMetadata(text: string): UploadMetadata & {name?: string} {
  if (text.trim() === '') return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new StorageError(400, 'parseError', 'The object metadata is not valid JSON.');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new StorageError(400, 'invalid', 'The object metadata must be a JSON object.');
  const record = value as Record<string, unknown>;
  const metadata: UploadMetadata & {name?: string} = {};
  if (typeof record.name === 'string') metadata.name = record.name;
  if (typeof record.contentType === 'string') metadata.contentType = record.contentType;
  if (record.metadata && typeof record.metadata === 'object') {
    metadata.metadata = Object.fromEntries(
      Object.entries(record.metadata as Record<string, unknown>).map(([k, v]) => [k, String(v)]),
    );
  }
  return metadata;
}

/** Splits a multipart/related body (multipart.ts) into its metadata and its content. */
export function parseMultipart(
  body: Buffer,
  contentType: string,
): {metadata: UploadMetadata & {name?: string}; content: Buffer; partType?: string} {
  const {metadataText, content, partType} = parseUploadParts(body, contentType);
  return {metadata: parseMetadata(metadataText), content, ...(partType && {partType})};
}

export function bufferStream(data: Buffer): Readable {
  return Readable.from([data]);
}

interface Session {
  bucket: string;
  name: string;
  metadata: UploadMetadata;
  /** From the request that started the session; checked when the last byte arrives. */
  preconditions: Preconditions;
  file: string;
  hashes: Hashes;
  received: number;
  touched: number;
}

export type ChunkResult =
  | {done: false; received: number}
  /** The session already completed: the object it wrote, if it is still that generation. */
  | {done: 'earlier'; bucket: string; name: string; generation: string}
  | {
      done: true;
      bucket: string;
      name: string;
      file: string;
      hashes: Hashes;
      metadata: UploadMetadata;
      preconditions: Preconditions;
    };

/** Resumable upload sessions, in memory: a service restart drops them (clients start again). */
/** How a session ended: the generation it wrote, or the precondition failure it ended with. */
interface Ended {
  bucket: string;
  name: string;
  generation?: string;
  refused?: StorageError;
  at: number;
}

export class ResumableUploads {
  private readonly sessions = new Map<string, Session>();
  /**
   * Sessions that ended, so a client that comes back to one (after a lost response, or gcloud
   * resuming from its tracker file) gets Cloud Storage's answer rather than a 404: a completed
   * one gives its object (https://cloud.google.com/storage/docs/performing-resumable-uploads,
   * checking the status), one refused by its preconditions the same refusal again (the session
   * keeps its preconditions: googleapis/nodejs-storage#217 saw a stored session URI fail with 412
   * on every later save), a cancelled one 410 Gone.
   */
  private readonly ended = new Map<string, Ended>();

  constructor(private readonly store: ObjectStore) {}

  create(
    bucket: string,
    name: string,
    metadata: UploadMetadata,
    preconditions: Preconditions = {},
  ): string {
    this.dropIdle();
    const id = randomBytes(18).toString('base64url');
    const file = this.store.partialFile();
    fs.writeFileSync(file, '', {mode: 0o600, flag: 'wx'});
    this.sessions.set(id, {
      bucket,
      name,
      metadata,
      preconditions,
      file,
      hashes: new Hashes(),
      received: 0,
      touched: Date.now(),
    });
    return id;
  }

  /** Appends one PUT's bytes; `range` is the Content-Range header (absent = the whole object). */
  async put(id: string, range: string | undefined, body: Readable): Promise<ChunkResult> {
    const session = this.sessions.get(id);
    if (!session) {
      body.resume();
      const ended = this.ended.get(id);
      if (ended?.refused) throw ended.refused;
      if (ended?.generation !== undefined)
        return {
          done: 'earlier',
          bucket: ended.bucket,
          name: ended.name,
          generation: ended.generation,
        };
      if (ended)
        throw new StorageError(
          410,
          'gone',
          'This upload session has ended (it was cancelled or could not be written); start a new upload.',
        );
      throw new StorageError(
        404,
        'notFound',
        'No such upload session (it expired or the emulator restarted); start the upload again.',
      );
    }
    session.touched = Date.now();
    const parsed = parseContentRange(range);
    if (parsed.kind === 'query') {
      body.resume();
      if (parsed.total !== undefined && parsed.total === session.received)
        return this.finish(id, session);
      return {done: false, received: session.received};
    }
    const start = parsed.kind === 'bytes' ? parsed.start : 0;
    if (start > session.received)
      throw new StorageError(
        400,
        'invalid',
        `The chunk starts at byte ${start} but only ${session.received} bytes have been received.`,
      );
    // Bytes the client resends (after a lost response) are skipped, not written twice.
    let skip = session.received - start;
    const out = await fsp.open(session.file, 'a');
    try {
      for await (const raw of body as AsyncIterable<Buffer>) {
        let chunk = raw;
        if (skip > 0) {
          const dropped = Math.min(skip, chunk.length);
          chunk = chunk.subarray(dropped);
          skip -= dropped;
        }
        if (chunk.length === 0) continue;
        await out.write(chunk);
        session.hashes.update(chunk);
        session.received += chunk.length;
      }
    } finally {
      await out.close();
    }
    // `bytes N-*/…` (and no Content-Range at all) means this request carries the rest.
    const rest = parsed.kind === 'whole' || Number.isNaN(parsed.end);
    const total = parsed.kind === 'bytes' ? parsed.total : undefined;
    if (rest || (total !== undefined && session.received >= total)) return this.finish(id, session);
    return {done: false, received: session.received};
  }

  private finish(id: string, session: Session): ChunkResult {
    this.sessions.delete(id);
    // Failed until the caller says which generation it wrote (completed).
    this.remember(id, session);
    return {
      done: true,
      bucket: session.bucket,
      name: session.name,
      file: session.file,
      hashes: session.hashes,
      metadata: session.metadata,
      preconditions: session.preconditions,
    };
  }

  private remember(id: string, session: Session): void {
    this.ended.set(id, {bucket: session.bucket, name: session.name, at: Date.now()});
    // Oldest first (insertion order): a busy day of uploads keeps a bounded record.
    for (const old of this.ended.keys()) {
      if (this.ended.size <= MAX_ENDED) break;
      this.ended.delete(old);
    }
  }

  /** The finished session's object was written at `generation`. */
  completed(id: string, generation: string): void {
    const ended = this.ended.get(id);
    if (ended) ended.generation = generation;
  }

  /** The finished session's object was not written because a precondition did not hold. */
  refused(id: string, error: StorageError): void {
    const ended = this.ended.get(id);
    if (ended) ended.refused = error;
  }

  cancel(id: string): boolean {
    const session = this.sessions.get(id);
    if (!session) return false;
    this.sessions.delete(id);
    this.remember(id, session);
    fs.rmSync(session.file, {force: true});
    return true;
  }

  private dropIdle(): void {
    const now = Date.now();
    for (const [id, session] of this.sessions) {
      if (now - session.touched > SESSION_IDLE_MS) this.cancel(id);
    }
    for (const [id, ended] of this.ended) {
      if (now - ended.at > SESSION_IDLE_MS) this.ended.delete(id);
    }
  }

  close(): void {
    for (const id of [...this.sessions.keys()]) this.cancel(id);
  }
}

type ContentRange =
  | {kind: 'whole'}
  | {kind: 'query'; total?: number}
  | {kind: 'bytes'; start: number; end: number; total?: number};

export function parseContentRange(header: string | undefined): ContentRange {
  if (!header) return {kind: 'whole'};
  const query = /^bytes \*\/(\d+|\*)$/.exec(header.trim());
  if (query) return query[1] === '*' ? {kind: 'query'} : {kind: 'query', total: Number(query[1])};
  const bytes = /^bytes (\d+)-(\d+|\*)\/(\d+|\*)$/.exec(header.trim());
  if (!bytes)
    throw new StorageError(400, 'invalid', `Cannot read the Content-Range header "${header}".`);
  const start = Number(bytes[1]);
  const end = bytes[2] === '*' ? Number.NaN : Number(bytes[2]);
  return {
    kind: 'bytes',
    start,
    end,
    ...(bytes[3] !== '*' && {total: Number(bytes[3])}),
  };
}
