// The wizard review's cost line: what the job about to be submitted costs per hour at list price,
// and the most it can cost if it runs to its timeout (Vertex's default of 7 days when none is set:
// CustomJobSpec.scheduling.timeout, aiplatform v1 custom_job.proto). A tuning job runs
// parallelTrialCount trials at once and at most maxTrialCount in all, each up to the timeout (the
// timeout is per trial). Pure; always "list price, compute only", never a bill.
import type {Catalog} from './catalog-types.js';
import type {JobDraft} from './draft.js';
import {formatUsd, quotePools} from './price-lookup.js';

const DEFAULT_TIMEOUT_SECONDS = 7 * 24 * 3600;

export type DraftCost =
  | {ok: true; perHour: number; replicas: number; atMost: number; spot: boolean; stale: boolean}
  | {ok: false; reason: string};

export function draftCost(draft: JobDraft, catalog: Catalog, today: string): DraftCost {
  if (draft.trainingType === 'automl')
    return {ok: false, reason: 'AutoML training is priced per node hour by Google, not here'};
  if (draft.schedulingStrategy === 'FLEX_START')
    return {ok: false, reason: 'flex-start (DWS) has its own prices, not in the price table'};
  const pools = draft.workerPools.flatMap((pool) =>
    pool
      ? [
          {
            machineType: pool.machine.machineType,
            ...(pool.machine.acceleratorType && {acceleratorType: pool.machine.acceleratorType}),
            acceleratorCount: pool.machine.acceleratorCount ?? 0,
            replicaCount: pool.replicaCount,
          },
        ]
      : [],
  );
  const spot = draft.schedulingStrategy === 'SPOT';
  const quote = quotePools({pools, region: draft.region, spot}, catalog, today);
  if (!quote.ok) return quote;
  const hours = (draft.timeoutSeconds || DEFAULT_TIMEOUT_SECONDS) / 3600;
  const study = draft.workflow === 'custom-job' ? undefined : draft.study;
  const parallel = Math.max(1, study?.parallelTrialCount ?? 1);
  const trials = Math.max(1, study?.maxTrialCount ?? 1);
  return {
    ok: true,
    perHour: quote.perHour * parallel,
    replicas: quote.replicas * parallel,
    atMost: quote.perHour * hours * trials,
    spot,
    stale: quote.stale,
  };
}

/** The review's one row, as long as fits in `width` (the short form at 80 columns). */
export function draftCostLine(cost: DraftCost, width: number, local: boolean): string {
  if (!cost.ok) return `Cost: not priced (${cost.reason})`;
  const where = local ? ' on Vertex' : '';
  const spot = cost.spot ? ' Spot' : '';
  const stale = cost.stale ? ', prices may be out of date' : '';
  const replicas = `${cost.replicas} replica${cost.replicas === 1 ? '' : 's'}`;
  const full =
    `≈ ${formatUsd(cost.perHour)}/h${where} for ${replicas} (list price${spot}, compute only${stale}); ` +
    `at most ${formatUsd(cost.atMost)} if it runs to its timeout`;
  if ([...full].length <= width) return full;
  return `≈ ${formatUsd(cost.perHour)}/h${where}, ${replicas} (list price${spot}, compute only); ≤ ${formatUsd(cost.atMost)} by timeout`;
}
