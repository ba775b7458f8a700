// How the dashboards share the terminal's rows: the job header, the replica table, the failure
// panel and the log pane (Dashboard), the trials table (TrialsView), and what is left under a
// pipeline's own header (PipelineView). Pure arithmetic, so the split is unit-tested for any size.

/**
 * Rows of the job header: state line and facts line, plus one for a polling error and one for
 * what a QUEUED/PENDING job waits for (services/jobs/pending-reason.ts).
 */
export function jobHeaderHeight(pollError: boolean, pending = false): number {
  return 2 + (pollError ? 1 : 0) + (pending ? 1 : 0);
}

export interface DashboardLayoutInput {
  /** The screen's rows. */
  rows: number;
  /** The header shows a polling error (one more line). */
  pollError: boolean;
  /** The header shows what the waiting job waits for (one more line). */
  pending?: boolean;
  /** Replicas the table lists. */
  replicas: number;
  /** The log pane has the whole screen. */
  maximized: boolean;
  /** Lines the failure panel needs, when the job failed (failurePanelHeight). */
  failurePanel?: number;
}

export interface DashboardLayout {
  headerHeight: number;
  showTable: boolean;
  /** Replica rows the table shows (its column header comes on top). */
  tableHeight: number;
  showPanel: boolean;
  /** Rows the failure panel takes with its margin (0 when hidden). */
  panelHeight: number;
  /** Rows of the log pane, its status line included; at least 5. */
  logHeight: number;
}

export function dashboardLayout({
  rows,
  pollError,
  pending = false,
  replicas,
  maximized,
  failurePanel,
}: DashboardLayoutInput): DashboardLayout {
  const headerHeight = jobHeaderHeight(pollError, pending);
  const tableHeight = Math.min(replicas, Math.max(3, Math.floor(rows / 4)));
  const showTable = !maximized && replicas > 0;
  const showPanel = failurePanel !== undefined && !maximized;
  const panelHeight = showPanel ? failurePanel + 1 : 0;
  // The header's margin, then the table's margin and column header, the panel, the pane.
  const logHeight = Math.max(
    5,
    rows - headerHeight - 1 - (showTable ? tableHeight + 1 + 1 : 0) - panelHeight,
  );
  return {headerHeight, showTable, tableHeight, showPanel, panelHeight, logHeight};
}

/**
 * Trial rows a tuning job's dashboard shows: what the header, summary and failure panel leave.
 * `failed`: the rows the failure panel takes with its margin (true: the usual 4), or false.
 */
export function trialsTableHeight(rows: number, failed: boolean | number): number {
  const panel = failed === false ? 0 : (failed === true ? 4 : failed) + 1;
  return Math.max(3, rows - 9 - panel);
}

/** Rows left under a pipeline's own header (and its margin) for the backing job's dashboard. */
export function belowPipelineHeader(rows: number, pollError: boolean): number {
  return rows - jobHeaderHeight(pollError) - 1;
}
