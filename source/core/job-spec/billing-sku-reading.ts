// Reads one SKU of Google's Cloud Billing Catalog (GET cloudbilling.googleapis.com/v1/services/
// {service}/skus; message Sku in google/cloud/billing/v1/cloud_catalog.proto) as a Vertex AI
// custom-training compute rate, or says why it is not one. Pure; billing-sku-prices.ts turns the
// rates into the price table. A SKU of a shape read here from no public source is skipped and
// counted, never guessed at: a wrong price is worse than "not priced".
//
// What Vertex AI's (service C7E2-9256-1C43) training SKUs look like, from the two public sources
// found (read 2026-12-06; neither is a full dump, and neither shows their `category`):
//   - SKU ids and descriptions copied from a Cloud Billing report of a custom job on a3-highgpu-8g
//     in us-central1 (zenn.dev article by Google Cloud Japan on DWS prices, 2025-08, search index
//     file 13115385303): "Vertex AI: Training/Pipelines on NVIDIA H100 80GB in Iowa" (per hour),
//     "Vertex AI: Training/Pipelines on A3 Instance Core in Iowa" (per hour), "Vertex AI:
//     Training/Pipelines on A3 Instance RAM in Iowa" (per gigabyte hour), "Vertex AI:
//     Training/Pipelines on SSD backed PD Capacity", and for flex-start jobs "Vertex AI:
//     Training/Pipelines management fee on NVIDIA H100 80GB in Iowa" beside Compute Engine SKUs;
//   - a script that reads the catalog to check a course's prices (search index file 69083071661):
//     "Vertex AI: Training/Pipelines on E2 Instance Core running in <place>", "... on E2 Instance
//     Ram running in", "... on N1 Predefined Instance Core running in", "... on N1 Predefined
//     Instance Ram running in", "Vertex AI: Training/Pipelines Management fee on N1 Instance Core
//     in".
// So: "running" is there or not, "Predefined" is there or not, RAM is spelled "Ram" or "RAM", a GPU
// may carry the word "GPU" (Vertex's prediction SKUs do: "Nvidia H100 80gb GPU running in Iowa");
// every variant is read. The place in the description ("Iowa", "Americas") is not a region name:
// the regions are `serviceRegions` (proto: "List of service regions this SKU is offered at") or,
// where a SKU lists none there, `geoTaxonomy.regions` (proto GeoTaxonomy: "The list of regions
// associated with a sku", REGIONAL or MULTI_REGIONAL; which of the two Vertex's SKUs fill is not
// documented, so either is read; a GLOBAL SKU lists no region and prices none), as in
// the Compute Engine dumps in public code, where "A2 Instance Ram running in Americas" lists
// us-central1, us-east1 and us-west1. Units as in those dumps: `usageUnit` "h" for cores and GPUs,
// "GiBy.h" for memory; `unitPrice` is `units` (an int64, as a JSON string) plus `nanos`.
// Spot: Compute Engine's Spot SKUs carry `category.usageType` "Preemptible" (and "Spot
// Preemptible" in the description); no Vertex training Spot SKU was seen, so a rate is Spot only
// where usageType says "Preemptible", on-demand only where it says "OnDemand", and a description
// that contradicts it, or any other usage type (commitments), is skipped.
export interface BillingMoney {
  currencyCode?: string;
  /** int64 in proto3 JSON: a string (a number is accepted too). */
  units?: string | number;
  nanos?: number;
}

export interface BillingSku {
  name?: string;
  skuId?: string;
  description?: string;
  category?: {
    serviceDisplayName?: string;
    resourceFamily?: string;
    resourceGroup?: string;
    usageType?: string;
  };
  serviceRegions?: string[];
  geoTaxonomy?: {type?: string; regions?: string[]};
  pricingInfo?: Array<{
    pricingExpression?: {
      usageUnit?: string;
      tieredRates?: Array<{startUsageAmount?: number; unitPrice?: BillingMoney}>;
    };
  }>;
}

/** Why a SKU priced nothing; the command's summary counts each. */
export type SkipReason =
  | 'not-training'
  | 'management-fee'
  | 'storage'
  | 'unrecognised'
  | 'usage-type'
  | 'unit'
  | 'price'
  | 'currency'
  | 'region';

export type SkuRate =
  | {
      kind: 'core' | 'ram';
      /** The machine family as the description names it, lower case: "n1", "a3". */
      family: string;
      spot: boolean;
      price: number;
      regions: string[];
    }
  | {
      kind: 'accelerator';
      /** The accelerator as the description names it, e.g. "NVIDIA H100 80GB". */
      label: string;
      spot: boolean;
      price: number;
      regions: string[];
    };

export type SkuReading = {ok: true; rate: SkuRate} | {ok: false; reason: SkipReason};

