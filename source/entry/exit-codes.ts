// Exit codes shared by every script command (documented in --help and the readme).
export const EXIT = {
  ok: 0,
  /** Failed for any reason not listed here (a job that failed, an API error, …). */
  failed: 1,
  usage: 2,
  notFound: 3,
  /** Missing or invalid credentials, or a missing permission. */
  credentials: 4,
  /** `jobs wait --timeout` ran out while the job was still running (it keeps running). */
  timedOut: 5,
} as const;
