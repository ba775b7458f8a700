// The log engine of one job, shared by the dashboard and `logs`: a live TailLogEntries stream
// plus ListLogEntries reads that close every gap, merged into a LineStore.
//
// Completeness rule. A "hole" is a range that may be missing entries: the time before the tail
// was first confirmed, the time a dropped tail was down, or a response that reported suppressed
// entries. A hole starts at the newest entry received when it opened (minus `latenessMs` plus the
// tail's buffer window: an entry reaches Logging up to `latenessMs` after its timestamp and the
// tail holds it up to `tailBufferMs` more). One forward reader pages through
// `timestamp >= start` to the end; its coverage counts only if the tail was confirmed live
// before its last request, otherwise it reads again once it is. Holes opened during a read are
// read again from their own start. Every entry is deduplicated by insertId, so overlap is free.
//
// When Cloud Logging refuses a tail (10 live tails per project) or while one is down, the reader
// polls: each read counts only up to where it can prove completeness (`coveredThrough`), and the
// next one starts there, every `pollMs`, through the shared read budget, until a tail is live.
//
// Margins follow Google's: Cloud Logging buffers a tail for 2 s by default to order entries
// (TailLogEntriesRequest.buffer_window, google/logging/v2/logging.proto), and gcloud's own
// streaming reads only up to 5 s before now because entries can arrive that late
// (googlecloudsdk/command_lib/logs/stream.py GetFilterUpperBound, `now - 5 s`).
import {ApiError, type TailResponse} from '../vertex/api.js';
import {LiveTail} from './live-tail.js';
import {LineStore} from './line-store.js';
import {
  pollingNote,
  withDefaults,
  type EngineOptions,
  type EngineStatus,
  type JobLogEngineOptions,
  type StreamState,
} from './engine-options.js';
import {
  compareCursors,
  cursorFromMs,
  cursorMinus,
  cursorOf,
  sharedStrings,
  toLogLine,
  type LogCursor,
  type LogLine,
} from '../vertex/log-line.js';
import {rangeFilter, readFilter, tailFilter} from './log-filter.js';

export type {EngineStatus, JobLogEngineOptions, StreamState} from './engine-options.js';

const RETRYABLE_CODES = new Set([4, 8, 10, 13, 14]); // DEADLINE, EXHAUSTED, ABORTED, INTERNAL, UNAVAILABLE
const RESOURCE_EXHAUSTED = 8;

function codeOf(error: unknown): number | undefined {
  if (error instanceof ApiError) return error.code;
  const code = (error as {code?: unknown} | undefined)?.code;
  return typeof code === 'number' ? code : undefined;
}

