// What a job has cost so far and costs per hour at list price, from its own worker pools, region,
// scheduling strategy and times (startTime to endTime, or to now while it runs). Pure: the job
// list, the dashboard header and `vtrain-tui top --json` all read it here, with the catalog in use
// (built-in prices or the user's settings) and the clock passed in.
//
// Billing rules followed (https://cloud.google.com/vertex-ai/pricing, custom-trained models):
// compute is billed for the time the job runs; "if training fails for any reason other than a
// user-initiated cancellation, you are not billed for the time" (so a FAILED job's cost so far is
// 0, said in `note`); a cancelled job is billed for the time it ran. Still an estimate: list price,
// compute only (no disk, network, storage, discounts, taxes), never a bill.
// From their own files, not the job-spec index: the job list's first frame loads no more of it.
import type {Catalog} from '../../core/job-spec/index.js';
import {
  acceleratorTypeName,
  formatUsd,
  PRICE_BASIS,
  quotePools,
  type PricedPool,
} from '../../core/job-spec/price-lookup.js';
import type {JobSummary} from '../vertex/job-snapshot.js';

export type JobCost =
  | {
      ok: true;
      currency: 'USD';
      perHour: number;
      soFar: number;
      replicas: number;
      spot: boolean;
      ended: boolean;
      source: string;
      asOf: string;
      stale: boolean;
      /** Why the cost so far differs from hours × price (a failed job is not billed). */
      note?: string;
    }
  | {ok: false; reason: string};

interface PoolMessage {
  replicaCount?: unknown;
  machineSpec?: {machineType?: unknown; acceleratorType?: unknown; acceleratorCount?: unknown};
}

/** Scheduling.strategy as the client returns it: the enum name, or its number (SPOT = 4). */
function isSpot(spec: {scheduling?: {strategy?: unknown} | null} | undefined): boolean {
  const strategy = spec?.scheduling?.strategy;
  return strategy === 'SPOT' || strategy === 4;
}

function pricedPools(pools: unknown): PricedPool[] {
  if (!Array.isArray(pools)) return [];
  return (pools as PoolMessage[]).flatMap((pool) => {
    const machineType = pool?.machineSpec?.machineType;
    if (typeof machineType !== 'string' || !machineType) return [];
    const accelerator = acceleratorTypeName(pool.machineSpec?.acceleratorType);
    return [
      {
        machineType,
        ...(accelerator && {acceleratorType: accelerator}),
        acceleratorCount: Number(pool.machineSpec?.acceleratorCount ?? 0) || 0,
        replicaCount: Number(pool.replicaCount ?? 0) || 0,
      },
    ];
  });
}

/** The region of a resource name `projects/P/locations/R/…`. */
export function regionOf(name: string): string | undefined {
  return /\/locations\/([^/]+)\//.exec(name)?.[1];
}

const NOT_CUSTOM = {
  hptuning: 'a tuning job runs each trial as its own custom job: price a trial',
  pipeline: "a training pipeline's compute is its backing custom job's: price that job",
} as const;

export function jobCost(job: JobSummary, catalog: Catalog, now: number): JobCost {
  if (job.kind !== 'custom') return {ok: false, reason: NOT_CUSTOM[job.kind]};
  const spec = job.resource.jobSpec as
    {workerPoolSpecs?: unknown; scheduling?: {strategy?: unknown} | null} | undefined;
  const strategy = spec?.scheduling?.strategy;
  if (strategy === 'FLEX_START' || strategy === 6)
    return {ok: false, reason: 'flex-start (DWS) has its own prices, not in the price table'};
  const region = regionOf(job.name);
  if (!region) return {ok: false, reason: `no region in the job name ${job.name}`};
  const today = new Date(now).toISOString().slice(0, 10);
  const quote = quotePools(
    {pools: pricedPools(spec?.workerPoolSpecs), region, spot: isSpot(spec ?? undefined)},
    catalog,
    today,
  );
  if (!quote.ok) return quote;
  const ended = job.endTime !== undefined;
  const start = job.startTime?.getTime();
  const end = job.endTime?.getTime() ?? now;
  const hours = start === undefined ? 0 : Math.max(0, end - start) / 3_600_000;
  const failed = job.state === 'JOB_STATE_FAILED';
  return {
    ok: true,
    currency: 'USD',
    perHour: quote.perHour,
    soFar: failed ? 0 : quote.perHour * hours,
    replicas: quote.replicas,
    spot: quote.spot,
    ended,
    source: quote.source,
    asOf: quote.asOf,
    stale: quote.stale,
    ...(failed && {note: 'a failed job is not billed for its time (Vertex AI pricing page)'}),
  };
}

const round = (value: number) => Math.round(value * 1e6) / 1e6;

/** `top --json`'s `cost`: the issue's shape, plus what the figures are; null when not priced. */
export function costJson(cost: JobCost, local: boolean) {
  if (!cost.ok) return null;
  return {
    currency: cost.currency,
    perHour: round(cost.perHour),
    soFar: round(cost.soFar),
    source: cost.source,
    asOf: cost.asOf,
    stale: cost.stale,
    basis: local ? `${PRICE_BASIS}; local emulator: what it would cost on Vertex AI` : PRICE_BASIS,
    ...(cost.note && {note: cost.note}),
  };
}

/** The job list's COST cell: so far while it runs, the total once it ended; "—" when not priced. */
export function costCell(cost: JobCost): string {
  return cost.ok ? formatUsd(cost.soFar) : '—';
}

/** The dashboard header's words: "≈ $0.44 so far · $0.22/h (estimate, list price, compute only)". */
export function costSummary(cost: JobCost, local: boolean): string {
  if (!cost.ok) return `cost not priced: ${cost.reason}`;
  const total = cost.ended ? `${formatUsd(cost.soFar)} total` : `${formatUsd(cost.soFar)} so far`;
  const where = local ? ' on Vertex' : '';
  const stale = cost.stale ? `, prices of ${cost.asOf} may be out of date` : '';
  const spot = cost.spot ? ' Spot' : '';
  return `≈ ${total}${where} · ${formatUsd(cost.perHour)}/h${spot} (${PRICE_BASIS}${stale}${cost.note ? `; ${cost.note}` : ''})`;
}
