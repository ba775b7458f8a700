// Live view of one job: header with state and time in state, one row per replica, the failure
// reason when there is one, and the replicas' merged logs with a coloured replica prefix.
import {Box, Text} from 'ink';
import React, {useState} from 'react';
import {useCommands} from '../app/key-dispatcher.js';
import {theme} from '../app/theme.js';
import {cancelUnavailable, useJobActions, type JobRef} from '../jobs/use-job-actions.js';
import {safeText} from '../text/safe-text.js';
import type {ResourceMessage} from '../vertex/api.js';
import type {JobSnapshot} from '../vertex/job-snapshot.js';
import type {Session} from '../vertex/session.js';
import {LogView} from './LogView.js';
import {replicaColor, ReplicaTable} from './ReplicaTable.js';
import {replicaRows} from './replica-status.js';
import {useClock} from './use-clock.js';
import {useJob} from './use-job.js';
import {useJobLogs} from './use-job-logs.js';
import {JobHeader} from './JobHeader.js';

export interface DashboardProps {
  session: Session;
  initialJob: JobSnapshot;
  columns: number;
  rows: number;
  onBack: () => void;
}

export function Dashboard({session, initialJob, columns, rows, onBack}: DashboardProps) {
  const watch = useJob(session.jobs, initialJob);
  const {engine} = useJobLogs(session, watch.job);
  const now = useClock();
  const [offsetFromEnd, setOffsetFromEnd] = useState(0);
  const actions = useJobActions();
  const jobRef: JobRef = {
    kind: 'custom',
    name: watch.job.name,
    displayName: watch.job.displayName,
    state: watch.job.state,
    resource: watch.job.resource as ResourceMessage,
  };
  const store = engine.store;
  const stream = engine.status();
  const replicas = replicaRows(
    watch.job.jobSpec.workerPoolSpecs ?? [],
    watch.job.state,
    watch.job.error?.message,
    store.counters(),
  );
  const colors = new Map(replicas.map((row, index) => [row.name, replicaColor(index)]));
  colors.set('service', theme.text.muted);
  const failed = watch.job.state === 'JOB_STATE_FAILED' && watch.job.error;
  const errorLines = failed ? watch.job.error!.message.split('\n').slice(0, 6) : [];
  const logHeight = Math.max(
    4,
    rows - 4 - (replicas.length + 2) - (errorLines.length ? errorLines.length + 1 : 0) - 2,
  );

  const cancelWhy = cancelUnavailable(jobRef);
  useCommands(
    (command) => {
      if (command === 'nav.back') onBack();
      else if (command === 'logs.scrollUp' || command === 'nav.pageUp' || command === 'nav.up')
        setOffsetFromEnd((o) =>
          Math.min(o + (command === 'nav.up' ? 1 : logHeight - 1), Math.max(0, store.length - 1)),
        );
      else if (
        command === 'logs.scrollDown' ||
        command === 'nav.pageDown' ||
        command === 'nav.down'
      )
        setOffsetFromEnd((o) => Math.max(0, o - (command === 'nav.down' ? 1 : logHeight - 1)));
      else if (command === 'logs.follow' || command === 'nav.bottom') setOffsetFromEnd(0);
      else if (command === 'nav.top') setOffsetFromEnd(Math.max(0, store.length - 1));
      else if (command === 'job.cancel') void actions.cancel(jobRef);
      else if (command === 'job.clone') actions.clone(jobRef);
      else if (command === 'job.describe') actions.describe(jobRef);
      else if (command === 'job.copyName') actions.copyName(jobRef);
    },
    {
      hints: [
        'nav.back',
        'job.cancel',
        'logs.scrollUp',
        'logs.follow',
        'job.describe',
        'job.clone',
      ],
      disabled: {
        ...(cancelWhy && {'job.cancel': cancelWhy}),
      },
    },
  );

  return (
    <Box flexDirection="column" height={rows}>
      <JobHeader
        watch={watch}
        now={now}
        backendLabel={
          session.backend.kind === 'local'
            ? 'local emulator'
            : `Vertex AI ${session.backend.region}`
        }
      />
      <Box marginTop={1} flexDirection="column">
        <ReplicaTable rows={replicas} now={now} />
      </Box>
      {errorLines.length > 0 ? (
        <Box flexDirection="column" marginTop={1}>
          {errorLines.map((line, index) => (
            <Text key={index} color={theme.status.error} wrap="truncate-end">
              {safeText(line)}
            </Text>
          ))}
        </Box>
      ) : null}
      <Box marginTop={1} flexGrow={1}>
        <LogView
          store={store}
          height={logHeight}
          width={columns}
          offsetFromEnd={offsetFromEnd}
          replicaColors={colors}
          status={stream}
        />
      </Box>
    </Box>
  );
}
