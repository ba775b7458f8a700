// The runs of lines a LineStore holds, in (timestamp, insertId) order. A run is *loose* (the
// LogLine objects as they arrived) while lines are still written into it, and *packed* once it is
// left behind: its numbers in typed columns and its text in one string, so 100,000 held lines are
// a few hundred heap objects instead of half a million. That matters for memory beyond the live
// set: lines held for seconds and then evicted die in the old generation, and V8 lets such garbage
// grow to a multiple of the live set before it collects; packed, both are about a fifth.
import type {LogCursor, LogLine} from '../vertex/log-line.js';

/** A store-wide table of the few strings every line repeats (replica and severity names). */
export class NameTable {
  private readonly ids = new Map<string, number>();
  private readonly names: string[] = [];

  id(name: string): number {
    let id = this.ids.get(name);
    if (id === undefined) {
      id = this.names.length;
      this.names.push(name);
      this.ids.set(name, id);
    }
    return id;
  }

  name(id: number): string {
    return this.names[id]!;
  }
}

export interface LineChunk {
  /** Lines held (a packed run's evicted head no longer counts). */
  readonly length: number;
  /** About how many bytes the held lines take. */
  readonly bytes: number;
  line(index: number): LogLine;
  seconds(index: number): number;
  nanos(index: number): number;
  insertId(index: number): string;
  level(index: number): number;
  replica(index: number): string;
  message(index: number): string;
  /** Drops the first held line. */
  dropFirst(): void;
}

/**
 * A loose line's size in memory, on the safe side: measured (V8 heap, Node 20) at about 410 bytes
 * for a 30-character line and 675 for a 200-character one, counting the object, its strings and
 * its slot; replica and severity strings are shared (log-line.ts).
 */
function looseBytes(line: LogLine): number {
  return 300 + (line.message.length + line.insertId.length + (line.payloadJson?.length ?? 0)) * 2;
}

export class LooseChunk implements LineChunk {
  bytes = 0;
  constructor(readonly lines: LogLine[] = []) {
    for (const line of lines) this.bytes += looseBytes(line);
  }
  get length(): number {
    return this.lines.length;
  }
  line(index: number): LogLine {
    return this.lines[index]!;
  }
  seconds(index: number): number {
    return this.lines[index]!.seconds;
  }
  nanos(index: number): number {
    return this.lines[index]!.nanos;
  }
  insertId(index: number): string {
    return this.lines[index]!.insertId;
  }
  level(index: number): number {
    return this.lines[index]!.level;
  }
  replica(index: number): string {
    return this.lines[index]!.replica;
  }
  message(index: number): string {
    return this.lines[index]!.message;
  }
  insertAt(index: number, line: LogLine): void {
    if (index === this.lines.length) this.lines.push(line);
    else this.lines.splice(index, 0, line);
    this.bytes += looseBytes(line);
  }
  /** Moves the lines from `index` on into a new chunk. */
  splitAt(index: number): LooseChunk {
    const tail = new LooseChunk(this.lines.splice(index));
    this.bytes -= tail.bytes;
    return tail;
  }
  dropFirst(): void {
    this.bytes -= looseBytes(this.lines.shift()!);
  }
  /** Whether the run can be packed (a line that keeps its decoded entry cannot). */
  packable(): boolean {
    return this.lines.every((line) => line.raw === undefined);
  }
}

// Per line: seconds (f64), nanos, replica id, and the ends of its insertId, message and payload in
// the text, severity id (u32 each), level (u16), whether it has a payload (u8).
const COLUMN_BYTES = 8 + 4 * 6 + 2 + 1;
const PACKED_OVERHEAD = 400;

export class PackedChunk implements LineChunk {
  private readonly secondsColumn: Float64Array;
  private readonly nanosColumn: Uint32Array;
  private readonly replicaColumn: Uint32Array;
  /** Three per line: where its insertId, message and payload end in `text`. */
  private readonly ends: Uint32Array;
  private readonly severityColumn: Uint32Array;
  private readonly levelColumn: Uint16Array;
  private readonly payloadColumn: Uint8Array;
  private readonly text: string;
  private readonly charBytes: number;
  private readonly total: number;
  private head = 0;
  bytes: number;

