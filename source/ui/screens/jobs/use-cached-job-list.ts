// Puts the cached list (cached-rows.ts) in front of the live one (use-job-list.ts): the first frame
// draws the rows of the last run, marked with their age (cachedAt), and the first live answer
// replaces them; every live answer of the unfiltered list is saved for the next run.
import {useEffect, useMemo, useRef, useState} from 'react';
import {useAppContext} from '../../shell/session-context.js';
import {JOB_KINDS, type JobKind} from '../../../services/vertex/api.js';
import {serialiseJobList} from '../../../services/jobs/job-list-cache.js';
import {hasLivePages, pagesToShow, rowsToSave} from './cached-rows.js';
import type {JobListData} from './use-job-list.js';

const RESAVE_MS = 60_000;

export interface ShownJobList extends JobListData {
  /** Set while the rows are the cached ones: when they were read from the backend. */
  cachedAt?: number;
}

export function useCachedJobList(
  live: JobListData,
  kinds: readonly JobKind[],
  serverFilter: string,
): ShownJobList {
  const cache = useAppContext().jobListCache;
  // Read once per backend/project/region, synchronously, so the very first frame has the rows.
  const cached = useMemo(() => cache?.load(), [cache]);
  // Once the backend has answered for this cache's target, the cached rows never come back.
  const [seenFor, setSeenFor] = useState<typeof cache>(undefined);
  const liveNow = hasLivePages(live.pages, kinds);
  if (liveNow && seenFor !== cache) setSeenFor(cache);
  const shown = pagesToShow(live.pages, kinds, liveNow || seenFor === cache, cached, serverFilter);

  const saved = useRef<{signature: string; at: number} | undefined>(undefined);
  const unfiltered = !serverFilter && kinds.length === JOB_KINDS.length;
  useEffect(() => {
    if (!cache || !unfiltered || live.error) return;
    const rows = rowsToSave(live.pages);
    if (!rows) return;
    // Written when the rows changed, else at most once a minute (so the age shown next time is
    // close to when the list was last seen), not on every refresh.
    const signature = serialiseJobList(cache.key, rows, 0);
    const now = Date.now();
    if (signature === saved.current?.signature && now - saved.current.at < RESAVE_MS) return;
    saved.current = {signature, at: now};
    cache.save(rows);
  }, [cache, unfiltered, live.pages, live.error]);

  return shown.cachedAt === undefined
    ? live
    : {...live, pages: shown.pages, cachedAt: shown.cachedAt};
}
