// The multipart upload bodies real clients send, byte for byte as their code frames them
// (source/emulator/storage/multipart.ts names the client files): each must give back the metadata
// and the exact object bytes, and malformed bodies get a one-line 400 naming the rule.
import {describe, expect, it} from 'vitest';
import {StorageError} from '../../../source/emulator/storage/object-store.js';
import {parseMultipart} from '../../../source/emulator/storage/uploads.js';

const META = '{"bucket": "bkt", "contentType": "text/plain", "name": "small.txt"}';

describe('multipart upload bodies', () => {
  it("reads gcloud storage cp's body: single-quoted boundary, LF line ends, MIME-Version headers", () => {
    // As apitools' __ConfigureMultipartRequest + Python's email generator write it (captured
    // from gcloud 528 with log_http_show_request_body).
    const boundary = '===============8104409860521035856==';
    const body = [
      `--${boundary}`,
      'Content-Type: application/json',
      'MIME-Version: 1.0',
      '',
      META,
      `--${boundary}`,
      'Content-Type: text/plain',
      'MIME-Version: 1.0',
      'Content-Transfer-Encoding: binary',
      '',
      'hello\n',
      `--${boundary}--`,
      '',
    ].join('\n');
    const parsed = parseMultipart(Buffer.from(body), `multipart/related; boundary='${boundary}'`);
    expect(parsed.metadata).toMatchObject({name: 'small.txt', contentType: 'text/plain'});
    expect(parsed.content.toString()).toBe('hello\n');
    expect(parsed.partType).toBe('text/plain');
  });

  it("reads @google-cloud/storage's body: unquoted boundary, CRLF, binary content with CRLFs inside", () => {
    const boundary = '7e0f7f3e-9b0c-4a57-8f1e-0d7c3c8b1a11';
    const data = Buffer.from([0x00, 0x0d, 0x0a, 0x2d, 0x2d, 0xff, 0x0d, 0x0a]);
    const body = Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Type: application/json\r\n\r\n{"name":"a/b.bin"}\r\n--${boundary}\r\nContent-Type: application/octet-stream\r\n\r\n`,
      ),
      data,
      Buffer.from(`\r\n--${boundary}--`),
    ]);
    const parsed = parseMultipart(body, `multipart/related; boundary=${boundary}`);
    expect(parsed.metadata.name).toBe('a/b.bin');
    expect(parsed.content.equals(data)).toBe(true);
  });

  it("reads the Python client's body: double-quoted boundary, CRLF", () => {
    const boundary = '===============1234567890==';
    const body = `--${boundary}\r\ncontent-type: application/json; charset=UTF-8\r\n\r\n{"name":"x"}\r\n--${boundary}\r\ncontent-type: text/csv\r\n\r\na,b\r\n1,2\r\n--${boundary}--\r\n`;
    const parsed = parseMultipart(Buffer.from(body), `multipart/related; boundary="${boundary}"`);
    expect(parsed.content.toString()).toBe('a,b\r\n1,2');
    expect(parsed.partType).toBe('text/csv');
  });

  it('undoes base64 and quoted-printable Content-Transfer-Encoding; takes a part without headers', () => {
    const base64 = `--b\r\n\r\n{"name":"x"}\r\n--b\r\nContent-Type: image/png\r\nContent-Transfer-Encoding: BASE64\r\n\r\n${Buffer.from(
      'binary\0data',
    )
      .toString('base64')
      .replace(/(.{4})/g, '$1\r\n')}\r\n--b--`;
    const decoded = parseMultipart(Buffer.from(base64), 'multipart/related; boundary=b');
    expect(decoded.content.toString()).toBe('binary\0data');
    expect(decoded.metadata.name).toBe('x');
    const qp = `--b\n\n{}\n--b\nContent-Transfer-Encoding: quoted-printable\n\na=3Db=\nc\n--b--\n`;
    expect(
      parseMultipart(Buffer.from(qp), 'multipart/related; boundary=b').content.toString(),
    ).toBe('a=bc');
  });

  it('does not take a boundary-like line inside the data for a delimiter; allows transport padding', () => {
    // "--b \t" (padding after the boundary) is a delimiter; "--bx" and "x--b" are data.
    const body = '--b\n\n{}\n--b \t\n\n--bx\nx--b\n--b--';
    const parsed = parseMultipart(Buffer.from(body), 'multipart/related; boundary=b');
    expect(parsed.content.toString()).toBe('--bx\nx--b');
  });

  it('refuses a body without two parts, a missing boundary or a bad encoding, naming the rule', () => {
    const refuse = (body: string, type = 'multipart/related; boundary=b') => {
      try {
        parseMultipart(Buffer.from(body), type);
      } catch (error) {
        expect(error).toBeInstanceOf(StorageError);
        expect((error as StorageError).status).toBe(400);
        expect((error as StorageError).message).not.toMatch(/\n/);
        return (error as StorageError).message;
      }
      throw new Error('accepted');
    };
    expect(refuse('--b\n\n{}\n--b--')).toMatch(/exactly two parts.*found 1/);
    expect(refuse('--b\n\n{}\n--b\n\nx\n--b\n\ny\n--b--')).toMatch(/found 3/);
    expect(refuse('x', 'multipart/related')).toMatch(/boundary=/);
    expect(refuse('--b\n\n{}\n--b\nContent-Transfer-Encoding: x-uuencode\n\nx\n--b--')).toMatch(
      /Content-Transfer-Encoding "x-uuencode"/,
    );
    expect(refuse('--b\n\n{}\n--b\nContent-Transfer-Encoding: base64\n\n*!*\n--b--')).toMatch(
      /not valid base64/,
    );
  });
});
