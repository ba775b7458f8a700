// Decides when "a job the user opened has ended" (issue #24's opt-in notice): a job counts once its
// dashboard was opened in this run, and it is announced once, the first time it is seen in a
// terminal state after having been seen unfinished. A job that had already ended when it was
// opened is never announced (the user is looking at the result), nor one that is seen again.
// Observations come from every place that reads job states (the dashboard's poller and the job
// list's refresh), so the notice comes even after the user went back to the list.
import {isTerminalState, shortState, type JobState} from '../../core/job-spec/job-state.js';

export interface ObservedJob {
  name: string;
  displayName: string;
  state: JobState;
}

export interface JobEnded {
  name: string;
  title: string;
  body: string;
}

export class EndWatch {
  /** Opened jobs still running when last seen. */
  private readonly watching = new Set<string>();
  private readonly announced = new Set<string>();

  /** The user opened this job (its dashboard); it is watched only if it has not ended. */
  opened(job: ObservedJob): void {
    if (!isTerminalState(job.state) && !this.announced.has(job.name)) this.watching.add(job.name);
  }

  /** A fresh state of any job; returns the notice to give, once, when a watched job ended. */
  observe(job: ObservedJob): JobEnded | undefined {
    if (!this.watching.has(job.name) || !isTerminalState(job.state)) return undefined;
    this.watching.delete(job.name);
    this.announced.add(job.name);
    return {
      name: job.name,
      title: 'vtrain-tui',
      body: `${job.displayName || job.name.split('/').pop()} ${shortState(job.state).toLowerCase().replace(/_/g, ' ')}`,
    };
  }
}
