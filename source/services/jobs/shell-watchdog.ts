// A lost terminal must end a container shell, but nothing tells the shell so: on a hang-up the
// kernel signals only the session leader (the app, whose event loop is blocked in the handoff's
// spawnSync), the engine client merely sees its input fail and keeps waiting for its exec
// session, and the shell in the container reads the engine's own pty, which stays open. So while
// a container shell has the terminal, a small watcher process (its own session: no terminal signal
// reaches it) checks the terminal: once it can no longer be opened (EIO after the terminal's
// other side has closed), it ends every process carrying the shell's marker (container-shell.ts),
// the exec session ends, the handoff returns and the app leaves as for any hang-up. It also ends
// when the app is gone, and the app stops it when the shell returns.
import {spawn, type ChildProcess} from 'node:child_process';
import fs from 'node:fs';
import {SHELL_SESSION_VAR} from './container-shell.js';

// Plain CommonJS for `node -e`; argv: terminal path, app pid, marker (NAME=VALUE).
const WATCHER = `
const fs = require('node:fs');
const [tty, appPid, marker] = process.argv.slice(1);
const flags = fs.constants.O_RDWR | fs.constants.O_NOCTTY | fs.constants.O_NONBLOCK;
function lost() {
  try { fs.closeSync(fs.openSync(tty, flags)); return false; } catch (error) { return ['EIO', 'ENXIO', 'ENOENT'].includes(error.code); }
}
function endMarked() {
  for (const name of fs.readdirSync('/proc')) {
    if (!/^[0-9]+$/.test(name)) continue;
    try {
      if (fs.readFileSync('/proc/' + name + '/environ', 'latin1').split('\\0').includes(marker)) process.kill(Number(name), 'SIGKILL');
    } catch {}
  }
}
const timer = setInterval(() => {
  try { process.kill(Number(appPid), 0); } catch { clearInterval(timer); return; }
  if (lost()) { clearInterval(timer); endMarked(); }
}, 250);
`;

export interface ShellWatch {
  stop(): void;
}

/** The terminal the app runs on (/dev/pts/N), or undefined when stdin is not one. */
export function ownTerminal(): string | undefined {
  try {
    const target = fs.readlinkSync('/proc/self/fd/0');
    return /^\/dev\/(pts\/\d+|tty\w*)$/.test(target) ? target : undefined;
  } catch {
    return undefined;
  }
}

/** Starts the watcher for `session` on `terminal`; stop() ends it (call it when the shell returns). */
export function watchShellSession(session: string, terminal = ownTerminal()): ShellWatch {
  if (!terminal || !/^[0-9a-f]{16,64}$/.test(session)) return {stop: () => undefined};
  let child: ChildProcess | undefined;
  try {
    child = spawn(
      process.execPath,
      ['-e', WATCHER, terminal, String(process.pid), `${SHELL_SESSION_VAR}=${session}`],
      {detached: true, stdio: 'ignore', shell: false, env: {}},
    );
    child.on('error', () => undefined);
    child.unref();
  } catch {
    return {stop: () => undefined};
  }
  return {
    stop: () => {
      try {
        child?.kill('SIGKILL');
      } catch {
        // already gone
      }
    },
  };
}
