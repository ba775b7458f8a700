// The dashboard's view of its job: polled through JobPoller (quick while the state changes, backing
// off while it does not, stopped once terminal, paused while another screen is on top).
import {useEffect, useMemo, useState} from 'react';
import {JobPoller} from '../../../services/logs/job-poller.js';
import type {JobKind} from '../../../services/vertex/api.js';
import type {JobSummary} from '../../../services/vertex/job-snapshot.js';
import type {Session} from '../../../services/backend/session.js';
import {isTerminalState} from '../../../core/job-spec/index.js';
import {announceSettled} from '../../shell/job-settled.js';

export interface JobWatch {
  job: JobSummary;
  pollError?: string;
  /** Polls now and resets the backoff (after cancel). */
  pollSoon(): void;
}

export function useJobWatch(
  session: Session,
  kind: JobKind,
  initial: JobSummary,
  active: boolean,
  /** Turns each polled snapshot into the view's (a tuning job into one of its trials). */
  view: (job: JobSummary) => JobSummary = (job) => job,
): JobWatch {
  const [state, setState] = useState<{job: JobSummary; pollError?: string}>({job: initial});
  const local = session.backend.kind === 'local';
  const poller = useMemo(
    () =>
      new JobPoller({
        jobs: session.api.jobs,
        kind,
        name: initial.name,
        minMs: local ? 500 : 2000,
        maxMs: local ? 2000 : 15_000,
        onJob: (job) => {
          setState({job: view(job)});
          // The job list underneath shows this row too: it must not stay RUNNING.
          if (isTerminalState(job.state)) announceSettled(job);
        },
        onError: (message) => setState((previous) => ({...previous, pollError: message})),
      }),
    // `view` is fixed for the screen's life.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [session, kind, initial.name, local],
  );
  useEffect(() => {
    poller.start(300);
    return () => poller.stop();
  }, [poller]);
  useEffect(() => {
    if (active) poller.resume();
    else poller.pause();
  }, [poller, active]);
  return {...state, pollSoon: () => poller.pollSoon()};
}
