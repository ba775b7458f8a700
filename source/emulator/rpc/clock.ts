// The emulator's one clock: nanosecond timestamps for records, log entries and RPC times, their
// RFC 3339 form with all nine fraction digits (google.protobuf.Timestamp's JSON mapping,
// https://protobuf.dev/programming-guides/proto3/#json), and milliseconds for the few times kept
// at that precision (a trial's start and end).

/** Now in nanoseconds since the epoch: milliseconds from the wall clock, the rest from hrtime. */
export function nowNs(): bigint {
  return BigInt(Date.now()) * 1_000_000n + (process.hrtime.bigint() % 1_000_000n);
}

/** Now in milliseconds since the epoch, for times kept in milliseconds (a trial's start and end). */
export function nowMs(): number {
  return Date.now();
}

export function nsToIso(ns: bigint): string {
  const ms = Number(ns / 1_000_000n);
  const nanos = (ns % 1_000_000_000n).toString().padStart(9, '0');
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, `.${nanos}Z`);
}

export function isoToNs(iso: string): bigint | undefined {
  const match = /^(.*?)(?:\.(\d{1,9}))?(Z|[+-]\d\d:\d\d)$/.exec(iso.trim());
  if (!match) return undefined;
  const seconds = Date.parse(`${match[1]}${match[3]}`);
  if (Number.isNaN(seconds)) return undefined;
  const fraction = (match[2] ?? '').padEnd(9, '0');
  return BigInt(seconds) * 1_000_000n + BigInt(fraction);
}
