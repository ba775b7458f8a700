// A bounded, ordered store of log lines kept outside React. Lines are deduplicated by insertId,
// kept in timestamp order, and the oldest are dropped (and counted) past the capacity. Listeners
// are told about changes at most once per flush interval, so a burst of lines costs one render.
import type {LogLine} from './log-line.js';

export class LogBuffer {
  private lines: LogLine[] = [];
  private readonly seen = new Set<string>();
  private droppedCount = 0;
  private suppressedCount = 0;
  private version = 0;
  private readonly listeners = new Set<() => void>();
  private flushTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly capacity = 10_000,
    private readonly flushMs = 50,
  ) {}

  add(batch: readonly LogLine[]): void {
    let changed = false;
    for (const line of batch) {
      if (line.insertId && this.seen.has(line.insertId)) continue;
      if (line.insertId) this.seen.add(line.insertId);
      this.insertOrdered(line);
      changed = true;
    }
    if (this.lines.length > this.capacity) {
      const excess = this.lines.length - this.capacity;
      for (const dropped of this.lines.splice(0, excess)) this.seen.delete(dropped.insertId);
      this.droppedCount += excess;
    }
    if (changed) this.changed();
  }

  noteSuppressed(count: number): void {
    if (count <= 0) return;
    this.suppressedCount += count;
    this.changed();
  }

  snapshot(): {lines: readonly LogLine[]; dropped: number; suppressed: number; version: number} {
    return {
      lines: this.lines,
      dropped: this.droppedCount,
      suppressed: this.suppressedCount,
      version: this.version,
    };
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  dispose(): void {
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.listeners.clear();
  }

  private insertOrdered(line: LogLine): void {
    const last = this.lines[this.lines.length - 1];
    if (!last || last.timestampMs <= line.timestampMs) {
      this.lines.push(line);
      return;
    }
    let low = 0;
    let high = this.lines.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if ((this.lines[mid] as LogLine).timestampMs <= line.timestampMs) low = mid + 1;
      else high = mid;
    }
    this.lines.splice(low, 0, line);
  }

  private changed(): void {
    this.version++;
    if (this.flushTimer) return;
    this.flushTimer = setTimeout(() => {
      this.flushTimer = undefined;
      for (const listener of this.listeners) listener();
    }, this.flushMs);
  }
}
