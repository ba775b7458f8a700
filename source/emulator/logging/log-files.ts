// The log entries of each job as an append-only NDJSON file. Appends are batched (one write per
// file every few milliseconds) so a chatty replica costs few system calls; files are fsynced
// every couple of seconds and on close. A process crash loses at most the last batch not yet
// written; a machine crash at most the last seconds. A torn last line is cut off on load.
// A write that fails (a full disk) never throws out of a timer: the file is cut back to its last
// whole line, the batch is dropped and `onWriteFailed` names the keys (jobs) that lost entries.
import fs from 'node:fs';
import path from 'node:path';
import type {LogRecord} from './log-store.js';
import {writeFileAtomic} from '../contract/private-files.js';
import {writeAllSync} from '../contract/disk-full.js';

export type WriteFailure = (keys: string[], error: unknown) => void;

const FLUSH_MS = 25;
const FSYNC_MS = 2000;
const FLUSH_NOW_BYTES = 1 << 20;

function serialise(record: LogRecord): string {
  return `${JSON.stringify({...record, timestampNs: record.timestampNs.toString()})}\n`;
}

function deserialise(line: string): LogRecord | undefined {
  try {
    const value = JSON.parse(line) as LogRecord & {timestampNs: string};
    if (typeof value.insertId !== 'string' || typeof value.timestampNs !== 'string')
      return undefined;
    return {...value, timestampNs: BigInt(value.timestampNs)};
  } catch {
    return undefined;
  }
}

export class LogFiles {
  private readonly pending = new Map<string, string[]>();
  private pendingBytes = 0;
  private readonly fds = new Map<string, number>();
  private readonly unsynced = new Set<string>();
  private readonly bytes = new Map<string, number>();
  /** Bytes of each open file known to be on disk: where a failed append is cut back to. */
  private readonly written = new Map<string, number>();
  /** Set by the log store: told which keys lost entries to a failed write. */
  onWriteFailed: WriteFailure = () => {};
  /** Files with an fsync running in the thread pool. */
  private readonly syncing = new Set<string>();
  private flushTimer: NodeJS.Timeout | undefined;
  private readonly syncTimer: NodeJS.Timeout;

  constructor(private readonly dir: string) {
    fs.mkdirSync(dir, {recursive: true, mode: 0o700});
    this.syncTimer = setInterval(() => this.syncInBackground(), FSYNC_MS);
    this.syncTimer.unref();
  }

  private file(key: string): string {
    return path.join(this.dir, `${key}.ndjson`);
  }

  /** Reads every job's file, repairing a torn last line. */
  load(): Map<string, LogRecord[]> {
    const result = new Map<string, LogRecord[]>();
    for (const name of fs.readdirSync(this.dir)) {
      if (name.endsWith('.tmp')) {
        fs.rmSync(path.join(this.dir, name), {force: true});
        continue;
      }
      if (!name.endsWith('.ndjson')) continue;
      const key = name.slice(0, -'.ndjson'.length);
      const file = this.file(key);
      const text = fs.readFileSync(file, 'utf8');
      const complete = text.lastIndexOf('\n') + 1;
      // Appending after a half-written line would glue the next entry onto it: cut it off.
      if (complete < text.length) fs.truncateSync(file, Buffer.byteLength(text.slice(0, complete)));
      const records: LogRecord[] = [];
      for (const line of text.slice(0, complete).split('\n')) {
        const record = line ? deserialise(line) : undefined;
        if (record) records.push(record);
      }
      result.set(key, records);
      this.bytes.set(key, Buffer.byteLength(text.slice(0, complete)));
    }
    return result;
  }

  append(key: string, record: LogRecord): void {
    const line = serialise(record);
    const size = Buffer.byteLength(line);
    const lines = this.pending.get(key) ?? [];
    lines.push(line);
    this.pending.set(key, lines);
    this.pendingBytes += size;
    this.bytes.set(key, (this.bytes.get(key) ?? 0) + size);
    if (this.pendingBytes >= FLUSH_NOW_BYTES) this.flush();
    else this.flushTimer ??= setTimeout(() => this.flush(), FLUSH_MS);
  }

