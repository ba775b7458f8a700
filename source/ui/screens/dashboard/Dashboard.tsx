// Live view of one job: header (state and time in state from the job's timestamps), the replica
// table, the failure panel when it failed, and the log pane over the engine's bounded store. It
// only draws: what it remembers is dashboard-state.ts, its keys use-dashboard-input.ts (actions
// that change something go through the shell's confirmations), its rows dashboard-layout.ts.
import {Box, Text} from 'ink';
import React, {useContext, useMemo, useReducer} from 'react';
import {useKeyRouter} from '../../shell/keys/key-dispatcher.js';
import {useScreenActive} from '../../shell/screen-context.js';
import {theme} from '../../shell/theme.js';
import {BUILTIN_CATALOG, isTerminalState} from '../../../core/job-spec/index.js';
import {AppContext} from '../../shell/session-context.js';
import {costSummary, jobCost} from '../../../services/jobs/job-cost.js';
import {useWatchedJob} from '../../shell/end-notice.js';
import type {JobKind, ResourceMessage} from '../../../services/vertex/api.js';
import {consoleUrl} from '../../../services/vertex/console-url.js';
import type {JobSummary} from '../../../services/vertex/job-snapshot.js';
import type {Session} from '../../../services/backend/session.js';
import {dashboardLayout} from './dashboard-layout.js';
import {
  dashboardReducer,
  initialDashboardState,
  logFilter,
  minSeverity,
} from './dashboard-state.js';
import {analyseFailure, lastTraceback} from './failure.js';
import {FailurePanel, failurePanelHeight} from './FailurePanel.js';
import {backendLabel, JobHeader} from './JobHeader.js';
import {pendingLine, pendingReason} from '../../../services/jobs/pending-reason.js';
import {LogView} from './LogView.js';
import {replicaColor, ReplicaTable} from './ReplicaTable.js';
import {replicaRows} from './replica-status.js';
import {useClock} from '../../shell/use-clock.js';
import {useDashboardInput} from './use-dashboard-input.js';
import {useJobLogs} from './use-job-logs.js';
import {useJobWatch} from './use-job-watch.js';
import {useReplicaUsage} from './use-replica-usage.js';
import {useReplicaShell} from './use-replica-shell.js';
import {useLogNavigation} from './use-log-navigation.js';
import {trialCustomJobId, trialSnapshot} from './trials.js';

export interface DashboardProps {
  session: Session;
  kind: JobKind;
  initialJob: JobSummary;
  /** One trial of a tuning job: its replicas and logs. */
  trialId?: string;
  columns: number;
  rows: number;
  onBack: () => void;
  /** Opened for its logs (`l` in the job list): the log pane has the whole screen. */
  logsFirst?: boolean;
  /**
   * The job the actions (cancel, clone, describe, copy) act on when it is not this one: a
   * pipeline's, whose backing job this dashboard shows.
   */
  actionTarget?: {job: JobSummary; pollSoon(): void};
  /** What this job belongs to, for the header ("backing job of pipeline …"). */
  relation?: string;
}

