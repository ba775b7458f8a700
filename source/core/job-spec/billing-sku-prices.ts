// Turns Vertex AI's Cloud Billing Catalog SKUs (read by billing-sku-reading.ts) into the price
// table's entries: a machine type costs vCPUs × its family's per-core rate + memory × its per-GiB
// rate, in each region both rates list (Compute Engine bills predefined machine types per vCPU and
// per GiB of memory, and Vertex's training SKUs are split the same way: a billing report of an
// a3-highgpu-8g job shows 208 × "A3 Instance Core" + 1,872 × "A3 Instance RAM" + 8 × the GPU, see
// billing-sku-reading.ts); an accelerator costs its own SKU's rate. Memory: the catalog's
// `memoryGb` is Compute Engine's machine-type figure (15 for n1-standard-4), billed per GiB-hour
// ("GiBy.h"); the built-in n1-standard-4 price (price-data.ts, $0.21849885) is exactly 1.15 × (4 ×
// $0.031611 + 15 × $0.004237), Compute Engine's N1 per-vCPU and per-GiB us-central1 rates as a
// public copy of its catalog shows them ("N1 Predefined Instance Ram running in Americas", 4237000
// nanos; search index file 41693789224), so vCPUs × core + memoryGb × RAM is the split Google's
// figures follow. Pure. What cannot be priced without guessing is counted, not priced: a family
// with a core rate but no memory rate, two SKUs that disagree on one rate, a GPU name that is no
// AcceleratorType.
import type {AcceleratorInfo, MachineType, PriceEntry} from './catalog-types.js';
import {
  acceleratorFromLabel,
  readSku,
  type BillingSku,
  type SkipReason,
} from './billing-sku-reading.js';

/**
 * Machine series billed under SKUs of their own in Compute Engine ("A2 Ultra", "A3 Mega", "A3
 * Ultra" on its pricing page), whose Vertex SKUs no public source showed: the family's plain
 * rates ("A3 Instance Core") may not be theirs, so they are left unpriced rather than guessed.
 */
const OWN_SERIES = ['a2-ultragpu-', 'a3-megagpu-', 'a3-ultragpu-'];

export interface SkuPriceOptions {
  currency: string;
  /** Only these regions (all the SKUs list when absent or empty). */
  regions?: readonly string[];
}

export type SkuSkip = SkipReason | 'conflict' | 'no-machine-type' | 'no-accelerator';

export interface SkuPriceResult {
  prices: PriceEntry[];
  /** Distinct machine types and accelerators priced, and the regions they are priced in. */
  machines: number;
  accelerators: number;
  regions: string[];
  /** Entries that also have a Spot price. */
  spot: number;
  /** SKUs used for at least one price. */
  used: number;
  /** SKUs not used, by reason. */
  skipped: Partial<Record<SkuSkip, number>>;
  /** Descriptions of training SKUs of a shape not read (a few, for the summary). */
  unrecognised: string[];
  /** Families with a rate for cores or memory but not both in some region (e.g. "g2"). */
  incompleteFamilies: string[];
}

interface Rate {
  price: number;
  /** Two SKUs gave different prices for it: it is not used. */
  conflict: boolean;
  sku: number;
}

type RateKey = string;
const key = (...parts: Array<string | boolean>): RateKey => parts.join('|');
const round = (value: number) => Math.round(value * 1e9) / 1e9;

