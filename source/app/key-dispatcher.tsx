// The single keyboard entry point. One useInput at the root turns keys into commands and offers
// them to the active screen's handler; `app.quit` is always handled here, so ctrl+c works
// everywhere and exits through the one exit owner.
import {useInput} from 'ink';
import React, {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useRef,
  type ReactNode,
} from 'react';
import {commandFor, type Command} from './keymap.js';

export type CommandHandler = (command: Command) => boolean | void;

const HandlerContext = createContext<(handler: CommandHandler | undefined) => void>(
  () => undefined,
);

export function KeyDispatcher({onQuit, children}: {onQuit: () => void; children: ReactNode}) {
  const active = useRef<CommandHandler | undefined>(undefined);
  useInput((input, key) => {
    const command = commandFor(input, key);
    if (!command) return;
    if (command === 'app.quit') {
      onQuit();
      return;
    }
    active.current?.(command);
  });
  const register = useCallback((handler: CommandHandler | undefined) => {
    active.current = handler;
  }, []);
  return <HandlerContext.Provider value={register}>{children}</HandlerContext.Provider>;
}

/** Makes `handler` the receiver of commands while the calling screen is mounted. */
export function useCommands(handler: CommandHandler): void {
  const register = useContext(HandlerContext);
  const latest = useRef(handler);
  useEffect(() => {
    latest.current = handler;
  });
  useEffect(() => {
    register((command) => latest.current(command));
    return () => register(undefined);
  }, [register]);
}
