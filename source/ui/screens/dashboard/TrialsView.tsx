// A tuning job's dashboard: its header, the trials table (id, state, parameters, the study
// metric; best trial marked ★; CPU cores and memory of each running trial's replicas, from Cloud
// Monitoring, on terminals wide enough), sortable by the metric, a one-line chart of the metric per
// trial, and the failure panel when it failed; enter opens a trial's replicas and logs. It only draws:
// what it remembers is trials-state.ts, its keys use-trials-input.ts.
import {Box, Text} from 'ink';
import {useWatchedJob} from '../../shell/end-notice.js';
import React, {useReducer} from 'react';
import {useScreenActive} from '../../shell/screen-context.js';
import {theme} from '../../shell/theme.js';
import {safeText} from '../../../core/text/safe-text.js';
import {isTerminalState} from '../../../core/job-spec/job-state.js';
import type {ResourceMessage} from '../../../services/vertex/api.js';
import {consoleUrl} from '../../../services/vertex/console-url.js';
import {
  toJobSnapshot,
  type CustomJobMessage,
  type JobSummary,
} from '../../../services/vertex/job-snapshot.js';
import type {Session} from '../../../services/backend/session.js';
import {trialsTableHeight} from './dashboard-layout.js';
import {analyseFailure} from './failure.js';
import {FailurePanel, failurePanelHeight} from './FailurePanel.js';
import {backendLabel, JobHeader} from './JobHeader.js';
import {windowStart} from '../../shell/list-cursor.js';
import {metricChart, sortTrials, trialTable} from './trials.js';
import {useClock} from '../../shell/use-clock.js';
import {useJobWatch} from './use-job-watch.js';
import {initialTrialsState, trialsReducer} from './trials-state.js';
import {useTrialsInput} from './use-trials-input.js';
import {useTrialsUsage} from './use-trials-usage.js';
import {formatBytes, formatCores, NONE} from '../../../services/metrics/usage-format.js';

/** The CPU and MEM columns need this many terminal columns; narrower, they give way. */
export const TRIAL_USAGE_MIN_COLUMNS = 80;
const RUNNING_TRIAL = new Set(['REQUESTED', 'ACTIVE', 'STOPPING']);

export interface TrialsViewProps {
  session: Session;
  resource: ResourceMessage;
  columns: number;
  rows: number;
  /** A trial opens on its logs (the tuning job was opened with `l`). */
  logsFirst?: boolean;
  /** The job the actions act on when it is not this one (a pipeline's). */
  actionTarget?: {job: JobSummary; pollSoon(): void};
  /** What this job belongs to, for the header. */
  relation?: string;
}

const pad = (text: string, width: number) =>
  text.length >= width ? `${text.slice(0, width - 2)}… ` : text.padEnd(width);

export function TrialsView({
  session,
  resource,
  columns,
  rows,
  logsFirst,
  actionTarget,
  relation,
}: TrialsViewProps) {
  const active = useScreenActive();
  const initial = toJobSnapshot(resource as CustomJobMessage, 'hptuning');
  const watch = useJobWatch(session, 'hptuning', initial, active);
  const job = watch.job;
  useWatchedJob(job, !relation);
  const now = useClock();
  // Utilisation is read only for running trials: once the tuning job has ended the columns would
  // hold nothing but dashes, so they give their width back to the parameters.
  const showUsage = columns >= TRIAL_USAGE_MIN_COLUMNS && !isTerminalState(job.state);
  const usage = useTrialsUsage(
    session,
    job.id,
    job.resource as ResourceMessage,
    job.state,
    active && showUsage,
  );
  const [{selected, byMetric}, dispatch] = useReducer(trialsReducer, initialTrialsState);
  const table = trialTable(job.resource as ResourceMessage);
  const sorted = sortTrials(table, byMetric);
  const current = sorted[Math.min(selected, sorted.length - 1)];
  const report =
    job.state === 'JOB_STATE_FAILED' && job.error ? analyseFailure(job.error) : undefined;
  const height = trialsTableHeight(
    rows,
    report ? failurePanelHeight(report, undefined, columns, 'trials') + 1 : false,
  );
  useTrialsInput({
    dispatch,
    count: sorted.length,
    height,
    current: current?.id,
    resource: job.resource as ResourceMessage,
    logsFirst,
    job: actionTarget?.job ?? job,
    onCancelled: () => {
      watch.pollSoon();
      actionTarget?.pollSoon();
    },
  });
  const url = session.backend.kind === 'local' ? undefined : consoleUrl('hptuning', job.name);
  const start = windowStart(sorted.length, selected, height);
  const idOrder = sortTrials(table, false);
  return (
    <Box flexDirection="column" width={columns} height={rows}>
      <JobHeader
        job={job}
        kind="hptuning"
        now={now}
        backendLabel={backendLabel(session)}
        {...(url && {consoleUrl: url})}
        {...(watch.pollError && {pollError: watch.pollError})}
        {...(relation && {relation})}
      />
      {report ? (
        <Box marginTop={1}>
          <FailurePanel report={report} traceback={undefined} width={columns} context="trials" />
        </Box>
      ) : null}
      <Box marginTop={1} flexDirection="column">
        <Text color={theme.text.muted} wrap="truncate-end">
          {sorted.length} trials · {table.metricId} (
          {table.goal === 'MAXIMIZE' ? 'higher' : 'lower'} is better) · sorted by{' '}
          {byMetric ? table.metricId : 'id'} · per trial:{' '}
          <Text color={theme.text.accent}>{metricChart(idOrder)}</Text>
        </Text>
        <Text color={theme.text.muted} wrap="truncate-end">
          {'  '}
          {pad('TRIAL', 8)}
          {pad('STATE', 12)}
          {pad(table.metricId.toUpperCase(), 14)}
          {showUsage ? pad('CPU', 7) + pad('MEM', 8) : ''}
          PARAMETERS
        </Text>
        {sorted.length === 0 ? <Text color={theme.text.muted}> No trials yet.</Text> : null}
        {sorted.slice(start, start + height).map((row, offset) => {
          const isSelected = start + offset === selected;
          const totals = RUNNING_TRIAL.has(row.state) ? usage.get(row.id) : undefined;
          return (
            <Text key={row.id} wrap="truncate-end" inverse={isSelected}>
              <Text color={theme.selection.marker}>{isSelected ? '❯ ' : '  '}</Text>
              {pad(`${row.id}${row.best ? ' ★' : ''}`, 8)}
              {pad(row.state, 12)}
              {pad(row.metric === undefined ? '—' : String(Number(row.metric.toPrecision(6))), 14)}
              {showUsage
                ? pad(totals ? formatCores(totals.cpuCores) : NONE, 7) +
                  pad(totals ? formatBytes(totals.memoryBytes) : NONE, 8)
                : ''}
              {safeText(row.parameters)}
            </Text>
          );
        })}
      </Box>
    </Box>
  );
}
