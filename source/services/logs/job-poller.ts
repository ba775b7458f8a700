// Polls one job for its state. Polls quickly while the state changes and backs off while it does
// not (and after errors); stops for good once the job is terminal. Time in state comes from the
// job's own timestamps, so nothing here needs to see a state change as it happens.
import {isTerminalState} from '../../core/job-spec/index.js';
import type {JobKind, JobsApi} from '../vertex/api.js';
import {toJobSnapshot, type CustomJobMessage, type JobSummary} from '../vertex/job-snapshot.js';

export interface JobPollerOptions {
  jobs: JobsApi;
  kind: JobKind;
  name: string;
  onJob(job: JobSummary): void;
  onError?(message: string): void;
  /** First and shortest interval (default 1 s). */
  minMs?: number;
  /** Longest interval while nothing changes (default 10 s). */
  maxMs?: number;
}

export class JobPoller {
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  private paused = false;
  private intervalMs: number;
  private lastKey = '';
  private terminal = false;

  constructor(private readonly options: JobPollerOptions) {
    this.intervalMs = options.minMs ?? 1000;
  }

  start(delayMs = 0): void {
    this.schedule(delayMs);
  }

  /** Stops polling until resume (a screen that is not on top). */
  pause(): void {
    this.paused = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  resume(): void {
    if (!this.paused) return;
    this.paused = false;
    this.schedule(0);
  }

  /** Polls now (after an action such as cancel) and resets the backoff. */
  pollSoon(): void {
    this.intervalMs = this.options.minMs ?? 1000;
    if (this.terminal) this.terminal = false;
    this.schedule(0);
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private schedule(ms: number): void {
    if (this.stopped || this.paused || this.terminal) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.poll(), ms);
  }

  private async poll(): Promise<void> {
    this.timer = undefined;
    const minMs = this.options.minMs ?? 1000;
    const maxMs = this.options.maxMs ?? 10_000;
    try {
      const message = await this.options.jobs.getJob(this.options.kind, this.options.name);
      if (this.stopped) return;
      const job = toJobSnapshot(message as CustomJobMessage, this.options.kind);
      const key = `${job.state}|${job.updateTime?.getTime() ?? ''}`;
      this.intervalMs = key === this.lastKey ? Math.min(maxMs, this.intervalMs * 1.5) : minMs;
      this.lastKey = key;
      this.terminal = isTerminalState(job.state);
      this.options.onJob(job);
    } catch (error) {
      if (this.stopped) return;
      this.intervalMs = Math.min(30_000, this.intervalMs * 2);
      this.options.onError?.((error as Error).message);
    }
    this.schedule(this.intervalMs);
  }
}
