// The status line's backend label, kept current: a local session that reconnects to a restarted
// emulator service (on another port) says so through onLabelChange, and the line re-renders with
// the new address instead of keeping the old one until something else redraws the app.
import {useCallback, useSyncExternalStore} from 'react';
import type {Session} from '../../services/backend/session.js';

export function useSessionLabel(
  session: Pick<Session, 'label' | 'onLabelChange'> | undefined,
): string | undefined {
  const subscribe = useCallback(
    (notify: () => void) => session?.onLabelChange?.(notify) ?? (() => undefined),
    [session],
  );
  return useSyncExternalStore(subscribe, () => session?.label);
}
