// While the terminal is handed to another program (terminal-handoff.ts), a Ctrl-C typed there
// is that program's: the terminal sends SIGINT to its whole foreground process group, and a shell
// without job control (or any program that does not take the terminal's group for itself) shares
// the app's group, so the app would get the SIGINT too and quit once the program returned. The
// hold swaps the app's SIGINT handlers for one that ignores it, and gives them back after.
//
// The app's event loop is blocked while the program runs, so the SIGINTs that came meanwhile are
// still queued (libuv's signal pipe) when the handoff returns; they are dispatched later, in the
// order they arrived. Releasing therefore raises a marker signal and gives the handlers back when
// the marker is dispatched: every SIGINT queued before it has reached the ignoring handler by
// then. The marker is SIGURG, which nothing else sends to the app and whose default is to ignore.
// At no moment is SIGINT without a handler (that would be its default: end the process).

type Listener = (...args: unknown[]) => void;

export interface SignalTarget {
  pid: number;
  rawListeners(event: 'SIGINT'): unknown[];
  on(event: NodeJS.Signals, listener: Listener): unknown;
  once(event: NodeJS.Signals, listener: Listener): unknown;
  off(event: NodeJS.Signals, listener: Listener): unknown;
  kill(pid: number, signal: NodeJS.Signals): unknown;
}

export const RELEASE_MARKER: NodeJS.Signals = 'SIGURG';

interface Held {
  saved: Listener[];
  ignore: Listener;
  depth: number;
}

const holds = new WeakMap<SignalTarget, Held>();

/** Ignores SIGINT until the returned release has taken effect (see above); nests. */
export function holdInterrupts(
  target: SignalTarget = process as unknown as SignalTarget,
): () => void {
  let held = holds.get(target);
  if (held) held.depth++;
  else {
    const ignore: Listener = () => undefined;
    const saved = target.rawListeners('SIGINT') as Listener[];
    target.on('SIGINT', ignore);
    for (const listener of saved) target.off('SIGINT', listener);
    held = {saved, ignore, depth: 1};
    holds.set(target, held);
  }
  const hold = held;
  let released = false;
  return () => {
    if (released) return;
    released = true;
    const restore = () => {
      hold.depth--;
      if (hold.depth > 0) return;
      holds.delete(target);
      for (const listener of hold.saved) target.on('SIGINT', listener);
      target.off('SIGINT', hold.ignore);
    };
    target.once(RELEASE_MARKER, restore);
    try {
      target.kill(target.pid, RELEASE_MARKER);
    } catch {
      target.off(RELEASE_MARKER, restore);
      restore();
    }
  };
}
