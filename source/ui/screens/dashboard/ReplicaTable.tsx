// One row per replica: role, machine and accelerators, status (with its restart count), exact
// line counts, warnings and errors, last-log age. Only the rows that fit are rendered (a window
// that keeps the selection in view), so a 1,000-replica job costs a frame of `height` rows.
import {Box, Text} from 'ink';
import React from 'react';
import {theme} from '../../shell/theme.js';
import {windowStart} from '../../shell/list-cursor.js';
import {POOL_ROLES} from '../../../core/job-spec/index.js';
import {formatDuration} from '../../../core/text/format-duration.js';
import {statusText, type ReplicaRow, type ReplicaStatus} from './replica-status.js';
import type {ReplicaUsage} from '../../../services/metrics/replica-usage.js';
import {hasNetwork} from '../../../services/metrics/usage-format.js';
import {usageCells, usageColumns, type UsageColumns} from './usage-cells.js';

const STATUS_COLOR: Record<ReplicaStatus, string> = {
  provisioning: theme.status.pending,
  starting: theme.status.pending,
  running: theme.status.info,
  // Restarted after a crash and running again: worth a look, not an error.
  restarted: theme.status.warning,
  // A worker that finished its part by itself, as a succeeded job does.
  exited: theme.status.success,
  succeeded: theme.status.success,
  failed: theme.status.error,
  stopped: theme.text.muted,
  cancelled: theme.status.warning,
};

export function replicaColor(index: number): string {
  return theme.replicaPalette[index % theme.replicaPalette.length] as string;
}

export interface ReplicaTableProps {
  rows: readonly ReplicaRow[];
  now: number;
  /** Rows available for replicas (the header line comes on top). */
  height: number;
  selected: number;
  focused: boolean;
  /**
   * Older history is not read yet (a finished job opened later reads its newest page first): the
   * counts are what was received, so they are shown as lower bounds ("1996+").
   */
  atLeast?: boolean;
  /** The terminal's width: columns give way (see columnWidths) so a row fits it. */
  columns?: number;
  /** Each replica's utilisation (Cloud Monitoring): CPU and MEM columns, GPU ones if `accelerators`. */
  usage?: ReadonlyMap<string, ReplicaUsage>;
  accelerators?: boolean;
}

const pad = (text: string, width: number) =>
  text.length >= width ? `${text.slice(0, width - 1)} ` : text.padEnd(width);

/** "59m59s ago", the widest last-log age short of an hour. */
const LAST_LOG_WIDTH = 10;
const MIN_MACHINE_WIDTH = 8;

interface ColumnWidths {
  name: number;
  /** 0 when the role column is left out to fit the terminal. */
  role: number;
  /** 0 when left out; shorter than its widest cell when cut (with an ellipsis) to fit. */
  machine: number;
  status: number;
  lines: number;
  warn: number;
  err: number;
  /** The utilisation columns (usage-cells.ts); none when left out to fit. */
  usage: UsageColumns;
}

/**
 * Each column as wide as its widest cell (over every row, not only those shown, so columns do
 * not jump while scrolling) plus a gap. When that is wider than the terminal, the RX/TX column
 * goes first, then the gaps narrow,
 * then the role goes (the pool number in the name says it too), then the utilisation columns
 * lose their sparklines, then the machine is cut, then the utilisation columns go: the status,
 * counts and last-log age always fit.
 */
