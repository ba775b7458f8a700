// Loads the job list page by page and keeps it fresh: the first page of each job type at once,
// the next page of whichever type holds back the merge when the selection nears the end, and a
// refresh that backs off (5 s → 60 s, back to 5 s while jobs run or after a change) and only
// runs while the list is on screen.
import {explainApiError, formatExplained} from '../../../services/vertex/explain-error.js';
import {useCallback, useEffect, useLayoutEffect, useRef, useState} from 'react';
import {isTerminalState} from '../../../core/job-spec/job-state.js';
import {ApiError, type JobKind, type JobsApi} from '../../../services/vertex/api.js';
import {
  addPage,
  emptyPages,
  kindToLoad,
  refreshFirstPage,
  unfinishedBeyondFirstPage,
  type KindPages,
} from '../../../services/jobs/job-list-model.js';
import {summarise} from '../../../services/jobs/job-summary.js';
import {serverFilterFor} from '../../../services/jobs/server-filter.js';
import type {JobSummary} from '../../../services/vertex/job-snapshot.js';
import {onJobSettled} from '../../shell/job-settled.js';

// VTRAIN_JOB_PAGE_SIZE exists so tests can page past the first page with a handful of jobs.
export const PAGE_SIZE = Math.min(1000, Number(process.env.VTRAIN_JOB_PAGE_SIZE) || 100);
const FAST_REFRESH_MS = 5_000;
const SLOWEST_REFRESH_MS = 60_000;
const UNIMPLEMENTED = 12;

export interface JobListData {
  pages: Partial<Record<JobKind, KindPages>>;
  loading: boolean;
  error?: string;
  refreshedAt?: number;
  /** Loads the next page that the merged list needs (no-op when everything is loaded). */
  loadMore(): void;
  refresh(): void;
}

function describeFailure(error: unknown): {message: string; unsupported: boolean} {
  const unsupported = error instanceof ApiError && error.code === UNIMPLEMENTED;
  // Credentials, permissions, a disabled API, quota: one line with the next step.
  const message = unsupported
    ? 'not served by this backend'
    : formatExplained(explainApiError(error));
  return {message, unsupported};
}

