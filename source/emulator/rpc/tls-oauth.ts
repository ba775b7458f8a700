// Test mode that makes the emulator look like Google to `--backend vertex`: gRPC over TLS with a
// generated CA, and OAuth bearer tokens instead of the owner key. Tokens come from a token
// endpoint served here (HTTPS on loopback) through a real google-auth-library flow: the mode
// writes an `external_account` credentials file whose `token_url` is that endpoint and whose
// subject token is a secret file only the owner can read. The library exchanges it (RFC 8693,
// as Google's STS does) for an access token, which every call must then carry.
//
// Turned on by VTRAIN_EMULATOR_TLS_DIR=DIR (or startEmulator({tlsOAuth: {dir}})). DIR receives
//   ca.pem             the CA to trust: GRPC_DEFAULT_SSL_ROOTS_FILE_PATH and NODE_EXTRA_CA_CERTS
//   credentials.json   for GOOGLE_APPLICATION_CREDENTIALS (rewritten at each start: port)
//   endpoint.json      {"grpc": "https://127.0.0.1:PORT", "tokenUrl": …}, for scripts and tests
// Certificates are made with the `openssl` command (test mode only).
import {execFileSync} from 'node:child_process';
import {randomBytes, timingSafeEqual} from 'node:crypto';
import fs from 'node:fs';
import https from 'node:https';
import path from 'node:path';
import * as grpc from '@grpc/grpc-js';
import {RpcError} from './grpc-errors.js';
import {statusDetailsMetadata} from './rpc-status.js';

export interface TlsOAuthOptions {
  dir: string;
  /** Lifetime of issued access tokens (default one hour, as Google's). */
  tokenLifetimeSeconds?: number;
}

export interface TlsOAuthMode {
  serverCredentials: grpc.ServerCredentials;
  tokenUrl: string;
  caFile: string;
  credentialsFile: string;
  /** Throws UNAUTHENTICATED (with ErrorInfo) unless the call carries a live issued token. */
  checkBearer(metadata: grpc.Metadata): void;
  /** Writes endpoint.json once the gRPC port is known. */
  publish(grpcPort: number): void;
  close(): Promise<void>;
}

const TOKEN_EXCHANGE = 'urn:ietf:params:oauth:grant-type:token-exchange';
const SUBJECT_TOKEN_TYPE = 'urn:ietf:params:oauth:token-type:jwt';
const AUDIENCE =
  '//iam.googleapis.com/projects/000000000000/locations/global/workloadIdentityPools/vtrain-emulator/providers/loopback';

function openssl(args: string[], cwd: string): void {
  try {
    execFileSync('openssl', args, {cwd, stdio: ['ignore', 'ignore', 'pipe']});
  } catch (error) {
    const stderr = (error as {stderr?: Buffer}).stderr?.toString().trim();
    throw new Error(
      `the TLS test mode needs the openssl command to make its certificates: ${stderr || (error as Error).message}`,
    );
  }
}

/** A CA and a server certificate for 127.0.0.1 / localhost, made once per folder. */
function ensureCertificates(dir: string): {ca: Buffer; cert: Buffer; key: Buffer} {
  const file = (name: string) => path.join(dir, name);
  if (!fs.existsSync(file('server.pem')) || !fs.existsSync(file('ca.pem'))) {
    const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
    // Every value is its own argv entry: no shell, no quoting.
    openssl(
      [
        'req',
        '-x509',
        ...ec,
        '-keyout',
        'ca-key.pem',
        '-out',
        'ca.pem',
        '-days',
        '30',
        '-subj',
        '/CN=vtrain-tui emulator test CA',
        '-addext',
        'basicConstraints=critical,CA:TRUE',
        '-addext',
        'keyUsage=critical,keyCertSign,cRLSign',
      ],
      dir,
    );
    openssl(
      ['req', ...ec, '-keyout', 'server-key.pem', '-out', 'server.csr', '-subj', '/CN=localhost'],
      dir,
    );
    fs.writeFileSync(
      file('server.ext'),
      'subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n',
    );
    openssl(
      [
        'x509',
        '-req',
        '-in',
        'server.csr',
        '-CA',
        'ca.pem',
        '-CAkey',
        'ca-key.pem',
        '-CAcreateserial',
        '-out',
        'server.pem',
        '-days',
        '30',
        '-extfile',
        'server.ext',
      ],
      dir,
    );
    for (const name of ['ca-key.pem', 'server-key.pem']) fs.chmodSync(file(name), 0o600);
  }
  return {
    ca: fs.readFileSync(file('ca.pem')),
    cert: fs.readFileSync(file('server.pem')),
    key: fs.readFileSync(file('server-key.pem')),
  };
}

function equalSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

const MAX_BODY = 64 * 1024;

export async function startTlsOAuthMode(options: TlsOAuthOptions): Promise<TlsOAuthMode> {
  const dir = path.resolve(options.dir);
  fs.mkdirSync(dir, {recursive: true, mode: 0o700});
  const {cert, key} = ensureCertificates(dir);
  const subjectFile = path.join(dir, 'subject-token');
  const subject = randomBytes(32).toString('base64url');
  fs.writeFileSync(subjectFile, subject, {mode: 0o600});
  fs.chmodSync(subjectFile, 0o600);
  const lifetime = options.tokenLifetimeSeconds ?? 3600;
  const issued = new Map<string, number>();

  const server = https.createServer({cert, key}, (request, response) => {
    const reply = (status: number, body: object) => {
      response.writeHead(status, {'content-type': 'application/json'});
      response.end(JSON.stringify(body));
    };
    if (request.method !== 'POST' || request.url?.split('?')[0] !== '/v1/token')
      return reply(404, {error: 'not_found', error_description: 'POST /v1/token only'});
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => {
      body += chunk;
      if (body.length > MAX_BODY) request.destroy();
    });
    request.on('end', () => {
      const form = new URLSearchParams(body);
      if (form.get('grant_type') !== TOKEN_EXCHANGE)
        return reply(400, {
          error: 'unsupported_grant_type',
          error_description: `grant_type must be ${TOKEN_EXCHANGE}`,
        });
      if (!equalSecret(form.get('subject_token') ?? '', subject))
        return reply(400, {
          error: 'invalid_grant',
          error_description: "The subject token is not this emulator owner's.",
        });
      const token = `ya29.vtrain-${randomBytes(24).toString('base64url')}`;
      issued.set(token, Date.now() + lifetime * 1000);
      reply(200, {
        access_token: token,
        issued_token_type: 'urn:ietf:params:oauth:token-type:access_token',
        token_type: 'Bearer',
        expires_in: lifetime,
      });
    });
  });
  const tokenPort = await new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve((server.address() as {port: number}).port));
  });
  const tokenUrl = `https://127.0.0.1:${tokenPort}/v1/token`;
  const credentialsFile = path.join(dir, 'credentials.json');
  fs.writeFileSync(
    credentialsFile,
    `${JSON.stringify(
      {
        type: 'external_account',
        audience: AUDIENCE,
        subject_token_type: SUBJECT_TOKEN_TYPE,
        token_url: tokenUrl,
        credential_source: {file: subjectFile},
      },
      null,
      2,
    )}\n`,
    {mode: 0o600},
  );

  const unauthenticated = (reason: string, message: string) =>
    new RpcError(
      grpc.status.UNAUTHENTICATED,
      message,
      statusDetailsMetadata(grpc.status.UNAUTHENTICATED, message, [
        {type: 'ErrorInfo', reason, domain: 'googleapis.com', metadata: {}},
      ]),
    );

  return {
    serverCredentials: grpc.ServerCredentials.createSsl(
      null,
      [{private_key: key, cert_chain: cert}],
      false,
    ),
    tokenUrl,
    caFile: path.join(dir, 'ca.pem'),
    credentialsFile,
    checkBearer(metadata) {
      const header = metadata.get('authorization')[0];
      const token = typeof header === 'string' ? /^Bearer (.+)$/.exec(header)?.[1] : undefined;
      if (!token)
        throw unauthenticated(
          'CREDENTIALS_MISSING',
          'Request is missing required authentication credential. Expected OAuth 2 access token, login cookie or other valid authentication credential.',
        );
      const expires = issued.get(token);
      if (expires === undefined)
        throw unauthenticated(
          'ACCESS_TOKEN_TYPE_UNSUPPORTED',
          'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential.',
        );
      if (expires < Date.now()) {
        issued.delete(token);
        throw unauthenticated(
          'ACCESS_TOKEN_EXPIRED',
          'Request had invalid authentication credentials: the access token expired.',
        );
      }
    },
    publish(grpcPort) {
      fs.writeFileSync(
        path.join(dir, 'endpoint.json'),
        `${JSON.stringify({grpc: `https://127.0.0.1:${grpcPort}`, tokenUrl, ca: path.join(dir, 'ca.pem')})}\n`,
        {mode: 0o600},
      );
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
