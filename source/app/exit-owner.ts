// The one owner of leaving the app. Every path out (ctrl+c, q on the first screen, SIGTERM,
// SIGHUP, a crash) goes through `exit`, which runs cleanups (stop the emulator and its replicas,
// close clients), unmounts Ink, restores the terminal and prints at most one clear message.
const LEAVE_ALT_SCREEN = '\x1b[?1049l';
const SHOW_CURSOR = '\x1b[?25h';
const CLEANUP_LIMIT_MS = 10_000;

type Cleanup = () => Promise<void> | void;

export class ExitOwner {
  private readonly cleanups: Cleanup[] = [];
  private exiting = false;
  private unmount: (() => void) | undefined;
  private usingAltScreen = false;

  attach(unmount: () => void, usingAltScreen: boolean): void {
    this.unmount = unmount;
    this.usingAltScreen = usingAltScreen;
  }

  addCleanup(cleanup: Cleanup): void {
    this.cleanups.push(cleanup);
  }

  installSignalHandlers(): void {
    process.on('SIGTERM', () => void this.exit(143));
    process.on('SIGHUP', () => void this.exit(129));
    process.on('SIGINT', () => void this.exit(130));
    process.on(
      'uncaughtException',
      (error) => void this.exit(1, `vtrain-tui stopped on an internal error: ${error.message}`),
    );
    process.on(
      'unhandledRejection',
      (reason) =>
        void this.exit(
          1,
          `vtrain-tui stopped on an internal error: ${reason instanceof Error ? reason.message : String(reason)}`,
        ),
    );
  }

  get isExiting(): boolean {
    return this.exiting;
  }

  async exit(code = 0, message?: string): Promise<never> {
    if (this.exiting) return new Promise<never>(() => undefined);
    this.exiting = true;
    const work = Promise.allSettled([...this.cleanups].reverse().map((cleanup) => cleanup()));
    await Promise.race([work, new Promise((resolve) => setTimeout(resolve, CLEANUP_LIMIT_MS))]);
    this.unmount?.();
    // Raw mode is switched on before Ink mounts (see start.tsx); never leave the shell in it.
    if (process.stdin.isTTY) process.stdin.setRawMode(false);
    if (this.usingAltScreen && process.stdout.isTTY)
      process.stdout.write(LEAVE_ALT_SCREEN + SHOW_CURSOR);
    if (message) process.stderr.write(`${message}\n`);
    process.exit(code);
  }
}
