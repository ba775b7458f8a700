// The job dashboard as a screen of the app shell, opened from the job list (enter) or by a
// submit. Custom jobs get the live dashboard; tuning jobs and pipelines show their summary and
// resource until their own dashboards exist.
import {Box, Text} from 'ink';
import React from 'react';
import {useCommands} from '../app/key-dispatcher.js';
import {useSession} from '../app/session-context.js';
import {useNavigator, type ScreenDefinition} from '../app/shell/navigator.js';
import {useScreenSize} from '../app/shell/screen-context.js';
import {jobStateColor, theme} from '../app/theme.js';
import {shortState} from '../job-spec/index.js';
import {KIND_LABELS, summarise} from '../jobs/job-summary.js';
import {describeYaml, cancelUnavailable, useJobActions} from '../jobs/use-job-actions.js';
import {safeText} from '../text/safe-text.js';
import type {JobKind, ResourceMessage} from '../vertex/api.js';
import {toJobSnapshot, type CustomJobMessage} from '../vertex/job-snapshot.js';
import {Dashboard} from './Dashboard.js';

export interface DashboardParams {
  kind: JobKind;
  resource: ResourceMessage;
}

function OtherJobView({params}: {params: DashboardParams}) {
  const navigator = useNavigator();
  const {columns, rows} = useScreenSize();
  const actions = useJobActions();
  const job = summarise(params.kind, params.resource);
  const cancelWhy = cancelUnavailable(job);
  useCommands(
    (command) => {
      if (command === 'nav.back') navigator.pop();
      else if (command === 'job.cancel') void actions.cancel(job);
      else if (command === 'job.describe') actions.describe(job);
      else if (command === 'job.clone') actions.clone(job);
      else if (command === 'job.copyName') actions.copyName(job);
    },
    {
      hints: ['nav.back', 'job.describe', 'job.cancel', 'job.clone', 'job.copyName'],
      disabled: cancelWhy ? {'job.cancel': cancelWhy} : {},
    },
  );
  const lines = describeYaml(params.resource).split('\n');
  return (
    <Box flexDirection="column" width={columns} height={rows}>
      <Text wrap="truncate-end">
        <Text bold color={theme.text.heading}>
          {safeText(job.displayName)}
        </Text>
        <Text color={theme.text.muted}>
          {' '}
          {KIND_LABELS[job.kind]} {job.id} ·{' '}
        </Text>
        <Text color={jobStateColor(job.state)}>{shortState(job.state)}</Text>
      </Text>
      <Text color={theme.text.muted} wrap="truncate-end">
        The live dashboard (trials, replicas, logs) of a {KIND_LABELS[job.kind]} is not built yet; d
        shows the whole resource.
      </Text>
      {lines.slice(0, Math.max(0, rows - 3)).map((line, index) => (
        <Text key={index} wrap="truncate-end">
          {safeText(line)}
        </Text>
      ))}
    </Box>
  );
}

function DashboardScreen({params}: {params: DashboardParams}) {
  const session = useSession();
  const navigator = useNavigator();
  const {columns, rows} = useScreenSize();
  if (params.kind !== 'custom') return <OtherJobView params={params} />;
  if (!session) return <Text color={theme.status.pending}>Connecting to the backend…</Text>;
  return (
    <Dashboard
      session={session}
      kind={params.kind}
      initialJob={toJobSnapshot(params.resource as CustomJobMessage)}
      columns={columns}
      rows={rows}
      onBack={navigator.pop}
    />
  );
}

export const dashboardScreen: ScreenDefinition<DashboardParams> = {
  id: 'dashboard',
  scope: 'dashboard',
  title: (params) => String(params.resource.displayName ?? 'job'),
  Component: DashboardScreen,
};
