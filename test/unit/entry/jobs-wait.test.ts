// The polling loop of `jobs wait` with a scripted job and a fake clock: states are reported once
// each, blips are retried with backoff, anything else ends the wait, the timeout is honoured, and
// only SUCCEEDED is exit 0. The real path (CLI, emulator) is in test/e2e/jobs-command.test.ts.
import {describe, expect, it} from 'vitest';
import type {JobState} from '../../../source/core/job-spec/index.js';
import {
  exitCodeForEndState,
  parseWaitDuration,
  pollUntilEnded,
  WaitTimedOut,
} from '../../../source/entry/commands/jobs-wait.js';
import {ApiError} from '../../../source/services/vertex/api.js';
import type {JobSummary} from '../../../source/services/vertex/job-snapshot.js';

const job = (state: JobState): JobSummary => ({
  kind: 'custom',
  name: 'projects/p/locations/us-central1/customJobs/1',
  id: '1',
  displayName: 'j',
  state,
  labels: {},
  resource: {},
});

/** A job that answers each read with the next scripted outcome (the last one repeats). */
function scripted(outcomes: Array<JobState | Error>) {
  let clock = 0;
  const sleeps: number[] = [];
  let reads = 0;
  return {
    sleeps,
    reads: () => reads,
    options: {
      read: async () => {
        const outcome = outcomes[Math.min(reads++, outcomes.length - 1)]!;
        if (outcome instanceof Error) throw outcome;
        return job(outcome);
      },
      sleep: async (ms: number) => {
        sleeps.push(ms);
        clock += ms;
      },
      now: () => clock,
    },
  };
}

const unavailable = () => new ApiError('connection refused', 14, undefined);

describe('jobs wait: the polling loop', () => {
  it('reports each state once and returns the ended job', async () => {
    const script = scripted([
      'JOB_STATE_PENDING',
      'JOB_STATE_RUNNING',
      'JOB_STATE_RUNNING',
      'JOB_STATE_SUCCEEDED',
    ]);
    const seen: string[] = [];
    const ended = await pollUntilEnded({
      ...script.options,
      intervalMs: 1000,
      onState: (j) => seen.push(j.state),
      onRetry: () => {},
    });
    expect(ended.state).toBe('JOB_STATE_SUCCEEDED');
    expect(seen).toEqual(['JOB_STATE_PENDING', 'JOB_STATE_RUNNING', 'JOB_STATE_SUCCEEDED']);
    expect(script.sleeps).toEqual([1000, 1000, 1000]);
  });

  it('retries UNAVAILABLE with backoff and resets it after a good read', async () => {
    const script = scripted([
      'JOB_STATE_RUNNING',
      unavailable(),
      unavailable(),
      'JOB_STATE_RUNNING',
      'JOB_STATE_FAILED',
    ]);
    const retries: unknown[] = [];
    const ended = await pollUntilEnded({
      ...script.options,
      intervalMs: 1000,
      onState: () => {},
      onRetry: (error) => retries.push(error),
    });
    expect(ended.state).toBe('JOB_STATE_FAILED');
    expect(retries).toHaveLength(2);
    expect(script.sleeps).toEqual([1000, 2000, 4000, 1000]);
  });

  it('gives up after too many blips in a row, and at once on a non-transient error', async () => {
    const flaky = scripted(['JOB_STATE_RUNNING', unavailable()]);
    await expect(
      pollUntilEnded({...flaky.options, intervalMs: 1000, onState: () => {}, onRetry: () => {}}),
    ).rejects.toThrow('connection refused');
    expect(flaky.reads()).toBe(10); // one good read, then 1 + 8 retried failures
    const denied = scripted([new ApiError('denied', 7, undefined)]);
    await expect(
      pollUntilEnded({...denied.options, intervalMs: 1000, onState: () => {}, onRetry: () => {}}),
    ).rejects.toThrow('denied');
    expect(denied.reads()).toBe(1);
  });

  it('times out with the last state seen, never sleeping past the timeout', async () => {
    const script = scripted(['JOB_STATE_RUNNING']);
    const waiting = pollUntilEnded({
      ...script.options,
      intervalMs: 4000,
      timeoutMs: 10_000,
      onState: () => {},
      onRetry: () => {},
    });
    await expect(waiting).rejects.toBeInstanceOf(WaitTimedOut);
    await expect(waiting).rejects.toThrow(/still RUNNING/);
    expect(script.sleeps).toEqual([4000, 4000, 2000]);
  });
});

describe('jobs wait: flags and exit codes', () => {
  it('parses durations and refuses what is not one, naming the flag', () => {
    expect(parseWaitDuration('--timeout', '90s')).toBe(90_000);
    expect(parseWaitDuration('--timeout', '1.5h')).toBe(5_400_000);
    expect(parseWaitDuration('--interval', '2m')).toBe(120_000);
    for (const bad of ['', '10', '0s', '-1m', 'soon', '1e400d'])
      expect(() => parseWaitDuration('--timeout', bad), bad).toThrow(/--timeout .* 90s, 15m/);
  });

  it('exits 0 only for SUCCEEDED', () => {
    expect(exitCodeForEndState('JOB_STATE_SUCCEEDED')).toBe(0);
    for (const state of [
      'JOB_STATE_FAILED',
      'JOB_STATE_CANCELLED',
      'JOB_STATE_EXPIRED',
      'JOB_STATE_PARTIALLY_SUCCEEDED',
    ] as const)
      expect(exitCodeForEndState(state), state).toBe(1);
  });
});
