// Test faults that keep a job waiting before it provisions, the way Vertex does when capacity is
// short, so the app's "pending reason" can be exercised against the emulator:
// - faults.flexStartHoldSeconds: a FLEX_START job (Scheduling.strategy, "uses DWS to queue for
//   resources", google/cloud/aiplatform/v1/custom_job.proto) waits that long PENDING for capacity.
//   Dynamic Workload Scheduler: https://cloud.google.com/vertex-ai/docs/training/schedule-jobs-dws.
//   UNCONFIRMED: the wording of Vertex's own service log lines while a flex-start job waits is not
//   published; these lines are ours, and the app reads the wait from the resource, not from them.
// - faults.stockoutRetries: the first attempts to provision hit a stockout. The WARNING line is
//   Google's documented error text, verbatim: "Resources are insufficient in region: REGION_NAME.
//   Try a different region or use a different accelerator." — "retried up to 3 times"
//   (https://cloud.google.com/vertex-ai/docs/training/troubleshooting, facts §9.1).
// The hold is in the emulator only; maxWaitDuration expiry is not imitated (the hold is chosen
// by the test, and Vertex's end state after the maximum wait is not documented).
import type {FaultConfig} from '../rpc/faults.js';
import type {JobRecord} from './job-record.js';

export interface CapacityWaitHooks {
  log: (message: string, severity?: string) => void;
  /** Waits `ms` unless the job settles first (cancel): then resolves early. */
  sleep: (ms: number) => Promise<void>;
  /** True once the job has settled (cancelled); the wait stops. */
  settled: () => boolean;
}

export const STOCKOUT_MESSAGE = (region: string) =>
  `Resources are insufficient in region: ${region}. Try a different region or use a different accelerator.`;

/** The job's Scheduling.strategy as a name (requests may carry the enum name or number 6). */
export function isFlexStart(job: JobRecord): boolean {
  const strategy = job.jobSpec.scheduling?.strategy as unknown;
  return strategy === 'FLEX_START' || strategy === 6 || strategy === '6';
}

/** "2h", "30m", "45s", or "indefinitely" for 0; the proto's default (24 hours) when unset. */
function maxWaitText(job: JobRecord): string {
  const raw = (job.jobSpec.scheduling as {maxWaitDuration?: {seconds?: number | string}})
    ?.maxWaitDuration;
  if (raw === undefined || raw === null) return 'up to 24h (the default maximum wait)';
  const seconds = Number(raw.seconds ?? 0);
  if (seconds === 0) return 'indefinitely (scheduling.maxWaitDuration is 0)';
  const text =
    seconds % 3600 === 0
      ? `${seconds / 3600}h`
      : seconds % 60 === 0
        ? `${seconds / 60}m`
        : `${seconds}s`;
  return `up to ${text} (scheduling.maxWaitDuration)`;
}

export function regionOf(job: JobRecord): string {
  return /\/locations\/([^/]+)\//.exec(job.name)?.[1] ?? 'us-central1';
}

/** Runs the configured waits; returns when the job may provision (or has settled). */
export async function waitForCapacity(
  job: JobRecord,
  faults: FaultConfig | undefined,
  hooks: CapacityWaitHooks,
): Promise<void> {
  const hold = faults?.flexStartHoldSeconds;
  if (hold !== undefined && hold > 0 && isFlexStart(job)) {
    hooks.log(
      `Waiting for the requested resources to become available (FLEX_START scheduling strategy, Dynamic Workload Scheduler); the job waits ${maxWaitText(job)}.`,
    );
    await hooks.sleep(hold * 1000);
    if (hooks.settled()) return;
    hooks.log('The requested resources are available; provisioning the job.');
  }
  const stockout = faults?.stockoutRetries;
  for (let attempt = 0; stockout && attempt < stockout.times; attempt++) {
    hooks.log(STOCKOUT_MESSAGE(regionOf(job)), 'WARNING');
    await hooks.sleep(stockout.ms ?? 1000);
    if (hooks.settled()) return;
  }
}