const PREFIX = /^Vertex AI: Training\/Pipelines on /i;
const MANAGEMENT = /^Vertex AI: Training\/Pipelines (?:on )?management fee\b/i;
const STORAGE = /\b(?:PD|Disk|Hyperdisk|Storage|Local SSD|SSD backed)\b/i;
// "A3 Instance Core in Iowa", "N1 Predefined Instance Ram running in Americas",
// "Spot Preemptible N1 Predefined Instance Core running in ..." (Compute Engine's Spot wording).
const MACHINE =
  /^(?:(?:Spot )?Preemptible )?([A-Z]\d+[A-Z]?) (?:Predefined )?Instance (Core|Ram) (?:running )?in \S.*$/i;
// "NVIDIA H100 80GB in Iowa", "Nvidia Tesla T4 GPU running in Americas".
const ACCELERATOR =
  /^(?:(?:Spot )?Preemptible )?((?:Nvidia|TPU)\b.*?)(?: GPU)? (?:running )?in \S.*$/i;
const SPOT_WORDS = /\b(?:Spot|Preemptible)\b/i;
export const REGION_NAME = /^[a-z]+-[a-z]+\d+$/;

const skip = (reason: SkipReason): SkuReading => ({ok: false, reason});

/** units + nanos as a number, or undefined when it is not a price. */
function money(value: BillingMoney | undefined): number | undefined {
  if (!value) return undefined;
  const units = value.units === undefined ? 0 : Number(value.units);
  const nanos = value.nanos ?? 0;
  if (!Number.isFinite(units) || !Number.isInteger(nanos)) return undefined;
  return units + nanos / 1e9;
}

/**
 * The SKU's current unit price: the last entry of `pricingInfo` (proto: "A timeline of pricing
 * info for this SKU in chronological order"), one price for every tier (a price that changes
 * with usage is not a list price per hour).
 */
function unitPrice(
  sku: BillingSku,
  unit: string,
  currency: string,
): {ok: true; price: number} | {ok: false; reason: SkipReason} {
  const expression = sku.pricingInfo?.at(-1)?.pricingExpression;
  if (!expression || expression.usageUnit !== unit) return {ok: false, reason: 'unit'};
  const tiers = expression.tieredRates ?? [];
  if (tiers.some((tier) => (tier.unitPrice?.currencyCode ?? currency) !== currency))
    return {ok: false, reason: 'currency'};
  const prices = tiers.map((tier) => money(tier.unitPrice));
  const price = prices[0];
  if (
    price === undefined ||
    price <= 0 ||
    prices.some((other) => other === undefined || Math.abs(other - price) > 1e-12)
  )
    return {ok: false, reason: 'price'};
  return {ok: true, price};
}

function usage(sku: BillingSku, text: string): boolean | undefined {
  const type = sku.category?.usageType;
  const words = SPOT_WORDS.test(text);
  if (type === 'Preemptible') return true;
  if (type === 'OnDemand' && !words) return false;
  return undefined;
}

/** One SKU as a training compute rate in `currency`, or the reason it is not one. */
export function readSku(sku: BillingSku, currency: string): SkuReading {
  const description = (sku.description ?? '').trim();
  if (MANAGEMENT.test(description)) return skip('management-fee');
  if (!PREFIX.test(description)) return skip('not-training');
  const rest = description.replace(PREFIX, '');
  const machine = MACHINE.exec(rest);
  const accelerator = machine ? null : ACCELERATOR.exec(rest);
  if (!machine && !accelerator) return skip(STORAGE.test(rest) ? 'storage' : 'unrecognised');
  const spot = usage(sku, rest);
  if (spot === undefined) return skip('usage-type');
  const listed = sku.serviceRegions?.length ? sku.serviceRegions : (sku.geoTaxonomy?.regions ?? []);
  const regions = listed.filter((region) => REGION_NAME.test(region));
  if (regions.length === 0) return skip('region');
  if (machine) {
    const kind = machine[2]!.toLowerCase() === 'core' ? 'core' : 'ram';
    const price = unitPrice(sku, kind === 'core' ? 'h' : 'GiBy.h', currency);
    if (!price.ok) return skip(price.reason);
    const family = machine[1]!.toLowerCase();
    return {ok: true, rate: {kind, family, spot, price: price.price, regions}};
  }
  const price = unitPrice(sku, 'h', currency);
  if (!price.ok) return skip(price.reason);
  const label = accelerator![1]!;
  return {ok: true, rate: {kind: 'accelerator', label, spot, price: price.price, regions}};
}

/**
 * The AcceleratorType enum name (aiplatform v1 accelerator_type.proto) a SKU's label stands for,
 * among `known`: the label upper-cased with spaces as underscores ("NVIDIA H100 80GB" →
 * NVIDIA_H100_80GB, "Nvidia Tesla T4" → NVIDIA_TESLA_T4), or with the enum's "TESLA_" added when
 * only that matches ("Nvidia T4" → NVIDIA_TESLA_T4). Anything else matches nothing.
 */
export function acceleratorFromLabel(label: string, known: readonly string[]): string | undefined {
  const name = label
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, '_')
    .replace(/^_|_$/g, '');
  if (known.includes(name)) return name;
  const tesla = name.replace(/^NVIDIA_/, 'NVIDIA_TESLA_');
  return tesla !== name && known.includes(tesla) ? tesla : undefined;
}
