// Live logs of one job: a TailLogEntries stream for new entries plus a ListLogEntries backfill for
// what came before (and for any gap after a reconnect), merged into a LogBuffer.
import type {LoggingApi, TailHandle} from '../vertex/api.js';
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

export function jobLogFilter(jobId: string): string {
  return `resource.type="ml_job" AND resource.labels.job_id="${jobId}"`;
}

export class JobLogStream {
  private tail: TailHandle | undefined;
  private stopped = false;
  private retryTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly client: LoggingApi,
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
    const tail = this.tail;
    this.tail = undefined;
    tail?.close();
    this.options.onState?.('stopped');
  }

  /** Reads every stored entry of the job once more (backfill, also closes gaps after reconnects). */
  async backfill(): Promise<void> {
    let pageToken = '';
    do {
      const page = await this.client.listLogEntries({
        resourceNames: [`projects/${this.options.project}`],
        filter: jobLogFilter(this.options.jobId),
        orderBy: 'timestamp asc',
        pageSize: 1000,
        pageToken,
      });
      if (this.stopped) return;
      this.buffer.add(page.entries.map((entry) => toLogLine(entry as never)));
      pageToken = page.nextPageToken;
    } while (pageToken);
  }

  private openTail(): void {
    const windowMs = this.options.bufferWindowMs ?? 250;
    let tail: TailHandle | undefined = undefined;
    const reconnect = (detail: string) => {
      if (this.stopped || this.tail !== tail) return;
      this.tail = undefined;
      this.options.onState?.('reconnecting', detail);
      this.retryTimer = setTimeout(() => {
        if (this.stopped) return;
        this.openTail();
        void this.backfill().catch(() => undefined);
      }, 1000);
    };
    tail = this.client.tailLogEntries(
      {
        resourceNames: [`projects/${this.options.project}`],
        filter: jobLogFilter(this.options.jobId),
        bufferWindow: {seconds: Math.floor(windowMs / 1000), nanos: (windowMs % 1000) * 1e6},
      },
      {
        onData: (response) => {
          this.options.onState?.('live');
          this.buffer.add(response.entries.map((entry) => toLogLine(entry as never)));
          if (response.suppressedCount > 0) this.buffer.noteSuppressed(response.suppressedCount);
        },
        onEnd: (reason) => reconnect(reason),
      },
    );
    this.tail = tail;
    this.options.onState?.('live');
  }
}
