// A training pipeline's backing job, read once the pipeline names it (its own dashboard then polls
// it), retried every 3 s while the read fails and only while the screen is on top.
import {useEffect, useState} from 'react';
import type {ResourceMessage} from '../../../services/vertex/api.js';
import type {Session} from '../../../services/backend/session.js';
import type {BackingJob} from './pipeline.js';

/** The backing job's resource, read once (its own dashboard then polls it). */
export function useBackingResource(
  session: Session,
  backing: BackingJob | undefined,
  active: boolean,
) {
  const [loaded, setLoaded] = useState<{name: string; resource: ResourceMessage}>();
  const [error, setError] = useState<string>();
  const [attempt, setAttempt] = useState(0);
  const name = backing?.name;
  useEffect(() => {
    if (!backing || !active || loaded?.name === backing.name) return;
    let live = true;
    let retry: NodeJS.Timeout | undefined;
    session.api.jobs.getJob(backing.kind, backing.name).then(
      (resource) => {
        if (!live) return;
        setError(undefined);
        setLoaded({name: backing.name, resource});
      },
      (failure: unknown) => {
        if (!live) return;
        setError((failure as Error).message);
        retry = setTimeout(() => setAttempt((n) => n + 1), 3000);
      },
    );
    return () => {
      live = false;
      if (retry) clearTimeout(retry);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [session, name, active, attempt]);
  return {resource: loaded?.name === name ? loaded?.resource : undefined, error};
}