  flush(): void {
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    const failed: string[] = [];
    let failure: unknown;
    for (const [key, lines] of this.pending) {
      const text = Buffer.from(lines.join(''), 'utf8');
      try {
        this.writeOut(key, text);
      } catch (error) {
        failed.push(key);
        failure = error;
        this.bytes.set(key, Math.max(0, (this.bytes.get(key) ?? 0) - text.length));
      }
    }
    this.pending.clear();
    this.pendingBytes = 0;
    // After the batch is settled: the handler may append (a job's failure message) again.
    if (failed.length > 0) this.onWriteFailed(failed, failure);
  }

  private writeOut(key: string, text: Buffer): void {
    let fd = this.fds.get(key);
    if (fd === undefined) {
      fd = fs.openSync(this.file(key), 'a', 0o600);
      this.fds.set(key, fd);
      this.written.set(key, fs.fstatSync(fd).size);
    }
    const before = this.written.get(key) ?? 0;
    try {
      writeAllSync(fd, text, this.file(key));
    } catch (error) {
      // Part of the batch may be on disk: cut it off so the next append starts on a whole line.
      try {
        fs.ftruncateSync(fd, before);
      } catch {
        this.closeFile(key); // load() cuts a torn last line off
      }
      throw error;
    }
    this.written.set(key, before + text.length);
    this.unsynced.add(key);
  }

  /** Writes out and fsyncs every file now (on close: nothing may be left unsynced). */
  sync(): void {
    this.flush();
    for (const key of this.unsynced) {
      const fd = this.fds.get(key);
      if (fd !== undefined) fs.fsyncSync(fd);
    }
    this.unsynced.clear();
  }

  /**
   * The periodic fsync runs in libuv's thread pool: a chatty job writes megabytes between two
   * syncs, and a synchronous fsync of that on a busy disk held the event loop (every tail, every
   * replica's pipe) for hundreds of milliseconds. A file whose last fsync is still running is
   * left for the next round. An fd closed meanwhile only makes that fsync fail, which is harmless.
   */
  private syncInBackground(): void {
    this.flush();
    for (const key of this.unsynced) {
      const fd = this.fds.get(key);
      if (fd === undefined || this.syncing.has(key)) continue;
      this.syncing.add(key);
      this.unsynced.delete(key);
      fs.fsync(fd, () => this.syncing.delete(key));
    }
  }

  /** Replaces a job's file with exactly `records` (after pruning), atomically. */
  rewrite(key: string, records: readonly LogRecord[]): void {
    if (records.length === 0) return this.remove(key);
    this.dropPending(key);
    this.closeFile(key);
    const text = records.map(serialise).join('');
    try {
      writeFileAtomic(this.file(key), text);
    } catch (error) {
      // The old file stays whole (more entries than kept in memory, pruned again later).
      this.onWriteFailed([key], error);
      return;
    }
    this.bytes.set(key, Buffer.byteLength(text));
  }

  remove(key: string): void {
    this.dropPending(key);
    this.closeFile(key);
    fs.rmSync(this.file(key), {force: true});
    this.bytes.delete(key);
  }

  totalBytes(): number {
    let total = 0;
    for (const size of this.bytes.values()) total += size;
    return total;
  }

  close(): void {
    this.sync();
    clearInterval(this.syncTimer);
    for (const key of [...this.fds.keys()]) this.closeFile(key);
  }

  private dropPending(key: string): void {
    for (const line of this.pending.get(key) ?? []) this.pendingBytes -= Buffer.byteLength(line);
    this.pending.delete(key);
  }

  private closeFile(key: string): void {
    const fd = this.fds.get(key);
    if (fd === undefined) return;
    fs.closeSync(fd);
    this.fds.delete(key);
    this.written.delete(key);
    this.unsynced.delete(key);
  }
}
