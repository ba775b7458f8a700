// The one owner of leaving the app. Every path out (ctrl+c, q on the home screen, SIGTERM, SIGHUP,
// SIGINT, the terminal going away, a crash) goes through `exit`, which runs cleanups (close the
// API clients; jobs keep running in the emulator service), unmounts Ink, restores the terminal and
// prints at most one clear message, then exits, always: every step may fail once the terminal is
// gone (a write gets EIO, raw mode cannot be reset), so each is tried on its own, and a deadline
// exits even if a cleanup hangs. A second signal exits at once.
const LEAVE_ALT_SCREEN = '\x1b[?1049l';
const SHOW_CURSOR = '\x1b[?25h';
/** Cleanups get this long; the process is gone well within 2 s of any signal. */
const CLEANUP_LIMIT_MS = 1200;
const HARD_DEADLINE_MS = 1700;

type Cleanup = () => Promise<void> | void;

interface Closeable {
  close(): Promise<void>;
}

/** Runs `step`, ignoring any failure: used once the terminal may already be gone. */
function attempt(step: () => void): void {
  try {
    step();
  } catch {
    // The terminal or a stream is gone; the remaining steps and the exit still happen.
  }
}

export class ExitOwner {
  private readonly cleanups: Cleanup[] = [];
  private exiting = false;
  private unmount: (() => void) | undefined;
  private usingAltScreen = false;

  constructor(private readonly terminate: (code: number) => never = (code) => process.exit(code)) {}

  attach(unmount: () => void, usingAltScreen: boolean): void {
    this.unmount = unmount;
    this.usingAltScreen = usingAltScreen;
  }

  addCleanup(cleanup: Cleanup): void {
    this.cleanups.push(cleanup);
  }

  /**
   * Takes ownership of something opened while the app ran (the backend session). When exit has
   * already begun (the session finished opening after a hang-up), it is closed at once instead.
   */
  adopt(resource: Closeable): void {
    if (this.exiting) void resource.close().catch(() => undefined);
    else this.addCleanup(() => resource.close());
  }

  installSignalHandlers(): void {
    const onSignal = (code: number) => () => {
      if (this.exiting) this.terminate(code);
      else void this.exit(code);
    };
    process.on('SIGTERM', onSignal(143));
    process.on('SIGHUP', onSignal(129));
    process.on('SIGINT', onSignal(130));
    // The terminal went away (SSH drop, closed window): reads or writes fail with EIO/EPIPE, or
    // stdin ends. Leave as for a hang-up.
    const lost = () => void this.exit(129);
    process.stdout.on('error', lost);
    process.stderr.on('error', () => undefined);
    process.stdin.on('error', lost);
    process.stdin.on('end', lost);
    process.on('uncaughtException', (error) => {
      if (this.exiting) return;
      void this.exit(1, `vtrain-tui stopped on an internal error: ${error.message}`);
    });
    process.on('unhandledRejection', (reason) => {
      if (this.exiting) return;
      void this.exit(
        1,
        `vtrain-tui stopped on an internal error: ${reason instanceof Error ? reason.message : String(reason)}`,
      );
    });
  }

  get isExiting(): boolean {
    return this.exiting;
  }

  async exit(code = 0, message?: string): Promise<never> {
    if (this.exiting) return new Promise<never>(() => undefined);
    this.exiting = true;
    const deadline = setTimeout(() => this.finish(code, message), HARD_DEADLINE_MS);
    try {
      const work = Promise.allSettled(
        [...this.cleanups].reverse().map(async (cleanup) => cleanup()),
      );
      await Promise.race([work, new Promise((resolve) => setTimeout(resolve, CLEANUP_LIMIT_MS))]);
    } catch {
      // A cleanup failed; leaving matters more.
    }
    clearTimeout(deadline);
    return this.finish(code, message);
  }

  private finish(code: number, message: string | undefined): never {
    attempt(() => this.unmount?.());
    // Raw mode is switched on before Ink mounts (see start.tsx); never leave the shell in it.
    attempt(() => {
      if (process.stdin.isTTY) process.stdin.setRawMode(false);
    });
    attempt(() => {
      if (this.usingAltScreen && process.stdout.isTTY)
        process.stdout.write(LEAVE_ALT_SCREEN + SHOW_CURSOR);
    });
    attempt(() => {
      if (message) process.stderr.write(`${message}\n`);
    });
    return this.terminate(code);
  }
}
