// The emulator's HTTP/JSON surface (what gcloud, curl and REST transports use), on its own port
// on 127.0.0.1. Every request must carry the owner's key as `Authorization: Bearer …`, else
// 401/UNAUTHENTICATED. Routes come from the protos' google.api.http annotations and run on the
// same handler objects (and fault injector) as the gRPC server; errors use Google's REST shape
// with the gRPC status the gRPC surface would return.
import http from 'node:http';
import {timingSafeEqual} from 'node:crypto';
import * as grpc from '@grpc/grpc-js';
import type protobuf from 'protobufjs';
import {EMULATOR_KEY_HEADER} from '../../core/job-spec/emulator-protocol.js';
import {messageToJson, ProtoJsonError} from '../../core/protocol/proto-json.js';
import type {FaultInjector} from '../rpc/faults.js';
import {RpcError, toServiceError} from '../rpc/grpc-errors.js';
import {HANDLER_OBJECT_OPTIONS} from '../rpc/protos.js';
import {restError, restStatus} from './rest-errors.js';
import {buildRoutes, matchRoute, type ServedService} from './routes.js';
import {transcodeRequest} from './transcode.js';

export interface RestServerOptions {
  root: protobuf.Root;
  services: ServedService[];
  key: string;
  /** 0 picks a free port. */
  port: number;
  /** When `port` is taken, listen on a free one instead of failing. */
  portFallback?: boolean;
  faults: FaultInjector;
  /** Counts the call as the owner's activity for the idle timer; returns its end. */
  onCall?: () => () => void;
}

export interface RunningRestServer {
  port: number;
  /** What is served: one entry per HTTP binding (for tests and diagnostics). */
  routes: RestRouteSummary[];
  close(): Promise<void>;
}

export interface RestRouteSummary {
  selector: string;
  method: string;
  template: string;
  implemented: boolean;
}

const MAX_BODY_BYTES = 32 * 1024 * 1024;

export function hasBearerKey(header: string | undefined, expected: string): boolean {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  const a = Buffer.from(match?.[1] ?? '');
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function send(response: http.ServerResponse, status: number, body: unknown, headers = {}): void {
  const text = `${JSON.stringify(body, null, 2)}\n`;
  response.writeHead(status, {
    'content-type': 'application/json; charset=UTF-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
    ...headers,
  });
  response.end(text);
}

function sendError(
  response: http.ServerResponse,
  code: grpc.status,
  message: string,
  headers = {},
) {
  send(response, restStatus(code), restError(code, message), headers);
}

function readBody(request: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(
          new RpcError(
            grpc.status.INVALID_ARGUMENT,
            `The request body is over ${MAX_BODY_BYTES} bytes.`,
          ),
        );
        request.destroy();
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

function parseBody(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new RpcError(
      grpc.status.INVALID_ARGUMENT,
      `Invalid JSON payload received. ${(error as Error).message}`,
    );
  }
}

export async function startRestServer(options: RestServerOptions): Promise<RunningRestServer> {
  const routes = buildRoutes(options.root, options.services);
  const metadata = () => {
    // Handlers see the same caller identity a gRPC call from the owner carries.
    const value = new grpc.Metadata();
    value.set(EMULATOR_KEY_HEADER, options.key);
    return value;
  };

  const handle = async (request: http.IncomingMessage, response: http.ServerResponse) => {
    if (!hasBearerKey(request.headers.authorization, options.key)) {
      // Drain the body so the client sees the answer rather than a reset connection.
      request.resume();
      sendError(
        response,
        grpc.status.UNAUTHENTICATED,
        'This vtrain-tui emulator accepts calls only from its owner: send the access token from its access-token file as "Authorization: Bearer TOKEN" (`eval "$(vtrain-tui emulator env-init)"` sets this up for gcloud).',
        {'www-authenticate': 'Bearer realm="vtrain-tui emulator"'},
      );
      return;
    }
    const done = options.onCall?.();
    try {
      const url = new URL(request.url ?? '/', 'http://127.0.0.1');
      const found = matchRoute(routes, request.method ?? 'GET', url.pathname);
      if (!found) {
        request.resume();
        sendError(
          response,
          grpc.status.NOT_FOUND,
          `The requested URL ${url.pathname} was not found on this server (the local emulator serves the Vertex AI and Cloud Logging methods it implements).`,
        );
        return;
      }
      if ('allowed' in found) {
        request.resume();
        send(
          response,
          405,
          restError(
            grpc.status.UNIMPLEMENTED,
            `${request.method} is not allowed on ${url.pathname}; use ${found.allowed.map((m) => m.toUpperCase()).join(' or ')}.`,
          ),
          {allow: found.allowed.map((m) => m.toUpperCase()).join(', ')},
        );
        return;
      }
      const body = parseBody(await readBody(request));
      const {route} = found;
      if (!route.handler) {
        throw new RpcError(
          grpc.status.UNIMPLEMENTED,
          `Method ${route.selector} is not implemented by the local emulator.`,
        );
      }
      const message = transcodeRequest(found, url.searchParams, body);
      const requestObject = route.requestType.toObject(message, HANDLER_OBJECT_OPTIONS);
      await options.faults.beforeCall(route.methodName);
      const result = await route.handler(requestObject as never, metadata());
      let json: unknown = messageToJson(route.responseType, (result ?? {}) as object);
      if (route.binding.responseBody) {
        json = (json as Record<string, unknown>)[route.binding.responseBody] ?? {};
      }
      send(response, 200, json);
    } catch (error) {
      if (error instanceof ProtoJsonError) {
        sendError(response, grpc.status.INVALID_ARGUMENT, error.message);
      } else {
        const status = toServiceError(error);
        sendError(
          response,
          status.code ?? grpc.status.INTERNAL,
          status.details ?? 'internal error',
        );
      }
    } finally {
      done?.();
    }
  };

  const server = http.createServer((request, response) => {
    handle(request, response).catch(() => {
      if (!response.headersSent)
        sendError(response, grpc.status.INTERNAL, 'internal emulator error');
      else response.destroy();
    });
  });
  server.keepAliveTimeout = 5_000;
  const listen = (port: number) =>
    new Promise<number>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject);
        resolve((server.address() as {port: number}).port);
      });
    });
  const port = await listen(options.port).catch((error: NodeJS.ErrnoException) => {
    if (options.portFallback && options.port !== 0 && error.code === 'EADDRINUSE') return listen(0);
    throw error;
  });
  return {
    port,
    routes: routes.map((route) => ({
      selector: route.selector,
      method: route.binding.method,
      template: route.binding.template,
      implemented: route.handler !== undefined,
    })),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
