import {describe, expect, it, vi} from 'vitest';
import {
  cancelUnavailable,
  JOB_COMMANDS,
  jobCommands,
  type JobActionRunners,
} from '../../../source/ui/job-actions/job-commands.js';
import type {JobSummary} from '../../../source/services/vertex/job-snapshot.js';
import {Keymap} from '../../../source/ui/shell/keys/keymap.js';

const running: JobSummary = {
  kind: 'custom',
  name: 'projects/p/locations/r/customJobs/1',
  id: '1',
  labels: {},
  displayName: 'train',
  state: 'JOB_STATE_RUNNING',
  resource: {},
};

function runners(): JobActionRunners & Record<string, ReturnType<typeof vi.fn>> {
  return {
    describe: vi.fn(),
    openLogs: vi.fn(),
    cancel: vi.fn(),
    clone: vi.fn(),
    copyName: vi.fn(),
    showConsoleUrl: vi.fn(),
    reread: vi.fn(),
  };
}

describe('jobCommands', () => {
  it('gives every job command its binding record and runs the matching action on the job', () => {
    const run = runners();
    const records = jobCommands(new Keymap(), running, run);
    expect(records.map((record) => record.command)).toEqual(JOB_COMMANDS);
    const cancel = records.find((record) => record.command === 'jobs.cancel')!;
    expect(cancel).toMatchObject({
      description: 'cancel the job (asks first)',
      hint: 'cancel',
      dangerous: true,
      mutates: true,
    });
    expect(cancel.disabledReason).toBeUndefined();
    cancel.run();
    expect(run.cancel).toHaveBeenCalledWith(running);
    records.find((record) => record.command === 'jobs.logs')!.run();
    expect(run.openLogs).toHaveBeenCalledWith(running);
    records.find((record) => record.command === 'jobs.consoleUrl')!.run();
    expect(run.showConsoleUrl).toHaveBeenCalledWith(running);
  });

  it('says why each one does not apply when no job is selected, and runs nothing', () => {
    const run = runners();
    const records = jobCommands(new Keymap(), undefined, run);
    for (const record of records) {
      expect(record.disabledReason).toBe('no job selected');
      record.run();
    }
    for (const action of Object.values(run)) expect(action).not.toHaveBeenCalled();
  });

  it('refuses to cancel a job that ended or is being cancelled, leaving the others', () => {
    const ended = {...running, state: 'JOB_STATE_SUCCEEDED'} as const;
    const records = jobCommands(new Keymap(), ended, runners());
    const reasons = Object.fromEntries(records.map((r) => [r.command, r.disabledReason]));
    expect(reasons['jobs.cancel']).toBe('the job has already ended');
    expect(reasons['jobs.describe']).toBeUndefined();
    expect(cancelUnavailable({...running, state: 'JOB_STATE_CANCELLING'})).toBe(
      'the job is already being cancelled',
    );
  });

  it('never acts on a cached row: every command re-reads the job and acts on the fresh one', () => {
    const cached = {...running, cachedAt: 1_800_000_000_000};
    const fresh: JobSummary = {...running, state: 'JOB_STATE_CANCELLED', resource: {name: 'x'}};
    for (const command of JOB_COMMANDS) {
      const run = runners();
      const record = jobCommands(new Keymap(), cached, run).find((r) => r.command === command)!;
      record.run();
      expect(run.reread).toHaveBeenCalledTimes(1);
      expect(vi.mocked(run.reread).mock.calls[0]![0]).toBe(cached);
      const acted = Object.entries(run).filter(
        ([name, action]) => name !== 'reread' && action.mock.calls.length > 0,
      );
      expect(acted, command).toEqual([]);
      // Once re-read, the command runs on the job as read now, not on the cached row.
      const act = vi.mocked(run.reread).mock.calls[0]![1] as (job: JobSummary) => void;
      act(fresh);
      const [ran] = Object.values(run).filter(
        (action) => action.mock.calls.length > 0 && action !== run.reread,
      );
      expect(ran!.mock.calls).toEqual([[fresh]]);
    }
    // A live row acts at once.
    const run = runners();
    jobCommands(new Keymap(), running, run)
      .find((r) => r.command === 'jobs.describe')!
      .run();
    expect(run.describe).toHaveBeenCalledWith(running);
    expect(run.reread).not.toHaveBeenCalled();
  });
});
