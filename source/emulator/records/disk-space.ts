// Watches the free space of the emulator's data folder so a full disk is a state the service
// lives through, not a crash: a write that fails with ENOSPC/EDQUOT is reported here (the record
// stores, the log files, Cloud Storage uploads), new work is refused while space is short (under
// MIN_FREE_BYTES, or since the last failed write), and once space is back the listeners write
// what had to wait (records kept in memory only) and the service carries on.
import fs from 'node:fs';
import * as grpc from '@grpc/grpc-js';
import {RpcError} from '../rpc/grpc-errors.js';
import {diskFullMessage, injectedNoSpace, isNoSpaceError} from '../contract/disk-full.js';

/** Below this much free space no new job, dataset or upload is taken (records and logs need room). */
export const MIN_FREE_BYTES = 256 * 1024;
const RECHECK_MS = 2000;

export class DiskSpace {
  private full = false;
  private timer: NodeJS.Timeout | undefined;
  private readonly freedListeners = new Set<() => void>();

  constructor(
    /** The data folder: named in the message, probed with statfs. */
    readonly dir: string,
    private readonly log: (message: string) => void = () => {},
  ) {}

  /** Reports a failed write; true (and the disk is full from now on) when it was for lack of space. */
  noteWriteError(error: unknown): boolean {
    if (!isNoSpaceError(error)) return false;
    if (!this.full) {
      this.full = true;
      this.log(`${diskFullMessage(this.dir)}. New jobs and uploads are refused until then.`);
      // Space freed by the user is noticed without waiting for the next call.
      this.timer = setInterval(() => this.isFull(), RECHECK_MS);
      this.timer.unref();
    }
    return true;
  }

  /** Whether space is short now; a full disk that has room again is reported as freed. */
  isFull(): boolean {
    const room = this.hasRoom();
    if (this.full && room) {
      this.full = false;
      if (this.timer) clearInterval(this.timer);
      this.timer = undefined;
      this.log(`free space is back under ${this.dir}; taking new work again.`);
      for (const listener of this.freedListeners) listener();
      return this.full;
    }
    return this.full || !room;
  }

  /** Throws the RESOURCE_EXHAUSTED refusal (contract/disk-full.ts) while space is short. */
  refuseIfFull(): void {
    if (this.isFull()) throw this.error();
  }

  error(): RpcError {
    return new RpcError(grpc.status.RESOURCE_EXHAUSTED, diskFullMessage(this.dir));
  }

  /** Runs `listener` each time space comes back after a full disk. */
  onFreed(listener: () => void): () => void {
    this.freedListeners.add(listener);
    return () => this.freedListeners.delete(listener);
  }

  close(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  private hasRoom(): boolean {
    try {
      injectedNoSpace(this.dir, 'statfs');
      const stats = fs.statfsSync(this.dir);
      return stats.bavail * stats.bsize >= MIN_FREE_BYTES;
    } catch (error) {
      return !isNoSpaceError(error);
    }
  }
}
