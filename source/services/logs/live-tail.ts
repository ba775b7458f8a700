// The TailLogEntries session of one log engine: opens it, decides when it counts as subscribed,
// reopens it before Cloud Logging's one-hour limit with the new session overlapping the old, and
// tells a refused session (RESOURCE_EXHAUSTED) from one that merely dropped.
//
// Google sources followed:
// - Cloud Logging allows 10 open live-tailing sessions per project
//   (https://cloud.google.com/logging/quotas, "Number of open live-tailing sessions"); gcloud
//   reads RESOURCE_EXHAUSTED on a tail as "There are too many tail sessions open."
//   (googlecloudsdk/api_lib/logging/tailing.py _HandleGrpcRendezvous). What details the refusal
//   carries is not documented, so the code alone decides: any RESOURCE_EXHAUSTED is a refusal,
//   with or without QuotaFailure/ErrorInfo details, and is retried only after `retryMs`.
// - A tail session lasts at most an hour: the client config's TailLogEntries timeout is 3600 s
//   (logging_service_v2_client_config.json in @google-cloud/logging) and gcloud maps the end to
//   OUT_OF_RANGE "The maximum duration for tail has been met". The engine rolls over at `maxMs`.
import type {
  LoggingApi,
  TailEndError,
  TailHandle,
  TailLogEntriesRequest,
  TailResponse,
} from '../vertex/api.js';

const RESOURCE_EXHAUSTED = 8;

export interface LiveTailEvents {
  /** The session is subscribed: entries from now on arrive through `data`. */
  live(): void;
  data(response: TailResponse): void;
  /** The session dropped; entries from now until `live` may be missing. */
  down(reason: string): void;
  /** Cloud Logging refused a session (RESOURCE_EXHAUSTED); a new one is tried after retryMs. */
  refused(reason: string): void;
}

export interface LiveTailOptions {
  logging: LoggingApi;
  request: TailLogEntriesRequest;
  /** A session that delivered nothing yet counts as subscribed after this long. */
  settleMs: number;
  /** Reopen before Cloud Logging's one-hour session limit. */
  maxMs: number;
  /** After a refusal, wait this long before asking for a session again. */
  retryMs: number;
  /** At a rollover, the old session stays open this long after the new one is subscribed. */
  overlapMs: number;
}

export class LiveTail {
  private current: TailHandle | undefined;
  private confirmed = false;
  /** The session being replaced at a rollover, still delivering until the new one is live. */
  private retiring: TailHandle | undefined;
  private since: number | undefined;
  private attempts = 0;
  private refusedNow = false;
  private closed = true;
  private timers: NodeJS.Timeout[] = [];

  constructor(
    private readonly options: LiveTailOptions,
    private readonly events: LiveTailEvents,
  ) {}

  /** When the current session was subscribed; undefined while none is. */
  get liveSince(): number | undefined {
    return this.since;
  }

  /** True from a refusal until a session is subscribed again. */
  get refused(): boolean {
    return this.refusedNow;
  }

  open(): void {
    this.closed = false;
    if (!this.current) this.openSession();
  }

  /** Closes every session and cancels every timer (the engine ended, stopped or is hidden). */
  close(): void {
    this.closed = true;
    for (const timer of this.timers.splice(0)) clearTimeout(timer);
    const {current, retiring} = this;
    this.current = this.retiring = this.since = undefined;
    current?.close();
    retiring?.close();
  }

  private openSession(): void {
    const handle: TailHandle = this.options.logging.tailLogEntries(this.options.request, {
      onData: (response) => {
        if (this.closed) return;
        if (handle === this.current) this.confirm(handle);
        else if (handle !== this.retiring) return;
        this.events.data(response);
      },
      onEnd: (reason, error) => this.ended(handle, reason, error),
    });
    this.current = handle;
    this.confirmed = false;
    this.later(() => this.confirm(handle), this.options.settleMs);
    this.later(() => this.rollover(handle), this.options.maxMs);
  }

  private confirm(handle: TailHandle): void {
    if (handle !== this.current || this.confirmed) return;
    this.confirmed = true;
    this.since = Date.now();
    this.attempts = 0;
    this.refusedNow = false;
    const retiring = this.retiring;
    if (retiring)
      this.later(() => {
        if (this.retiring !== retiring) return;
        this.retiring = undefined;
        retiring.close();
      }, this.options.overlapMs);
    this.events.live();
  }

  /** Opens the next session while the old one still delivers; dedupe by insertId absorbs both. */
  private rollover(handle: TailHandle): void {
    if (handle !== this.current || this.closed) return;
    this.retiring?.close();
    this.retiring = handle;
    this.openSession();
  }

  private ended(handle: TailHandle, reason: string, error: TailEndError | undefined): void {
    if (this.closed) return;
    if (handle === this.retiring) {
      this.retiring = undefined;
      if (!this.confirmed) this.goneDown(reason);
      return;
    }
    if (handle !== this.current) return;
    this.current = undefined;
    this.since = undefined;
    if (error?.code === RESOURCE_EXHAUSTED) {
      const retiring = this.retiring;
      if (retiring) {
        // The rollover's extra session went over the project's limit: give back the old one's
        // slot and take it at once; a read closes the moment between.
        this.retiring = undefined;
        retiring.close();
        this.events.down(reason);
        this.openSession();
        return;
      }
      this.refusedNow = true;
      this.events.refused(reason);
      this.later(() => this.openSession(), this.options.retryMs * (0.75 + Math.random() * 0.5));
      return;
    }
    if (this.retiring) {
      // The old session still delivers: nothing is missing yet; try the new one again.
      this.later(() => this.current ?? this.openSession(), this.backoff());
      return;
    }
    this.goneDown(reason);
  }

  private goneDown(reason: string): void {
    this.since = undefined;
    this.events.down(reason);
    if (!this.current) this.later(() => this.current ?? this.openSession(), this.backoff());
  }

  private backoff(): number {
    return Math.min(10_000, 250 * 2 ** this.attempts++) * (0.75 + Math.random() * 0.5);
  }

  private later(action: () => void, ms: number): void {
    const timer = setTimeout(() => {
      this.timers = this.timers.filter((t) => t !== timer);
      if (!this.closed) action();
    }, ms);
    this.timers.push(timer);
  }
}
