// What the job list draws on a returning run before the backend answers: the rows it saw last
// time (services/jobs/job-list-cache.ts), until the first live answer replaces them for good. Pure,
// so the swap is unit-tested: which pages to draw, and which rows to save for the next run.
import {JOB_KINDS, type JobKind} from '../../../services/vertex/api.js';
import {MAX_ROWS, type CachedJobList} from '../../../services/jobs/job-list-cache.js';
import {visibleRows, type KindPages} from '../../../services/jobs/job-list-model.js';
import type {JobSummary} from '../../../services/jobs/job-summary.js';

export type Pages = Partial<Record<JobKind, KindPages>>;

/** Cached rows as pages of each type, complete (nothing more to load from a cache). */
export function cachedPages(cached: CachedJobList): Pages {
  const pages: Pages = {};
  for (const kind of JOB_KINDS)
    pages[kind] = {
      items: cached.rows.filter((row) => row.kind === kind),
      nextPageToken: '',
      done: true,
    };
  return pages;
}

/**
 * True once the backend answered the query for every type shown (a page each, even an empty one).
 * A type that failed leaves the cached rows up (with the error said): a merge missing a type can
 * show nothing safely.
 */
export function hasLivePages(pages: Pages, kinds: readonly JobKind[]): boolean {
  return kinds.every((kind) => pages[kind]);
}

/**
 * The pages to draw: the live ones once the backend has answered (or after it answered once, so a
 * new type or filter does not bring the old rows back), else the cached rows, except under a
 * server filter (the cache holds the unfiltered list, which the server filter could not be
 * applied to). `cachedAt` is set when the rows are the cached ones.
 */
export function pagesToShow(
  live: Pages,
  kinds: readonly JobKind[],
  liveSeen: boolean,
  cached: CachedJobList | undefined,
  serverFilter: string,
): {pages: Pages; cachedAt?: number} {
  if (liveSeen || hasLivePages(live, kinds) || !cached || serverFilter) return {pages: live};
  return {pages: cachedPages(cached), cachedAt: cached.savedAt};
}

/**
 * The rows to save for the next run: the unfiltered list of every type, newest first, as far as it
 * is known (the first MAX_ROWS). Undefined until every type has answered.
 */
export function rowsToSave(pages: Pages): JobSummary[] | undefined {
  if (!hasLivePages(pages, JOB_KINDS)) return undefined;
  return visibleRows(
    pages,
    {kinds: JOB_KINDS, sort: 'created', descending: true, text: ''},
    Date.now(),
  ).slice(0, MAX_ROWS);
}
