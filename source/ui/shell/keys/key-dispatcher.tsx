// The single keyboard entry point. One useInput at the root feeds the key queue, which hands one
// key at a time to the KeyRouter (layers: ctrl+c → overlays → the screen on top → global). Screens
// register through useCommands, overlays and text fields through useKeyLayer. The keymap comes from
// KeymapContext (start.tsx provides the one built from the settings) and reaches the hint bar, the
// help and the dialogs through the router.
import {useInput} from 'ink';
import React, {
  createContext,
  useContext,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  useSyncExternalStore,
  type ReactNode,
} from 'react';
import {attachRecords, type CommandHandler, type CommandRecord} from './command-record.js';
import {KeyQueue} from './key-queue.js';
import {KeyRouter, type KeyEvent, type ScreenLayer} from './key-router.js';
import {Keymap, type Command, type Scope} from './keymap.js';
import {ScreenContext} from '../screen-context.js';

export type {KeyEvent};
export type {CommandHandler};

interface DispatcherContext {
  router: KeyRouter;
  /** Called by screens after each commit; lets a queued key go to the redrawn screen. */
  rendered(): void;
}

const defaultKeymap = new Keymap();
/** The keymap the app runs with; the defaults when nothing provides one (tests). */
export const KeymapContext = createContext<Keymap>(defaultKeymap);

const fallbackRouter = new KeyRouter({quit: () => undefined, help: () => undefined}, defaultKeymap);
const RouterContext = createContext<DispatcherContext>({
  router: fallbackRouter,
  rendered: () => undefined,
});

export interface KeyDispatcherProps {
  onQuit: () => void;
  onHelp?: () => void;
  readOnly?: boolean;
  children: ReactNode;
}

export function KeyDispatcher({onQuit, onHelp, readOnly = false, children}: KeyDispatcherProps) {
  const keymap = useContext(KeymapContext);
  const [router] = useState(
    () => new KeyRouter({quit: () => undefined, help: () => undefined}, keymap),
  );
  useLayoutEffect(() => {
    router.configure({quit: onQuit, help: onHelp ?? (() => undefined)}, readOnly);
  });
  const queue = useRef<KeyQueue | undefined>(undefined);
  useLayoutEffect(() => {
    const keys = new KeyQueue((input, key) => router.apply(input, key));
    queue.current = keys;
    return () => {
      keys.dispose();
      router.dispose();
    };
  }, [router]);
  useInput((input, key) => queue.current?.push(input, key));
  const context = useMemo<DispatcherContext>(
    () => ({
      router,
      rendered: () => {
        router.committed();
        queue.current?.redrawn();
      },
    }),
    [router],
  );
  return <RouterContext.Provider value={context}>{children}</RouterContext.Provider>;
}

export function useKeyRouter(): KeyRouter {
  return useContext(RouterContext).router;
}

/** The bindings in force (for key labels in hints, help and dialogs). */
export function useKeymap(): Keymap {
  return useContext(RouterContext).router.keymap;
}

/** Re-renders the caller whenever layers, hints or the notice change. */
export function useRouterState<T>(read: (router: KeyRouter) => T): T {
  const router = useKeyRouter();
  useSyncExternalStore(
    (listener) => router.subscribe(listener),
    () => router.version,
  );
  return read(router);
}

export interface CommandOptions {
  /** Defaults to the calling screen's scope. */
  scope?: Scope;
  /** Commands for the hint bar, in order. */
  hints?: readonly Command[];
  /** Commands that do not apply now, each with the reason (hidden from hints, explained in help). */
  disabled?: Partial<Record<Command, string>>;
  /** Commands owned elsewhere (the job actions) that this screen offers: run, reasons and all. */
  attach?: readonly CommandRecord[];
}

const NO_HINTS: readonly Command[] = [];

/**
 * Makes `handler` the receiver of commands while the calling screen is on top. Layout effects,
 * not passive ones: they run within the commit that draws the screen, so a key typed right after
 * a new screen appears already reaches that screen's handler instead of being dropped.
 */
export function useCommands(handler: CommandHandler, options: CommandOptions = {}): void {
  const {router, rendered} = useContext(RouterContext);
  const place = useContext(ScreenContext);
  const active = place?.active ?? true;
  const [owner] = useState(() => Symbol('screen'));
  const attached = attachRecords(handler, options.disabled ?? {}, options.attach ?? []);
  const latest = useRef(attached.handler);
  useLayoutEffect(() => {
    latest.current = attached.handler;
  });
  const layer: ScreenLayer = {
    scope: options.scope ?? place?.scope ?? 'wizard',
    handler: (command) => latest.current(command),
    hints: options.hints ?? NO_HINTS,
    disabled: attached.disabled,
  };
  useLayoutEffect(() => {
    if (active) router.setScreen(owner, layer);
    else router.clearScreen(owner);
  });
  useLayoutEffect(() => () => router.clearScreen(owner), [router, owner]);
  // Declared last so the handler above is registered before a queued key is let through.
  useLayoutEffect(() => rendered());
}

export interface KeyLayerOptions {
  modal?: boolean;
  /** Only while true (e.g. a text field while focused). */
  active?: boolean;
  hints?: readonly Command[];
}

/** An overlay or focused text field: receives raw keys before the screen, while mounted. */
export function useKeyLayer(
  scope: Scope,
  handler: (event: KeyEvent) => boolean | void,
  {modal = true, active = true, hints}: KeyLayerOptions = {},
): void {
  const {router, rendered} = useContext(RouterContext);
  const [owner] = useState(() => Symbol('overlay'));
  const latest = useRef(handler);
  useLayoutEffect(() => {
    latest.current = handler;
  });
  useLayoutEffect(() => {
    if (!active) return;
    router.pushOverlay(owner, {
      scope,
      modal,
      handler: (event) => latest.current(event),
      ...(hints && {hints}),
    });
    return () => router.removeOverlay(owner);
  }, [router, owner, scope, modal, active, hints]);
  useLayoutEffect(() => rendered());
}
