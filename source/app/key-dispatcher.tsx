// The single keyboard entry point. One useInput at the root turns keys into commands and offers
// them to the active screen's handler; `app.quit` is always handled here, so ctrl+c works
// everywhere and exits through the one exit owner.
import {useInput, type Key} from 'ink';
import React, {
  createContext,
  useContext,
  useLayoutEffect,
  useMemo,
  useRef,
  type ReactNode,
} from 'react';
import {commandFor, splitKeys, type Command} from './keymap.js';

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

/** How long a queued key waits for a redraw when the previous key changed nothing. */
const REDRAW_WAIT_MS = 50;

export function KeyDispatcher({onQuit, children}: {onQuit: () => void; children: ReactNode}) {
  const active = useRef<CommandHandler | undefined>(undefined);
  const queue = useRef<Array<[string, Key]>>([]);
  /** A key was dispatched and its redraw has not committed yet. */
  const waiting = useRef(false);
  const afterRedraw = useRef<(() => void) | undefined>(undefined);
  const dispatch = (input: string, key: Key) => {
    const command = commandFor(input, key);
    if (!command) return;
    if (command === 'app.quit') onQuit();
    else active.current?.(command);
  };
  // Keys that arrived together (typed faster than a frame, or pasted) are applied one at a time:
  // React renders asynchronously, so the next key waits for the screen the previous key produced
  // to commit; otherwise it would act on a screen that is already gone.
  const drain = () => {
    if (waiting.current) return;
    const next = queue.current.shift();
    if (!next) return;
    dispatch(...next);
    waiting.current = true;
    let moved = false;
    const proceed = () => {
      if (moved) return;
      moved = true;
      clearTimeout(timer);
      afterRedraw.current = undefined;
      waiting.current = false;
      setImmediate(drain);
    };
    const timer = setTimeout(proceed, REDRAW_WAIT_MS);
    afterRedraw.current = proceed;
  };
  useInput((input, key) => {
    queue.current.push(...splitKeys(input, key));
    drain();
  });
  const context = useMemo<DispatcherContext>(
    () => ({
      register: (handler) => {
        active.current = handler;
      },
      rendered: () => afterRedraw.current?.(),
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
