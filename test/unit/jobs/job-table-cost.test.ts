// The job list's COST column (issue #24): the cost so far, or the total once the job ended, from
// the job's own times; left out on narrow terminals, where every row still fits.
import {describe, expect, it} from 'vitest';
import {BUILTIN_CATALOG, type Catalog} from '../../../source/core/job-spec/index.js';
import {summarise} from '../../../source/services/jobs/job-summary.js';
import {
  COST_MIN_WIDTH,
  fit,
  headerColumns,
  rowCells,
  tableLayout,
} from '../../../source/services/jobs/job-table-layout.js';
import type {JobSummary} from '../../../source/services/jobs/job-summary.js';

const catalog: Catalog = {
  ...BUILTIN_CATALOG,
  prices: [{kind: 'machine', name: 'n1-standard-4', region: 'us-central1', usdPerHour: 0.25}],
};
const START = Date.parse('2026-12-06T08:00:00Z');
const seconds = (ms: number) => ({seconds: String(ms / 1000)});

function job(id: string, region: string, fields: Record<string, unknown> = {}): JobSummary {
  return summarise('custom', {
    name: `projects/p/locations/${region}/customJobs/${id}`,
    displayName: `job-${id}`,
    state: 'JOB_STATE_RUNNING',
    createTime: seconds(START),
    startTime: seconds(START),
    jobSpec: {workerPoolSpecs: [{machineSpec: {machineType: 'n1-standard-4'}, replicaCount: 4}]},
    ...fields,
  });
}

/** A row as JobListScreen draws it (the two marker columns aside). */
function line(cells: ReturnType<typeof rowCells>): string {
  const parts = [cells.name, cells.id, cells.type, cells.state, cells.created, cells.duration];
  if (cells.cost !== undefined) parts.push(cells.cost);
  return [...parts, cells.detail].join(' ');
}

describe('job list COST column', () => {
  const now = START + 3 * 3_600_000;
  const running = job('1', 'us-central1');
  const ended = job('2', 'us-central1', {
    state: 'JOB_STATE_SUCCEEDED',
    endTime: seconds(START + 3_600_000),
  });
  const unpriced = job('3', 'asia-east1');

  it('shows so far for a running job, the total for an ended one, — when not priced (wide)', () => {
    const layout = tableLayout(128);
    expect(headerColumns(layout).map((column) => column.title)).toContain('COST');
    expect(rowCells(running, layout, now, catalog).cost?.trim()).toBe('$3.00');
    expect(rowCells(ended, layout, now, catalog).cost?.trim()).toBe('$1.00');
    expect(rowCells(unpriced, layout, now, catalog).cost?.trim()).toBe('—');
    for (const row of [running, ended, unpriced]) {
      expect([...line(rowCells(row, layout, now, catalog))]).toHaveLength(128 - 2);
    }
    const header = headerColumns(layout)
      .map((column) => fit(column.title, column.width))
      .join(' ');
    expect(header).toMatch(/DURATION COST {5}RESOURCES/);
  });

  it('gives way on a narrow terminal, where every row still fits', () => {
    for (const width of [78, COST_MIN_WIDTH - 1]) {
      const layout = tableLayout(width);
      expect(layout.cost).toBeUndefined();
      expect(headerColumns(layout).map((column) => column.title)).not.toContain('COST');
      const cells = rowCells(running, layout, now, catalog);
      expect(cells.cost).toBeUndefined();
      expect([...line(cells)].length).toBeLessThanOrEqual(width);
    }
    expect(tableLayout(COST_MIN_WIDTH).cost).toBeDefined();
  });
});
