// The emulator's log limits, shared with the CLI that parses them from flags and the environment
// (entry/emulator-settings.ts) so both agree on the defaults.
/** How much log history the emulator keeps; see readme.md for the defaults and why. */
export interface LogRetention {
  /** Oldest entries of a job beyond this many are pruned; 0 (the default) counts no entries. */
  maxEntriesPerJob: number;
  /** When all log files together exceed this, the least recently written jobs' logs go first. */
  maxTotalBytes: number;
  /** Entries older than this are pruned (checked at start and hourly). 0 keeps them forever. */
  maxAgeDays: number;
}

// Limited by size, not by a count: a chatty job of a few hundred thousand lines keeps them all.
export const DEFAULT_LOG_RETENTION: LogRetention = {
  maxEntriesPerJob: 0,
  maxTotalBytes: 256 * 1024 * 1024,
  maxAgeDays: 30,
};
