// One row per replica: role, machine and accelerators, status (with its restart count), exact
// line counts, warnings and errors, last-log age. Only the rows that fit are rendered (a window that keeps the selection in
// view), so a 1,000-replica job costs a frame of `height` rows.
import {Box, Text} from 'ink';
import React from 'react';
import {theme} from '../app/theme.js';
import {POOL_ROLES} from '../job-spec/index.js';
import {formatDuration} from './format.js';
import {statusText, type ReplicaRow, type ReplicaStatus} from './replica-status.js';

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

/** The first row shown so that `selected` is inside a window of `height` rows. */
export function windowStart(count: number, selected: number, height: number): number {
  if (count <= height) return 0;
  const half = Math.floor(height / 2);
  return Math.max(0, Math.min(count - height, selected - half));
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
}

const pad = (text: string, width: number) =>
  text.length >= width ? `${text.slice(0, width - 1)} ` : text.padEnd(width);

/**
 * Each column as wide as its widest cell (over every row, not only those shown, so columns do
 * not jump while scrolling) plus a gap, so the counts still fit an 80-column terminal.
 */
function columnWidths(rows: readonly ReplicaRow[], count: (value: number) => string) {
  const widths = {name: 7, role: 4, machine: 7, status: 6, lines: 5, warn: 4, err: 3};
  for (const row of rows) {
    widths.name = Math.max(widths.name, row.name.length);
    widths.role = Math.max(widths.role, (POOL_ROLES[row.pool] ?? '').length);
    widths.machine = Math.max(widths.machine, row.machine.length);
    widths.status = Math.max(widths.status, statusText(row).length);
    widths.lines = Math.max(widths.lines, count(row.lines).length);
    widths.warn = Math.max(widths.warn, count(row.warnings).length);
    widths.err = Math.max(widths.err, count(row.errors).length);
  }
  const gap = 2;
  return {
    name: widths.name + gap,
    role: widths.role + gap,
    machine: widths.machine + gap,
    status: widths.status + gap,
    lines: widths.lines + gap,
    warn: widths.warn + gap,
    err: widths.err + gap,
  };
}

export function ReplicaTable({
  rows,
  now,
  height,
  selected,
  focused,
  atLeast = false,
}: ReplicaTableProps) {
  const count = (value: number) => (atLeast ? `${value}+` : String(value));
  const width = columnWidths(rows, count);
  const start = windowStart(rows.length, selected, height);
  const shown = rows.slice(start, start + height);
  const more =
    rows.length > height ? ` (${start + 1}–${start + shown.length} of ${rows.length})` : '';
  return (
    <Box flexDirection="column">
      <Text color={theme.text.muted} wrap="truncate-end">
        {'  '}
        {pad('REPLICA', width.name)}
        {pad('ROLE', width.role)}
        {pad('MACHINE', width.machine)}
        {pad('STATUS', width.status)}
        {pad('LINES', width.lines)}
        {pad('WARN', width.warn)}
        {pad('ERR', width.err)}
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
            {pad(POOL_ROLES[row.pool] ?? '', width.role) + pad(row.machine, width.machine)}
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
            {row.lastLineMs ? `${formatDuration(now - row.lastLineMs)} ago` : '—'}
          </Text>
        );
      })}
    </Box>
  );
}
