// What a job's compute costs at list price, from the catalog's price table (price-data.ts, or the
// user's settings). Pure: the caller passes the pools, the region, Spot or not, and today's date.
// A resource the table does not list makes the whole quote "not priced" with the reason: a partial
// sum would read as a lower price than the real one. Always an estimate: list price, compute only
// (no disk, network, storage, discounts or taxes), never a bill.
import type {Catalog, PriceEntry} from './catalog-types.js';
import {daysBetween} from './validate-context.js';

/** Prices older than this (about three months) are flagged as possibly out of date. */
export const PRICE_STALE_DAYS = 90;

/** What every figure is, in the words the app shows with it. */
export const PRICE_BASIS = 'estimate, list price, compute only';

export interface PricedPool {
  machineType: string;
  acceleratorType?: string;
  acceleratorCount?: number;
  replicaCount: number;
}

export interface PriceRequest {
  pools: readonly PricedPool[];
  region: string;
  spot: boolean;
}

export type PriceQuote =
  | {
      ok: true;
      currency: 'USD';
      /** USD per hour for every replica of every pool together. */
      perHour: number;
      replicas: number;
      spot: boolean;
      source: string;
      /** The date the prices were read from their source (YYYY-MM-DD). */
      asOf: string;
      /** The prices are older than PRICE_STALE_DAYS. */
      stale: boolean;
    }
  | {ok: false; reason: string};

/** The date the catalog's prices stand for: the source's own date when it has one, else the check. */
export function pricesAsOf(catalog: Catalog): string {
  const {sourceDate, checked} = catalog.sources.prices;
  return sourceDate && /^\d{4}-\d{2}-\d{2}$/.test(sourceDate) ? sourceDate : checked;
}

/** What adds a missing price: Google's price list read by `vtrain-tui prices refresh`, or by hand. */
const FIX = 'vtrain-tui prices refresh reads it from Google, or add it under "catalog"."prices"';

function find(
  catalog: Catalog,
  kind: PriceEntry['kind'],
  name: string,
  region: string,
  spot: boolean,
): number | string {
  const entry = catalog.prices.find(
    (price) => price.kind === kind && price.name === name && price.region === region,
  );
  if (!entry) return `no list price for ${name} in ${region} (${FIX})`;
  if (!spot) return entry.usdPerHour;
  return entry.spotUsdPerHour ?? `no Spot price for ${name} in ${region} (${FIX})`;
}

// AcceleratorType by number, from googleapis aiplatform v1 accelerator_type.proto (the copy in
// node_modules/@google-cloud/aiplatform/build/protos): a client that returns enums as numbers must
// still have its GPUs priced, or the quote would be the machine alone and read too low.
const ACCELERATOR_BY_NUMBER: Record<number, string> = {
  1: 'NVIDIA_TESLA_K80',
  2: 'NVIDIA_TESLA_P100',
  3: 'NVIDIA_TESLA_V100',
  4: 'NVIDIA_TESLA_P4',
  5: 'NVIDIA_TESLA_T4',
  6: 'TPU_V2',
  7: 'TPU_V3',
  8: 'NVIDIA_TESLA_A100',
  9: 'NVIDIA_A100_80GB',
  10: 'TPU_V4_POD',
  11: 'NVIDIA_L4',
  12: 'TPU_V5_LITEPOD',
  13: 'NVIDIA_H100_80GB',
  14: 'NVIDIA_H100_MEGA_80GB',
  15: 'NVIDIA_H200_141GB',
  16: 'NVIDIA_B200',
  17: 'NVIDIA_GB200',
  18: 'NVIDIA_RTX_PRO_6000',
};

/**
 * A MachineSpec.acceleratorType as a client returns it (the enum name, or its number, possibly as
 * text) as the name the price table uses; undefined for none (absent, 0, UNSPECIFIED). A number
 * this table does not know keeps a readable name, so the quote says it is not priced.
 */
export function acceleratorTypeName(value: unknown): string | undefined {
  const number =
    typeof value === 'number'
      ? value
      : typeof value === 'string' && /^\d+$/.test(value)
        ? +value
        : NaN;
  if (Number.isInteger(number)) {
    if (number === 0) return undefined;
    return ACCELERATOR_BY_NUMBER[number] ?? `AcceleratorType ${number}`;
  }
  if (typeof value !== 'string' || value === '' || value === 'ACCELERATOR_TYPE_UNSPECIFIED')
    return undefined;
  return value;
}

const hasAccelerator = (pool: PricedPool) =>
  Boolean(pool.acceleratorType) &&
  pool.acceleratorType !== 'ACCELERATOR_TYPE_UNSPECIFIED' &&
  (pool.acceleratorCount ?? 0) > 0;

/** Machine + accelerators × replicas of each pool, summed; or why it cannot be priced. */
export function quotePools(request: PriceRequest, catalog: Catalog, today: string): PriceQuote {
  const pools = request.pools.filter((pool) => pool.replicaCount > 0);
  if (pools.length === 0) return {ok: false, reason: 'no replicas to price'};
  let perHour = 0;
  for (const pool of pools) {
    const machine = find(catalog, 'machine', pool.machineType, request.region, request.spot);
    if (typeof machine === 'string') return {ok: false, reason: machine};
    let replica = machine;
    if (hasAccelerator(pool)) {
      const unit = find(
        catalog,
        'accelerator',
        pool.acceleratorType!,
        request.region,
        request.spot,
      );
      if (typeof unit === 'string') return {ok: false, reason: unit};
      replica += unit * pool.acceleratorCount!;
    }
    perHour += replica * pool.replicaCount;
  }
  const asOf = pricesAsOf(catalog);
  return {
    ok: true,
    currency: 'USD',
    perHour,
    replicas: pools.reduce((sum, pool) => sum + pool.replicaCount, 0),
    spot: request.spot,
    source: catalog.sources.prices.source,
    asOf,
    stale: daysBetween(asOf, today) > PRICE_STALE_DAYS,
  };
}

/** Dollars as the app prints them: cents below $1,000, whole dollars with separators above. */
export function formatUsd(amount: number): string {
  if (amount >= 1000) return `$${Math.round(amount).toLocaleString('en-US')}`;
  return `$${amount.toFixed(2)}`;
}
