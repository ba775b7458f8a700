// The single keyboard entry point. One useInput at the root turns keys into commands and offers
// them to the active screen's handler; `app.quit` is always handled here, so ctrl+c works
// everywhere and exits through the one exit owner.
import {useInput} from 'ink';
import React, {
  createContext,
  useContext,
  useLayoutEffect,
  useMemo,
  useRef,
  type ReactNode,
} from 'react';
import {KeyQueue} from './key-queue.js';
import {commandFor, type Command} from './keymap.js';

export type CommandHandler = (command: Command) => boolean | void;

interface DispatcherContext {
  register(handler: CommandHandler | undefined): void;
  /** Called by screens after each commit; lets a queued key go to the redrawn screen. */
  rendered(): void;
}

const HandlerContext = createContext<DispatcherContext>({
  register: () => undefined,
  rendered: () => undefined,
});

export function KeyDispatcher({onQuit, children}: {onQuit: () => void; children: ReactNode}) {
  const active = useRef<CommandHandler | undefined>(undefined);
  const quit = useRef(onQuit);
  useLayoutEffect(() => {
    quit.current = onQuit;
  });
  const queue = useRef<KeyQueue | undefined>(undefined);
  useLayoutEffect(() => {
    const keys = new KeyQueue((input, key) => {
      const command = commandFor(input, key);
      if (!command) return true;
      if (command === 'app.quit') quit.current();
      else if (active.current) active.current(command);
      else return false;
      return true;
    });
    queue.current = keys;
    return () => keys.dispose();
  }, []);
  useInput((input, key) => queue.current?.push(input, key));
  const context = useMemo<DispatcherContext>(
    () => ({
      register: (handler) => {
        active.current = handler;
      },
      rendered: () => queue.current?.redrawn(),
    }),
    [],
  );
  return <HandlerContext.Provider value={context}>{children}</HandlerContext.Provider>;
}

/**
 * Makes `handler` the receiver of commands while the calling screen is mounted. Layout effects,
 * not passive ones: they run within the commit that draws the screen, so a key typed right after
 * a new screen appears already reaches that screen's handler instead of being dropped.
 */
export function useCommands(handler: CommandHandler): void {
  const {register, rendered} = useContext(HandlerContext);
  const latest = useRef(handler);
  useLayoutEffect(() => {
    latest.current = handler;
  });
  useLayoutEffect(() => {
    register((command) => latest.current(command));
    return () => register(undefined);
  }, [register]);
  // Declared last so the handler above is registered before a queued key is let through.
  useLayoutEffect(() => rendered());
}
