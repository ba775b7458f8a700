// The Cloud Storage JSON API subset that @google-cloud/storage 7.x and the Python client use:
// buckets (insert, get, list, delete), objects (list, get, alt=media download with ranges,
// delete, patch) and uploads (media, multipart, resumable), over HTTP on 127.0.0.1 only.
// Every request must be the owner's (storage-access.ts: a bearer key or the path token).
// Paths are accepted with and without the /storage/v1 prefix: the Node client drops it when it
// is configured through STORAGE_EMULATOR_HOST.
import {timingSafeEqual} from 'node:crypto';
import http from 'node:http';
import type {AddressInfo} from 'node:net';
import {STORAGE_TOKEN_PATH, storageToken} from '../contract/storage-access.js';
import {StorageError, type ObjectStore} from './object-store.js';
import {readPreconditions} from './preconditions.js';
import {bucketResource, errorBody, objectResource} from './resources.js';
import {
  MAX_MULTIPART_BYTES,
  ResumableUploads,
  bufferStream,
  decodedBody,
  parseMetadata,
  parseMultipart,
  readBody,
} from './uploads.js';
import type {DiskSpace} from '../records/disk-space.js';
import {diskFullMessage, isNoSpaceError} from '../contract/disk-full.js';

export interface StorageServerOptions {
  key: string;
  /** The path token (storage-access.ts); derived from the key when absent. */
  token?: string;
  port: number;
  projectNumber: string;
  store: ObjectStore;
  /** Told of every owner's request, for the service's idle timer. */
  onRequest?: () => void;
  /** The data folder's free space: uploads are refused while the disk is full. */
  disk?: DiskSpace;
}

/**
 * A full disk as a JSON API error: 429, the HTTP mapping of RESOURCE_EXHAUSTED, which
 * google/rpc/code.proto documents as covering "the entire file system is out of space". The reason
 * is ours (Cloud Storage documents none for it); the message is the service's one line.
 */
const diskFull = (disk: DiskSpace | undefined, dataDir = disk?.dir ?? 'the data folder') =>
  new StorageError(429, 'resourceExhausted', diskFullMessage(dataDir));

export interface RunningStorageServer {
  port: number;
  stop(): Promise<void>;
}

const sameSecret = (given: string, expected: string) => {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
};

interface Route {
  /** `/t/TOKEN` when the request used the path token, so links keep working for that client. */
  prefix: string;
  /** The path after the prefix, still percent-encoded. */
  path: string;
  query: URLSearchParams;
}

/** Checks the owner's credential; returns the route, or undefined (401) when it is missing. */
function authenticate(
  request: http.IncomingMessage,
  key: string,
  tokens: readonly string[],
): Route | undefined {
  const url = new URL(request.url ?? '/', 'http://127.0.0.1');
  let prefix = '';
  let path = url.pathname;
  let owner = false;
  if (path.startsWith(STORAGE_TOKEN_PATH)) {
    const end = path.indexOf('/', STORAGE_TOKEN_PATH.length);
    const given = path.slice(STORAGE_TOKEN_PATH.length, end < 0 ? undefined : end);
    owner = tokens.some((token) => sameSecret(given, token));
    prefix = `${STORAGE_TOKEN_PATH}${given}`;
    path = end < 0 ? '/' : path.slice(end);
  }
  const bearer = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];
  if (bearer && [key, ...tokens].some((secret) => sameSecret(bearer, secret))) owner = true;
  return owner ? {prefix, path, query: url.searchParams} : undefined;
}

function sendJson(response: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json; charset=UTF-8',
    'content-length': Buffer.byteLength(text),
  });
  response.end(text);
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new StorageError(
      400,
      'invalid',
      `The path segment "${segment}" is not valid percent-encoding.`,
    );
  }
}

