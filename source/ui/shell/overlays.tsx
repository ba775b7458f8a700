// Overlays above the screens: a full one (help, a describe view) takes the screen's place while
// the screen stays mounted underneath; a docked one (a confirmation, a prompt) sits above the hint
// bar and the screen shrinks to make room. Each overlay's component takes its keys through
// useKeyLayer, so it gets them before the screen.
import React, {
  createContext,
  useCallback,
  useContext,
  useMemo,
  useState,
  type ReactNode,
} from 'react';

export interface OverlaySpec {
  kind: 'full' | 'dock';
  /** Rows a docked overlay needs. */
  rows?: number;
  render(close: () => void): ReactNode;
}

interface OpenOverlay extends OverlaySpec {
  id: number;
}

interface OverlayApi {
  /** Opens an overlay; the returned function closes it. */
  open(spec: OverlaySpec): () => void;
}

const OverlayContext = createContext<OverlayApi>({open: () => () => undefined});

export function useOverlays(): OverlayApi {
  return useContext(OverlayContext);
}

let nextId = 1;

export interface OverlayState {
  overlays: OpenOverlay[];
  api: OverlayApi;
  close(id: number): void;
}

export function useOverlayState(): OverlayState {
  const [overlays, setOverlays] = useState<OpenOverlay[]>([]);
  const close = useCallback((id: number) => {
    setOverlays((current) => current.filter((overlay) => overlay.id !== id));
  }, []);
  const api = useMemo<OverlayApi>(
    () => ({
      open(spec) {
        const id = nextId++;
        setOverlays((current) => [...current, {...spec, id}]);
        return () => close(id);
      },
    }),
    [close],
  );
  return {overlays, api, close};
}

export function OverlayProvider({api, children}: {api: OverlayApi; children: ReactNode}) {
  return <OverlayContext.Provider value={api}>{children}</OverlayContext.Provider>;
}