export function useJobList(
  jobs: JobsApi | undefined,
  parent: string,
  kinds: readonly JobKind[],
  filter: string,
  active: boolean,
): JobListData {
  // Pages belong to one query (backend, parent, filter, types); another query starts empty.
  const queryKey = `${parent}|${filter}|${kinds.join(',')}`;
  const [loaded, setLoaded] = useState<{query: string; pages: Partial<Record<JobKind, KindPages>>}>(
    {
      query: queryKey,
      pages: {},
    },
  );
  const pages = loaded.query === queryKey ? loaded.pages : {};
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const [refreshedAt, setRefreshedAt] = useState<number | undefined>();
  const pagesRef = useRef(pages);
  useLayoutEffect(() => {
    pagesRef.current = pages;
  });
  /** The generation whose load is in flight: a load of an older one does not hold a new one up. */
  const inFlight = useRef<number | undefined>(undefined);
  const generation = useRef(0);
  const delay = useRef(FAST_REFRESH_MS);
  const kindsKey = kinds.join(',');
  /** Jobs another screen saw in a terminal state (job-settled.ts): final, whatever List says. */
  const settled = useRef(new Map<string, JobSummary>());

  const fetchPage = useCallback(
    async (kind: JobKind, pageToken: string) => {
      const server = filter ? serverFilterFor(kind, filter) : '';
      // No job of this type can match the filter (a pipeline asked for JOB_STATE_EXPIRED).
      if (server === undefined) return {items: [], next: ''};
      const page = await jobs!.listJobs(kind, {
        parent,
        pageSize: PAGE_SIZE,
        ...(server && {filter: server}),
        ...(pageToken && {pageToken}),
      });
      return {items: page.items.map((item) => summarise(kind, item)), next: page.nextPageToken};
    },
    [jobs, parent, filter],
  );

  // A new backend, filter or set of types starts from scratch.
  useEffect(() => {
    generation.current += 1;
    pagesRef.current = {};
    delay.current = FAST_REFRESH_MS;
  }, [jobs, queryKey]);

  const refresh = useCallback(() => {
    if (!jobs || inFlight.current === generation.current) return;
    const started = generation.current;
    inFlight.current = started;
    setLoading(true);
    const selected = kindsKey.split(',') as JobKind[];
    void Promise.all(
      selected.map(async (kind) => {
        try {
          const {items, next} = await fetchPage(kind, '');
          // Unfinished rows from later pages are read one by one; a job gone since is left as is.
          const previous = pagesRef.current[kind];
          const later = previous ? unfinishedBeyondFirstPage(previous, items) : [];
          const reread = await Promise.all(
            later.map((name) =>
              jobs.getJob(kind, name).then(
                (message) => summarise(kind, message),
                () => undefined,
              ),
            ),
          );
          const known = reread.filter((item) => item !== undefined);
          return {kind, items: [...items, ...known], next};
        } catch (failure) {
          return {kind, failure: describeFailure(failure)};
        }
      }),
    ).then((results) => {
      if (started !== generation.current) return;
      inFlight.current = undefined;
      setLoading(false);
      let changed = false;
      let problem: string | undefined;
      const next = {...pagesRef.current};
      for (const result of results) {
        const previous = next[result.kind] ?? emptyPages();
        if ('failure' in result && result.failure) {
          if (result.failure.unsupported)
            next[result.kind] = {...previous, done: true, error: result.failure.message};
          else problem = result.failure.message;
          continue;
        }
        const updated = withSettled(
          refreshFirstPage(previous, result.items!, result.next!),
          settled.current,
        );
        if (
          JSON.stringify(updated.items.map((i) => [i.name, i.state, i.updateTime])) !==
          JSON.stringify(previous.items.map((i) => [i.name, i.state, i.updateTime]))
        )
          changed = true;
        next[result.kind] = updated;
      }
      const running = Object.values(next).some((page) =>
        page?.items.some((job) => !isTerminalState(job.state)),
      );
      delay.current =
        changed || running ? FAST_REFRESH_MS : Math.min(delay.current * 2, SLOWEST_REFRESH_MS);
      setLoaded({query: queryKey, pages: next});
      setError(problem);
      setRefreshedAt(Date.now());
    });
  }, [jobs, fetchPage, kindsKey, queryKey]);

  const loadMore = useCallback(() => {
    if (!jobs || inFlight.current !== undefined) return;
    const kind = kindToLoad(pagesRef.current, kindsKey.split(',') as JobKind[]);
    const current = kind && pagesRef.current[kind];
    if (!kind || !current || current.items.length === 0) return;
    const started = generation.current;
    inFlight.current = started;
    setLoading(true);
    fetchPage(kind, current.nextPageToken).then(
      ({items, next}) => {
        if (started !== generation.current) return;
        inFlight.current = undefined;
        setLoading(false);
        const previous = pagesRef.current;
        setLoaded({
          query: queryKey,
          pages: {...previous, [kind]: addPage(previous[kind] ?? emptyPages(), items, next)},
        });
      },
      (failure: unknown) => {
        if (started !== generation.current) return;
        inFlight.current = undefined;
        setLoading(false);
        setError(describeFailure(failure).message);
      },
    );
  }, [jobs, fetchPage, kindsKey, queryKey]);

  // A job the dashboard saw end: its row says so now, and the list is read again (once, even
  // while paused under the dashboard) so the rest of it is current when it is back on screen.
  useEffect(
    () =>
      onJobSettled((job) => {
        settled.current.set(job.name, job);
        const current = pagesRef.current[job.kind];
        if (!current?.items.some((row) => row.name === job.name && !isTerminalState(row.state)))
          return;
        const pages = {...pagesRef.current, [job.kind]: withSettled(current, settled.current)};
        pagesRef.current = pages;
        setLoaded({query: queryKey, pages});
        delay.current = FAST_REFRESH_MS;
        refresh();
      }),
    [queryKey, refresh],
  );

  // While on screen: refresh now, then on a backing-off timer.
  useEffect(() => {
    if (!active || !jobs) return;
    let timer: NodeJS.Timeout | undefined;
    let stopped = false;
    const tick = () => {
      refresh();
      timer = setTimeout(tick, delay.current);
    };
    tick();
    return () => {
      stopped = true;
      void stopped;
      clearTimeout(timer);
    };
  }, [active, jobs, refresh]);

  const manualRefresh = useCallback(() => {
    delay.current = FAST_REFRESH_MS;
    refresh();
  }, [refresh]);

  return {
    pages,
    loading,
    ...(error && {error}),
    ...(refreshedAt && {refreshedAt}),
    loadMore,
    refresh: manualRefresh,
  };
}

/** Rows the list still shows unfinished but another screen saw end get that final state. */
function withSettled(pages: KindPages, settled: ReadonlyMap<string, JobSummary>): KindPages {
  if (settled.size === 0) return pages;
  let changed = false;
  const items = pages.items.map((row) => {
    const final = settled.get(row.name);
    if (!final || isTerminalState(row.state)) return row;
    changed = true;
    return final;
  });
  return changed ? {...pages, items} : pages;
}
