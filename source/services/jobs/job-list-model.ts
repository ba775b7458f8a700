// The job list's data, kept pure: pages of each job type merged newest first without ever loading
// everything, a local text filter, a sort column, and a selection that stays on the same job when
// a refresh brings new rows. The hook (use-job-list.ts) does the I/O and feeds this.
import {isTerminalState} from '../../core/job-spec/job-state.js';
import type {JobKind} from '../vertex/api.js';
import {errorLine, KIND_LABELS, type JobSummary} from './job-summary.js';

export interface KindPages {
  /** Loaded rows in server order (newest first), deduplicated by name. */
  items: JobSummary[];
  nextPageToken: string;
  /** True once the last page was loaded (or the backend does not serve this type). */
  done: boolean;
  /** Why this type could not be listed (e.g. not served by this backend). */
  error?: string;
}

export const SORT_COLUMNS = ['created', 'name', 'state', 'duration', 'type'] as const;
export type SortColumn = (typeof SORT_COLUMNS)[number];

export interface ListView {
  kinds: readonly JobKind[];
  sort: SortColumn;
  descending: boolean;
  text: string;
}

export function emptyPages(): KindPages {
  return {items: [], nextPageToken: '', done: false};
}

/** Adds a loaded page: rows already known (offset paging shifts as jobs arrive) are replaced. */
export function addPage(pages: KindPages, items: JobSummary[], nextPageToken: string): KindPages {
  const known = new Map(pages.items.map((item, index) => [item.name, index]));
  const merged = [...pages.items];
  for (const item of items) {
    const at = known.get(item.name);
    if (at === undefined) merged.push(item);
    else merged[at] = item;
  }
  return {items: merged, nextPageToken, done: nextPageToken === ''};
}

/** A refreshed first page: newer rows go on top, the known ones are updated in place. */
export function refreshFirstPage(
  pages: KindPages,
  items: JobSummary[],
  nextPageToken: string,
): KindPages {
  const fresh = new Map(items.map((item) => [item.name, item]));
  const known = new Set(pages.items.map((item) => item.name));
  const added = items.filter((item) => !known.has(item.name));
  const updated = pages.items.map((item) => fresh.get(item.name) ?? item);
  const wasEmpty = pages.items.length === 0;
  return {
    items: [...added, ...updated],
    nextPageToken: wasEmpty ? nextPageToken : pages.nextPageToken,
    done: wasEmpty ? nextPageToken === '' : pages.done,
  };
}

/**
 * Rows that a refresh of the first page does not cover but may still change: unfinished jobs
 * loaded from later pages. Each is read on its own (at most `limit`, oldest-loaded last), so a job
 * deep in the list does not stay RUNNING on screen after it has ended.
 */
export function unfinishedBeyondFirstPage(
  pages: KindPages,
  firstPage: readonly JobSummary[],
  limit = 25,
): string[] {
  const fresh = new Set(firstPage.map((item) => item.name));
  return pages.items
    .filter((item) => !fresh.has(item.name) && !isTerminalState(item.state))
    .slice(0, limit)
    .map((item) => item.name);
}

const created = (job: JobSummary) => job.createTime?.getTime() ?? 0;

/**
 * The oldest creation time up to which every type is known: a type with more pages may still hold
 * rows older than its last loaded one, so rows older than that are held back until it is loaded.
 */
export function mergeFrontier(
  pages: Partial<Record<JobKind, KindPages>>,
  kinds: readonly JobKind[],
): number {
  let frontier = -Infinity;
  for (const kind of kinds) {
    const page = pages[kind];
    // A type not read yet may hold the newest job of all: nothing is safe to show before it.
    if (!page) return Infinity;
    if (page.done) continue;
    const last = page.items[page.items.length - 1];
    frontier = Math.max(frontier, last ? created(last) : Infinity);
  }
  return frontier;
}

/** The type whose next page is needed to show more rows, if any. */
export function kindToLoad(
  pages: Partial<Record<JobKind, KindPages>>,
  kinds: readonly JobKind[],
): JobKind | undefined {
  let best: JobKind | undefined;
  let bestTime = -Infinity;
  for (const kind of kinds) {
    const page = pages[kind];
    if (!page || page.done) continue;
    const last = page.items[page.items.length - 1];
    const time = last ? created(last) : Infinity;
    if (time > bestTime) {
      bestTime = time;
      best = kind;
    }
  }
  return best;
}

function durationOf(job: JobSummary, now: number): number {
  const start = job.startTime?.getTime() ?? job.createTime?.getTime();
  if (start === undefined) return 0;
  return (job.endTime?.getTime() ?? now) - start;
}

const COMPARE: Record<SortColumn, (a: JobSummary, b: JobSummary, now: number) => number> = {
  created: (a, b) => created(a) - created(b) || a.name.localeCompare(b.name),
  name: (a, b) => a.displayName.localeCompare(b.displayName) || created(a) - created(b),
  state: (a, b) => a.state.localeCompare(b.state) || created(a) - created(b),
  duration: (a, b, now) => durationOf(a, now) - durationOf(b, now),
  type: (a, b) => KIND_LABELS[a.kind].localeCompare(KIND_LABELS[b.kind]) || created(a) - created(b),
};

export function matchesText(job: JobSummary, text: string): boolean {
  if (!text) return true;
  const needle = text.toLowerCase();
  const haystack = [
    job.displayName,
    job.id,
    job.state.replace(/^JOB_STATE_/, ''),
    KIND_LABELS[job.kind],
    job.resources ?? '',
    errorLine(job) ?? '',
    ...Object.entries(job.labels).map(([key, value]) => `${key}=${value}`),
  ];
  return haystack.some((value) => value.toLowerCase().includes(needle));
}

/** The rows to show: every type's safe-to-show rows merged, filtered and sorted. */
export function visibleRows(
  pages: Partial<Record<JobKind, KindPages>>,
  view: ListView,
  now: number,
): JobSummary[] {
  const frontier = mergeFrontier(pages, view.kinds);
  const rows: JobSummary[] = [];
  for (const kind of view.kinds)
    for (const job of pages[kind]?.items ?? [])
      if (created(job) >= frontier && matchesText(job, view.text)) rows.push(job);
  const compare = COMPARE[view.sort];
  rows.sort((a, b) => (view.descending ? -compare(a, b, now) : compare(a, b, now)));
  return rows;
}

/** Where the selection goes after the rows changed: the same job if it is still shown. */
export function keepSelection(
  rows: JobSummary[],
  selectedName: string | undefined,
  fallback: number,
): number {
  if (selectedName !== undefined) {
    const index = rows.findIndex((row) => row.name === selectedName);
    if (index >= 0) return index;
  }
  return Math.max(0, Math.min(fallback, rows.length - 1));
}

export function hasMore(
  pages: Partial<Record<JobKind, KindPages>>,
  kinds: readonly JobKind[],
): boolean {
  return kinds.some((kind) => pages[kind] && !pages[kind]!.done);
}
