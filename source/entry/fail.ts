// How the CLI refuses to start: one line on stderr, prefixed with the program's name, and the
// exit code; never a stack trace.
export function fail(message: string, code: number): void {
  process.stderr.write(`vtrain-tui: ${message}\n`);
  process.exitCode = code;
}
