// Opaque page tokens: an offset bound to the filter it was issued for.
import {createHash} from 'node:crypto';
import {invalidArgument} from './grpc-errors.js';

const fingerprint = (filter: string | undefined) =>
  createHash('sha256')
    .update(filter ?? '')
    .digest('hex')
    .slice(0, 12);

export function encodePageToken(offset: number, filter: string | undefined): string {
  return Buffer.from(JSON.stringify({o: offset, f: fingerprint(filter)})).toString('base64url');
}

export function decodePageToken(token: string | undefined, filter: string | undefined): number {
  if (!token) return 0;
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64url').toString()) as {o: number; f: string};
    if (parsed.f === fingerprint(filter) && Number.isInteger(parsed.o) && parsed.o >= 0)
      return parsed.o;
  } catch {
    // fall through
  }
  throw invalidArgument('page_token is invalid or was issued for a different filter.');
}
