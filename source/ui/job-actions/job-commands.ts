// The commands on one job, written once: describe, open on its logs, cancel, clone, copy its name,
// show its console URL. Each record says what the command runs and, for this job, why it does not
// apply (no job selected, already ended); the job list and every dashboard attach the same records
// (useCommands({attach})), and the keymap's `job` scope says which keys reach them on which screen.
// A row of the cached job list is never acted on: every command re-reads that job first and acts
// on what the backend answers (services/jobs/job-list-cache.ts).
import {isTerminalState} from '../../core/job-spec/job-state.js';
import {isCachedRow} from '../../services/jobs/job-list-cache.js';
import {commandRecord, type CommandRecord} from '../shell/keys/command-record.js';
import type {Command, Keymap} from '../shell/keys/keymap.js';
import type {JobSummary} from '../../services/vertex/job-snapshot.js';

/** What each job command does to a job (use-job-actions.ts gives the app's). */
export interface JobActionRunners {
  describe(job: JobSummary): void;
  openLogs(job: JobSummary): void;
  cancel(job: JobSummary): unknown;
  clone(job: JobSummary): void;
  copyName(job: JobSummary): void;
  showConsoleUrl(job: JobSummary): void;
  /** Re-reads a job shown from the cache, then calls `act` with the job as read now. */
  reread(job: JobSummary, act: (fresh: JobSummary) => void): void;
}

const RUNNERS = {
  'jobs.describe': 'describe',
  'jobs.logs': 'openLogs',
  'jobs.cancel': 'cancel',
  'jobs.clone': 'clone',
  'jobs.copyName': 'copyName',
  'jobs.consoleUrl': 'showConsoleUrl',
} as const satisfies Partial<Record<Command, keyof JobActionRunners>>;

export type JobCommand = keyof typeof RUNNERS;
export const JOB_COMMANDS = Object.keys(RUNNERS) as JobCommand[];

/** Why cancel does not apply to `job`, or undefined when it does. */
export function cancelUnavailable(job: JobSummary | undefined): string | undefined {
  if (!job) return 'no job selected';
  if (job.state === 'JOB_STATE_CANCELLING') return 'the job is already being cancelled';
  if (isTerminalState(job.state)) return 'the job has already ended';
  return undefined;
}

function unavailable(command: JobCommand, job: JobSummary | undefined): string | undefined {
  if (command === 'jobs.cancel') return cancelUnavailable(job);
  return job ? undefined : 'no job selected';
}

/** The job commands for `job` (undefined: nothing selected, every one says so). */
export function jobCommands(
  keymap: Keymap,
  job: JobSummary | undefined,
  runners: JobActionRunners,
): CommandRecord[] {
  return JOB_COMMANDS.map((command) =>
    commandRecord(
      keymap,
      command,
      () => {
        if (!job) return;
        const run = (current: JobSummary) => void runners[RUNNERS[command]](current);
        if (isCachedRow(job)) runners.reread(job, run);
        else run(job);
      },
      unavailable(command, job),
    ),
  );
}
