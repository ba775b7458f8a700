import {Box, Text} from 'ink';
import React from 'react';
import {jobStateColor, theme} from '../app/theme.js';
import {shortState} from '../job-spec/index.js';
import {safeText} from '../text/safe-text.js';
import {formatDuration} from './format.js';
import type {JobWatch} from './use-job.js';

export function JobHeader({
  watch,
  now,
  backendLabel,
}: {
  watch: JobWatch;
  now: number;
  backendLabel: string;
}) {
  const {job} = watch;
  const endOrNow = job.endTime?.getTime() ?? now;
  const total = job.createTime ? formatDuration(endOrNow - job.createTime.getTime()) : '—';
  return (
    <Box flexDirection="column">
      <Text wrap="truncate-end">
        <Text bold color={theme.text.heading}>
          {safeText(job.displayName)}
        </Text>
        <Text color={theme.text.muted}>
          {' '}
          customJobs/{job.id} · {backendLabel}
        </Text>
      </Text>
      <Text>
        <Text bold color={jobStateColor(job.state)}>
          {shortState(job.state)}
        </Text>
        <Text> for {formatDuration(now - watch.stateSince)}</Text>
        <Text color={theme.text.muted}> · total {total} · </Text>
        <Text color={theme.text.muted}>
          {watch.history.map((entry) => shortState(entry.state)).join(' → ')}
        </Text>
      </Text>
      {watch.pollError ? (
        <Text color={theme.status.warning}>
          status poll failed: {safeText(watch.pollError)} (retrying)
        </Text>
      ) : null}
    </Box>
  );
}
