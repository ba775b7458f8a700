// Screens on a stack. A screen is opened by route name (routes.ts) and the root registers the
// definition of each name, so screens never import each other. Every screen on the
// stack stays mounted (only the top one is shown and gets keys): what the user built in the
// wizard, a scroll position or a selection survives a screen pushed on top, a resize, or the
// "terminal too small" message.
import {Box} from 'ink';
import React, {
  createContext,
  useCallback,
  useContext,
  useMemo,
  useState,
  type ComponentType,
} from 'react';
import type {Scope} from './keys/keymap.js';
import type {Route, RouteName, RouteParams} from './routes.js';
import {ScreenContext} from './screen-context.js';

export interface ScreenDefinition<P> {
  id: string;
  /** Key scope of the screen in the keymap. */
  scope: Scope;
  title(params: P): string;
  Component: ComponentType<{params: P}>;
}

/** The component of every route, registered once by the app root. */
export type ScreenRegistry = {[N in RouteName]: ScreenDefinition<RouteParams[N]>};

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

/** The definition of a route's screen; its params were checked where the route was made. */
function definitionOf(screens: ScreenRegistry, route: Route): ScreenDefinition<unknown> {
  return screens[route.name] as ScreenDefinition<unknown>;
}

export function ScreenStack({screens, initial, columns, rows, visible, onEmpty}: ScreenStackProps) {
  const [stack, setStack] = useState<Entry[]>(() =>
    initial.map((route) => ({key: nextKey++, route})),
  );
  const push = useCallback(<N extends RouteName>(name: N, params: RouteParams[N]) => {
    setStack((current) => [...current, {key: nextKey++, route: {name, params} as Route}]);
  }, []);
  const replace = useCallback(<N extends RouteName>(name: N, params: RouteParams[N]) => {
    setStack((current) => [
      ...current.slice(0, -1),
      {key: nextKey++, route: {name, params} as Route},
    ]);
  }, []);
  const pop = useCallback(() => {
    setStack((current) => {
      if (current.length <= 1) {
        queueMicrotask(onEmpty);
        return current;
      }
      return current.slice(0, -1);
    });
  }, [onEmpty]);
  const titles = stack.map((entry) => definitionOf(screens, entry.route).title(entry.route.params));
  const titlesKey = titles.join('\u0000');
  const navigator = useMemo<Navigator>(
    () => ({push, replace, pop, titles: titlesKey.split('\u0000')}),
    [push, replace, pop, titlesKey],
  );
  return (
    <NavigatorContext.Provider value={navigator}>
      {stack.map((entry, index) => {
        const onTop = index === stack.length - 1;
        const {Component, scope} = definitionOf(screens, entry.route);
        return (
          <Box
            key={entry.key}
            display={onTop && visible ? 'flex' : 'none'}
            flexDirection="column"
            width={columns}
            height={rows}
          >
            <ScreenContext.Provider value={{active: onTop && visible, scope, columns, rows}}>
              <Component params={entry.route.params} />
            </ScreenContext.Provider>
          </Box>
        );
      })}
    </NavigatorContext.Provider>
  );
}
