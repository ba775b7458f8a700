// The latest `service` log entries of a job (Vertex's own lines about it: provisioning, capacity,
// stockouts, quota), kept apart from the bounded line store so a noisy job's output cannot evict
// them. The pending reason (services/jobs/pending-reason.ts) reads them while a job waits.
import type {LogLine} from '../vertex/log-line.js';

export interface ServiceNote {
  message: string;
  timestampMs: number;
  severity: string;
}

/** Enough for every line a waiting job gets (a stockout is retried up to 3 times). */
const KEEP = 32;

export class ServiceNotes {
  private notes: ServiceNote[] = [];

  /** Takes one received line; only `service` entries are kept, in timestamp order. */
  observe(line: LogLine): void {
    if (line.replica !== 'service') return;
    const note = {message: line.message, timestampMs: line.timestampMs, severity: line.severity};
    let index = this.notes.length;
    while (index > 0 && this.notes[index - 1]!.timestampMs > note.timestampMs) index--;
    // An entry older than all we keep while full is not news.
    if (index === 0 && this.notes.length >= KEEP) return;
    this.notes.splice(index, 0, note);
    if (this.notes.length > KEEP) this.notes.shift();
  }

  recent(): readonly ServiceNote[] {
    return this.notes;
  }
}
