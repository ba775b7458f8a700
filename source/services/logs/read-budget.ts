// One read budget for every entries.list call the app makes against one backend. Cloud Logging
// allows 60 read requests a minute per project; a token bucket of `burst` tokens refilled at
// (perMinute − burst)/60 per second can never exceed perMinute in any 60-second window. Callers
// wait their turn in order; a RESOURCE_EXHAUSTED answer pauses everyone.

export interface ReadBudgetOptions {
  perMinute: number;
  burst: number;
}

/** Cloud Logging's documented read quota. */
export const CLOUD_LOGGING_READS: ReadBudgetOptions = {perMinute: 60, burst: 10};
/** The local emulator has no quota; this only keeps a runaway loop from spinning. */
export const LOCAL_READS: ReadBudgetOptions = {perMinute: 6000, burst: 100};

export class ReadBudget {
  private tokens: number;
  private refilledAt = Date.now();
  private pausedUntil = 0;
  private readonly waiting: {resolve: () => void; reject: (error: Error) => void}[] = [];
  private timer: NodeJS.Timeout | undefined;
  private readonly perMs: number;
  /** Reads granted so far (shown by benchmarks and tests). */
  granted = 0;

  constructor(readonly options: ReadBudgetOptions = CLOUD_LOGGING_READS) {
    this.tokens = options.burst;
    this.perMs = Math.max(0, options.perMinute - options.burst) / 60_000;
  }

  /** Resolves when one read may be made. */
  take(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.waiting.push({resolve, reject});
      this.pump();
    });
  }

  /** After the server said RESOURCE_EXHAUSTED: nobody reads for `ms`. */
  pause(ms: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, Date.now() + ms);
    this.tokens = 0;
    this.pump();
  }

  /** Refuses every waiting read (the owner is closing). */
  close(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    for (const waiter of this.waiting.splice(0)) waiter.reject(new Error('closed'));
  }

  private refill(now: number): void {
    this.tokens = Math.min(this.options.burst, this.tokens + (now - this.refilledAt) * this.perMs);
    this.refilledAt = now;
  }

  private pump(): void {
    if (this.timer) return;
    const now = Date.now();
    this.refill(now);
    while (this.waiting.length > 0 && now >= this.pausedUntil && this.tokens >= 1) {
      this.tokens -= 1;
      this.granted++;
      this.waiting.shift()!.resolve();
    }
    if (this.waiting.length === 0) return;
    const untilToken = this.perMs > 0 ? Math.ceil((1 - this.tokens) / this.perMs) : 1000;
    const delay = Math.max(1, this.pausedUntil - now, untilToken);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.pump();
    }, delay);
  }
}

const shared = new WeakMap<object, ReadBudget>();

/** The budget of one backend connection (keyed by its logging API object). */
export function sharedReadBudget(owner: object, options: ReadBudgetOptions): ReadBudget {
  let budget = shared.get(owner);
  if (!budget) {
    budget = new ReadBudget(options);
    shared.set(owner, budget);
  }
  return budget;
}

/** The shared budget for a backend: Cloud Logging's quota on Vertex, a loose one locally. */
export function readBudgetFor(logging: object, backendKind: string): ReadBudget {
  return sharedReadBudget(logging, backendKind === 'local' ? LOCAL_READS : CLOUD_LOGGING_READS);
}
