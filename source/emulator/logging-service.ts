// google.logging.v2.LoggingServiceV2: ListLogEntries and TailLogEntries over the emulator's logs.
import type * as grpc from '@grpc/grpc-js';
import {evaluateFilter, filterFields, parseFilter, type FilterExpr} from './filter.js';
import {invalidArgument, toServiceError} from './grpc-errors.js';
import {logRecordResolver, type LogRecord, type LogStore} from './log-store.js';
import {decodePageToken, encodePageToken} from './paging.js';
import {toProtoStruct} from './struct.js';

export function logRecordToProto(record: LogRecord): Record<string, unknown> {
  const timestamp = {
    seconds: (record.timestampNs / 1_000_000_000n).toString(),
    nanos: Number(record.timestampNs % 1_000_000_000n),
  };
  return {
    logName: record.logName,
    resource: record.resource,
    timestamp,
    receiveTimestamp: timestamp,
    severity: record.severity,
    insertId: record.insertId,
    labels: record.labels,
    ...(record.jsonPayload
      ? {jsonPayload: toProtoStruct(record.jsonPayload)}
      : {textPayload: record.textPayload ?? ''}),
  };
}

function compileFilter(filter: string | undefined): FilterExpr {
  try {
    const expr = parseFilter(filter ?? '');
    const probe: LogRecord = {
      insertId: '',
      timestampNs: 0n,
      logName: '',
      resource: {type: '', labels: {}},
      labels: {},
      severity: 'DEFAULT',
    };
    const resolve = logRecordResolver(probe);
    for (const field of filterFields(expr)) {
      if (!resolve(field)) throw new Error(`unsupported field "${field}"`);
    }
    return expr;
  } catch (error) {
    throw invalidArgument(`Invalid filter: ${(error as Error).message}`);
  }
}

function inProjects(record: LogRecord, resourceNames: string[]): boolean {
  if (resourceNames.length === 0) return true;
  return resourceNames.some((name) => record.logName.startsWith(`${name}/logs/`));
}

interface ListRequest {
  resourceNames?: string[];
  filter?: string;
  orderBy?: string;
  pageSize?: number;
  pageToken?: string;
}

interface TailRequest {
  resourceNames?: string[];
  filter?: string;
  bufferWindow?: {seconds?: string | number; nanos?: number};
}

const DEFAULT_BUFFER_MS = 2000;

export function loggingServiceHandlers(logs: LogStore) {
  return {
    listLogEntries: (request: ListRequest) => {
      const expr = compileFilter(request.filter);
      const order = (request.orderBy ?? 'timestamp asc').trim().toLowerCase();
      if (order !== 'timestamp asc' && order !== 'timestamp desc') {
        throw invalidArgument(
          `order_by must be "timestamp asc" or "timestamp desc"; got "${request.orderBy}".`,
        );
      }
      const resourceNames = request.resourceNames ?? [];
      const matching = logs
        .all()
        .filter(
          (record) =>
            inProjects(record, resourceNames) && evaluateFilter(expr, logRecordResolver(record)),
        );
      if (order === 'timestamp desc') matching.reverse();
      const offset = decodePageToken(request.pageToken, `${request.filter}|${order}`);
      const size = request.pageSize && request.pageSize > 0 ? Math.min(request.pageSize, 1000) : 50;
      const page = matching.slice(offset, offset + size);
      const next =
        offset + size < matching.length
          ? encodePageToken(offset + size, `${request.filter}|${order}`)
          : '';
      return {entries: page.map(logRecordToProto), nextPageToken: next};
    },

    tailLogEntries: (call: grpc.ServerDuplexStream<TailRequest, unknown>) => {
      let unsubscribe: (() => void) | undefined;
      let timer: NodeJS.Timeout | undefined;
      let pending: LogRecord[] = [];
      let suppressed = 0;
      const stop = () => {
        unsubscribe?.();
        if (timer) clearInterval(timer);
        unsubscribe = undefined;
      };
      call.on('data', (request: TailRequest) => {
        if (unsubscribe) return; // Only the first request configures a tail session.
        let expr: FilterExpr;
        try {
          expr = compileFilter(request.filter);
        } catch (error) {
          call.destroy(Object.assign(new Error((error as Error).message), toServiceError(error)));
          return;
        }
        const resourceNames = request.resourceNames ?? [];
        const windowMs = request.bufferWindow
          ? Number(request.bufferWindow.seconds ?? 0) * 1000 +
            Math.floor((request.bufferWindow.nanos ?? 0) / 1e6)
          : DEFAULT_BUFFER_MS;
        if (windowMs < 0 || windowMs > 60_000) {
          call.destroy(
            Object.assign(new Error('buffer_window must be between 0 and 60000 milliseconds.'), {
              code: 3,
            }),
          );
          return;
        }
        const flush = () => {
          if (pending.length === 0 && suppressed === 0) return;
          const entries = pending.sort((a, b) => (a.timestampNs < b.timestampNs ? -1 : 1));
          pending = [];
          const suppressionInfo =
            suppressed > 0 ? [{reason: 'NOT_CONSUMED', suppressedCount: suppressed}] : [];
          suppressed = 0;
          const accepted = call.write({entries: entries.map(logRecordToProto), suppressionInfo});
          if (!accepted) backpressured = true;
        };
        let backpressured = false;
        call.on('drain', () => {
          backpressured = false;
        });
        unsubscribe = logs.subscribe((record) => {
          if (
            !inProjects(record, resourceNames) ||
            !evaluateFilter(expr, logRecordResolver(record))
          )
            return;
          if (backpressured) {
            suppressed++;
            return;
          }
          pending.push(record);
          if (windowMs === 0) flush();
        });
        if (windowMs > 0) timer = setInterval(flush, windowMs);
      });
      call.on('end', () => {
        stop();
        call.end();
      });
      call.on('error', stop);
      call.on('cancelled', stop);
      call.on('close', stop);
    },
  };
}
