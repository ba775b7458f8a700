// Screens on a stack. A screen is opened by route name (routes.ts) and the root registers the
// definition of each name, so screens never import each other. Every screen on the
// stack stays mounted (only the top one is shown and gets keys): what the user built in the
// wizard, a scroll position or a selection survives a screen pushed on top, a resize, or the
// "terminal too small" message. A screen may come as a LazyScreen (lazy-screen.ts): opening it
// before its code has loaded keeps the screen below on view and holds keys (KeyRouter.hold) until
// it has, so nothing flashes on a fast machine and no key reaches the wrong screen; only a load
// slower than SHOW_LOADING_AFTER_MS shows a "Loading…" line.
import {Box, Text} from 'ink';
import React, {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useReducer,
  useRef,
  useState,
  type ComponentType,
} from 'react';
import {useCommands, useKeyRouter} from './keys/key-dispatcher.js';
import type {Scope} from './keys/keymap.js';
import {isLazyScreen, type LazyScreen} from './lazy-screen.js';
import type {Route, RouteName, RouteParams} from './routes.js';
import {ScreenContext} from './screen-context.js';
import {theme} from './theme.js';

export interface ScreenDefinition<P> {
  id: string;
  /** Key scope of the screen in the keymap. */
  scope: Scope;
  title(params: P): string;
  Component: ComponentType<{params: P}>;
  /**
   * More code these params need before the screen draws (the wizard opened on its review), or
   * undefined when it is loaded: opening waits for it as for the screen's own code (below).
   */
  prepare?(params: P): Promise<unknown> | undefined;
}

/** A route's screen: its definition, or a loader of it (lazy-screen.ts). */
export type ScreenEntry<P> = ScreenDefinition<P> | LazyScreen<P>;

/** The component of every route, registered once by the app root. */
export type ScreenRegistry = {[N in RouteName]: ScreenEntry<RouteParams[N]>};

/** How long an opened screen still loading its code leaves the one below on view. */
export const SHOW_LOADING_AFTER_MS = 250;

interface Entry {
  key: number;
  route: Route;
}

export interface Navigator {
  push<N extends RouteName>(name: N, params: RouteParams[N]): void;
  /** Replaces the top screen (e.g. the wizard by the dashboard of the job it submitted). */
  replace<N extends RouteName>(name: N, params: RouteParams[N]): void;
  /** Leaves the top screen; on the last one this quits the app. */
  pop(): void;
  /** Titles from the bottom of the stack to the top (for a breadcrumb). */
  titles: string[];
}

const NavigatorContext = createContext<Navigator | undefined>(undefined);

export function useNavigator(): Navigator {
  const navigator = useContext(NavigatorContext);
  if (!navigator) throw new Error('useNavigator must be used inside a ScreenStack');
  return navigator;
}

export interface ScreenStackProps {
  screens: ScreenRegistry;
  initial: Route[];
  columns: number;
  rows: number;
  /** False while something hides every screen (too small, a full-screen overlay). */
  visible: boolean;
  /** The last screen was popped. */
  onEmpty: () => void;
}

let nextKey = 1;

function entryOf(screens: ScreenRegistry, route: Route): ScreenEntry<unknown> {
  return screens[route.name] as ScreenEntry<unknown>;
}

/** The definition of a route's screen, once its code is loaded; params were checked earlier. */
function definitionOf(
  screens: ScreenRegistry,
  route: Route,
): ScreenDefinition<unknown> | undefined {
  const entry = entryOf(screens, route);
  return isLazyScreen(entry) ? entry.current() : entry;
}

type StackChange = (current: Entry[]) => Entry[];

