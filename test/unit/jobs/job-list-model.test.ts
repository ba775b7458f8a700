import {describe, expect, it} from 'vitest';
import {
  addPage,
  emptyPages,
  keepSelection,
  kindToLoad,
  mergeFrontier,
  refreshFirstPage,
  unfinishedBeyondFirstPage,
  visibleRows,
  type KindPages,
} from '../../../source/services/jobs/job-list-model.js';
import type {JobSummary} from '../../../source/services/jobs/job-summary.js';
import type {JobKind} from '../../../source/services/vertex/api.js';

function job(
  kind: JobKind,
  id: number,
  minute: number,
  extra: Partial<JobSummary> = {},
): JobSummary {
  return {
    kind,
    name: `projects/p/locations/r/${kind}/${id}`,
    id: String(id),
    displayName: `${kind}-${id}`,
    state: 'JOB_STATE_SUCCEEDED',
    createTime: new Date(Date.UTC(2026, 11, 1, 0, minute)),
    resources: '',
    labels: {},
    resource: {},
    ...extra,
  };
}

const view = (kinds: JobKind[] = ['custom', 'hptuning']) => ({
  kinds,
  sort: 'created' as const,
  descending: true,
  text: '',
});

describe('the job list model', () => {
  it('merges types newest first and holds back rows a type with more pages may still precede', () => {
    const pages: Partial<Record<JobKind, KindPages>> = {
      // Custom jobs: a page down to minute 50, more to come.
      custom: addPage(emptyPages(), [job('custom', 1, 59), job('custom', 2, 50)], 'next'),
      // Tuning jobs: all loaded, some older than 50.
      hptuning: addPage(emptyPages(), [job('hptuning', 3, 55), job('hptuning', 4, 10)], ''),
    };
    expect(mergeFrontier(pages, ['custom', 'hptuning'])).toBe(Date.UTC(2026, 11, 1, 0, 50));
    expect(visibleRows(pages, view(), 0).map((row) => row.id)).toEqual(['1', '3', '2']);
    expect(kindToLoad(pages, ['custom', 'hptuning'])).toBe('custom');
    pages.custom = addPage(pages.custom!, [job('custom', 5, 5)], '');
    expect(visibleRows(pages, view(), 0).map((row) => row.id)).toEqual(['1', '3', '2', '4', '5']);
    expect(kindToLoad(pages, ['custom', 'hptuning'])).toBeUndefined();
  });

  it('shows nothing of a type whose first page has not come yet', () => {
    const pages = {custom: addPage(emptyPages(), [job('custom', 1, 1)], '')};
    expect(visibleRows(pages, view(), 0)).toEqual([]);
    expect(visibleRows(pages, view(['custom']), 0)).toHaveLength(1);
  });

  it('dedupes rows that offset paging repeats, and a refresh adds new rows on top', () => {
    let pages = addPage(emptyPages(), [job('custom', 2, 2), job('custom', 1, 1)], 't');
    pages = addPage(pages, [job('custom', 1, 1), job('custom', 0, 0)], '');
    expect(pages.items.map((row) => row.id)).toEqual(['2', '1', '0']);
    const running = job('custom', 2, 2, {state: 'JOB_STATE_RUNNING'});
    pages = refreshFirstPage(pages, [job('custom', 3, 3), running], 'again');
    expect(pages.items.map((row) => `${row.id}:${row.state}`)).toEqual([
      '3:JOB_STATE_SUCCEEDED',
      '2:JOB_STATE_RUNNING',
      '1:JOB_STATE_SUCCEEDED',
      '0:JOB_STATE_SUCCEEDED',
    ]);
    // Rows already past the first page are still known: the next-page token is kept.
    expect(pages.done).toBe(true);
  });

  it('names the unfinished rows a first-page refresh does not cover, and they update in place', () => {
    let pages = addPage(
      emptyPages(),
      [job('custom', 9, 9), job('custom', 8, 8, {state: 'JOB_STATE_RUNNING'})],
      'next',
    );
    pages = addPage(
      pages,
      [
        job('custom', 7, 7, {state: 'JOB_STATE_RUNNING'}),
        job('custom', 6, 6),
        job('custom', 5, 5, {state: 'JOB_STATE_PENDING'}),
      ],
      '',
    );
    const firstPage = [job('custom', 9, 9), job('custom', 8, 8, {state: 'JOB_STATE_SUCCEEDED'})];
    const later = unfinishedBeyondFirstPage(pages, firstPage);
    expect(later.map((name) => name.split('/').pop())).toEqual(['7', '5']);
    expect(unfinishedBeyondFirstPage(pages, firstPage, 1)).toHaveLength(1);
    const reread = job('custom', 7, 7, {state: 'JOB_STATE_FAILED'});
    const refreshed = refreshFirstPage(pages, [...firstPage, reread], 'next');
    expect(refreshed.items.map((row) => `${row.id}:${row.state}`)).toEqual([
      '9:JOB_STATE_SUCCEEDED',
      '8:JOB_STATE_SUCCEEDED',
      '7:JOB_STATE_FAILED',
      '6:JOB_STATE_SUCCEEDED',
      '5:JOB_STATE_PENDING',
    ]);
  });

  it('filters by text over name, id, state, labels and error, and sorts by a column', () => {
    const rows = [
      job('custom', 1, 1, {displayName: 'b-train', labels: {team: 'vision'}}),
      job('custom', 2, 2, {
        displayName: 'a-train',
        state: 'JOB_STATE_FAILED',
        error: {code: 0, message: 'OOM killed'},
      }),
    ];
    const pages = {custom: addPage(emptyPages(), rows, '')};
    const only = (text: string) =>
      visibleRows(pages, {...view(['custom']), text}, 0).map((row) => row.id);
    expect(only('vision')).toEqual(['1']);
    expect(only('failed')).toEqual(['2']);
    expect(only('oom')).toEqual(['2']);
    const byName = visibleRows(pages, {...view(['custom']), sort: 'name', descending: false}, 0);
    expect(byName.map((row) => row.displayName)).toEqual(['a-train', 'b-train']);
  });

  it('keeps the selection on the same job when rows move', () => {
    const rows = [job('custom', 3, 3), job('custom', 2, 2), job('custom', 1, 1)];
    expect(keepSelection(rows, rows[1]!.name, 0)).toBe(1);
    expect(keepSelection(rows, 'gone', 7)).toBe(2);
    expect(keepSelection([], undefined, 3)).toBe(0);
  });
});
