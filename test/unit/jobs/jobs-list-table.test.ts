// `vtrain-tui jobs list` in a terminal keeps one aligned row per job: the last column (resources,
// or a failed job's long error) is cut at the terminal's width; a pipe (no width) gets it whole.
import {describe, expect, it} from 'vitest';
import {table} from '../../../source/entry/commands/jobs.js';
import {summarise} from '../../../source/services/jobs/job-summary.js';

const PARENT = 'projects/p/locations/us-central1';
const error =
  "5 trial(s) failed, which reaches max_failed_trial_count (5). Trial 5: The trial's CustomJob failed: The replica workerpool1-1 exited with a non-zero status of 2.";
const rows = [
  summarise('custom', {
    name: `${PARENT}/customJobs/1`,
    displayName: 'failed-run',
    state: 'JOB_STATE_FAILED',
    createTime: {seconds: '1700000000', nanos: 0},
    error: {code: 9, message: error},
  }),
  summarise('custom', {
    name: `${PARENT}/customJobs/2`,
    displayName: 'ok-run',
    state: 'JOB_STATE_SUCCEEDED',
    createTime: {seconds: '1700000000', nanos: 0},
    jobSpec: {workerPoolSpecs: [{machineSpec: {machineType: 'n1-standard-4'}, replicaCount: 1}]},
  }),
];
const now = 1_700_000_600_000;

describe('jobs list table', () => {
  it('cuts the last column at the terminal width, one row per job', () => {
    const lines = table(rows, now, 120).split('\n');
    expect(lines).toHaveLength(3);
    for (const line of lines) expect([...line].length).toBeLessThanOrEqual(120);
    expect(lines[1]).toMatch(/^failed-run .* error: 5 trial\(s\) failed, .*…$/);
    expect(lines[2]).toMatch(/ok-run .* n1-standard-4 ×1$/);
  });

  it('keeps at least 12 columns of it on a very narrow terminal, and all of it in a pipe', () => {
    const narrow = table(rows, now, 40).split('\n');
    expect(narrow[1]).toMatch(/error: 5 tr…$/);
    expect(table(rows, now).split('\n')[1]).toContain(`error: ${error}`);
  });
});
