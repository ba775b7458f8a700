// The bounded store of one job's log lines, kept outside React. Lines are deduplicated by insertId
// and kept in (timestamp, insertId) order in chunks, so an out-of-order insert costs one small
// splice rather than moving a 100k-line array. Past the memory cap the oldest lines are evicted;
// per-replica counters (and lifecycle events from `service` entries) are updated on receipt, so
// they stay exact whatever the window holds.
//
// An evicted line's insertId is remembered while the engine may still re-read its range (a
// repair of a gap that started before it), so a re-read never counts it twice.
import {compareCursors, cursorOf, type LogCursor, type LogLine} from './log-line.js';
import {ReplicaEvents} from './replica-events.js';

export interface ReplicaCounter {
  lines: number;
  warnings: number;
  errors: number;
  lastTimestampMs: number;
}

export interface LineStoreOptions {
  /** At most this many lines are held (default 100,000). */
  maxLines?: number;
  /** At most about this many bytes of lines are held (default 64 MiB). */
  maxBytes?: number;
}

const CHUNK_SPLIT = 2048;
const WARNING_LEVEL = 400;
const ERROR_LEVEL = 500;

/**
 * A line's size in memory, on the safe side: measured (V8 heap, Node 20) at about 410 bytes for a
 * 30-character line and 675 for a 200-character one, counting the line, its strings, its id in
 * the dedup set and its chunk slot; replica and severity strings are shared (log-line.ts).
 */
function lineBytes(line: LogLine): number {
  const payload = line.payloadJson?.length ?? 0;
  return 300 + (line.message.length + line.insertId.length + payload) * 2;
}

export class LineStore {
  private chunks: LogLine[][] = [];
  private count = 0;
  private bytesHeld = 0;
  private readonly ids = new Set<string>();
  private readonly evictedIds = new Set<string>();
  private evictedQueue: LogCursor[] = [];
  private evictedQueueHead = 0;
  private retainFrom: LogCursor | undefined;
  private readonly perReplica = new Map<string, ReplicaCounter>();
  private readonly lifecycles = new ReplicaEvents();
  private receivedTotal = 0;
  private evictedTotal = 0;
  /** Every line at or before this cursor has left the store (evicted or consumed). */
  private evictedThrough: LogCursor | undefined;
  private starts: number[] = [];
  private startsVersion = -1;
  /** Bumped on every change; views compare it to know when to redraw. */
  version = 0;
  readonly maxLines: number;
  readonly maxBytes: number;

  constructor(options: LineStoreOptions = {}) {
    this.maxLines = options.maxLines ?? 100_000;
    this.maxBytes = options.maxBytes ?? 64 * 1024 * 1024;
  }

  get length(): number {
    return this.count;
  }
  get received(): number {
    return this.receivedTotal;
  }
  get evicted(): number {
    return this.evictedTotal;
  }
  get bytes(): number {
    return this.bytesHeld;
  }
  get full(): boolean {
    return this.count >= this.maxLines || this.bytesHeld >= this.maxBytes;
  }
  counters(): ReadonlyMap<string, ReplicaCounter> {
    return this.perReplica;
  }
  /** Exits and restarts per replica, from every `service` entry received. */
  replicaEvents(): ReplicaEvents {
    return this.lifecycles;
  }

  has(insertId: string): boolean {
    return this.ids.has(insertId) || this.evictedIds.has(insertId);
  }

  /**
   * Adds new lines (duplicates ignored) and returns those that were new, in the order given.
   * A new line older than everything already evicted is counted but not held.
   */
  add(lines: readonly LogLine[]): LogLine[] {
    const added: LogLine[] = [];
    for (const line of lines) {
      if (!line.insertId || this.has(line.insertId)) continue;
      this.count_(line);
      added.push(line);
      if (this.evictedThrough && compareCursors(line, this.evictedThrough) <= 0) {
        this.rememberEvicted(line);
        continue;
      }
      this.insert(line);
    }
    if (added.length > 0) {
      this.evictOverflow();
      this.version++;
    }
    return added;
  }

  /** Removes every held line at or before `cursor` (lines a consumer has written out). */
  consumeThrough(cursor: LogCursor): void {
    let removed = false;
    while (this.chunks.length > 0) {
      const first = this.chunks[0]!;
      const line = first[0];
      if (!line || compareCursors(line, cursor) > 0) break;
      this.evictFirst(false);
      removed = true;
    }
    if (removed) this.version++;
  }

  /**
   * Evicted ids are kept from `cursor` on (a repair may re-read from there); `undefined` releases
   * them all. Ids older than the cursor are forgotten.
   */
  retainEvictedFrom(cursor: LogCursor | undefined): void {
    this.retainFrom = cursor;
    this.releaseEvicted();
  }

