// The bounded store of one job's log lines, kept outside React. Lines are deduplicated by
// (timestamp, insertId) and kept in that order in chunks, so an out-of-order insert costs one
// small splice rather than moving a 100k-line array; chunks left behind are packed (line-chunk.ts)
// so the held lines cost little memory. Past the memory cap the oldest lines are evicted;
// per-replica counters (and lifecycle events from `service` entries) are updated on receipt, so
// they stay exact whatever the window holds.
//
// An evicted line's insertId is remembered while the engine may still re-read its range (a
// repair of a gap that started before it), so a re-read never counts it twice.
import {
  compareAt,
  cursorAt,
  type LineChunk,
  LooseChunk,
  NameTable,
  PackedChunk,
} from './line-chunk.js';
import {compareCursors, cursorOf, type LogCursor, type LogLine} from '../vertex/log-line.js';
import {ReplicaEvents} from './replica-events.js';
import {ServiceNotes} from './service-notes.js';

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

export class LineStore {
  private chunks: LineChunk[] = [];
  private readonly names = new NameTable();
  private count = 0;
  private bytesHeld = 0;
  private readonly evictedIds = new Set<string>();
  private evictedQueue: LogCursor[] = [];
  private evictedQueueHead = 0;
  private retainFrom: LogCursor | undefined;
  private readonly perReplica = new Map<string, ReplicaCounter>();
  private readonly lifecycles = new ReplicaEvents();
  private readonly notes = new ServiceNotes();
  private receivedTotal = 0;
  private evictedTotal = 0;
  /** Every line at or before this cursor has left the store (evicted or consumed). */
  private evictedThrough: LogCursor | undefined;
  private starts: number[] = [];
  private startsVersion = -1;
  private seekChunk = 0;
  private seekOffset = 0;
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
  /** The latest `service` entries, from every one received (the pending reason reads them). */
  serviceNotes(): ServiceNotes {
    return this.notes;
  }

  /** Whether the line at `cursor` was received and is still held or remembered. */
  has(cursor: LogCursor): boolean {
    if (this.evictedThrough && compareCursors(cursor, this.evictedThrough) <= 0)
      return this.evictedIds.has(cursor.insertId);
    return this.findHeld(cursor);
  }

  /**
   * Adds new lines (duplicates ignored) and returns those that were new, in the order given.
   * A new line older than everything already evicted is counted but not held.
   */
  add(lines: readonly LogLine[]): LogLine[] {
    const added: LogLine[] = [];
    for (const line of lines) {
      if (!line.insertId) continue;
      if (this.evictedThrough && compareCursors(line, this.evictedThrough) <= 0) {
        if (this.evictedIds.has(line.insertId)) continue;
        this.count_(line);
        added.push(line);
        this.rememberEvicted(line);
        continue;
      }
      if (!this.insert(line)) continue;
      this.count_(line);
      added.push(line);
    }
    if (added.length > 0) {
      this.packBehind();
      this.evictOverflow();
      this.version++;
    }
    return added;
  }