  constructor(
    lines: readonly LogLine[],
    private readonly names: NameTable,
  ) {
    const count = lines.length;
    this.total = count;
    const buffer = new ArrayBuffer(count * COLUMN_BYTES);
    // The columns one after another in the buffer, widest first so each stays aligned.
    let offset = 0;
    const place = (bytesEach: number, length: number) => {
      const at = offset;
      offset += bytesEach * length;
      return at;
    };
    this.secondsColumn = new Float64Array(buffer, place(8, count), count);
    this.nanosColumn = new Uint32Array(buffer, place(4, count), count);
    this.replicaColumn = new Uint32Array(buffer, place(4, count), count);
    this.ends = new Uint32Array(buffer, place(4, count * 3), count * 3);
    this.severityColumn = new Uint32Array(buffer, place(4, count), count);
    this.levelColumn = new Uint16Array(buffer, place(2, count), count);
    this.payloadColumn = new Uint8Array(buffer, place(1, count), count);
    const parts: string[] = [];
    let end = 0;
    lines.forEach((line, index) => {
      this.secondsColumn[index] = line.seconds;
      this.nanosColumn[index] = line.nanos;
      this.replicaColumn[index] = names.id(line.replica);
      this.severityColumn[index] = names.id(line.severity);
      this.levelColumn[index] = line.level;
      parts.push(line.insertId, line.message);
      this.ends[index * 3] = end += line.insertId.length;
      this.ends[index * 3 + 1] = end += line.message.length;
      if (line.payloadJson !== undefined) {
        parts.push(line.payloadJson);
        this.payloadColumn[index] = 1;
      }
      this.ends[index * 3 + 2] = end += line.payloadJson?.length ?? 0;
    });
    // One flat string: slices of it are cheap, and the parts can die young.
    this.text = parts.join('');
    // eslint-disable-next-line no-control-regex
    this.charBytes = /[^\u0000-\u00ff]/.test(this.text) ? 2 : 1;
    this.bytes = PACKED_OVERHEAD + count * COLUMN_BYTES + this.text.length * this.charBytes;
  }

  get length(): number {
    return this.total - this.head;
  }
  line(index: number): LogLine {
    const at = this.head + index;
    const seconds = this.secondsColumn[at]!;
    const nanos = this.nanosColumn[at]!;
    const line: LogLine = {
      insertId: this.insertIdAt(at),
      seconds,
      nanos,
      timestampMs: seconds * 1000 + Math.floor(nanos / 1e6),
      replica: this.names.name(this.replicaColumn[at]!),
      severity: this.names.name(this.severityColumn[at]!),
      level: this.levelColumn[at]!,
      message: this.messageAt(at),
    };
    if (this.payloadColumn[at])
      line.payloadJson = this.text.slice(this.ends[at * 3 + 1], this.ends[at * 3 + 2]);
    return line;
  }
  seconds(index: number): number {
    return this.secondsColumn[this.head + index]!;
  }
  nanos(index: number): number {
    return this.nanosColumn[this.head + index]!;
  }
  insertId(index: number): string {
    return this.insertIdAt(this.head + index);
  }
  level(index: number): number {
    return this.levelColumn[this.head + index]!;
  }
  replica(index: number): string {
    return this.names.name(this.replicaColumn[this.head + index]!);
  }
  message(index: number): string {
    return this.messageAt(this.head + index);
  }
  dropFirst(): void {
    const at = this.head++;
    const start = at === 0 ? 0 : this.ends[at * 3 - 1]!;
    this.bytes -= COLUMN_BYTES + (this.ends[at * 3 + 2]! - start) * this.charBytes;
  }
  /** The held lines as objects again, to be written into. */
  unpack(): LooseChunk {
    return new LooseChunk(Array.from({length: this.length}, (_, index) => this.line(index)));
  }

  private insertIdAt(at: number): string {
    return this.text.slice(at === 0 ? 0 : this.ends[at * 3 - 1], this.ends[at * 3]);
  }
  private messageAt(at: number): string {
    return this.text.slice(this.ends[at * 3], this.ends[at * 3 + 1]);
  }
}

/** Cloud Logging's order (as compareCursors) between a chunk's line and a cursor. */
export function compareAt(chunk: LineChunk, index: number, cursor: LogCursor): number {
  const seconds = chunk.seconds(index);
  if (seconds !== cursor.seconds) return seconds - cursor.seconds;
  const nanos = chunk.nanos(index);
  if (nanos !== cursor.nanos) return nanos - cursor.nanos;
  const insertId = chunk.insertId(index);
  return insertId < cursor.insertId ? -1 : insertId > cursor.insertId ? 1 : 0;
}

export function cursorAt(chunk: LineChunk, index: number): LogCursor {
  return {
    seconds: chunk.seconds(index),
    nanos: chunk.nanos(index),
    insertId: chunk.insertId(index),
  };
}
