// Writes a job's lines out once each, in (timestamp, insertId) order, as the engine proves them
// complete (`completeThrough`), and drops them from the store once written. A line that arrives
// after later ones were written (an entry later than the engine's lateness bound) is still written
// once, immediately, and counted as late rather than lost.
import type {JobLogEngine} from './job-log-engine.js';
import {
  compareCursors,
  cursorMinus,
  cursorOf,
  type LogCursor,
  type LogLine,
} from '../vertex/log-line.js';

export interface OrderedWriterOptions {
  engine: JobLogEngine;
  /** Client-side filter (e.g. --grep); lines it refuses are skipped but still consumed. */
  accept?: (line: LogLine) => boolean;
  /** Writes a batch; resolve after the destination took it (backpressure). */
  write: (lines: LogLine[]) => Promise<void>;
}

export class OrderedWriter {
  private written: LogCursor | undefined;
  private queue: Promise<void> = Promise.resolve();
  private scheduled = false;
  private lateCount = 0;
  private writtenCount = 0;
  private failure: unknown;
  private readonly unsubscribe: (() => void)[] = [];

  constructor(private readonly options: OrderedWriterOptions) {}

  get late(): number {
    return this.lateCount;
  }
  get count(): number {
    return this.writtenCount;
  }

  start(): void {
    const {engine} = this.options;
    this.unsubscribe.push(engine.subscribe(() => this.schedule()));
    this.unsubscribe.push(
      engine.onLines((lines) => {
        const written = this.written;
        if (!written) return;
        const late = lines.filter((line) => compareCursors(line, written) <= 0);
        if (late.length === 0) return;
        this.lateCount += late.length;
        engine.noteLate(late.length);
        this.enqueue(() => this.emit(late));
      }),
    );
  }

  /** Writes everything still held (the engine has ended) and stops listening. */
  async finish(): Promise<void> {
    for (const stop of this.unsubscribe.splice(0)) stop();
    this.enqueue(() => this.flush(true));
    await this.queue;
    if (this.failure) throw this.failure;
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    this.enqueue(async () => {
      this.scheduled = false;
      await this.flush(false);
    });
  }

  private enqueue(task: () => Promise<void>): void {
    this.queue = this.queue.then(task).catch((error: unknown) => {
      this.failure ??= error;
    });
  }

  private async flush(all: boolean): Promise<void> {
    const {engine} = this.options;
    const bound = all ? 'all' : engine.completeThrough();
    if (bound === undefined) return;
    const lines = engine.store.range(this.written, bound === 'all' ? undefined : bound);
    if (lines.length === 0) return;
    this.written = cursorOf(lines[lines.length - 1]!);
    await this.emit(lines);
    // Keep the last lateness window held: a gap read may return those lines again, and the store
    // recognises them only while it holds (or remembers) their insertIds.
    const newest = engine.newest();
    const keepFrom = newest ? cursorMinus(newest, 2 * engine.latenessMs) : undefined;
    const consumable =
      keepFrom && compareCursors(keepFrom, this.written) < 0 ? keepFrom : this.written;
    engine.store.consumeThrough(consumable);
  }

  private async emit(lines: LogLine[]): Promise<void> {
    const accepted = this.options.accept ? lines.filter(this.options.accept) : lines;
    this.writtenCount += accepted.length;
    if (accepted.length > 0) await this.options.write(accepted);
  }
}
