// The dashboard header's cost (issue #24): so far and per hour from the job's own startTime /
// endTime, labelled "estimate, list price, compute only", "on Vertex" on the emulator, and the
// reason when the price table does not list the job's machines.
import {render} from 'ink-testing-library';
import React from 'react';
import {describe, expect, it} from 'vitest';
import {BUILTIN_CATALOG, type Catalog} from '../../source/core/job-spec/index.js';
import {costSummary, jobCost} from '../../source/services/jobs/job-cost.js';
import {summarise} from '../../source/services/jobs/job-summary.js';
import {JobHeader} from '../../source/ui/screens/dashboard/JobHeader.js';

const catalog: Catalog = {
  ...BUILTIN_CATALOG,
  prices: [{kind: 'machine', name: 'n1-standard-4', region: 'us-central1', usdPerHour: 0.25}],
};
const START = Date.parse('2026-12-06T08:00:00Z');
const seconds = (ms: number) => ({seconds: String(ms / 1000)});

function job(region = 'us-central1', fields: Record<string, unknown> = {}) {
  return summarise('custom', {
    name: `projects/p/locations/${region}/customJobs/42`,
    displayName: 'train',
    state: 'JOB_STATE_RUNNING',
    createTime: seconds(START),
    startTime: seconds(START),
    jobSpec: {workerPoolSpecs: [{machineSpec: {machineType: 'n1-standard-4'}, replicaCount: 2}]},
    ...fields,
  });
}

function header(summary: ReturnType<typeof job>, now: number, local: boolean) {
  return render(
    <JobHeader
      job={summary}
      kind="custom"
      now={now}
      backendLabel={local ? 'local emulator us-central1' : 'Vertex AI us-central1'}
      cost={costSummary(jobCost(summary, catalog, now), local)}
    />,
  ).lastFrame()!;
}

describe('dashboard header cost', () => {
  it('shows the cost so far and per hour of a running job, as an estimate', () => {
    const frame = header(job(), START + 2 * 3_600_000, false);
    expect(frame).toMatch(
      /RUNNING for 2h00m · ≈ \$1\.00 so far · \$0\.50\/h \(estimate, list price, compute only\)/,
    );
  });

  it('shows the total of an ended job from its own endTime, on Vertex for the emulator', () => {
    const ended = job('us-central1', {
      state: 'JOB_STATE_CANCELLED',
      endTime: seconds(START + 3_600_000),
    });
    const frame = header(ended, START + 10 * 3_600_000, true);
    expect(frame).toMatch(/≈ \$0\.50 total on Vertex · \$0\.50\/h \(estimate/);
  });

  it('shows what a running job uses, and no "using" once it has ended', () => {
    const usage = 'using 0.00 cores · 2.9Mi';
    const running = render(
      <JobHeader job={job()} kind="custom" now={START} backendLabel="local" usage={usage} />,
    ).lastFrame()!;
    expect(running).toMatch(/RUNNING for 0s · using 0\.00 cores · 2\.9Mi/);
    const cancelled = job('us-central1', {
      state: 'JOB_STATE_CANCELLED',
      endTime: seconds(START + 60_000),
    });
    const ended = render(
      <JobHeader
        job={cancelled}
        kind="custom"
        now={START + 120_000}
        backendLabel="local"
        usage={usage}
        usageWarning="GPU idle"
      />,
    ).lastFrame()!;
    expect(ended).toMatch(/CANCELLED for 1m00s/);
    expect(ended).not.toMatch(/using|GPU idle/);
  });

  it('says why a job is not priced instead of guessing', () => {
    const frame = header(job('asia-east1'), START, false);
    expect(frame).toMatch(/cost not priced: no list price for n1-standard-4 in asia-east1/);
    expect(frame).not.toMatch(/\$/);
  });
});
