// How the dashboards split the terminal's rows between header, replica table, failure panel and
// log pane; the trials table; what a pipeline's header leaves.
import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {
  belowPipelineHeader,
  dashboardLayout,
  jobHeaderHeight,
  trialsTableHeight,
} from '../../../source/ui/screens/dashboard/dashboard-layout.js';

describe('dashboardLayout', () => {
  const base = {rows: 40, pollError: false, replicas: 4, maximized: false};

  it('gives the replica table its rows (at most a quarter) and the logs the rest', () => {
    expect(dashboardLayout(base)).toEqual({
      headerHeight: 2,
      showTable: true,
      tableHeight: 4,
      showPanel: false,
      panelHeight: 0,
      // 40 − header 2 − margin 1 − (table 4 + its header 1 + margin 1)
      logHeight: 31,
    });
    expect(dashboardLayout({...base, replicas: 50}).tableHeight).toBe(10);
    expect(dashboardLayout({...base, rows: 8, replicas: 50}).tableHeight).toBe(3);
  });

  it('hides the table when maximized or without replicas', () => {
    expect(dashboardLayout({...base, maximized: true})).toMatchObject({
      showTable: false,
      logHeight: 37,
    });
    expect(dashboardLayout({...base, replicas: 0})).toMatchObject({
      showTable: false,
      tableHeight: 0,
      logHeight: 37,
    });
  });

  it('makes room for a polling error and the failure panel (not when maximized)', () => {
    const failed = dashboardLayout({...base, pollError: true, failurePanel: 5});
    expect(failed).toMatchObject({headerHeight: 3, showPanel: true, panelHeight: 6});
    expect(failed.logHeight).toBe(31 - 1 - 6);
    expect(dashboardLayout({...base, maximized: true, failurePanel: 5})).toMatchObject({
      showPanel: false,
      panelHeight: 0,
      logHeight: 37,
    });
  });

  it('never gives the log pane fewer than 5 rows', () => {
    fc.assert(
      fc.property(
        fc.integer({min: 0, max: 200}),
        fc.boolean(),
        fc.integer({min: 0, max: 100}),
        fc.boolean(),
        fc.option(fc.integer({min: 2, max: 7}), {nil: undefined}),
        (rows, pollError, replicas, maximized, failurePanel) => {
          const layout = dashboardLayout({
            rows,
            pollError,
            replicas,
            maximized,
            ...(failurePanel !== undefined && {failurePanel}),
          });
          expect(layout.logHeight).toBeGreaterThanOrEqual(5);
          expect(layout.tableHeight).toBeLessThanOrEqual(replicas);
        },
      ),
    );
  });
});

describe('the other dashboards', () => {
  it('header: two lines, three with a polling error', () => {
    expect(jobHeaderHeight(false)).toBe(2);
    expect(jobHeaderHeight(true)).toBe(3);
  });

  it('trials table: what the header and summary leave, less the failure panel, at least 3', () => {
    expect(trialsTableHeight(30, false)).toBe(21);
    expect(trialsTableHeight(30, true)).toBe(16);
    expect(trialsTableHeight(5, true)).toBe(3);
  });

  it('under a pipeline header: the rows less the header and its margin', () => {
    expect(belowPipelineHeader(40, false)).toBe(37);
    expect(belowPipelineHeader(40, true)).toBe(36);
  });
});
