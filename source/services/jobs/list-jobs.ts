// The job list without a screen (for `jobs list`): pages of each type are read only as far as
// the merged, newest-first list needs to hold `limit` rows.
import {ApiError, type JobKind, type JobsApi} from '../vertex/api.js';
import {
  addPage,
  emptyPages,
  hasMore,
  kindToLoad,
  visibleRows,
  type KindPages,
} from './job-list-model.js';
import {summarise, type JobSummary} from './job-summary.js';
import {serverFilterFor} from './server-filter.js';

const UNIMPLEMENTED = 12;

export async function listJobsMerged(
  jobs: JobsApi,
  parent: string,
  kinds: readonly JobKind[],
  filter: string,
  limit: number,
  pageSize = Math.min(Math.max(limit, 1), 100),
): Promise<JobSummary[]> {
  const pages: Partial<Record<JobKind, KindPages>> = {};
  const load = async (kind: JobKind) => {
    const current = pages[kind] ?? emptyPages();
    const server = filter ? serverFilterFor(kind, filter) : '';
    // No job of this type can match the filter (a pipeline asked for JOB_STATE_EXPIRED): none.
    if (server === undefined) {
      pages[kind] = {...current, done: true};
      return;
    }
    try {
      const page = await jobs.listJobs(kind, {
        parent,
        pageSize,
        ...(server && {filter: server}),
        ...(current.nextPageToken && {pageToken: current.nextPageToken}),
      });
      pages[kind] = addPage(
        current,
        page.items.map((item) => summarise(kind, item)),
        page.nextPageToken,
      );
    } catch (error) {
      // A backend that does not serve a type (UNIMPLEMENTED) simply has none of it.
      if (error instanceof ApiError && error.code === UNIMPLEMENTED)
        pages[kind] = {...current, done: true};
      else throw error;
    }
  };
  await Promise.all(kinds.map(load));
  const view = {kinds, sort: 'created' as const, descending: true, text: ''};
  for (;;) {
    const rows = visibleRows(pages, view, Date.now());
    if (rows.length >= limit || !hasMore(pages, kinds)) return rows.slice(0, limit);
    const next = kindToLoad(pages, kinds);
    if (!next) return rows.slice(0, limit);
    await load(next);
  }
}
