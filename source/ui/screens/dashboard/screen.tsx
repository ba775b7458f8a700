// The job dashboard as a screen of the app shell, opened from the job list (enter, or `l` for
// the logs first) or by a submit. Custom jobs get the live dashboard; tuning jobs their trials
// table, and each trial the live dashboard of its replicas; pipelines their own header over the
// dashboard of their backing job.
import {Text} from 'ink';
import React from 'react';
import {useSession} from '../../shell/session-context.js';
import {useNavigator, type ScreenDefinition} from '../../shell/navigator.js';
import {useScreenSize} from '../../shell/screen-context.js';
import {theme} from '../../shell/theme.js';
import type {DashboardParams} from '../../shell/routes.js';
import {toJobSnapshot, type CustomJobMessage} from '../../../services/vertex/job-snapshot.js';
import {Dashboard} from './Dashboard.js';
import {PipelineView} from './PipelineView.js';
import {TrialsView} from './TrialsView.js';
import {trialSnapshot} from './trials.js';

export type {DashboardParams} from '../../shell/routes.js';

function DashboardScreen({params}: {params: DashboardParams}) {
  const session = useSession();
  const navigator = useNavigator();
  const {columns, rows} = useScreenSize();
  if (!session) return <Text color={theme.status.pending}>Connecting to the backend…</Text>;
  if (params.kind === 'pipeline')
    return (
      <PipelineView
        session={session}
        resource={params.resource}
        columns={columns}
        rows={rows}
        {...(params.logsFirst && {logsFirst: true})}
      />
    );
  if (params.kind === 'hptuning' && !params.trialId)
    return (
      <TrialsView
        session={session}
        resource={params.resource}
        columns={columns}
        rows={rows}
        {...(params.logsFirst && {logsFirst: true})}
      />
    );
  return (
    <Dashboard
      session={session}
      kind={params.kind}
      initialJob={
        params.trialId
          ? trialSnapshot(params.resource, params.trialId)
          : toJobSnapshot(params.resource as CustomJobMessage, params.kind)
      }
      {...(params.trialId && {trialId: params.trialId})}
      columns={columns}
      rows={rows}
      onBack={navigator.pop}
      {...(params.logsFirst && {logsFirst: true})}
    />
  );
}

export const dashboardScreen: ScreenDefinition<DashboardParams> = {
  id: 'dashboard',
  scope: 'dashboard',
  title: (params) =>
    `${String(params.resource.displayName ?? 'job')}${params.trialId ? ` · trial ${params.trialId}` : ''}`,
  Component: DashboardScreen,
};
