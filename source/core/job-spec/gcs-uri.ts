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

/** The file standing for a gs:// object under a local bucket-store root (POSIX paths). */
export function localObjectPath(root: string, uri: string): string {
  const {bucket, object} = parseGcsUri(uri);
  const cleanObject = object
    .split('/')
    .filter((part) => part !== '')
    .join('/');
  return `${root.replace(/\/+$/, '')}/${bucket}${cleanObject ? `/${cleanObject}` : ''}`;
}
