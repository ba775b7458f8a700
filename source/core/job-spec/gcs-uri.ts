// gs://BUCKET/OBJECT parsing, and the layout of the local emulator's bucket store (a folder per
// bucket, objects as files), shared by the emulator and by local-mode package staging. Object
// names are checked so no URI can reach outside its bucket folder.
const BUCKET = /^[a-z0-9][a-z0-9._-]{1,220}[a-z0-9]$/;

export class GcsUriError extends Error {}

export function parseGcsUri(uri: string): {bucket: string; object: string} {
  const match = /^gs:\/\/([^/]+)\/(.*)$/.exec(uri);
  if (!match) throw new GcsUriError(`${uri} is not a gs://BUCKET/OBJECT URI`);
  const [, bucket = '', object = ''] = match;
  if (!BUCKET.test(bucket)) throw new GcsUriError(`invalid bucket name in ${uri}`);
  const parts = object.split('/');
  if (parts.some((part) => part === '..' || part === '.') || /[\0\\]/.test(object)) {
    throw new GcsUriError(
      `object name in ${uri} may not contain ".", ".." segments or backslashes`,
    );
  }
  return {bucket, object};
}

/**
 * Object names may be 1024 bytes of UTF-8 with segments of any length
 * (https://cloud.google.com/storage/docs/objects#naming), but a file name is at most 255 bytes
 * (NAME_MAX on Linux and macOS). A longer segment is stored as a chain of folders, each named
 * with a piece of it and this suffix, ending in a file (or folder) named with the last piece; the
 * suffix is reserved, so the chain reads back unambiguously into the one segment.
 */
export const CONTINUED_SEGMENT_SUFFIX = '.vtrain-more';
const NAME_MAX_BYTES = 255;
/** Pieces are cut near this many bytes (whole characters), leaving room for the suffix. */
const PIECE_BYTES = 236;

/** The on-disk path components of one name segment (the segment itself when it fits). */
export function segmentComponents(segment: string): string[] {
  const bytes = Buffer.byteLength(segment);
  if (bytes <= NAME_MAX_BYTES) return [segment];
  // Even pieces, so none is tiny (never "." or ".."), each at most PIECE_BYTES + 3.
  const count = Math.ceil(bytes / PIECE_BYTES);
  const target = Math.ceil(bytes / count);
  const pieces: string[] = [];
  let piece = '';
  let size = 0;
  for (const char of segment) {
    if (size >= target && pieces.length < count - 1) {
      pieces.push(piece);
      piece = '';
      size = 0;
    }
    piece += char;
    size += Buffer.byteLength(char);
  }
  pieces.push(piece);
  return pieces.map((part, index) =>
    index < pieces.length - 1 ? `${part}${CONTINUED_SEGMENT_SUFFIX}` : part,
  );
}

/** The object's path below its bucket folder, long segments split (segmentComponents). */
export function objectPathComponents(object: string): string[] {
  return object
    .split('/')
    .filter((part) => part !== '')
    .flatMap(segmentComponents);
}

/** The file standing for a gs:// object under a local bucket-store root (POSIX paths). */
export function localObjectPath(root: string, uri: string): string {
  const {bucket, object} = parseGcsUri(uri);
  const cleanObject = objectPathComponents(object).join('/');
  return `${root.replace(/\/+$/, '')}/${bucket}${cleanObject ? `/${cleanObject}` : ''}`;
}
