// A session replaced by the Where step's backend switch (its API worker thread, its heartbeat)
// must not live until the app exits: it closes once screens have moved to the new one, after a
// grace period in which a call still finishing on it can complete (or fail and be dropped).
import {useEffect, useRef} from 'react';

export const REPLACED_SESSION_GRACE_MS = 10_000;

export function useCloseReplacedSession(
  session: {close(): Promise<void>} | undefined,
  graceMs = REPLACED_SESSION_GRACE_MS,
): void {
  const last = useRef<typeof session>(undefined);
  useEffect(() => {
    if (!session) return;
    const replaced = last.current;
    last.current = session;
    if (!replaced || replaced === session) return;
    // Not cleared on re-render: a replaced session closes even if another switch follows.
    setTimeout(() => void replaced.close().catch(() => undefined), graceMs).unref();
  }, [session, graceMs]);
}
