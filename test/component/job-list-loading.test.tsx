// The job list's loading effects (issue #23 item 11): a load dropped by a reconnect (the API
// replaced while it was in flight, as when two apps start together) must not leave the list
// empty ("No jobs yet here") until the next timer; and a job the dashboard saw end must not stay
// RUNNING on its row, even while List still says so.
import {Text} from 'ink';
import {render} from 'ink-testing-library';
import React from 'react';
import {describe, expect, it} from 'vitest';
import type {JobsApi, ListPage} from '../../source/services/vertex/api.js';
import {useJobList} from '../../source/ui/screens/jobs/use-job-list.js';
import {emptyListMessage} from '../../source/ui/screens/jobs/job-list-state.js';
import {announceSettled} from '../../source/ui/shell/job-settled.js';
import {summarise} from '../../source/services/jobs/job-summary.js';

const PARENT = 'projects/p/locations/us-central1';
const KINDS = ['custom'] as const;
const resource = (id: string, state: string) => ({
  name: `${PARENT}/customJobs/${id}`,
  displayName: `job-${id}`,
  state,
  createTime: {seconds: 1_700_000_000},
});

function fakeJobs(list: () => Promise<ListPage>): JobsApi {
  return {
    listJobs: () => list(),
    getJob: () => Promise.reject(new Error('not used')),
  } as unknown as JobsApi;
}

function Holder({jobs, active = true}: {jobs: JobsApi; active?: boolean}) {
  const list = useJobList(jobs, PARENT, KINDS, '', active);
  const rows = list.pages.custom?.items ?? [];
  return (
    <Text>
      {rows.length > 0
        ? rows.map((row) => `${row.displayName}:${row.state}`).join(' ')
        : emptyListMessage({
            ready: true,
            listed: KINDS.every((kind) => list.pages[kind] !== undefined),
            filtered: false,
          })}
    </Text>
  );
}

const settle = async () => {
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
};

describe('useJobList', () => {
  it('loads at once from a reconnected API while the old load hangs, never saying "No jobs yet"', async () => {
    const hanging = fakeJobs(() => new Promise<ListPage>(() => undefined));
    const view = render(<Holder jobs={hanging} />);
    await settle();
    expect(view.lastFrame()).toBe('Loading jobs…');
    const reconnected = fakeJobs(async () => ({
      items: [resource('1', 'JOB_STATE_SUCCEEDED')],
      nextPageToken: '',
    }));
    view.rerender(<Holder jobs={reconnected} />);
    await settle();
    expect(view.lastFrame()).toBe('job-1:JOB_STATE_SUCCEEDED');
    view.unmount();
  });

  it('says "Loading jobs…", not "No jobs yet", after a first call that failed', async () => {
    const failing = fakeJobs(() =>
      Promise.reject(new Error('14 UNAVAILABLE: connect ECONNREFUSED')),
    );
    const view = render(<Holder jobs={failing} />);
    await settle();
    expect(view.lastFrame()).toBe('Loading jobs…');
    view.unmount();
  });

  it('shows the final state the dashboard saw, at once and over a List that still says RUNNING', async () => {
    // List lags behind Get: it keeps answering RUNNING.
    const stale = fakeJobs(async () => ({
      items: [resource('7', 'JOB_STATE_RUNNING')],
      nextPageToken: '',
    }));
    const view = render(<Holder jobs={stale} />);
    await settle();
    expect(view.lastFrame()).toBe('job-7:JOB_STATE_RUNNING');
    // The dashboard on top (the list paused) polls the job and sees it succeed.
    view.rerender(<Holder jobs={stale} active={false} />);
    announceSettled(summarise('custom', resource('7', 'JOB_STATE_SUCCEEDED')));
    await settle();
    expect(view.lastFrame()).toBe('job-7:JOB_STATE_SUCCEEDED');
    // Back on the list: its refresh (List still stale) keeps the final state.
    view.rerender(<Holder jobs={stale} active />);
    await settle();
    expect(view.lastFrame()).toBe('job-7:JOB_STATE_SUCCEEDED');
    view.unmount();
  });
});