export function pricesFromSkus(
  skus: readonly BillingSku[],
  catalog: {machineTypes: readonly MachineType[]; accelerators: readonly AcceleratorInfo[]},
  options: SkuPriceOptions,
): SkuPriceResult {
  const wanted = options.regions && options.regions.length > 0 ? new Set(options.regions) : null;
  const acceleratorNames = catalog.accelerators.map((accelerator) => accelerator.name);
  const families = new Set(catalog.machineTypes.map((machine) => machine.name.split('-')[0]));
  const skipped: Partial<Record<SkuSkip, number>> = {};
  const count = (reason: SkuSkip) => (skipped[reason] = (skipped[reason] ?? 0) + 1);
  const unrecognised: string[] = [];
  const rates = new Map<RateKey, Rate>();

  const record = (rateKey: RateKey, price: number, sku: number) => {
    const known = rates.get(rateKey);
    if (!known) rates.set(rateKey, {price, conflict: false, sku});
    else if (Math.abs(known.price - price) > 1e-12) known.conflict = true;
  };

  skus.forEach((sku, index) => {
    const reading = readSku(sku, options.currency);
    if (!reading.ok) {
      count(reading.reason);
      if (reading.reason === 'unrecognised' && unrecognised.length < 5)
        unrecognised.push(sku.description ?? '(no description)');
      return;
    }
    const {rate} = reading;
    const regions = rate.regions.filter((region) => !wanted || wanted.has(region));
    if (regions.length === 0) return void count('region');
    if (rate.kind === 'accelerator') {
      const name = acceleratorFromLabel(rate.label, acceleratorNames);
      if (!name) {
        if (unrecognised.length < 5) unrecognised.push(sku.description ?? '');
        return void count('no-accelerator');
      }
      for (const region of regions) record(key('gpu', name, region, rate.spot), rate.price, index);
      return;
    }
    if (!families.has(rate.family)) return void count('no-machine-type');
    for (const region of regions)
      record(key(rate.kind, rate.family, region, rate.spot), rate.price, index);
  });

  const usedSkus = new Set<number>();
  const rate = (rateKey: RateKey): number | undefined => {
    const found = rates.get(rateKey);
    if (!found || found.conflict) return undefined;
    usedSkus.add(found.sku);
    return found.price;
  };
  const conflicts = [...rates.values()].filter((found) => found.conflict).length;
  if (conflicts > 0) skipped.conflict = conflicts;

  const regionsSeen = [
    ...new Set([...rates.keys()].map((rateKey) => rateKey.split('|')[2]!)),
  ].sort();
  const prices: PriceEntry[] = [];
  const incomplete = new Set<string>();
  for (const region of regionsSeen) {
    for (const machine of catalog.machineTypes) {
      if (OWN_SERIES.some((series) => machine.name.startsWith(series))) continue;
      if (!(machine.vcpus > 0 && machine.memoryGb > 0)) continue;
      const family = machine.name.split('-')[0]!;
      const cost = (spot: boolean) => {
        const core = rate(key('core', family, region, spot));
        const ram = rate(key('ram', family, region, spot));
        if ((core === undefined) !== (ram === undefined)) incomplete.add(family);
        return core === undefined || ram === undefined
          ? undefined
          : round(machine.vcpus * core + machine.memoryGb * ram);
      };
      const onDemand = cost(false);
      const spot = cost(true);
      if (onDemand === undefined) continue;
      prices.push({
        kind: 'machine',
        name: machine.name,
        region,
        usdPerHour: onDemand,
        ...(spot !== undefined && {spotUsdPerHour: spot}),
      });
    }
    for (const name of acceleratorNames) {
      const onDemand = rate(key('gpu', name, region, false));
      const spot = rate(key('gpu', name, region, true));
      if (onDemand === undefined) continue;
      prices.push({
        kind: 'accelerator',
        name,
        region,
        usdPerHour: round(onDemand),
        ...(spot !== undefined && {spotUsdPerHour: round(spot)}),
      });
    }
  }
  const names = (kind: PriceEntry['kind']) =>
    new Set(prices.filter((price) => price.kind === kind).map((price) => price.name)).size;
  return {
    prices,
    machines: names('machine'),
    accelerators: names('accelerator'),
    regions: [...new Set(prices.map((price) => price.region))].sort(),
    spot: prices.filter((price) => price.spotUsdPerHour !== undefined).length,
    used: usedSkus.size,
    skipped,
    unrecognised,
    incompleteFamilies: [...incomplete].sort(),
  };
}
