// google.logging.v2.LoggingServiceV2: ListLogEntries and TailLogEntries over the emulator's logs,
// as googleapis google/logging/v2/logging.proto declares them (the copy @google-cloud/logging
// ships in build/protos); filters follow https://cloud.google.com/logging/docs/view/logging-query-language.
import * as grpc from '@grpc/grpc-js';
import type {FilterExpr} from '../rpc/filter.js';
import type {FaultConfig} from '../rpc/faults.js';
import {failStream, invalidArgument, RpcError} from '../rpc/grpc-errors.js';
import {encodeListResponse, encodeTailResponse} from './log-entry-encoder.js';
import {compileLogFilter} from './log-filter.js';
import {compareRecords, LogQueryRunner, matchesQuery} from './log-query.js';
import type {LogRecord, LogStore} from './log-store.js';
import {toProtoStruct} from '../rpc/struct.js';
import {isLogResourceName} from '../rpc/resource-names.js';
import {TailQuota} from './tail-quota.js';

export function logRecordToProto(record: LogRecord): Record<string, unknown> {
  // Seconds as a number (exact until the year 285,000,000): from a string the encoder parses a
  // Long for every entry of every page and tail response.
  const timestamp = {
    seconds: Number(record.timestampNs / 1_000_000_000n),
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

/**
 * The logging service with its log responses encoded by log-entry-encoder.ts (the generic encoder
 * still takes any response that one does not cover). Same bytes on the wire in meaning; the
 * emulator's tests decode them with the official clients.
 */
export function withFastLogEncoding(definition: grpc.ServiceDefinition): grpc.ServiceDefinition {
  const wrap = (name: string, encode: (value: never) => Buffer | undefined) => {
    const method = definition[name] as grpc.MethodDefinition<unknown, unknown>;
    return {
      ...method,
      responseSerialize: (value: unknown) =>
        encode(value as never) ?? method.responseSerialize(value),
    };
  };
  return {
    ...definition,
    TailLogEntries: wrap('TailLogEntries', encodeTailResponse),
    ListLogEntries: wrap('ListLogEntries', encodeListResponse),
  };
}

function checkResourceNames(names: string[] | undefined): string[] {
  if (!names?.length) {
    throw invalidArgument('resource_names is required; e.g. ["projects/PROJECT_ID"].');
  }
  for (const name of names) {
    if (!isLogResourceName(name))
      throw invalidArgument(`resource_names entry "${name}" must look like projects/PROJECT_ID.`);
  }
  return names;
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
  bufferWindow?: {seconds?: string | number; nanos?: number} | null;
}

const DEFAULT_BUFFER_MS = 2000;
/**
 * Entries held for one slow tail client before further ones count as NOT_CONSUMED (a test can
 * lower it with faults.tailPendingEntries). They are
 * references to records the store holds anyway, so the bound is about how far behind a client
 * may fall (10 s at 20,000 lines/s), not memory; a pause of the emulator itself (a garbage
 * collection, a busy moment on a loaded machine) must not lose a live client its lines.
 */
const MAX_PENDING = 200_000;
/** At most this many entries go in one response, so a backlog leaves in pieces the client can take. */
const MAX_PER_RESPONSE = 5_000;

function bufferWindowMs(request: TailRequest): number {
  if (!request.bufferWindow) return DEFAULT_BUFFER_MS;
  const ms =
    Number(request.bufferWindow.seconds ?? 0) * 1000 + (request.bufferWindow.nanos ?? 0) / 1e6;
  if (!(ms >= 0 && ms <= 60_000)) {
    throw invalidArgument(`buffer_window must be between 0 and 60000 milliseconds; got ${ms}.`);
  }
  return ms;
}

/** The page token of an injected empty page (faults.emptyLogPages): the token it resumes. */
const UNFINISHED = 'unfinished:';

export function loggingServiceHandlers(logs: LogStore, faults: FaultConfig = {}) {
  const queries = new LogQueryRunner();
  const tailQuota = new TailQuota(faults.tailSessionsPerProject);
  let emptyPagesLeft = faults.emptyLogPages ?? 0;
  return {
    listLogEntries: (request: ListRequest) => {
      // faults.emptyLogPages: "search not finished", then the same request resumes the search.
      const resumed = request.pageToken?.startsWith(UNFINISHED)
        ? request.pageToken.slice(UNFINISHED.length)
        : request.pageToken;
      if (emptyPagesLeft > 0 && !request.pageToken?.startsWith(UNFINISHED)) {
        emptyPagesLeft--;
        return {entries: [], nextPageToken: UNFINISHED + (request.pageToken ?? '')};
      }
      request = {...request, pageToken: resumed};
      const resourceNames = checkResourceNames(request.resourceNames);
      const expr = compileLogFilter(request.filter);
      const order = (request.orderBy || 'timestamp asc').trim().replace(/\s+/g, ' ').toLowerCase();
      if (order !== 'timestamp asc' && order !== 'timestamp desc') {
        throw invalidArgument(
          `order_by must be "timestamp asc" or "timestamp desc"; got "${request.orderBy}".`,
        );
      }
      const pageSize = request.pageSize ?? 0;
      if (pageSize < 0 || pageSize > 1000) {
        throw invalidArgument(`page_size must be between 0 and 1000; got ${pageSize}.`);
      }
      const page = queries.page(
        logs,
        {
          resourceNames,
          filterText: request.filter ?? '',
          expr,
          descending: order === 'timestamp desc',
        },
        pageSize > 0 ? pageSize : 50,
        request.pageToken,
      );
      return {entries: page.entries.map(logRecordToProto), nextPageToken: page.nextPageToken};
    },

    tailLogEntries: (call: grpc.ServerDuplexStream<TailRequest, unknown>) => {
      let session: TailSession | undefined;
      let release: (() => void) | undefined;
      const stop = () => {
        session?.close();
        session = undefined;
        release?.();
      };
      call.on('data', (request: TailRequest) => {
        if (session) return; // Only the first request configures a tail session.
        try {
          const resourceNames = checkResourceNames(request.resourceNames);
          const expr = compileLogFilter(request.filter);
          const windowMs = bufferWindowMs(request);
          release = tailQuota.acquire(resourceNames);
          session = new TailSession(call, logs, faults, {
            resourceNames,
            expr,
            windowMs,
          });
        } catch (error) {
          failStream(call, error);
        }
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

interface TailSettings {
  resourceNames: string[];
  expr: FilterExpr;
  windowMs: number;
}

/**
 * One live tail: matching entries wait in a buffer for `buffer_window` so they go out sorted by
 * time; entries the client cannot take (its stream is backed up) or that exceed a configured
 * rate are counted and reported as suppression_info instead of being queued without bound.
 */
class TailSession {
  private pending: LogRecord[] = [];
  private notConsumed = 0;
  private rateLimited = 0;
  private delivered = 0;
  private backpressured = false;
  private rateSecond = 0;
  private rateCount = 0;
  private readonly timer: NodeJS.Timeout | undefined;
  private readonly unsubscribe: () => void;
  private closed = false;

  constructor(
    private readonly call: grpc.ServerDuplexStream<TailRequest, unknown>,
    logs: LogStore,
    private readonly faults: FaultConfig,
    private readonly settings: TailSettings,
  ) {
    this.unsubscribe = logs.subscribe((record) => this.offer(record));
    if (settings.windowMs > 0) this.timer = setInterval(() => this.flush(), settings.windowMs);
    call.on('drain', () => {
      this.backpressured = false;
      this.flush();
    });
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.unsubscribe();
    if (this.timer) clearInterval(this.timer);
  }

  private offer(record: LogRecord): void {
    if (!matchesQuery(record, this.settings)) return;
    if (this.overRateLimit()) {
      this.rateLimited++;
      return;
    }
    // A client whose stream is backed up still gets what fits in its buffer once it drains.
    if (this.pending.length >= (this.faults.tailPendingEntries ?? MAX_PENDING)) {
      this.notConsumed++;
      return;
    }
    this.pending.push(record);
    if (this.settings.windowMs === 0) this.flush();
  }

  private overRateLimit(): boolean {
    const limit = this.faults.tailEntriesPerSecond;
    if (!limit) return false;
    const second = Math.floor(Date.now() / 1000);
    if (second !== this.rateSecond) {
      this.rateSecond = second;
      this.rateCount = 0;
    }
    return ++this.rateCount > limit;
  }

  private flush(): void {
    while (!this.closed && !this.backpressured) {
      if (this.pending.length === 0 && this.notConsumed === 0 && this.rateLimited === 0) return;
      const backlog = this.pending.sort(compareRecords);
      this.pending = backlog.length > MAX_PER_RESPONSE ? backlog.slice(MAX_PER_RESPONSE) : [];
      this.send(backlog.length > MAX_PER_RESPONSE ? backlog.slice(0, MAX_PER_RESPONSE) : backlog);
    }
  }

  private send(batch: LogRecord[]): void {
    let entries = batch;
    const dropAfter = this.faults.dropTailAfterEntries;
    const dropping = dropAfter !== undefined && this.delivered + entries.length >= dropAfter;
    if (dropping) entries = entries.slice(0, dropAfter - this.delivered);
    const suppressionInfo = [
      ...(this.rateLimited > 0 ? [{reason: 'RATE_LIMIT', suppressedCount: this.rateLimited}] : []),
      ...(this.notConsumed > 0
        ? [{reason: 'NOT_CONSUMED', suppressedCount: this.notConsumed}]
        : []),
    ];
    this.rateLimited = 0;
    this.notConsumed = 0;
    this.delivered += entries.length;
    const accepted = this.call.write({entries: entries.map(logRecordToProto), suppressionInfo});
    if (!accepted) this.backpressured = true;
    if (dropping) {
      this.close();
      failStream(
        this.call,
        new RpcError(
          grpc.status.UNAVAILABLE,
          `Injected fault: the tail stream was dropped after ${dropAfter} entries.`,
        ),
      );
    }
  }
}