export function Dashboard({
  session,
  kind,
  initialJob,
  trialId,
  columns,
  rows,
  onBack,
  logsFirst = false,
  actionTarget,
  relation,
}: DashboardProps) {
  const active = useScreenActive();
  const watch = useJobWatch(
    session,
    kind,
    initialJob,
    active,
    trialId ? (job) => trialSnapshot(job.resource as ResourceMessage, trialId) : undefined,
  );
  const job = watch.job;
  useWatchedJob(job, !relation && !trialId);
  const trialJobId = trialId
    ? trialCustomJobId(job.resource as ResourceMessage, trialId)
    : undefined;
  const {engine} = useJobLogs(session, job, trialId, trialJobId);
  // A trial's replicas are read under its own custom job's id or the tuning job's with its trial id.
  const usage = useReplicaUsage(
    session,
    kind === 'custom' && !trialId ? job.id : undefined,
    job.jobSpec?.workerPoolSpecs ?? [],
    job.state,
    active,
    trialId
      ? {tuningJobId: job.id, trialId, ...(trialJobId && {customJobId: trialJobId})}
      : undefined,
  );
  const now = useClock();
  const catalog = useContext(AppContext)?.catalog ?? BUILTIN_CATALOG;
  // A trial's dashboard shows its tuning job; only a custom job's own pools are priced.
  const cost =
    kind === 'custom' && !trialId
      ? costSummary(jobCost(job, catalog, now), session.backend.kind === 'local')
      : undefined;
  const router = useKeyRouter();
  const [state, dispatch] = useReducer(dashboardReducer, logsFirst, initialDashboardState);

  const store = engine.store;
  const status = engine.status();
  const replicas = replicaRows(
    job.jobSpec?.workerPoolSpecs ?? [],
    job.state,
    job.error?.message,
    store.counters(),
    store.replicaEvents().all(),
  );
  const selected = Math.min(state.selected, Math.max(0, replicas.length - 1));
  const colors = useMemo(() => {
    const map = new Map<string, string>();
    replicas.forEach((row, index) => map.set(row.name, replicaColor(index)));
    map.set('service', theme.text.muted);
    return map;
  }, [replicas.length]); // eslint-disable-line react-hooks/exhaustive-deps
  const report =
    job.state === 'JOB_STATE_FAILED' && job.error ? analyseFailure(job.error) : undefined;
  const traceback = report?.replica ? lastTraceback(store, report.replica) : undefined;

  const pending = pendingReason(job, store.serviceNotes().recent(), now);
  const filter = logFilter(state, replicas[Math.min(state.selected, replicas.length - 1)]?.name);
  const layout = dashboardLayout({
    rows,
    pollError: Boolean(watch.pollError),
    pending: Boolean(pending),
    replicas: replicas.length,
    maximized: state.maximized,
    ...(report && {failurePanel: failurePanelHeight(report, traceback, columns)}),
  });
  const shellJobId = trialId ? trialJobId : kind === 'custom' ? job.id : undefined;
  const shell = useReplicaShell({
    session,
    job,
    row: replicas[selected],
    customJobId: shellJobId,
    urisFrom: trialId
      ? ((job.resource as ResourceMessage).trials as {id?: unknown}[] | undefined)?.find(
          (trial) => String(trial.id) === trialId,
        )
      : job.resource,
  });
  const nav = useLogNavigation(engine, filter, layout.logHeight - 1, (text) => router.say(text));
  const {window} = nav;

  useDashboardInput({
    state,
    dispatch,
    layout,
    replicas: replicas.length,
    nav,
    filter,
    store,
    jobId: job.id,
    traceback,
    job: actionTarget?.job ?? job,
    shell,
    onCancelled: () => {
      watch.pollSoon();
      actionTarget?.pollSoon();
    },
    onBack,
  });

  const url = session.backend.kind === 'local' ? undefined : consoleUrl(kind, job.name);
  const severity = minSeverity(state);
  return (
    <Box flexDirection="column" height={rows} width={columns}>
      <JobHeader
        job={job}
        kind={kind}
        now={now}
        backendLabel={backendLabel(session)}
        {...(url && {consoleUrl: url})}
        {...(watch.pollError && {pollError: watch.pollError})}
        {...(relation && {relation})}
        {...(usage.summary && {usage: usage.summary})}
        {...(usage.warning && {usageWarning: usage.warning})}
        {...(cost && {cost})}
        {...(pending && {pending: pendingLine(pending)})}
        {...(Object.keys(shell.uris).length > 0 && {
          shellNote: `web shells: ${Object.keys(shell.uris).length} (! on a replica)`,
        })}
      />
      {layout.showTable ? (
        <Box marginTop={1}>
          <ReplicaTable
            rows={replicas}
            now={now}
            height={layout.tableHeight}
            selected={selected}
            focused={state.focus === 'replicas'}
            atLeast={status.olderAvailable}
            columns={columns}
            {...(usage.byReplica && {usage: usage.byReplica})}
            accelerators={usage.accelerators}
          />
        </Box>
      ) : null}
      {report && layout.showPanel ? (
        <Box marginTop={1}>
          <FailurePanel report={report} traceback={traceback} width={columns} />
        </Box>
      ) : null}
      <Box marginTop={1}>
        <LogView
          lines={window.lines}
          height={layout.logHeight}
          width={columns}
          replicaColors={colors}
          toggles={{
            follow: nav.following,
            ...(filter.replica && {replica: filter.replica}),
            wrap: state.wrap,
            timestamps: state.timestamps,
            prettyJson: state.prettyJson,
            minSeverity: severity === 'DEFAULT' ? 'all' : severity,
            ...(state.search && {search: state.search}),
          }}
          status={status}
          received={store.received}
          evicted={store.evicted}
          {...(nav.mark && {mark: nav.mark})}
          atTop={window.atTop}
          newerBelow={!window.atBottom}
        />
      </Box>
      {isTerminalState(job.state) && status.state === 'ended' && store.received === 0 ? (
        <Text color={theme.text.muted}>This job wrote no log lines.</Text>
      ) : null}
    </Box>
  );
}
