// The store every emulator service keeps its records in (custom jobs, tuning jobs, training
// pipelines, datasets), newest first. Opened on a folder, every change is written at once as one
// JSON file per record (temp file + rename; the layout is contract/job-records.ts), so a crash
// at any moment leaves each record whole. A job's record also keeps the identity of its live
// replica processes, so a restarted service can kill the ones a crashed service left behind
// without touching a recycled pid. On a full disk a change stays in memory (the file keeps its
// last whole version) and is written once space is back (records/disk-space.ts); only a new
// record that cannot be written is refused (insert), so nothing exists that a restart would lose.
import fs from 'node:fs';
import path from 'node:path';
import {writeFileAtomic} from '../contract/private-files.js';
import {isTerminalState} from '../../core/job-spec/index.js';
import {isNoSpaceError} from '../contract/disk-full.js';
import type {DiskSpace} from './disk-space.js';
import {
  deserialise,
  JOB_ID,
  recordFile,
  serialise,
  type ReplicaIdentity,
  type StoredRecord,
} from '../contract/job-records.js';

export type {ReplicaIdentity, StoredRecord} from '../contract/job-records.js';

export class RecordStore<R extends StoredRecord> {
  private readonly jobs = new Map<string, R>();
  private readonly replicas = new Map<string, ReplicaIdentity[]>();
  private counter = 0;
  /** Records changed in memory whose file could not be written (a full disk). */
  private readonly unwritten = new Set<string>();
  private disk: DiskSpace | undefined;
  /** Records that could not be read on open: the reason and where the file was moved. */
  readonly unreadable: {file: string; reason: string; movedTo?: string}[] = [];

  /** In memory only when `folder` is undefined. */
  constructor(private readonly folder?: string) {}

  /** Opens (creating) a persistent store and loads every record in it. */
  static open<R extends StoredRecord>(
    folder: string,
    options: {
      readOnly?: boolean;
      /**
       * Stands in for a record that cannot be read (moved aside as ID.json.unreadable-TIME), so
       * the job stays visible, e.g. FAILED with "record unreadable: moved to …".
       */
      placeholder?: (id: string, text: string, reason: string, movedTo: string) => R | undefined;
      /** Told about a full disk; the unwritten records are written when it says space is back. */
      disk?: DiskSpace;
    } = {},
  ): RecordStore<R> {
    if (!options.readOnly) fs.mkdirSync(folder, {recursive: true, mode: 0o700});
    const store = new RecordStore<R>(options.readOnly ? undefined : folder);
    if (options.disk && !options.readOnly) {
      store.disk = options.disk;
      options.disk.onFreed(() => store.writeUnwritten());
    }
    for (const name of fs.readdirSync(folder)) {
      const file = path.join(folder, name);
      if (name.endsWith('.tmp')) {
        if (options.readOnly) continue;
        // A write interrupted before its rename: the previous version is still intact.
        fs.rmSync(file, {force: true});
        continue;
      }
      if (!name.endsWith('.json')) continue;
      try {
        const {job, replicas} = deserialise<R>(fs.readFileSync(file, 'utf8'));
        store.jobs.set(job.id, job);
        if (replicas.length > 0) store.replicas.set(job.id, replicas);
      } catch (error) {
        const reason = (error as Error).message;
        if (options.readOnly) {
          store.unreadable.push({file, reason});
          continue;
        }
        const movedTo = `${file}.unreadable-${Date.now()}`;
        let text = '';
        try {
          text = fs.readFileSync(file, 'utf8');
          fs.renameSync(file, movedTo);
        } catch {
          continue; // vanished meanwhile
        }
        store.unreadable.push({file, reason, movedTo});
        const id = name.slice(0, -'.json'.length);
        const placeholder = JOB_ID.test(id)
          ? options.placeholder?.(id, text, reason, movedTo)
          : undefined;
        if (placeholder) store.put(placeholder);
      }
    }
    return store;
  }

  nextId(): string {
    // Vertex job ids are long decimal numbers; keep that shape and make them sortable.
    this.counter = (this.counter + 1) % 1000;
    return `${Date.now()}${String(this.counter).padStart(3, '0')}${Math.floor(Math.random() * 1000)
      .toString()
      .padStart(3, '0')}`;
  }

  /** Stores a change; false when the disk is full and it is kept in memory until space is back. */
  put(job: R): boolean {
    this.jobs.set(job.id, job);
    // A finished job's replicas have been stopped; nothing is left to recover.
    if (isTerminalState(job.state)) this.replicas.delete(job.id);
    return this.persist(job);
  }

  /**
   * Stores a new record, or throws the disk-full refusal (RESOURCE_EXHAUSTED) and keeps nothing
   * when it cannot be written: a job the service accepted must survive a restart.
   */
  insert(job: R): void {
    if (this.put(job)) return;
    this.jobs.delete(job.id);
    this.replicas.delete(job.id);
    this.unwritten.delete(job.id);
    throw this.disk?.error() ?? new Error(`no space left to store ${job.id}`);
  }

  /** Writes the records a full disk held back; the ones that still fail wait for the next time. */
  writeUnwritten(): void {
    for (const id of [...this.unwritten]) {
      const job = this.jobs.get(id);
      if (!job) this.unwritten.delete(id);
      else if (!this.persist(job)) return;
    }
  }

  get(id: string): R | undefined {
    return this.jobs.get(id);
  }

  list(): R[] {
    return [...this.jobs.values()].sort((a, b) => (a.createTimeNs < b.createTimeNs ? 1 : -1));
  }

  /** Removes a job record (memory and disk); false when there was none. */
  delete(id: string): boolean {
    const existed = this.jobs.delete(id);
    this.replicas.delete(id);
    this.unwritten.delete(id);
    if (existed && this.folder && JOB_ID.test(id))
      fs.rmSync(recordFile(this.folder, id), {force: true});
    return existed;
  }

  /** Remembers a started replica process so a later service can recognise it. */
  recordReplica(jobId: string, replica: ReplicaIdentity): void {
    const job = this.jobs.get(jobId);
    if (!job || isTerminalState(job.state)) return;
    const list = (this.replicas.get(jobId) ?? []).filter(
      (known) => known.replica !== replica.replica,
    );
    list.push(replica);
    this.replicas.set(jobId, list);
    this.persist(job);
  }

  replicasOf(jobId: string): readonly ReplicaIdentity[] {
    return this.replicas.get(jobId) ?? [];
  }

  private persist(job: R): boolean {
    if (!this.folder) return true;
    if (!JOB_ID.test(job.id)) throw new Error(`refusing to store a job with the id "${job.id}"`);
    try {
      writeFileAtomic(
        recordFile(this.folder, job.id),
        serialise(job, this.replicas.get(job.id) ?? []),
      );
    } catch (error) {
      if (!isNoSpaceError(error)) throw error;
      // writeFileAtomic left the previous version whole; this one is written when space is back.
      this.unwritten.add(job.id);
      this.disk?.noteWriteError(error);
      return false;
    }
    this.unwritten.delete(job.id);
    return true;
  }
}
