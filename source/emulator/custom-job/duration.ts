// A google.protobuf.Duration as the proto-loader hands it over (seconds may be a string for int64):
// scheduling.timeout of a CustomJob (custom_job.proto Scheduling.timeout).

/** Positive seconds, or undefined when the duration is absent or not positive. */
export function parseDurationSeconds(
  value: {seconds?: number | string; nanos?: number} | undefined,
): number | undefined {
  if (!value || value.seconds === undefined) return undefined;
  const seconds = Number(value.seconds) + (value.nanos ?? 0) / 1e9;
  return seconds > 0 ? seconds : undefined;
}
