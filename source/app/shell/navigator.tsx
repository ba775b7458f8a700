// Screens on a stack. A screen is a definition exported by its own folder; the stack holds
// definitions and params, so adding a screen never means editing the root. Every screen on the
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
import type {Scope} from '../keymap.js';
import {ScreenContext} from './screen-context.js';

export interface ScreenDefinition<P> {
  id: string;
  /** Key scope of the screen in the keymap. */
  scope: Scope;
  title(params: P): string;
  Component: ComponentType<{params: P}>;
}

interface Entry {
  key: number;
  // Params are checked against the definition where push/replace are called.
  definition: ScreenDefinition<never>;
  params: unknown;
}

export interface Navigator {
  push<P>(definition: ScreenDefinition<P>, params: P): void;
  /** Replaces the top screen (e.g. the wizard by the dashboard of the job it submitted). */
  replace<P>(definition: ScreenDefinition<P>, params: P): void;
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

export interface StackEntry {
  definition: ScreenDefinition<never>;
  params: unknown;
}

/** One entry of a starting stack, type-checked against its definition. */
export function stackEntry<P>(definition: ScreenDefinition<P>, params: P): StackEntry {
  return {definition: definition as unknown as ScreenDefinition<never>, params};
}

export interface ScreenStackProps {
  initial: StackEntry[];
  columns: number;
  rows: number;
  /** False while something hides every screen (too small, a full-screen overlay). */
  visible: boolean;
  /** The last screen was popped. */
  onEmpty: () => void;
}

let nextKey = 1;

export function ScreenStack({initial, columns, rows, visible, onEmpty}: ScreenStackProps) {
  const [stack, setStack] = useState<Entry[]>(() =>
    initial.map((entry) => ({key: nextKey++, definition: entry.definition, params: entry.params})),
  );
  const push = useCallback(<P,>(definition: ScreenDefinition<P>, params: P) => {
    setStack((current) => [
      ...current,
      {key: nextKey++, definition: definition as unknown as ScreenDefinition<never>, params},
    ]);
  }, []);
  const replace = useCallback(<P,>(definition: ScreenDefinition<P>, params: P) => {
    setStack((current) => [
      ...current.slice(0, -1),
      {key: nextKey++, definition: definition as unknown as ScreenDefinition<never>, params},
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
  const titles = stack.map((entry) => entry.definition.title(entry.params as never));
  const titlesKey = titles.join('\u0000');
  const navigator = useMemo<Navigator>(
    () => ({push, replace, pop, titles: titlesKey.split('\u0000')}),
    [push, replace, pop, titlesKey],
  );
  return (
    <NavigatorContext.Provider value={navigator}>
      {stack.map((entry, index) => {
        const onTop = index === stack.length - 1;
        const {Component, scope} = entry.definition;
        return (
          <Box
            key={entry.key}
            display={onTop && visible ? 'flex' : 'none'}
            flexDirection="column"
            width={columns}
            height={rows}
          >
            <ScreenContext.Provider value={{active: onTop && visible, scope, columns, rows}}>
              <Component params={entry.params as never} />
            </ScreenContext.Provider>
          </Box>
        );
      })}
    </NavigatorContext.Provider>
  );
}
