// The JSON API's three upload protocols: `media` (the body is the object), `multipart`
// (multipart/related: a JSON metadata part, then the content) and `resumable` (a session created
// by POST, filled by PUTs with Content-Range; 308 + Range until the last byte arrives).
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import type {IncomingMessage} from 'node:http';
import {Readable} from 'node:stream';
import {randomBytes} from 'node:crypto';
import {Hashes, StorageError, type ObjectStore, type UploadMetadata} from './object-store.js';

/** Simple uploads are buffered; larger objects should use resumable uploads (as the clients do). */
export const MAX_MULTIPART_BYTES = 64 * 1024 * 1024;
/** A session nobody has written to for this long is dropped with its partial file. */
const SESSION_IDLE_MS = 24 * 3600_000;

export async function readBody(request: IncomingMessage, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
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

/** Splits a multipart/related body into its metadata JSON and its content. */
export function parseMultipart(
  body: Buffer,
  contentType: string,
): {metadata: UploadMetadata & {name?: string}; content: Buffer; partType?: string} {
  const boundary = /boundary="?([^";]+)"?/i.exec(contentType)?.[1];
  if (!boundary)
    throw new StorageError(
      400,
      'invalid',
      'A multipart upload needs a multipart/related boundary.',
    );
  const delimiter = Buffer.from(`--${boundary}`);
  const parts: Buffer[] = [];
  let start = body.indexOf(delimiter);
  while (start >= 0) {
    const next = body.indexOf(delimiter, start + delimiter.length);
    if (next < 0) break;
    parts.push(body.subarray(start + delimiter.length, next));
    start = next;
  }
  if (parts.length < 2)
    throw new StorageError(
      400,
      'invalid',
      'A multipart upload needs a metadata part and a content part.',
    );
  const split = (part: Buffer) => {
    const headerEnd = part.indexOf('\r\n\r\n');
    if (headerEnd < 0) throw new StorageError(400, 'invalid', 'A multipart part has no headers.');
    const headers = part.subarray(0, headerEnd).toString('utf8');
    let content = part.subarray(headerEnd + 4);
    // Each part ends with CRLF before the next delimiter.
    if (content.subarray(-2).toString() === '\r\n') content = content.subarray(0, -2);
    return {headers, content};
  };
  const meta = split(parts[0] as Buffer);
  const data = split(parts[1] as Buffer);
  const partType = /content-type:\s*([^\r\n]+)/i.exec(data.headers)?.[1]?.trim();
  return {
    metadata: parseMetadata(meta.content.toString('utf8')),
    content: data.content,
    ...(partType && {partType}),
  };
}

export function bufferStream(data: Buffer): Readable {
  return Readable.from([data]);
}

interface Session {
  bucket: string;
  name: string;
  metadata: UploadMetadata;
  file: string;
  hashes: Hashes;
  received: number;
  touched: number;
}

export type ChunkResult =
  | {done: false; received: number}
  | {
      done: true;
      bucket: string;
      name: string;
      file: string;
      hashes: Hashes;
      metadata: UploadMetadata;
    };

/** Resumable upload sessions, in memory: a service restart drops them (clients start again). */
export class ResumableUploads {
  private readonly sessions = new Map<string, Session>();

  constructor(private readonly store: ObjectStore) {}

  create(bucket: string, name: string, metadata: UploadMetadata): string {
    this.dropIdle();
    const id = randomBytes(18).toString('base64url');
    const file = this.store.partialFile();
    fs.writeFileSync(file, '', {mode: 0o600, flag: 'wx'});
    this.sessions.set(id, {
      bucket,
      name,
      metadata,
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
    if (!session)
      throw new StorageError(
        404,
        'notFound',
        'No such upload session (it finished, expired or the emulator restarted); start the upload again.',
      );
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
    return {
      done: true,
      bucket: session.bucket,
      name: session.name,
      file: session.file,
      hashes: session.hashes,
      metadata: session.metadata,
    };
  }

  cancel(id: string): boolean {
    const session = this.sessions.get(id);
    if (!session) return false;
    this.sessions.delete(id);
    fs.rmSync(session.file, {force: true});
    return true;
  }

  private dropIdle(): void {
    const now = Date.now();
    for (const [id, session] of this.sessions) {
      if (now - session.touched > SESSION_IDLE_MS) this.cancel(id);
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