export function ScreenStack({screens, initial, columns, rows, visible, onEmpty}: ScreenStackProps) {
  const [stack, setStack] = useState<Entry[]>(() =>
    initial.map((route) => ({key: nextKey++, route})),
  );
  const [, loaded] = useReducer((count: number) => count + 1, 0);
  const router = useKeyRouter();
  // Navigations to screens still loading, in order: a later one commits after an earlier one.
  const pending = useRef<Promise<void> | undefined>(undefined);
  const navigate = useCallback(
    (route: Route, change: StackChange) => {
      const entry = entryOf(screens, route);
      const definition = isLazyScreen(entry) ? entry.current() : entry;
      const prepared = definition?.prepare?.(route.params);
      if (!pending.current && definition && !prepared) {
        setStack(change);
        return;
      }
      const owner = Symbol('navigation');
      router.hold(owner);
      let committed = false;
      const commit = () => {
        if (committed) return;
        committed = true;
        setStack(change);
      };
      const earlier = pending.current;
      // A slow load shows "Loading…" after a while, unless an earlier navigation is still waiting
      // (this one must not overtake it).
      const timer =
        isLazyScreen(entry) && !earlier ? setTimeout(commit, SHOW_LOADING_AFTER_MS) : undefined;
      // The screen's code, then any more its params need (ScreenDefinition.prepare).
      const ready = (
        definition ? Promise.resolve(definition) : (entry as LazyScreen<unknown>).load()
      ).then((loadedDefinition) => prepared ?? loadedDefinition.prepare?.(route.params));
      const step = Promise.all([earlier, ready.catch(() => undefined)]).then(() => {
        clearTimeout(timer);
        commit();
        router.release(owner);
        loaded();
        if (pending.current === step) pending.current = undefined;
      });
      pending.current = step;
    },
    [screens, router],
  );
  const push = useCallback(
    <N extends RouteName>(name: N, params: RouteParams[N]) => {
      const route = {name, params} as Route;
      navigate(route, (current) => [...current, {key: nextKey++, route}]);
    },
    [navigate],
  );
  const replace = useCallback(
    <N extends RouteName>(name: N, params: RouteParams[N]) => {
      const route = {name, params} as Route;
      navigate(route, (current) => [...current.slice(0, -1), {key: nextKey++, route}]);
    },
    [navigate],
  );
  const pop = useCallback(() => {
    setStack((current) => {
      if (current.length <= 1) {
        queueMicrotask(onEmpty);
        return current;
      }
      return current.slice(0, -1);
    });
  }, [onEmpty]);
  const titles = stack.map(
    (entry) => definitionOf(screens, entry.route)?.title(entry.route.params) ?? '',
  );
  const titlesKey = titles.join('\u0000');
  const navigator = useMemo<Navigator>(
    () => ({push, replace, pop, titles: titlesKey.split('\u0000')}),
    [push, replace, pop, titlesKey],
  );
  return (
    <NavigatorContext.Provider value={navigator}>
      {stack.map((entry, index) => {
        const onTop = index === stack.length - 1;
        const definition = definitionOf(screens, entry.route);
        const lazy = entryOf(screens, entry.route);
        return (
          <Box
            key={entry.key}
            display={onTop && visible ? 'flex' : 'none'}
            flexDirection="column"
            width={columns}
            height={rows}
          >
            <ScreenContext.Provider
              value={{active: onTop && visible, scope: definition?.scope ?? 'nav', columns, rows}}
            >
              {definition ? (
                <definition.Component params={entry.route.params} />
              ) : isLazyScreen(lazy) ? (
                <ScreenLoading screen={lazy} onLoaded={loaded} />
              ) : null}
            </ScreenContext.Provider>
          </Box>
        );
      })}
    </NavigatorContext.Provider>
  );
}

/** A screen whose code is still loading (or failed to): a line saying so; keys wait for it. */
function ScreenLoading({screen, onLoaded}: {screen: LazyScreen<unknown>; onLoaded: () => void}) {
  const [failure, setFailure] = useState<Error | undefined>(screen.failure());
  useEffect(() => {
    let live = true;
    screen.load().then(
      () => live && onLoaded(),
      (error: Error) => live && setFailure(error),
    );
    return () => {
      live = false;
    };
  }, [screen, onLoaded]);
  if (failure) return <ScreenLoadFailed message={failure.message} />;
  return <Text color={theme.text.muted}>Loading…</Text>;
}

/** The screen's code could not be loaded (a damaged install): say so; q/esc goes back. */
function ScreenLoadFailed({message}: {message: string}) {
  const navigator = useNavigator();
  useCommands(
    (command) => {
      if (command !== 'nav.back') return false;
      navigator.pop();
      return true;
    },
    {hints: ['nav.back']},
  );
  return (
    <Text color={theme.status.error} wrap="wrap">
      could not load this screen: {message} → reinstall vtrain-tui (npm install -g vtrain-tui)
    </Text>
  );
}
