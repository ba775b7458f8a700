// The body of a JSON API multipart upload (uploadType=multipart): a multipart/related message
// whose first part is the object's JSON metadata and whose second is its data
// (https://cloud.google.com/storage/docs/uploading-objects, "multipart upload";
// https://cloud.google.com/storage/docs/json_api/v1/how-tos/multipart-upload). Real clients differ
// in how they frame it, and Cloud Storage accepts them all, so this parser does too:
// - gcloud storage / gsutil (apitools, lib/third_party/apitools/base/py/transfer.py
//   __ConfigureMultipartRequest) writes `boundary='===…=='` (Python's %r: single quotes) and
//   frames the body with Python's email generator: bare LF line ends, `MIME-Version` and
//   `Content-Transfer-Encoding: binary` part headers;
// - @google-cloud/storage (teeny-request createMultipartStream) writes an unquoted UUID boundary
//   and CRLF, with only Content-Type part headers;
// - the Python client (google-resumable-media _upload.construct_multipart_request) quotes the
//   boundary with double quotes, CRLF;
// - browser-era clients (the gapi JS examples) send the data part base64-encoded with
//   `Content-Transfer-Encoding: base64`.
// Framing follows RFC 2046 §5.1.1: a delimiter is `--boundary` at the start of a line, the line
// break before it belongs to the delimiter, and `--boundary--` closes the body.
import {StorageError} from './storage-error.js';

export interface MultipartPart {
  /** Header names lower-cased. */
  headers: Record<string, string>;
  /** The part's bytes after its Content-Transfer-Encoding is undone. */
  content: Buffer;
}

const HELP =
  'see https://cloud.google.com/storage/docs/json_api/v1/how-tos/multipart-upload for the format';

function invalid(message: string): StorageError {
  return new StorageError(400, 'invalid', `${message}; ${HELP}.`);
}

/**
 * The boundary candidates the Content-Type header names, most literal first: a single-quoted
 * value is a legal token in RFC 2045 (so the quotes could belong to the boundary), but gcloud
 * means the text inside them.
 */
function boundaryCandidates(contentType: string): string[] {
  const match = /(?:^|;)\s*boundary\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;\s]+))/i.exec(contentType);
  if (!match) return [];
  if (match[1] !== undefined) return [match[1].replace(/\\(.)/g, '$1')];
  const token = match[2] as string;
  const unquoted = /^'(.+)'$/.exec(token)?.[1];
  return unquoted ? [token, unquoted] : [token];
}

/** Where each delimiter line of `boundary` starts and where the line after it begins. */
function delimiters(body: Buffer, boundary: string) {
  const dash = Buffer.from(`--${boundary}`);
  const found: {start: number; next: number; close: boolean}[] = [];
  for (let at = body.indexOf(dash); at >= 0; at = body.indexOf(dash, at + 1)) {
    if (at > 0 && body[at - 1] !== 0x0a) continue;
    let cursor = at + dash.length;
    const close = body[cursor] === 0x2d && body[cursor + 1] === 0x2d;
    if (close) {
      found.push({start: at, next: body.length, close});
      break;
    }
    // Transport padding (spaces, tabs), then the line break ending the delimiter line.
    while (body[cursor] === 0x20 || body[cursor] === 0x09) cursor += 1;
    if (body[cursor] === 0x0d && body[cursor + 1] === 0x0a) cursor += 2;
    else if (body[cursor] === 0x0a) cursor += 1;
    else continue;
    found.push({start: at, next: cursor, close});
  }
  return found;
}

/** The part's bytes end before the line break (CRLF or LF) that precedes the next delimiter. */
function trimLineBreak(body: Buffer, end: number): number {
  if (body[end - 1] !== 0x0a) return end;
  return body[end - 2] === 0x0d ? end - 2 : end - 1;
}

