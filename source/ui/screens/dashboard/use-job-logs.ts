// One log engine per open job, started with the screen and stopped with it. React re-renders at
// most 30 times a second however fast lines arrive: the engine only bumps a throttled version.
import {useEffect, useMemo, useState} from 'react';
import {isTerminalState} from '../../../core/job-spec/index.js';
import {JobLogEngine} from '../../../services/logs/job-log-engine.js';
import {readBudgetFor} from '../../../services/logs/read-budget.js';
import type {JobSummary} from '../../../services/vertex/job-snapshot.js';
import type {Session} from '../../../services/backend/session.js';
import {useScreenActive} from '../../shell/screen-context.js';

const FRAME_MS = 33;

/**
 * `trialId`: one trial of the tuning job `job`; `trialJobId`: the CustomJob that trial runs in,
 * once known (its logs are read under either: log-filter.ts trialClause).
 */
export function useJobLogs(
  session: Session,
  job: JobSummary,
  trialId?: string,
  trialJobId?: string,
) {
  const engine = useMemo(
    () =>
      new JobLogEngine({
        logging: session.api.logging,
        budget: readBudgetFor(session.api.logging, session.backend.kind),
        project: session.backend.project,
        jobId: job.id,
        jobCreateTimeMs: job.createTime?.getTime() ?? 0,
        open: 'end',
        follow: !isTerminalState(job.state),
        ...(trialId && {narrow: {trialId, ...(trialJobId && {trialJobId})}}),
        // Locally the tail can flush often (the view orders lines itself); lateness and drain keep
        // Google's margins (engine-options.ts) on both backends, since a replica's entries can
        // reach the emulator late too.
        ...(session.backend.kind === 'local' && {tailBufferMs: 50}),
      }),
    // A new engine only for another job (or once a trial names its CustomJob); later snapshots
    // of the same job reuse it.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [session, job.id, trialId, trialJobId],
  );
  const [version, setVersion] = useState(0);
  useEffect(() => {
    let timer: NodeJS.Timeout | undefined;
    const unsubscribe = engine.subscribe(() => {
      timer ??= setTimeout(() => {
        timer = undefined;
        setVersion((v) => v + 1);
      }, FRAME_MS);
    });
    engine.start();
    return () => {
      unsubscribe();
      if (timer) clearTimeout(timer);
      engine.stop();
    };
  }, [engine]);
  // A dashboard under another screen (a trial, the wizard) gives back its tail: a project may
  // hold only 10 (https://cloud.google.com/logging/quotas).
  const active = useScreenActive();
  useEffect(() => {
    engine.setVisible(active);
  }, [engine, active]);
  const terminal = isTerminalState(job.state);
  useEffect(() => {
    if (terminal) engine.jobEnded();
  }, [engine, terminal]);
  return {engine, version};
}
