// Live logs of one job: a TailLogEntries stream for new entries plus a ListLogEntries backfill for
// what came before (and for any gap after a reconnect), merged into a LogBuffer.
import type {LoggingServiceClient} from '../vertex/clients.js';
import type {LogBuffer} from './log-buffer.js';
import {toLogLine} from './log-line.js';

export type StreamState = 'connecting' | 'live' | 'reconnecting' | 'stopped';

export interface JobLogStreamOptions {
  project: string;
  jobId: string;
  /** Server-side buffering of the tail; small keeps the view live. */
  bufferWindowMs?: number;
  onState?: (state: StreamState, detail?: string) => void;
}

interface TailResponse {
  entries?: unknown[];
  suppressionInfo?: {suppressedCount?: number | null}[];
}

interface DuplexLike {
  write(message: unknown): void;
  on(event: string, listener: (...args: never[]) => void): unknown;
  cancel?: () => void;
  destroy(): void;
}

export function jobLogFilter(jobId: string): string {
  return `resource.type="ml_job" AND resource.labels.job_id="${jobId}"`;
}

export class JobLogStream {
  private stream: DuplexLike | undefined;
  private stopped = false;
  private retryTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly client: LoggingServiceClient,
    private readonly buffer: LogBuffer,
    private readonly options: JobLogStreamOptions,
  ) {}

  start(): void {
    this.options.onState?.('connecting');
    this.openTail();
    this.backfill().catch((error: Error) =>
      this.options.onState?.('reconnecting', `backfill failed: ${error.message}`),
    );
  }

  stop(): void {
    this.stopped = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    const stream = this.stream;
    this.stream = undefined;
    stream?.cancel?.();
    stream?.destroy();
    this.options.onState?.('stopped');
  }

  /** Reads every stored entry of the job once more (backfill, also closes gaps after reconnects). */
  async backfill(): Promise<void> {
    let pageToken = '';
    do {
      const [entries, , response] = await this.client.listLogEntries(
        {
          resourceNames: [`projects/${this.options.project}`],
          filter: jobLogFilter(this.options.jobId),
          orderBy: 'timestamp asc',
          pageSize: 1000,
          pageToken,
        },
        {autoPaginate: false},
      );
      if (this.stopped) return;
      this.buffer.add(entries.map((entry) => toLogLine(entry as never)));
      pageToken = (response as {nextPageToken?: string} | undefined)?.nextPageToken ?? '';
    } while (pageToken);
  }

  private openTail(): void {
    const windowMs = this.options.bufferWindowMs ?? 250;
    const stream = this.client.tailLogEntries() as unknown as DuplexLike;
    this.stream = stream;
    stream.on('data', (response: TailResponse) => {
      this.options.onState?.('live');
      this.buffer.add((response.entries ?? []).map((entry) => toLogLine(entry as never)));
      for (const info of response.suppressionInfo ?? [])
        this.buffer.noteSuppressed(Number(info.suppressedCount ?? 0));
    });
    const reconnect = (detail: string) => {
      if (this.stopped || this.stream !== stream) return;
      this.stream = undefined;
      this.options.onState?.('reconnecting', detail);
      this.retryTimer = setTimeout(() => {
        if (this.stopped) return;
        this.openTail();
        void this.backfill().catch(() => undefined);
      }, 1000);
    };
    stream.on('error', (error: Error) => reconnect(error.message));
    stream.on('end', () => reconnect('the tail stream ended'));
    stream.write({
      resourceNames: [`projects/${this.options.project}`],
      filter: jobLogFilter(this.options.jobId),
      bufferWindow: {seconds: Math.floor(windowMs / 1000), nanos: (windowMs % 1000) * 1e6},
    });
    this.options.onState?.('live');
  }
}