  at(index: number): LogLine | undefined {
    if (index < 0 || index >= this.count) return undefined;
    const starts = this.chunkStarts();
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (starts[middle]! <= index) low = middle;
      else high = middle - 1;
    }
    return this.chunks[low]![index - starts[low]!];
  }

  /** The index of the first held line at or after `cursor` (length when none). */
  indexOf(cursor: LogCursor): number {
    let low = 0;
    let high = this.count;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (compareCursors(this.at(middle)!, cursor) < 0) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  /** Where each chunk starts, recomputed only after a change. */
  private chunkStarts(): number[] {
    if (this.startsVersion === this.version && this.starts.length === this.chunks.length)
      return this.starts;
    const starts: number[] = [];
    let offset = 0;
    for (const chunk of this.chunks) {
      starts.push(offset);
      offset += chunk.length;
    }
    this.starts = starts;
    this.startsVersion = this.version;
    return starts;
  }

  /** Lines [start, end) in order. */
  slice(start: number, end: number): LogLine[] {
    const out: LogLine[] = [];
    let offset = 0;
    for (const chunk of this.chunks) {
      const chunkEnd = offset + chunk.length;
      if (chunkEnd > start && offset < end)
        out.push(...chunk.slice(Math.max(0, start - offset), Math.min(chunk.length, end - offset)));
      if (chunkEnd >= end) break;
      offset = chunkEnd;
    }
    return out;
  }

  /** Every held line in order (for filters that scan the whole window). */
  *lines(): IterableIterator<LogLine> {
    for (const chunk of this.chunks) yield* chunk;
  }

  /** Held lines strictly after `cursor` (all when undefined), up to and including `through`. */
  range(after: LogCursor | undefined, through: LogCursor | undefined): LogLine[] {
    const out: LogLine[] = [];
    for (const chunk of this.chunks) {
      const last = chunk[chunk.length - 1];
      if (after && last && compareCursors(last, after) <= 0) continue;
      for (const line of chunk) {
        if (after && compareCursors(line, after) <= 0) continue;
        if (through && compareCursors(line, through) > 0) return out;
        out.push(line);
      }
    }
    return out;
  }

  first(): LogLine | undefined {
    return this.chunks[0]?.[0];
  }
  last(): LogLine | undefined {
    const chunk = this.chunks[this.chunks.length - 1];
    return chunk?.[chunk.length - 1];
  }

  private count_(line: LogLine): void {
    this.receivedTotal++;
    let counter = this.perReplica.get(line.replica);
    if (!counter) {
      counter = {lines: 0, warnings: 0, errors: 0, lastTimestampMs: 0};
      this.perReplica.set(line.replica, counter);
    }
    counter.lines++;
    if (line.level >= ERROR_LEVEL) counter.errors++;
    else if (line.level >= WARNING_LEVEL) counter.warnings++;
    if (line.timestampMs > counter.lastTimestampMs) counter.lastTimestampMs = line.timestampMs;
    this.lifecycles.observe(line);
  }

  private insert(line: LogLine): void {
    this.ids.add(line.insertId);
    this.count++;
    this.bytesHeld += lineBytes(line);
    const lastChunk = this.chunks[this.chunks.length - 1];
    const last = lastChunk?.[lastChunk.length - 1];
    if (!lastChunk || !last) {
      this.chunks.push([line]);
      return;
    }
    if (compareCursors(last, line) <= 0) {
      if (lastChunk.length >= CHUNK_SPLIT) this.chunks.push([line]);
      else lastChunk.push(line);
      return;
    }
    // The first chunk whose last line sorts after the new one holds its position.
    let low = 0;
    let high = this.chunks.length - 1;
    while (low < high) {
      const middle = (low + high) >> 1;
      const chunk = this.chunks[middle]!;
      if (compareCursors(chunk[chunk.length - 1]!, line) < 0) low = middle + 1;
      else high = middle;
    }
    const chunk = this.chunks[low]!;
    let left = 0;
    let right = chunk.length;
    while (left < right) {
      const middle = (left + right) >> 1;
      if (compareCursors(chunk[middle]!, line) <= 0) left = middle + 1;
      else right = middle;
    }
    chunk.splice(left, 0, line);
    if (chunk.length > CHUNK_SPLIT * 2) this.chunks.splice(low + 1, 0, chunk.splice(CHUNK_SPLIT));
  }

  private evictOverflow(): void {
    while (this.count > this.maxLines || (this.bytesHeld > this.maxBytes && this.count > 1)) {
      this.evictFirst(true);
    }
  }

  private evictFirst(countIt: boolean): void {
    const chunk = this.chunks[0];
    if (!chunk) return;
    const line = chunk.shift()!;
    if (chunk.length === 0) this.chunks.shift();
    this.ids.delete(line.insertId);
    this.count--;
    this.bytesHeld -= lineBytes(line);
    if (countIt) this.evictedTotal++;
    this.evictedThrough = cursorOf(line);
    this.rememberEvicted(line);
  }

  private rememberEvicted(line: LogLine): void {
    if (!this.retainFrom || compareCursors(line, this.retainFrom) < 0) return;
    this.evictedIds.add(line.insertId);
    this.evictedQueue.push(cursorOf(line));
  }

  private releaseEvicted(): void {
    const keepFrom = this.retainFrom;
    while (this.evictedQueueHead < this.evictedQueue.length) {
      const oldest = this.evictedQueue[this.evictedQueueHead]!;
      if (keepFrom && compareCursors(oldest, keepFrom) >= 0) break;
      this.evictedIds.delete(oldest.insertId);
      this.evictedQueueHead++;
    }
    if (this.evictedQueueHead > 4096 && this.evictedQueueHead * 2 > this.evictedQueue.length) {
      this.evictedQueue = this.evictedQueue.slice(this.evictedQueueHead);
      this.evictedQueueHead = 0;
    }
  }
}