  /** Removes every held line at or before `cursor` (lines a consumer has written out). */
  consumeThrough(cursor: LogCursor): void {
    let removed = false;
    while (this.chunks.length > 0 && compareAt(this.chunks[0]!, 0, cursor) <= 0) {
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

  /** The line at `index` (a new object each time for a packed run: compare cursors, not lines). */
  at(index: number): LogLine | undefined {
    return this.seek(index)?.line(this.seekOffset);
  }
  /** The severity level of the line at `index`, without building the line. */
  levelAt(index: number): number {
    return this.seek(index)?.level(this.seekOffset) ?? -1;
  }
  /** The replica of the line at `index`, without building the line. */
  replicaAt(index: number): string | undefined {
    return this.seek(index)?.replica(this.seekOffset);
  }
  /** The message of the line at `index`, without building the line. */
  messageAt(index: number): string | undefined {
    return this.seek(index)?.message(this.seekOffset);
  }

  /** The index of the first held line at or after `cursor` (length when none). */
  indexOf(cursor: LogCursor): number {
    const starts = this.chunkStarts();
    const chunkIndex = this.chunkFor(cursor);
    if (chunkIndex >= this.chunks.length) return this.count;
    const chunk = this.chunks[chunkIndex]!;
    return starts[chunkIndex]! + lowerBound(chunk, cursor);
  }

  /** Lines [start, end) in order. */
  slice(start: number, end: number): LogLine[] {
    const out: LogLine[] = [];
    for (let index = Math.max(0, start); index < Math.min(end, this.count); index++)
      out.push(this.at(index)!);
    return out;
  }

  /** Every held line in order (for filters that scan the whole window). */
  *lines(): IterableIterator<LogLine> {
    for (const chunk of this.chunks)
      for (let index = 0; index < chunk.length; index++) yield chunk.line(index);
  }

  /** Held lines strictly after `cursor` (all when undefined), up to and including `through`. */
  range(after: LogCursor | undefined, through: LogCursor | undefined): LogLine[] {
    const out: LogLine[] = [];
    let index = 0;
    if (after) {
      index = this.indexOf(after);
      const line = this.at(index);
      if (line && compareCursors(line, after) === 0) index++;
    }
    for (; index < this.count; index++) {
      const line = this.at(index)!;
      if (through && compareCursors(line, through) > 0) break;
      out.push(line);
    }
    return out;
  }

  first(): LogLine | undefined {
    return this.at(0);
  }
  last(): LogLine | undefined {
    return this.at(this.count - 1);
  }

  /**
   * The chunk holding line `index`, its offset there left in `seekOffset`. Scans ask for
   * neighbouring indexes, so the last chunk found is tried first.
   */
  private seek(index: number): LineChunk | undefined {
    if (index < 0 || index >= this.count) return undefined;
    const starts = this.chunkStarts();
    let found = this.seekChunk;
    if (
      found >= starts.length ||
      starts[found]! > index ||
      (found + 1 < starts.length && starts[found + 1]! <= index)
    ) {
      let low = 0;
      let high = starts.length - 1;
      while (low < high) {
        const middle = (low + high + 1) >> 1;
        if (starts[middle]! <= index) low = middle;
        else high = middle - 1;
      }
      found = low;
      this.seekChunk = found;
    }
    this.seekOffset = index - starts[found]!;
    return this.chunks[found];
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

  /** The first chunk whose last line sorts at or after `cursor` (the number of chunks if none). */
  private chunkFor(cursor: LogCursor): number {
    let low = 0;
    let high = this.chunks.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      const chunk = this.chunks[middle]!;
      if (compareAt(chunk, chunk.length - 1, cursor) < 0) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  private findHeld(cursor: LogCursor): boolean {
    const chunk = this.chunks[this.chunkFor(cursor)];
    if (!chunk) return false;
    const index = lowerBound(chunk, cursor);
    return index < chunk.length && compareAt(chunk, index, cursor) === 0;
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
    this.notes.observe(line);
  }

  /** Puts a line in its place; false when the same (timestamp, insertId) is already held. */
  private insert(line: LogLine): boolean {
    const lastChunk = this.chunks[this.chunks.length - 1];
    let chunkIndex: number;
    let position: number;
    const order = lastChunk ? compareAt(lastChunk, lastChunk.length - 1, line) : -1;
    if (order === 0) return false;
    if (!lastChunk || order < 0) {
      // The common case: newer than everything held.
      if (lastChunk instanceof LooseChunk && lastChunk.length < CHUNK_SPLIT) {
        chunkIndex = this.chunks.length - 1;
        position = lastChunk.length;
      } else {
        this.chunks.push(new LooseChunk());
        chunkIndex = this.chunks.length - 1;
        position = 0;
      }
    } else {
      chunkIndex = this.chunkFor(line);
      const chunk = this.chunks[chunkIndex]!;
      position = lowerBound(chunk, line);
      if (compareAt(chunk, position, line) === 0) return false;
    }
    let chunk = this.chunks[chunkIndex]!;
    if (!(chunk instanceof LooseChunk)) {
      const loose = (chunk as PackedChunk).unpack();
      this.bytesHeld += loose.bytes - chunk.bytes;
      this.chunks[chunkIndex] = loose;
      chunk = loose;
    }
    const loose = chunk as LooseChunk;
    const before = loose.bytes;
    loose.insertAt(position, line);
    this.bytesHeld += loose.bytes - before;
    this.count++;
    this.version++;
    if (loose.length > CHUNK_SPLIT * 2)
      this.chunks.splice(chunkIndex + 1, 0, loose.splitAt(CHUNK_SPLIT));
    return true;
  }

  /** Packs every loose chunk but the newest, which is still being written to. */
  private packBehind(): void {
    for (let index = 0; index < this.chunks.length - 1; index++) {
      const chunk = this.chunks[index]!;
      if (!(chunk instanceof LooseChunk) || !chunk.packable()) continue;
      const packed = new PackedChunk(chunk.lines, this.names);
      this.bytesHeld += packed.bytes - chunk.bytes;
      this.chunks[index] = packed;
    }
  }

  private evictOverflow(): void {
    while (this.count > this.maxLines || (this.bytesHeld > this.maxBytes && this.count > 1)) {
      this.evictFirst(true);
    }
  }

  private evictFirst(countIt: boolean): void {
    const chunk = this.chunks[0];
    if (!chunk) return;
    const cursor = cursorAt(chunk, 0);
    const before = chunk.bytes;
    chunk.dropFirst();
    this.bytesHeld += chunk.bytes - before;
    if (chunk.length === 0) {
      this.bytesHeld -= chunk.bytes;
      this.chunks.shift();
    }
    this.count--;
    this.version++;
    if (countIt) this.evictedTotal++;
    this.evictedThrough = cursor;
    this.rememberEvicted(cursor);
  }

  private rememberEvicted(line: LogCursor): void {
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

/** The first index in `chunk` at or after `cursor`. */
function lowerBound(chunk: LineChunk, cursor: LogCursor): number {
  let low = 0;
  let high = chunk.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (compareAt(chunk, middle, cursor) < 0) low = middle + 1;
    else high = middle;
  }
  return low;
}
