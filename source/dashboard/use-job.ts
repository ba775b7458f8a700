// Polls one job until it reaches a terminal state, remembering when each state was first seen
// so the header can show time in state.
import {useEffect, useState} from 'react';
import {isTerminalState, type JobState} from '../job-spec/index.js';
import type {JobService} from '../vertex/job-service.js';
import type {JobSnapshot} from '../vertex/job-snapshot.js';

export interface JobWatch {
  job: JobSnapshot;
  stateSince: number;
  history: {state: JobState; at: number}[];
  pollError?: string;
}

export function useJob(jobs: JobService, initial: JobSnapshot, intervalMs = 1000): JobWatch {
  const [watch, setWatch] = useState<JobWatch>(() => ({
    job: initial,
    stateSince: Date.now(),
    history: [{state: initial.state, at: Date.now()}],
  }));
  useEffect(() => {
    let stopped = false;
    let timer: NodeJS.Timeout | undefined;
    const poll = async () => {
      try {
        const job = await jobs.get(initial.name);
        if (stopped) return;
        setWatch((previous) =>
          job.state === previous.job.state
            ? {...previous, job, pollError: undefined}
            : {
                job,
                stateSince: Date.now(),
                history: [...previous.history, {state: job.state, at: Date.now()}],
              },
        );
        if (isTerminalState(job.state)) return;
      } catch (error) {
        if (stopped) return;
        setWatch((previous) => ({...previous, pollError: (error as Error).message}));
      }
      timer = setTimeout(() => void poll(), intervalMs);
    };
    timer = setTimeout(() => void poll(), Math.min(intervalMs, 300));
    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
    };
  }, [jobs, initial.name, intervalMs]);
  return watch;
}
