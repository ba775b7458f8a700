// CustomJob records, newest first. Persistence to disk arrives with issue #4.
import type {JobRecord} from './job-record.js';

export class JobStore {
  private readonly jobs = new Map<string, JobRecord>();
  private counter = 0;

  nextId(): string {
    // Vertex job ids are long decimal numbers; keep that shape and make them sortable.
    this.counter = (this.counter + 1) % 1000;
    return `${Date.now()}${String(this.counter).padStart(3, '0')}${Math.floor(Math.random() * 1000)
      .toString()
      .padStart(3, '0')}`;
  }

  put(job: JobRecord): void {
    this.jobs.set(job.id, job);
  }

  get(id: string): JobRecord | undefined {
    return this.jobs.get(id);
  }

  /** Removes a job record; false when there was none. */
  delete(id: string): boolean {
    return this.jobs.delete(id);
  }

  list(): JobRecord[] {
    return [...this.jobs.values()].sort((a, b) => (a.createTimeNs < b.createTimeNs ? 1 : -1));
  }
}
