// One row per replica: role, machine and accelerators, status, exact line counts, warnings and
// errors, last-log age. Only the rows that fit are rendered (a window that keeps the selection in
// view), so a 1,000-replica job costs a frame of `height` rows.
import {Box, Text} from 'ink';
import React from 'react';
import {theme} from '../app/theme.js';
import {POOL_ROLES} from '../job-spec/index.js';
import {formatDuration} from './format.js';
import type {ReplicaRow, ReplicaStatus} from './replica-status.js';

const STATUS_COLOR: Record<ReplicaStatus, string> = {
  provisioning: theme.status.pending,
  starting: theme.status.pending,
  running: theme.status.info,
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

export function ReplicaTable({
  rows,
  now,
  height,
  selected,
  focused,
  atLeast = false,
}: ReplicaTableProps) {
  const count = (value: number) => (atLeast ? `${value}+` : String(value));
  const start = windowStart(rows.length, selected, height);
  const shown = rows.slice(start, start + height);
  const more =
    rows.length > height ? ` (${start + 1}–${start + shown.length} of ${rows.length})` : '';
  return (
    <Box flexDirection="column">
      <Text color={theme.text.muted} wrap="truncate-end">
        {'  '}
        {pad('REPLICA', 16)}
        {pad('ROLE', 18)}
        {pad('MACHINE', 26)}
        {pad('STATUS', 13)}
        {pad('LINES', 9)}
        {pad('WARN', 6)}
        {pad('ERR', 6)}
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
              {pad(row.name, 16)}
            </Text>
            {pad(POOL_ROLES[row.pool] ?? '', 18) + pad(row.machine, 26)}
            <Text color={STATUS_COLOR[row.status]}>{pad(row.status, 13)}</Text>
            {pad(count(row.lines), 9)}
            {row.warnings || row.errors ? (
              <>
                <Text color={row.warnings ? theme.status.warning : undefined}>
                  {pad(count(row.warnings), 6)}
                </Text>
                <Text color={row.errors ? theme.status.error : undefined}>
                  {pad(count(row.errors), 6)}
                </Text>
              </>
            ) : (
              pad(count(0), 6) + pad(count(0), 6)
            )}
            {row.lastLineMs ? `${formatDuration(now - row.lastLineMs)} ago` : '—'}
          </Text>
        );
      })}
    </Box>
  );
}
