// Orders keys for a command-driven UI. React renders asynchronously, so a key that arrives before
// the previous key's screen has committed would act on a screen that is already gone. The queue
// applies one key, then waits for the next redraw (or a short timeout when the key changed
// nothing) before the next one. A key that finds no screen to take it (the next one is still
// loading) is held for it instead of being dropped, up to a limit.
import type {Key} from 'ink';
import {splitKeys} from './split-keys.js';

export interface KeyQueueOptions {
  /** How long a queued key waits for a redraw when the previous key changed nothing. */
  redrawWaitMs: number;
  /** How long a key waits for a screen that is still loading before it is dropped. */
  holdLimitMs: number;
}

/** Applies one key; returns false when nothing can receive it yet. */
export type ApplyKey = (input: string, key: Key) => boolean;

export class KeyQueue {
  private readonly queue: Array<[string, Key]> = [];
  private waiting = false;
  private heldSince: number | undefined;
  private afterRedraw: (() => void) | undefined;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly apply: ApplyKey,
    private readonly options: KeyQueueOptions = {redrawWaitMs: 50, holdLimitMs: 3000},
  ) {}

  push(input: string, key: Key): void {
    this.queue.push(...splitKeys(input, key));
    this.drain();
  }

  /** A screen committed a render: let the next key through. */
  redrawn(): void {
    this.afterRedraw?.();
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.queue.length = 0;
  }

  private drain = (): void => {
    if (this.waiting) return;
    const next = this.queue[0];
    if (!next) return;
    if (!this.apply(...next)) {
      this.heldSince ??= Date.now();
      if (Date.now() - this.heldSince < this.options.holdLimitMs) {
        this.waitForRedraw();
        return;
      }
    }
    this.heldSince = undefined;
    this.queue.shift();
    this.waitForRedraw();
  };

  private waitForRedraw(): void {
    this.waiting = true;
    let moved = false;
    const proceed = () => {
      if (moved) return;
      moved = true;
      clearTimeout(this.timer);
      this.afterRedraw = undefined;
      this.waiting = false;
      setImmediate(this.drain);
    };
    this.timer = setTimeout(proceed, this.options.redrawWaitMs);
    this.afterRedraw = proceed;
  }
}