function minCursor(a: LogCursor | undefined, b: LogCursor | undefined): LogCursor | undefined {
  if (!a) return b;
  if (!b) return a;
  return compareCursors(a, b) <= 0 ? a : b;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class JobLogEngine {
  readonly store: LineStore;
  private readonly options: EngineOptions;
  private state: StreamState = 'connecting';
  private detail: string | undefined;
  private stopped = false;
  private tail: LiveTail | undefined;
  private tailTimers: NodeJS.Timeout[] = [];
  /** Resolved whenever coverage may have changed (tail live or refused, shown, drained, stop). */
  private wakeWaiters: (() => void)[] = [];
  private hidden = false;
  private hideTimer: NodeJS.Timeout | undefined;
  /** When the job's last entries have had time to arrive (drainMs after it ended). */
  private drainedAt: number | undefined;
  private maxReceived: LogCursor | undefined;
  /** Start of the hole the reader must cover next; undefined when nothing is missing. */
  private repairFrom: LogCursor | undefined;
  /** Holes opened while a read is running. */
  private pendingFrom: LogCursor | undefined;
  private reading = false;
  /** Through where the running read has proven every entry received (see readForward). */
  private readCovered: LogCursor | undefined;
  private finalReadRequested = false;
  private olderBound: {through: LogCursor; pageToken: string} | undefined;
  private olderExhausted = false;
  private loadingOlder: Promise<void> | undefined;
  private counters = {suppressed: 0, reconnects: 0, refusals: 0, reads: 0, late: 0};
  private readonly listeners = new Set<() => void>();
  private readonly lineListeners = new Set<(lines: readonly LogLine[]) => void>();
  private readonly endWaiters: (() => void)[] = [];

  constructor(options: JobLogEngineOptions) {
    this.options = withDefaults(options);
    this.store = new LineStore(options.store);
  }

  start(): void {
    if (this.options.follow) this.openTail();
    if (this.options.open === 'start') {
      this.setState(this.options.follow ? 'connecting' : 'backfilling');
      this.openHole(this.startCursor());
    } else {
      void this.openNewestFirst();
    }
  }

  /** The job reached a terminal state: read its last entries, then end. */
  jobEnded(): void {
    if (this.finalReadRequested || this.stopped) return;
    this.finalReadRequested = true;
    this.later(
      () => {
        this.drainedAt = Date.now();
        this.openHole(this.holeStart());
        this.wake();
      },
      this.options.follow ? this.options.drainMs : 0,
    );
  }

  /**
   * A screen that is not visible closes its tail (each counts against the project's 10) and
   * stops reading, after `hideGraceMs` so a passing overlay costs nothing; shown again, it reopens
   * the tail and reads the time it was away.
   */
  setVisible(visible: boolean): void {
    if (this.stopped || !this.options.follow) return;
    if (visible) {
      if (this.hideTimer) clearTimeout(this.hideTimer);
      this.hideTimer = undefined;
      if (!this.hidden) return;
      this.hidden = false;
      if (this.isOver()) return;
      this.setState('reconnecting', 'shown again');
      this.openHole(this.holeStart());
      this.tail?.open();
      this.wake();
      return;
    }
    if (this.hidden || this.hideTimer) return;
    this.hideTimer = setTimeout(() => {
      this.hideTimer = undefined;
      if (this.isOver()) return;
      this.hidden = true;
      this.tail?.close();
      this.setState('paused');
    }, this.options.hideGraceMs);
  }

  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.closeTail();
    if (this.hideTimer) clearTimeout(this.hideTimer);
    for (const timer of this.tailTimers) clearTimeout(timer);
    this.setState('stopped');
    this.listeners.clear();
    this.lineListeners.clear();
    this.wake();
    for (const resolve of this.endWaiters.splice(0)) resolve();
  }

  /** Resolves once the engine has ended (job over and drained, or history read) or stopped. */
  ended(): Promise<void> {
    if (this.isOver()) return Promise.resolve();
    return new Promise((resolve) => this.endWaiters.push(resolve));
  }

  /** Called after every change (throttle in the consumer). Returns the unsubscribe. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Called with every batch of new lines (after the store took them), in arrival order. */
  onLines(listener: (lines: readonly LogLine[]) => void): () => void {
    this.lineListeners.add(listener);
    return () => this.lineListeners.delete(listener);
  }

  /** The newest entry received so far. */
  newest(): LogCursor | undefined {
    return this.maxReceived;
  }

  /** How far an entry can trail newer ones on arrival: lateness plus the tail's buffer. */
  get latenessMs(): number {
    return this.options.latenessMs + this.options.tailBufferMs;
  }

  status(): EngineStatus {
    return {
      state: this.state,
      ...(this.detail && {detail: this.detail}),
      ...this.counters,
      olderAvailable: this.options.open === 'end' && !this.olderExhausted,
    };
  }

  /**
   * Every entry at or before this cursor has been received and no earlier one can still come
   * ('all' once ended). A consumer that writes lines out in order writes up to here.
   */
  completeThrough(): LogCursor | 'all' | undefined {
    if (this.state === 'ended') return 'all';
    let bound: LogCursor | undefined;
    if (this.maxReceived) {
      bound = cursorMinus(this.maxReceived, this.latenessMs);
      // With a live tail and no hole, every entry stamped before now − lateness − buffer is in.
      const arrived = cursorFromMs(Date.now() - this.latenessMs);
      if (
        this.tailLiveSince !== undefined &&
        !this.repairFrom &&
        compareCursors(arrived, bound) > 0
      )
        bound = compareCursors(arrived, this.maxReceived) < 0 ? arrived : this.maxReceived;
    }
    if (this.repairFrom) {
      const reached = this.reading ? this.readCovered : undefined;
      const limit = minCursor(
        reached && compareCursors(reached, this.repairFrom) > 0 ? reached : this.repairFrom,
        this.pendingFrom,
      );
      bound = minCursor(bound, limit);
    }
    return bound;
  }

  /** Counts a line a consumer received after it had written out later ones. */
  noteLate(count: number): void {
    this.counters.late += count;
  }

  /** Loads one more page of older history (open: 'end'); no-op while one is loading. */
  loadOlder(): Promise<void> {
    if (this.options.open !== 'end' || this.olderExhausted || this.stopped)
      return Promise.resolve();
    this.loadingOlder ??= this.readOlderPage().finally(() => {
      this.loadingOlder = undefined;
    });
    return this.loadingOlder;
  }

  // ---- tail ----

  private openTail(): void {
    if (this.stopped || this.state === 'ended') return;
    const {logging, project, jobId, tailBufferMs, latenessMs} = this.options;
    this.tail = new LiveTail(
      {
        logging,
        request: {
          resourceNames: [`projects/${project}`],
          filter: tailFilter(jobId, this.options.narrow),
          ...(!this.options.keepRaw && {asLines: true}),
          bufferWindow: {
            seconds: Math.floor(tailBufferMs / 1000),
            nanos: (tailBufferMs % 1000) * 1e6,
          },
        },
        settleMs: this.options.settleMs,
        maxMs: this.options.tailMaxMs,
        retryMs: this.options.tailRetryMs,
        // The old session's last entries may be buffered or late: keep it that long.
        overlapMs: latenessMs + tailBufferMs,
      },
      {
        live: () => {
          if (['connecting', 'reconnecting', 'polling'].includes(this.state))
            this.setState(this.repairFrom ? 'backfilling' : 'live');
          this.wake();
        },
        data: (response) => this.tailData(response),
        down: (reason) => {
          if (this.isOver()) return;
          this.counters.reconnects++;
          this.openHole(this.holeStart());
          this.setState('reconnecting', reason);
        },
        refused: () => {
          if (this.isOver()) return;
          this.counters.refusals++;
          this.openHole(this.holeStart());
          this.setState('polling', pollingNote(this.options));
          this.wake();
        },
      },
    );
    this.tail.open();
  }

  private tailData(response: TailResponse): void {
    if (this.stopped) return;
    if (response.suppressedCount > 0) {
      this.counters.suppressed += response.suppressedCount;
      this.openHole(this.holeStart());
    }
    this.receive(this.linesOf(response));
    // Re-check completeness once the tail has been quiet long enough.
    this.later(() => this.changed(), this.options.latenessMs + this.options.tailBufferMs + 50);
  }

  private get tailLiveSince(): number | undefined {
    return this.tail?.liveSince;
  }

  private closeTail(): void {
    this.tail?.close();
  }

  /** Resolves every waiter: coverage may have changed. */
  private wake(): void {
    for (const resolve of this.wakeWaiters.splice(0)) resolve();
  }

  /**
   * After a read that a live tail does not cover: wait for the tail, or poll again after pollMs
   * while none is live; wait without reading while the screen is hidden.
   */
  private async untilCoverable(): Promise<void> {
    while (!this.stopped && this.drainedAt === undefined && this.tailLiveSince === undefined) {
      const hidden = this.hidden;
      let timer: NodeJS.Timeout | undefined;
      await new Promise<void>((resolve) => {
        this.wakeWaiters.push(resolve);
        if (!hidden) timer = setTimeout(resolve, this.options.pollMs);
      });
      if (timer) clearTimeout(timer);
      if (!hidden && !this.hidden) return;
    }
  }

  // ---- holes and the forward reader ----

  private startCursor(): LogCursor {
    const ms = this.options.startMs ?? this.options.jobCreateTimeMs - this.options.latenessMs;
    return cursorFromMs(ms);
  }

  /** Where a hole opened now starts. */
  private holeStart(): LogCursor {
    return this.maxReceived ? cursorMinus(this.maxReceived, this.latenessMs) : this.startCursor();
  }

  private openHole(from: LogCursor): void {
    if (this.stopped || this.state === 'ended') return;
    if (this.reading) this.pendingFrom = minCursor(this.pendingFrom, from);
    else this.repairFrom = minCursor(this.repairFrom, from);
    this.store.retainEvictedFrom(minCursor(this.repairFrom, this.pendingFrom));
    if (this.state === 'live') this.setState('backfilling');
    void this.runReads();
  }

  private async runReads(): Promise<void> {
    if (this.reading) return;
    this.reading = true;
    let drained = false;
    try {
      while (this.repairFrom && !this.stopped) {
        const from = this.repairFrom;
        this.pendingFrom = undefined;
        this.readCovered = from;
        const startedAt = Date.now();
        const unprovenAt = await this.readForward(from);
        if (this.stopped || unprovenAt === undefined) return;
        // A read begun after the job's entries had time to arrive saw them all.
        drained = this.drainedAt !== undefined && this.drainedAt <= startedAt;
        const covered =
          !this.options.follow ||
          drained ||
          (this.tailLiveSince !== undefined && this.tailLiveSince <= unprovenAt);
        // (a field the awaited read may have set; TypeScript keeps the narrowing from above)
        let next = this.pendingFrom as LogCursor | undefined;
        if (!covered) {
          const proven = this.readCovered ?? from;
          next = minCursor(next, compareCursors(proven, from) > 0 ? proven : from);
        }
        this.repairFrom = next;
        this.pendingFrom = undefined;
        this.store.retainEvictedFrom(next);
        if (next && !covered) await this.untilCoverable();
      }
    } finally {
      this.reading = false;
    }
    if (this.stopped) return;
    if (!this.options.follow || drained) this.end();
    else if (this.state === 'backfilling' && this.tailLiveSince !== undefined)
      this.setState('live');
    else this.changed();
  }

  /**
   * Pages forward from `from` to the newest entry. Resolves to when the first page was asked that
   * could not prove its whole range (an entry may reach Logging after the read passed its place):
   * a tail live since before then delivers whatever that page missed.
   */
  private async readForward(from: LogCursor): Promise<number | undefined> {
    const {jobId} = this.options;
    const filter = readFilter(jobId, this.options.narrow ?? {}, from);
    let pageToken = '';
    let attempts = 0;
    let askedAt = Date.now();
    let pageStart = from;
    let firstUnproven: number | undefined;
    for (;;) {
      let page;
      try {
        await this.options.budget.take();
        if (this.stopped) return undefined;
        askedAt = Date.now();
        this.counters.reads++;
        page = await this.list(filter, 'timestamp asc', pageToken);
      } catch (error) {
        if (this.stopped) return undefined;
        if (!(await this.afterReadError(error, attempts++))) return undefined;
        continue;
      }
      attempts = 0;
      await this.pace(Date.now() - askedAt);
      const lines = this.linesOf(page);
      this.receive(lines);
      const last = lines[lines.length - 1];
      // Without a live tail, a page proves complete only what had time to arrive before it was
      // asked (askedAt − lateness), and only if every earlier page was proven through its end.
      const pageEnd = page.nextPageToken ? (last ? cursorOf(last) : pageStart) : undefined;
      if (this.readCovered && compareCursors(this.readCovered, pageStart) >= 0) {
        const arrived = cursorFromMs(askedAt - this.options.latenessMs);
        this.readCovered = pageEnd && compareCursors(pageEnd, arrived) < 0 ? pageEnd : arrived;
      }
      if (!pageEnd || compareCursors(this.readCovered ?? from, pageEnd) < 0)
        firstUnproven ??= askedAt;
      if (pageEnd) pageStart = pageEnd;
      if (!page.nextPageToken) return firstUnproven ?? askedAt;
      pageToken = page.nextPageToken;
    }
  }

  /**
   * While the job runs and the tail is live, a gap read waits as long as the last page took, so
   * reads never take more than half of a busy server (a slow answer means it is busy: the local
   * emulator filters its whole store per query while it ingests); the tail then keeps the view
   * live and the gaps close in the background. After the job ended, reads go at full speed.
   */
  private async pace(lastReadMs: number): Promise<void> {
    if (!this.options.follow || this.finalReadRequested || this.tailLiveSince === undefined) return;
    if (lastReadMs > 50) await sleep(Math.min(5000, lastReadMs));
  }

  /** Waits before retrying a failed read; false when the error cannot be retried. */
  private async afterReadError(error: unknown, attempt: number): Promise<boolean> {
    const code = codeOf(error);
    const message = (error as Error).message ?? String(error);
    if (code === undefined || !RETRYABLE_CODES.has(code)) {
      this.fail(message);
      return false;
    }
    const delay = Math.min(30_000, 500 * 2 ** attempt) * (0.75 + Math.random() * 0.5);
    if (code === RESOURCE_EXHAUSTED) this.options.budget.pause(delay);
    this.setState(this.state === 'live' ? 'backfilling' : this.state, `read retry: ${message}`);
    await sleep(code === RESOURCE_EXHAUSTED ? 0 : delay);
    return !this.stopped;
  }

  private list(filter: string, orderBy: 'timestamp asc' | 'timestamp desc', pageToken: string) {
    return this.options.logging.listLogEntries({
      resourceNames: [`projects/${this.options.project}`],
      filter,
      orderBy,
      pageSize: this.options.pageSize,
      pageToken,
      ...(!this.options.keepRaw && {asLines: true}),
    });
  }

  /** A response's lines: made where it was decoded (asLines), or from its entries here. */
  private linesOf(response: {entries: readonly unknown[]; lines?: LogLine[]}): LogLine[] {
    if (response.lines) return response.lines.map(sharedStrings);
    return response.entries.map((entry) => toLogLine(entry as never, this.options.keepRaw));
  }

  // ---- history from the newer end ----

  private async openNewestFirst(): Promise<void> {
    this.setState('backfilling');
    const now = cursorFromMs(Date.now() + 60_000);
    await this.readOlderPage(now);
    if (this.stopped) return;
    // Everything after the newest entry shown must arrive complete.
    this.openHole(this.holeStart());
  }

  private async readOlderPage(initialThrough?: LogCursor): Promise<void> {
    const bound = (this.olderBound ??= {
      through: initialThrough ?? this.holeStart(),
      pageToken: '',
    });
    const filter = rangeFilter(
      this.options.jobId,
      this.options.narrow ?? {},
      this.startCursor(),
      bound.through,
    );
    // An empty page that carries a token is not the end: Cloud Logging "found no log entries so
    // far but it did not have time to search all the possible log entries. Retry the method with
    // this value for page_token to continue the search" (ListLogEntriesResponse.next_page_token,
    // google/logging/v2/logging.proto). Such pages are followed here, each through the budget.
    for (let attempt = 0; ;) {
      try {
        await this.options.budget.take();
        if (this.stopped) return;
        this.counters.reads++;
        const page = await this.list(filter, 'timestamp desc', bound.pageToken);
        attempt = 0;
        const lines = this.linesOf(page);
        this.receive(lines);
        bound.pageToken = page.nextPageToken;
        if (!page.nextPageToken) this.olderExhausted = true;
        this.changed();
        if (lines.length > 0 || !page.nextPageToken) return;
      } catch (error) {
        if (this.stopped || !(await this.afterReadError(error, attempt++))) return;
      }
    }
  }

  // ---- shared ----

  private receive(lines: LogLine[]): void {
    if (lines.length === 0) return;
    const added = this.store.add(lines);
    for (const line of added)
      if (!this.maxReceived || compareCursors(line, this.maxReceived) > 0)
        this.maxReceived = cursorOf(line);
    if (added.length === 0) return;
    for (const listener of this.lineListeners) listener(added);
    this.changed();
  }

  private end(): void {
    if (this.state === 'ended') return;
    this.closeTail();
    for (const timer of this.tailTimers.splice(0)) clearTimeout(timer);
    this.setState('ended');
    for (const resolve of this.endWaiters.splice(0)) resolve();
  }

  private fail(message: string): void {
    this.closeTail();
    for (const timer of this.tailTimers.splice(0)) clearTimeout(timer);
    this.setState('failed', message);
    for (const resolve of this.endWaiters.splice(0)) resolve();
  }

  private isOver(): boolean {
    return this.stopped || this.state === 'ended' || this.state === 'failed';
  }

  private setState(state: StreamState, detail?: string): void {
    if (this.state === 'ended' || this.state === 'failed') return;
    this.state = state;
    this.detail = detail;
    this.changed();
  }

  private changed(): void {
    for (const listener of this.listeners) listener();
  }

  private later(action: () => void, ms: number): void {
    const timer = setTimeout(() => {
      this.tailTimers = this.tailTimers.filter((t) => t !== timer);
      if (!this.stopped) action();
    }, ms);
    this.tailTimers.push(timer);
  }
}