export async function startStorageServer(
  options: StorageServerOptions,
): Promise<RunningStorageServer> {
  const {store} = options;
  // A token given by the caller (tests), and the one derived from the current key (clients that know
  // only service.json's key, e.g. storageClientOptions({storagePort, key})).
  const tokens = [
    ...new Set([options.token || storageToken(options.key), storageToken(options.key)]),
  ];
  const uploads = new ResumableUploads(store);
  let port = 0;

  const handle = async (request: http.IncomingMessage, response: http.ServerResponse) => {
    const route = authenticate(request, options.key, tokens);
    if (route) options.onRequest?.();
    if (!route) {
      request.resume();
      sendJson(
        response,
        401,
        errorBody(
          401,
          'required',
          "This vtrain-tui emulator's Cloud Storage accepts requests only from its owner: send `Authorization: Bearer <key from service.json>` or use the endpoint with the storage token (vtrain-tui emulator status --json; see the readme).",
        ),
      );
      return;
    }
    const base = `http://127.0.0.1:${port}${route.prefix}`;
    const method = request.method ?? 'GET';
    const path = route.path.replace(/^\/storage\/v1(?=\/)/, '');
    const {query} = route;

    let match: RegExpExecArray | null;
    // gcloud (apitools) starts resumable uploads on /resumable/upload/storage/v1/b/BUCKET/o, the
    // method's resumable_path in googlecloudsdk/generated_clients/apis/storage/v1/storage_v1_client.py.
    if ((match = /^\/(?:resumable\/)?upload\/storage\/v1\/b\/([^/]+)\/o\/?$/.exec(path))) {
      const bucket = decodeSegment(match[1] as string);
      store.bucketStat(bucket);
      const uploadType = query.get('uploadType') ?? 'media';
      const uploadId = query.get('upload_id');
      if (method !== 'DELETE' && options.disk?.isFull()) throw diskFull(options.disk);
      if (uploadId && (method === 'PUT' || method === 'POST')) {
        const result = await uploads.put(
          uploadId,
          request.headers['content-range'],
          decodedBody(request),
        );
        if (result.done === 'earlier') {
          const info = await store.current(result.bucket, result.name);
          if (info?.generation !== result.generation)
            throw new StorageError(
              410,
              'gone',
              'This upload session completed, but its object has since been replaced or deleted; start a new upload.',
            );
          sendJson(response, 200, objectResource(info, base));
          return;
        }
        if (!result.done) {
          response.writeHead(308, {
            ...(result.received > 0 && {range: `bytes=0-${result.received - 1}`}),
            'content-length': 0,
          });
          response.end();
          return;
        }
        // Preconditions are checked when the upload completes, as Cloud Storage does (the
        // session starts whatever they say: googleapis/google-cloud-java#201; storage-testbench
        // rest_server.py checks them on the final chunk).
        const info = await store
          .commit(
            result.bucket,
            result.name,
            result.file,
            result.hashes,
            result.metadata,
            result.preconditions,
          )
          .catch((error: unknown) => {
            if (error instanceof StorageError && (error.status === 412 || error.status === 304))
              uploads.refused(uploadId, error);
            throw error;
          });
        uploads.completed(uploadId, info.generation);
        sendJson(response, 200, objectResource(info, base));
        return;
      }
      if (uploadId && method === 'DELETE') {
        uploads.cancel(uploadId);
        response.writeHead(499).end();
        return;
      }
      if (method !== 'POST') throw methodNotAllowed(method, path);
      // https://cloud.google.com/storage/docs/request-preconditions, on every upload type.
      const preconditions = readPreconditions(query);
      if (uploadType === 'resumable') {
        const metadata = parseMetadata((await readBody(request, 1 << 20)).toString('utf8'));
        const name = query.get('name') ?? metadata.name ?? '';
        store.objectPath(bucket, name);
        const contentType = request.headers['x-upload-content-type'];
        const id = uploads.create(
          bucket,
          name,
          {
            ...metadata,
            ...(typeof contentType === 'string' && !metadata.contentType && {contentType}),
          },
          preconditions,
        );
        const location = `${base}/upload/storage/v1/b/${encodeURIComponent(bucket)}/o?uploadType=resumable&name=${encodeURIComponent(name)}&upload_id=${id}`;
        response.writeHead(200, {location, 'content-length': 0});
        response.end();
        return;
      }
      if (uploadType === 'multipart') {
        const body = await readBody(request, MAX_MULTIPART_BYTES);
        const {metadata, content, partType} = parseMultipart(
          body,
          request.headers['content-type'] ?? '',
        );
        const name = query.get('name') ?? metadata.name ?? '';
        store.objectPath(bucket, name);
        const received = await store.receive(bufferStream(content));
        const info = await store.commit(
          bucket,
          name,
          received.file,
          received.sums,
          {...metadata, ...(!metadata.contentType && partType && {contentType: partType})},
          preconditions,
        );
        sendJson(response, 200, objectResource(info, base));
        return;
      }
      if (uploadType === 'media') {
        const name = query.get('name') ?? '';
        store.objectPath(bucket, name);
        const received = await store.receive(decodedBody(request));
        const contentType = request.headers['content-type'];
        const info = await store.commit(
          bucket,
          name,
          received.file,
          received.sums,
          {...(contentType && {contentType})},
          preconditions,
        );
        sendJson(response, 200, objectResource(info, base));
        return;
      }
      throw new StorageError(
        400,
        'invalid',
        `uploadType must be media, multipart or resumable; got "${uploadType}".`,
      );
    }

    if ((match = /^\/(?:download\/storage\/v1\/)?b\/([^/]+)\/o\/(.+)$/.exec(path))) {
      const bucket = decodeSegment(match[1] as string);
      const name = decodeSegment(match[2] as string);
      const download = path.startsWith('/download/') || query.get('alt') === 'media';
      const preconditions = readPreconditions(query);
      if (method === 'GET' && download) {
        await sendMedia(request, response, store, bucket, name, preconditions);
        return;
      }
      if (method === 'GET') {
        sendJson(
          response,
          200,
          objectResource(await store.infoIf(bucket, name, preconditions), base),
        );
        return;
      }
      if (method === 'DELETE') {
        await store.deleteObject(bucket, name, preconditions);
        response.writeHead(204).end();
        return;
      }
      if (method === 'PATCH' || method === 'PUT') {
        const patch = parseMetadata((await readBody(request, 1 << 20)).toString('utf8'));
        const info = await store.patchObject(bucket, name, patch, preconditions);
        sendJson(response, 200, objectResource(info, base));
        return;
      }
      throw methodNotAllowed(method, path);
    }

    if ((match = /^\/b\/([^/]+)\/o\/?$/.exec(path))) {
      const bucket = decodeSegment(match[1] as string);
      if (method !== 'GET') throw methodNotAllowed(method, path);
      sendJson(response, 200, await listObjects(store, bucket, query, base));
      return;
    }

    if ((match = /^\/b\/([^/]+)\/?$/.exec(path))) {
      const bucket = decodeSegment(match[1] as string);
      if (method === 'GET' || method === 'PATCH') {
        if (method === 'PATCH') request.resume();
        sendJson(
          response,
          200,
          bucketResource(bucket, store.bucketStat(bucket), options.projectNumber),
        );
        return;
      }
      if (method === 'DELETE') {
        store.deleteBucket(bucket);
        response.writeHead(204).end();
        return;
      }
      throw methodNotAllowed(method, path);
    }

    if (/^\/b\/?$/.test(path)) {
      if (method === 'GET') {
        const items = store
          .listBuckets()
          .map(({name, stat}) => bucketResource(name, stat, options.projectNumber));
        sendJson(response, 200, {kind: 'storage#buckets', items});
        return;
      }
      if (method === 'POST') {
        const metadata = JSON.parse(
          (await readBody(request, 1 << 20)).toString('utf8') || '{}',
        ) as {
          name?: unknown;
        };
        if (typeof metadata.name !== 'string')
          throw new StorageError(400, 'required', 'A new bucket needs a "name".');
        const stat = store.createBucket(metadata.name);
        sendJson(response, 200, bucketResource(metadata.name, stat, options.projectNumber));
        return;
      }
      throw methodNotAllowed(method, path);
    }

    request.resume();
    throw new StorageError(
      404,
      'notFound',
      `This emulator serves the Cloud Storage JSON API subset for buckets, objects and uploads; ${method} ${path} is not part of it.`,
    );
  };

  const server = http.createServer((request, response) => {
    handle(request, response).catch((caught: unknown) => {
      request.resume();
      let error = caught;
      if (isNoSpaceError(error)) {
        options.disk?.noteWriteError(error);
        error = diskFull(options.disk);
      }
      if (response.headersSent) {
        response.destroy();
        return;
      }
      if (error instanceof StorageError && error.status === 304) {
        // Not Modified carries no body (RFC 9110 §15.4.5).
        response.writeHead(304).end();
      } else if (error instanceof StorageError) {
        sendJson(response, error.status, errorBody(error.status, error.reason, error.message));
      } else if (error instanceof SyntaxError) {
        sendJson(
          response,
          400,
          errorBody(400, 'parseError', `The request body is not valid JSON: ${error.message}`),
        );
      } else {
        sendJson(response, 500, errorBody(500, 'backendError', internalError(error)));
      }
    });
  });
  port = await new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
  return {
    port,
    stop: () =>
      new Promise<void>((resolve) => {
        uploads.close();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * A 500's message: what failed, never where. Node's file errors name absolute paths under the
 * data folder, which are not the client's business.
 */
function internalError(error: unknown): string {
  const {code, syscall} = error as NodeJS.ErrnoException;
  if (typeof code === 'string')
    return `internal emulator error: ${syscall ? `${syscall} failed with ` : ''}${code}.`;
  const message = error instanceof Error ? error.message : String(error);
  return `internal emulator error: ${message.replace(/(['"]?)\/[^'"\s]*\1/g, '<path>')}`;
}

function methodNotAllowed(method: string, path: string): StorageError {
  return new StorageError(
    405,
    'methodNotAllowed',
    `${method} is not supported on ${path} by this emulator.`,
  );
}

async function sendMedia(
  request: http.IncomingMessage,
  response: http.ServerResponse,
  store: ObjectStore,
  bucket: string,
  name: string,
  preconditions: ReturnType<typeof readPreconditions>,
): Promise<void> {
  const info = await store.infoIf(bucket, name, preconditions);
  const headers: http.OutgoingHttpHeaders = {
    'content-type': info.contentType,
    'x-goog-hash': `crc32c=${info.crc32c},md5=${info.md5Hash}`,
    'x-goog-generation': info.generation,
    'x-goog-metageneration': info.metageneration,
    'x-goog-stored-content-encoding': 'identity',
    'x-goog-stored-content-length': String(info.size),
    'accept-ranges': 'bytes',
  };
  const range = /^bytes=(\d*)-(\d*)$/.exec(request.headers.range ?? '');
  if (range && info.size > 0 && (range[1] !== '' || range[2] !== '')) {
    let start = range[1] === '' ? Math.max(0, info.size - Number(range[2])) : Number(range[1]);
    let end = range[1] === '' || range[2] === '' ? info.size - 1 : Number(range[2]);
    end = Math.min(end, info.size - 1);
    if (start > end) {
      response.writeHead(416, {'content-range': `bytes */${info.size}`}).end();
      return;
    }
    start = Math.max(0, start);
    response.writeHead(206, {
      ...headers,
      'content-range': `bytes ${start}-${end}/${info.size}`,
      'content-length': end - start + 1,
    });
    store.openRead(bucket, name, {start, end}).pipe(response);
    return;
  }
  response.writeHead(200, {...headers, 'content-length': info.size});
  store.openRead(bucket, name).pipe(response);
}

async function listObjects(
  store: ObjectStore,
  bucket: string,
  query: URLSearchParams,
  base: string,
) {
  const prefix = query.get('prefix') ?? '';
  const delimiter = query.get('delimiter') ?? '';
  const startOffset = query.get('startOffset') ?? '';
  const endOffset = query.get('endOffset') ?? '';
  const maxResults = Math.min(Math.max(Number(query.get('maxResults') ?? 1000) || 1000, 1), 1000);
  const after = query.get('pageToken')
    ? Buffer.from(query.get('pageToken') as string, 'base64url').toString('utf8')
    : undefined;
  const items: ReturnType<typeof objectResource>[] = [];
  const prefixes: string[] = [];
  let last: string | undefined;
  let more = false;
  for (const name of store.listNames(bucket)) {
    if (!name.startsWith(prefix)) continue;
    if (startOffset && name < startOffset) continue;
    if (endOffset && name >= endOffset) continue;
    let entry = name;
    let isPrefix = false;
    if (delimiter) {
      const cut = name.indexOf(delimiter, prefix.length);
      if (cut >= 0) {
        entry = name.slice(0, cut + delimiter.length);
        isPrefix = true;
      }
    }
    if (after !== undefined && entry <= after) continue;
    if (entry === last) continue;
    if (items.length + prefixes.length >= maxResults) {
      more = true;
      break;
    }
    last = entry;
    // No object name ends with the delimiter here (names are files), so a prefix is never also an item.
    if (isPrefix) prefixes.push(entry);
    else items.push(objectResource(await store.info(bucket, name), base));
  }
  return {
    kind: 'storage#objects',
    ...(items.length > 0 && {items}),
    ...(prefixes.length > 0 && {prefixes}),
    ...(more && last !== undefined && {nextPageToken: Buffer.from(last).toString('base64url')}),
  };
}
