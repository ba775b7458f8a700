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

const FIX = 'add it under "catalog"."prices" in the settings file';

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
