// The job list's detail column for a waiting job (services/jobs/job-table-layout.ts): what it
// waits for, from the resource alone, before its resources; other jobs keep error / resources.
import {describe, expect, it} from 'vitest';
import {rowCells, tableLayout} from '../../../source/services/jobs/job-table-layout.js';
import type {JobSummary} from '../../../source/services/vertex/job-snapshot.js';

const CREATED = Date.parse('2026-12-06T08:00:00Z');

function job(state: string, extra: Partial<JobSummary> = {}): JobSummary {
  return {
    kind: 'custom',
    name: 'projects/p/locations/us-central1/customJobs/1',
    id: '1',
    displayName: 'flex',
    state: state as JobSummary['state'],
    createTime: new Date(CREATED),
    labels: {},
    resource: {
      jobSpec: {scheduling: {strategy: 'FLEX_START', maxWaitDuration: {seconds: '7200'}}},
    } as JobSummary['resource'],
    resources: 'a2-highgpu-1g+1×A100 ×1',
    ...extra,
  };
}

describe('job list detail of a waiting job', () => {
  it('says what a pending flex-start job waits for, then its resources', () => {
    const cells = rowCells(job('JOB_STATE_PENDING'), tableLayout(260), CREATED + 48 * 60_000);
    expect(cells.detail.trim()).toBe(
      'waiting for capacity — up to 1 h 12 m more (max wait 2 h) · a2-highgpu-1g+1×A100 ×1',
    );
    expect(cells.isError).toBe(false);
  });

  it('keeps resources for a running job and the error for a failed one', () => {
    expect(rowCells(job('JOB_STATE_RUNNING'), tableLayout(160), CREATED).detail.trim()).toBe(
      'a2-highgpu-1g+1×A100 ×1',
    );
    const failed = job('JOB_STATE_FAILED', {error: {code: 3, message: 'boom\nmore'}});
    expect(rowCells(failed, tableLayout(160), CREATED).detail.trim()).toBe('✖ boom');
  });
});

describe('job list detail on a narrow screen', () => {
  it('cuts the reason to the column, the reason first', () => {
    const cells = rowCells(job('JOB_STATE_PENDING'), tableLayout(99), CREATED + 60_000);
    expect(cells.detail).toMatch(/^waiting for capacity/);
    expect(cells.detail.length).toBe(tableLayout(99).detail.width);
  });
});
