// The emulator service's own log: its standard error, which `emulator start` sends to a file in
// the data folder. One timestamped line per message.

export function logServiceLine(message: string): void {
  try {
    process.stderr.write(`${new Date().toISOString()} vtrain-tui emulator: ${message}\n`);
  } catch {
    // The service log lives in the data folder: on a full disk a line may be lost, not the service.
  }
}
