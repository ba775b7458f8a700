// A training pipeline's dashboard: the pipeline's own header (type, state and time in state from
// its timestamps, elapsed, backend, console URL), then the dashboard of the job doing its work —
// the backing custom job's replicas and logs, or the backing tuning job's trials — once the
// pipeline names it; until then "waiting for the backing job". Actions (cancel, clone, describe,
// copy) act on the pipeline, which owns the backing job.
import {Box, Text} from 'ink';
import {useWatchedJob} from '../../shell/end-notice.js';
import React from 'react';
import {useCommands} from '../../shell/keys/key-dispatcher.js';
import type {Command} from '../../shell/keys/keymap.js';
import {useNavigator} from '../../shell/navigator.js';
import {useScreenActive} from '../../shell/screen-context.js';
import {theme} from '../../shell/theme.js';
import {isTerminalState} from '../../../core/job-spec/index.js';
import {useJobCommands} from '../../job-actions/use-job-actions.js';
import {safeText} from '../../../core/text/safe-text.js';
import type {ResourceMessage} from '../../../services/vertex/api.js';
import {consoleUrl} from '../../../services/vertex/console-url.js';
import {toJobSnapshot, type CustomJobMessage} from '../../../services/vertex/job-snapshot.js';
import type {Session} from '../../../services/backend/session.js';
import {Dashboard} from './Dashboard.js';
import {belowPipelineHeader} from './dashboard-layout.js';
import {analyseFailure} from './failure.js';
import {FailurePanel} from './FailurePanel.js';
import {backendLabel, JobHeader} from './JobHeader.js';
import {backingJobOf, type BackingJob} from '../../../services/jobs/pipeline-backing-job.js';
import {useBackingResource} from './use-backing-resource.js';
import {TrialsView} from './TrialsView.js';
import {useClock} from '../../shell/use-clock.js';
import {useJobWatch, type JobWatch} from './use-job-watch.js';

export interface PipelineViewProps {
  session: Session;
  resource: ResourceMessage;
  columns: number;
  rows: number;
  logsFirst?: boolean;
}

function PipelineHeader({session, watch}: {session: Session; watch: JobWatch}) {
  const now = useClock();
  const job = watch.job;
  const url = session.backend.kind === 'local' ? undefined : consoleUrl('pipeline', job.name);
  return (
    <JobHeader
      job={job}
      kind="pipeline"
      now={now}
      backendLabel={backendLabel(session)}
      {...(url && {consoleUrl: url})}
      {...(watch.pollError && {pollError: watch.pollError})}
    />
  );
}

/** No backing job yet (or it is still being read): the pipeline's own keys. */
function WaitingForBacking({
  watch,
  backing,
  readError,
  rows,
}: {
  watch: JobWatch;
  backing: BackingJob | undefined;
  readError: string | undefined;
  rows: number;
}) {
  const navigator = useNavigator();
  const jobCommands = useJobCommands(watch.job, () => watch.pollSoon());
  useCommands(
    (command: Command) => {
      if (command === 'nav.back') navigator.pop();
    },
    {
      hints: ['nav.back', 'jobs.describe', 'jobs.cancel', 'jobs.clone', 'jobs.copyName'],
      // The job actions (x, c, d, y), on the pipeline.
      attach: jobCommands,
    },
  );
  const report =
    watch.job.state === 'JOB_STATE_FAILED' && watch.job.error
      ? analyseFailure(watch.job.error)
      : undefined;
  const message = backing
    ? readError
      ? `could not read the backing job ${safeText(backing.name)}: ${safeText(readError)} (retrying)`
      : `reading the backing job ${safeText(backing.name)}…`
    : isTerminalState(watch.job.state)
      ? 'This pipeline ended without a backing job (it never started training).'
      : 'Waiting for the backing job: the pipeline has not started its training job yet.';
  return (
    <Box flexDirection="column" marginTop={1} height={Math.max(1, rows)}>
      <Text color={readError ? theme.status.warning : theme.text.muted} wrap="truncate-end">
        {message}
      </Text>
      {report ? (
        <Box marginTop={1}>
          <FailurePanel report={report} traceback={undefined} />
        </Box>
      ) : null}
    </Box>
  );
}

export function PipelineView({session, resource, columns, rows, logsFirst}: PipelineViewProps) {
  const active = useScreenActive();
  const navigator = useNavigator();
  const watch = useJobWatch(
    session,
    'pipeline',
    toJobSnapshot(resource as CustomJobMessage, 'pipeline'),
    active,
  );
  useWatchedJob(watch.job, true);
  const backing = backingJobOf(watch.job.resource as ResourceMessage);
  const {resource: backingResource, error} = useBackingResource(session, backing, active);
  const below = belowPipelineHeader(rows, Boolean(watch.pollError));
  const target = {job: watch.job, pollSoon: () => watch.pollSoon()};
  // Short: the pipeline's own header is right above.
  const relation = 'backing job';
  return (
    <Box flexDirection="column" width={columns} height={rows}>
      <PipelineHeader session={session} watch={watch} />
      {backing && backingResource ? (
        <Box marginTop={1}>
          {backing.kind === 'custom' ? (
            <Dashboard
              session={session}
              kind="custom"
              initialJob={toJobSnapshot(backingResource as CustomJobMessage, 'custom')}
              columns={columns}
              rows={below}
              onBack={navigator.pop}
              actionTarget={target}
              relation={relation}
              {...(logsFirst && {logsFirst})}
            />
          ) : (
            <TrialsView
              session={session}
              resource={backingResource}
              columns={columns}
              rows={below}
              actionTarget={target}
              relation={relation}
              {...(logsFirst && {logsFirst})}
            />
          )}
        </Box>
      ) : (
        <WaitingForBacking watch={watch} backing={backing} readError={error} rows={below} />
      )}
    </Box>
  );
}
