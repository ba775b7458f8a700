// The "tell me when it ends" notice (settings ui.jobEndNotice): one EndWatch for the run, fed by
// every screen that reads job states, writing the bell / desktop-notification sequence straight to
// the terminal. Both are zero-width (BEL, an OSC string), so they never disturb Ink's frame.
import {createContext, useContext, useEffect} from 'react';
import {endNoticeSequence, type EndNoticeKind} from '../../core/text/end-notice.js';
import {EndWatch, type ObservedJob} from '../../services/jobs/end-watch.js';

export interface EndNotifier {
  opened(job: ObservedJob): void;
  observe(job: ObservedJob): void;
}

export function createEndNotifier(
  kind: EndNoticeKind,
  write: (bytes: string) => void,
  env: Record<string, string | undefined> = process.env,
): EndNotifier {
  const watch = new EndWatch();
  return {
    opened: (job) => {
      if (kind !== 'off') watch.opened(job);
    },
    observe: (job) => {
      const ended = kind === 'off' ? undefined : watch.observe(job);
      if (ended) write(endNoticeSequence(kind, ended.title, ended.body, env));
    },
  };
}

const OFF: EndNotifier = {opened: () => {}, observe: () => {}};
export const EndNoticeContext = createContext<EndNotifier>(OFF);

/**
 * A dashboard: each new state of its job is an observation; `opened` says the user opened this
 * job itself (not a pipeline's backing job shown inside the pipeline's dashboard).
 */
export function useWatchedJob(job: ObservedJob, opened: boolean): void {
  const notifier = useContext(EndNoticeContext);
  useEffect(
    () => {
      if (opened) notifier.opened(job);
    },
    // Opened once, with the state it had when the screen mounted.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [notifier, job.name, opened],
  );
  useEffect(
    () => notifier.observe(job),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [notifier, job.name, job.state],
  );
}

/** The job list: every refreshed row is an observation. */
export function useObservedJobs(jobs: readonly ObservedJob[]): void {
  const notifier = useContext(EndNoticeContext);
  useEffect(() => {
    for (const job of jobs) notifier.observe(job);
  }, [notifier, jobs]);
}
