// Name, id, type, backend; the state with its colour and time in state from the job's own
// timestamps; utilisation and the list-price cost estimate; elapsed and queued time; the console
// URL on Vertex.
import {Box, Text} from 'ink';
import React from 'react';
import {jobStateColor, theme} from '../../shell/theme.js';
import {isTerminalState, shortState} from '../../../core/job-spec/index.js';
import {safeText} from '../../../core/text/safe-text.js';
import type {JobKind} from '../../../services/vertex/api.js';
import type {JobSummary} from '../../../services/vertex/job-snapshot.js';
import type {Session} from '../../../services/backend/session.js';
import {formatDuration} from '../../../core/text/format-duration.js';
import {jobTiming} from './job-timing.js';

const COLLECTIONS: Record<JobKind, string> = {
  custom: 'customJobs',
  hptuning: 'hyperparameterTuningJobs',
  pipeline: 'trainingPipelines',
};

const TYPE_LABELS: Record<JobKind, string> = {
  custom: 'custom job',
  hptuning: 'tuning job',
  pipeline: 'training pipeline',
};

/** Where the job runs, as the header says it: "local emulator us-central1", "Vertex AI europe-west4". */
export function backendLabel(session: Session): string {
  const {backend} = session;
  return backend.kind === 'local'
    ? `local emulator ${backend.region}`
    : `Vertex AI ${backend.region}`;
}

export interface JobHeaderProps {
  job: JobSummary;
  kind: JobKind;
  now: number;
  backendLabel: string;
  consoleUrl?: string;
  pollError?: string;
  /** What the job is part of or runs through, e.g. "pipeline trainingPipelines/7". */
  relation?: string;
  /** The job's utilisation totals ("1.02 cores · 210Mi · GPU 87%"), or why there are none. */
  usage?: string;
  /** A utilisation warning ("GPU idle: input-bound? …"), shown right after the state. */
  usageWarning?: string;
  /** The cost estimate ("≈ $0.75 so far · $0.50/h (estimate, list price, compute only)"). */
  cost?: string;
  /** What a QUEUED/PENDING job waits for, with the time waited (pendingLine), under the state. */
  pending?: string;
  /** Vertex: the job's replicas have interactive-shell links (web_access_uris). */
  shellNote?: string;
}

export function JobHeader({
  job,
  kind,
  now,
  backendLabel: where,
  consoleUrl,
  pollError,
  relation,
  usage,
  usageWarning,
  cost,
  pending,
  shellNote,
}: JobHeaderProps) {
  const timing = jobTiming(job, now);
  // "using 0.00 cores · 2.9Mi" is about now: an ended job uses nothing, so its last reading (and
  // any idle-GPU warning) goes from the header; the replica table keeps the last values.
  const ended = isTerminalState(job.state);
  return (
    <Box flexDirection="column">
      <Text wrap="truncate-end">
        <Text bold color={theme.text.heading}>
          {safeText(job.displayName)}
        </Text>
        {/* What it is first: at 80 columns a long id and the backend are what gets cut. */}
        <Text color={theme.text.muted}>
          {' · '}
          {TYPE_LABELS[kind]}
          {relation ? ` · ${safeText(relation)}` : ''} · {COLLECTIONS[kind]}/{job.id} · {where}
        </Text>
      </Text>
      <Text wrap="truncate-end">
        <Text bold color={jobStateColor(job.state)}>
          {shortState(job.state)}
        </Text>
        {timing.stateSinceMs !== undefined ? (
          <Text> for {formatDuration(now - timing.stateSinceMs)}</Text>
        ) : null}
        {usageWarning && !ended ? (
          <Text color={theme.status.warning}> · {usageWarning}</Text>
        ) : null}
        {usage && !ended ? <Text> · {safeText(usage)}</Text> : null}
        {cost ? <Text> · {safeText(cost)}</Text> : null}
        <Text color={theme.text.muted}>
          {timing.elapsedMs !== undefined ? ` · elapsed ${formatDuration(timing.elapsedMs)}` : ''}
          {timing.queuedMs !== undefined ? ` · queued ${formatDuration(timing.queuedMs)}` : ''}
          {shellNote ? ` · ${shellNote}` : ''}
          {consoleUrl ? ` · ${consoleUrl}` : ''}
        </Text>
      </Text>
      {pending ? (
        <Text color={theme.status.pending} wrap="truncate-end">
          {'  '}
          {safeText(pending)}
        </Text>
      ) : null}
      {pollError ? (
        <Text color={theme.status.warning} wrap="truncate-end">
          status poll failed: {safeText(pollError)} (retrying with backoff)
        </Text>
      ) : null}
    </Box>
  );
}