function columnWidths(
  rows: readonly ReplicaRow[],
  count: (value: number) => string,
  columns: number,
  usage: {shown: boolean; accelerators: boolean; network: boolean},
): ColumnWidths {
  const cells = {name: 7, role: 4, machine: 7, status: 6, lines: 5, warn: 4, err: 3};
  for (const row of rows) {
    cells.name = Math.max(cells.name, row.name.length);
    cells.role = Math.max(cells.role, (POOL_ROLES[row.pool] ?? '').length);
    cells.machine = Math.max(cells.machine, row.machine.length);
    cells.status = Math.max(cells.status, statusText(row).length);
    cells.lines = Math.max(cells.lines, count(row.lines).length);
    cells.warn = Math.max(cells.warn, count(row.warnings).length);
    cells.err = Math.max(cells.err, count(row.errors).length);
  }
  const none = usageColumns(false, false, false);
  const withNetwork = usageColumns(usage.shown, usage.accelerators, true, usage.network);
  const full = usageColumns(usage.shown, usage.accelerators, true);
  const compact = usageColumns(usage.shown, usage.accelerators, false);
  const withGap = (gap: number, role: boolean, usageWidths = full): ColumnWidths => ({
    name: cells.name + gap,
    role: role ? cells.role + gap : 0,
    machine: cells.machine + gap,
    status: cells.status + gap,
    lines: cells.lines + gap,
    warn: cells.warn + gap,
    err: cells.err + gap,
    usage: usageWidths,
  });
  const total = (widths: ColumnWidths) =>
    2 +
    widths.name +
    widths.role +
    widths.machine +
    widths.status +
    widths.lines +
    widths.warn +
    widths.err +
    widths.usage.total +
    LAST_LOG_WIDTH;
  // RX/TX gives way first: only the widest layout has it.
  for (const candidate of [
    withGap(2, true, withNetwork),
    withGap(2, true),
    withGap(1, true),
    withGap(1, false),
    withGap(1, false, compact),
  ])
    if (total(candidate) <= columns) return candidate;
  // The machine is cut next; when even that leaves no room, the utilisation columns go.
  const cut = (usageWidths: UsageColumns) => {
    const narrow = withGap(1, false, usageWidths);
    return {narrow, room: columns - (total(narrow) - narrow.machine)};
  };
  const withUsage = cut(compact);
  if (withUsage.room >= MIN_MACHINE_WIDTH) return {...withUsage.narrow, machine: withUsage.room};
  const without = cut(none);
  return {...without.narrow, machine: without.room >= MIN_MACHINE_WIDTH ? without.room : 0};
}

/** A cell cut to `width` (its last column a gap), with an ellipsis when it did not fit. */
const cell = (text: string, width: number) => {
  if (width === 0) return '';
  return text.length < width ? text.padEnd(width) : `${text.slice(0, width - 2)}… `;
};

export function ReplicaTable({
  rows,
  now,
  height,
  selected,
  focused,
  atLeast = false,
  columns = Number.POSITIVE_INFINITY,
  usage,
  accelerators = false,
}: ReplicaTableProps) {
  const count = (value: number) => (atLeast ? `${value}+` : String(value));
  const width = columnWidths(rows, count, columns, {
    shown: usage !== undefined,
    accelerators,
    network: usage !== undefined && hasNetwork(usage.values()),
  });
  const start = windowStart(rows.length, selected, height);
  const shown = rows.slice(start, start + height);
  const more =
    rows.length > height ? ` (${start + 1}–${start + shown.length} of ${rows.length})` : '';
  return (
    <Box flexDirection="column">
      <Text color={theme.text.muted} wrap="truncate-end">
        {'  '}
        {pad('REPLICA', width.name)}
        {cell('ROLE', width.role)}
        {cell('MACHINE', width.machine)}
        {pad('STATUS', width.status)}
        {pad('LINES', width.lines)}
        {pad('WARN', width.warn)}
        {pad('ERR', width.err)}
        {usageCells(undefined, width.usage)}
        LAST LOG{more}
      </Text>
      {shown.map((row, offset) => {
        const index = start + offset;
        const isSelected = index === selected;
        return (
          // Few nodes per row (plain cells joined into one string): Ink's cost is per node.
          <Text key={row.name} wrap="truncate-end" inverse={isSelected && focused}>
            <Text color={replicaColor(index)}>
              {isSelected ? '❯ ' : '  '}
              {pad(row.name, width.name)}
            </Text>
            {cell(POOL_ROLES[row.pool] ?? '', width.role) + cell(row.machine, width.machine)}
            <Text color={STATUS_COLOR[row.status]}>{pad(statusText(row), width.status)}</Text>
            {pad(count(row.lines), width.lines)}
            {row.warnings || row.errors ? (
              <>
                <Text color={row.warnings ? theme.status.warning : undefined}>
                  {pad(count(row.warnings), width.warn)}
                </Text>
                <Text color={row.errors ? theme.status.error : undefined}>
                  {pad(count(row.errors), width.err)}
                </Text>
              </>
            ) : (
              pad(count(0), width.warn) + pad(count(0), width.err)
            )}
            {usageCells(usage?.get(row.name) ?? null, width.usage)}
            {row.lastLineMs ? `${formatDuration(now - row.lastLineMs)} ago` : '—'}
          </Text>
        );
      })}
    </Box>
  );
}