function parseHeaders(text: string): Record<string, string> {
  const headers: Record<string, string> = {};
  // Folded header lines (RFC 5322 §2.2.3) continue the one before.
  for (const line of text.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return headers;
}

function decodeQuotedPrintable(data: Buffer): Buffer {
  const text = data.toString('latin1').replace(/=\r?\n/g, '');
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i += 1) {
    const hex = text[i] === '=' ? /^[0-9A-Fa-f]{2}/.exec(text.slice(i + 1, i + 3)) : null;
    if (hex) {
      bytes.push(parseInt(hex[0], 16));
      i += 2;
    } else bytes.push(text.charCodeAt(i) & 0xff);
  }
  return Buffer.from(bytes);
}

function decodeTransfer(encoding: string | undefined, data: Buffer, index: number): Buffer {
  const name = (encoding ?? 'binary').trim().toLowerCase();
  if (name === 'binary' || name === '8bit' || name === '7bit') return data;
  if (name === 'base64') {
    const text = data.toString('latin1').replace(/\s+/g, '');
    if (!/^[A-Za-z0-9+/_-]*={0,2}$/.test(text))
      throw invalid(
        `Part ${index + 1} of the multipart upload says Content-Transfer-Encoding: base64 but is not valid base64`,
      );
    return Buffer.from(text, 'base64');
  }
  if (name === 'quoted-printable') return decodeQuotedPrintable(data);
  throw invalid(
    `Part ${index + 1} of the multipart upload has Content-Transfer-Encoding "${encoding}"; use binary, 8bit, 7bit, base64 or quoted-printable`,
  );
}

function splitPart(body: Buffer, start: number, end: number, index: number): MultipartPart {
  const part = body.subarray(start, end);
  // Headers end at the first empty line; a part may also have no headers at all.
  let headerEnd: number;
  let contentStart: number;
  if (part[0] === 0x0a) [headerEnd, contentStart] = [0, 1];
  else if (part[0] === 0x0d && part[1] === 0x0a) [headerEnd, contentStart] = [0, 2];
  else {
    const crlf = part.indexOf('\r\n\r\n');
    const lf = part.indexOf('\n\n');
    if (crlf < 0 && lf < 0)
      throw invalid(
        `Part ${index + 1} of the multipart upload has no empty line ending its headers`,
      );
    [headerEnd, contentStart] =
      lf >= 0 && (crlf < 0 || lf < crlf) ? [lf, lf + 2] : [crlf, crlf + 4];
  }
  const headers = parseHeaders(part.subarray(0, headerEnd).toString('utf8'));
  return {
    headers,
    content: decodeTransfer(
      headers['content-transfer-encoding'],
      part.subarray(contentStart),
      index,
    ),
  };
}

/** Splits a multipart/related body into its parts, as RFC 2046 frames them. */
export function splitMultipart(body: Buffer, contentType: string): MultipartPart[] {
  const candidates = boundaryCandidates(contentType);
  if (candidates.length === 0)
    throw invalid(
      `A multipart upload needs "Content-Type: multipart/related; boundary=…"; got "${contentType}"`,
    );
  const boundary =
    candidates.find((candidate) => body.includes(`--${candidate}`)) ?? (candidates[0] as string);
  const found = delimiters(body, boundary);
  const parts: MultipartPart[] = [];
  for (let i = 0; i + 1 < found.length; i += 1) {
    const here = found[i] as (typeof found)[number];
    const next = found[i + 1] as (typeof found)[number];
    parts.push(splitPart(body, here.next, trimLineBreak(body, next.start), i));
  }
  return parts;
}

/** The metadata part's JSON text, the data part's bytes and its Content-Type header. */
export function parseUploadParts(
  body: Buffer,
  contentType: string,
): {metadataText: string; content: Buffer; partType?: string} {
  const parts = splitMultipart(body, contentType);
  if (parts.length !== 2)
    throw invalid(
      `A multipart upload needs exactly two parts, the JSON metadata and then the object data, each opened by "--BOUNDARY" on its own line and the body closed by "--BOUNDARY--" (BOUNDARY from the Content-Type header); found ${parts.length}`,
    );
  const [meta, data] = parts as [MultipartPart, MultipartPart];
  const partType = data.headers['content-type'];
  return {
    metadataText: meta.content.toString('utf8'),
    content: data.content,
    ...(partType && {partType}),
  };
}
