// What the launcher (bin/vtrain-tui.js) tells the CLI about itself, passed to every command.
export interface MainContext {
  /** Absolute path of bin/vtrain-tui.js, used to start the emulator as a child process. */
  binScript: string;
}
