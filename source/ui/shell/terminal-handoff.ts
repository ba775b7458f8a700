// Hands the terminal to another program (a replica's shell) and takes it back. Ink owns the
// terminal while the app runs (raw mode, the alternate screen, stdin reads, frames on every state
// change), so it is released first: raw mode off, back to the normal screen with the cursor shown.
// The program runs with spawnSync and inherited stdio: while it runs the app's event loop is
// blocked, so nothing reads stdin and nothing renders — the program alone has the terminal, and
// the app cannot quit before it ends. Signals that came meanwhile (a SIGHUP of a lost terminal,
// which also reaches the shell as the terminal's foreground) are handled once it returns, by the
// exit owner — except SIGINT: a Ctrl-C typed in the program is the program's, so the app ignores
// SIGINT until the ones queued meanwhile are spent (interrupt-hold.ts). Then the terminal is
// restored: the alternate screen, raw mode, a full redraw.
import {spawnSync} from 'node:child_process';
import {createContext, useContext} from 'react';
import {holdInterrupts} from './interrupt-hold.js';

export interface HandoffLaunch {
  command: string;
  args: string[];
  cwd: string;
  env: Record<string, string>;
}

export interface HandoffResult {
  /** The program's exit status (null when a signal ended it). */
  status: number | null;
  /** Why it could not start (ENOENT, EACCES…). */
  error?: string;
}

export type TerminalHandoff = (launch: HandoffLaunch) => HandoffResult;

const ENTER_ALT_SCREEN = '\x1b[?1049h\x1b[H';
const LEAVE_ALT_SCREEN = '\x1b[?1049l';
const SHOW_CURSOR = '\x1b[?25h';
const HIDE_CURSOR = '\x1b[?25l';

export interface TerminalIo {
  stdin: Pick<NodeJS.ReadStream, 'isTTY' | 'setRawMode'>;
  stdout: Pick<NodeJS.WriteStream, 'write' | 'emit'>;
  run: typeof spawnSync;
  /** Ignores SIGINT until the returned release has taken effect (none when absent). */
  holdInterrupts?: () => () => void;
}

/** The app's handoff over the real terminal (`io` replaced in tests). */
export function terminalHandoff(
  io: TerminalIo = {stdin: process.stdin, stdout: process.stdout, run: spawnSync, holdInterrupts},
): TerminalHandoff {
  return (launch) => {
    const release = io.holdInterrupts?.();
    const tty = io.stdin.isTTY === true;
    if (tty) io.stdin.setRawMode(false);
    io.stdout.write(LEAVE_ALT_SCREEN + SHOW_CURSOR);
    let result: HandoffResult;
    try {
      const child = io.run(launch.command, launch.args, {
        cwd: launch.cwd,
        env: launch.env,
        stdio: 'inherit',
      });
      result = {
        status: child.status,
        ...(child.error && {
          error: (child.error as NodeJS.ErrnoException).code ?? child.error.message,
        }),
      };
    } finally {
      io.stdout.write(ENTER_ALT_SCREEN + HIDE_CURSOR);
      if (tty) io.stdin.setRawMode(true);
      // Ink redraws a full-screen frame from scratch on every render once it fills the terminal;
      // a resize event makes it render (and relayout) now.
      io.stdout.emit('resize');
      release?.();
    }
    return result;
  };
}

export const TerminalHandoffContext = createContext<TerminalHandoff | undefined>(undefined);

export const useTerminalHandoff = (): TerminalHandoff | undefined =>
  useContext(TerminalHandoffContext);
