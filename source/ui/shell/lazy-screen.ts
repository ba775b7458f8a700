// A screen whose code loads on first use (issue #22: the first frame parses only the home screen,
// the wizard or the job list; the dashboard, the resources and the other screens come as their own
// chunks when opened). The registry (ui/app/screens.ts) names a loader per route; the navigator
// asks `current()` and, while it is undefined, waits for `load()` before showing the screen (see
// navigator.tsx: the screen below stays on view and keys wait for the new one).
import type {ScreenDefinition} from './navigator.js';

export interface LazyScreen<P> {
  readonly lazy: true;
  /** Loads the definition once; later calls return the same promise. */
  load(): Promise<ScreenDefinition<P>>;
  /** The definition once loaded; undefined before (or after a failed load). */
  current(): ScreenDefinition<P> | undefined;
  /** Why the load failed, if it did. */
  failure(): Error | undefined;
}

export function lazyScreen<P>(load: () => Promise<ScreenDefinition<P>>): LazyScreen<P> {
  let promise: Promise<ScreenDefinition<P>> | undefined;
  let loaded: ScreenDefinition<P> | undefined;
  let failed: Error | undefined;
  return {
    lazy: true,
    load() {
      promise ??= load().then(
        (definition) => {
          loaded = definition;
          failed = undefined;
          return definition;
        },
        (error: unknown) => {
          failed = error instanceof Error ? error : new Error(String(error));
          // A later navigation tries again (e.g. a file briefly unreadable).
          promise = undefined;
          throw failed;
        },
      );
      return promise;
    },
    current: () => loaded,
    failure: () => failed,
  };
}

export function isLazyScreen<P>(
  entry: ScreenDefinition<P> | LazyScreen<P>,
): entry is LazyScreen<P> {
  return 'lazy' in entry;
}
