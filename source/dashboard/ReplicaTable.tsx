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

export function ReplicaTable({rows, now}: {rows: ReplicaRow[]; now: number}) {
  return (
    <Box flexDirection="column">
      <Text color={theme.text.muted}>
        {'REPLICA'.padEnd(16)}
        {'ROLE'.padEnd(19)}
        {'MACHINE'.padEnd(16)}
        {'STATUS'.padEnd(14)}
        {'LINES'.padEnd(8)}LAST LOG
      </Text>
      {rows.map((row, index) => (
        <Text key={row.name} wrap="truncate-end">
          <Text color={replicaColor(index)}>{row.name.padEnd(16)}</Text>
          {(POOL_ROLES[row.pool] ?? '').padEnd(19)}
          {row.machineType.padEnd(16)}
          <Text color={STATUS_COLOR[row.status]}>{row.status.padEnd(14)}</Text>
          {String(row.lines).padEnd(8)}
          {row.lastLineMs ? `${formatDuration(now - row.lastLineMs)} ago` : '—'}
        </Text>
      ))}
    </Box>
  );
}
