// `prices refresh`'s mapping from Cloud Billing Catalog SKUs to the price table (issue #24): each
// wording variant of Vertex AI's training SKUs public sources show is read; Spot only where the
// usage type says Preemptible; anything else is skipped and counted, never guessed.
import {describe, expect, it} from 'vitest';
import {BUILTIN_CATALOG} from '../../../source/core/job-spec/index.js';
import {acceleratorFromLabel, readSku} from '../../../source/core/job-spec/billing-sku-reading.js';
import {pricesFromSkus} from '../../../source/core/job-spec/billing-sku-prices.js';
import {sku, TRAINING_PAGE} from '../../fixtures/billing-skus.js';

const T = 'Vertex AI: Training/Pipelines on';
const read = (shape: Parameters<typeof sku>[0]) => readSku(sku(shape), 'USD');

describe('readSku', () => {
  it.each([
    [`${T} N1 Predefined Instance Core running in Testland`, 'h', 'core', 'n1'],
    [`${T} N1 Predefined Instance Ram running in Testland`, 'GiBy.h', 'ram', 'n1'],
    [`${T} E2 Instance Core running in Testland`, 'h', 'core', 'e2'],
    [`${T} E2 Instance Ram running in Testland`, 'GiBy.h', 'ram', 'e2'],
    [`${T} A3 Instance Core in Testville`, 'h', 'core', 'a3'],
    [`${T} A3 Instance RAM in Testville`, 'GiBy.h', 'ram', 'a3'],
    [`${T} A4X Instance Core in Testville`, 'h', 'core', 'a4x'],
  ])('reads %s as a %s rate', (description, unit, kind, family) => {
    expect(read({description, unit, price: 0.25})).toEqual({
      ok: true,
      rate: {kind, family, spot: false, price: 0.25, regions: ['us-central1']},
    });
  });

  it.each([
    [`${T} NVIDIA H100 80GB in Testville`, 'NVIDIA H100 80GB'],
    [`${T} Nvidia Tesla T4 GPU running in Testland`, 'Nvidia Tesla T4'],
    [`${T} Nvidia H100 80gb GPU running in Testville`, 'Nvidia H100 80gb'],
    [`${T} Nvidia L4 running in Testland`, 'Nvidia L4'],
  ])('reads %s as an accelerator', (description, label) => {
    expect(read({description, price: 2})).toMatchObject({
      ok: true,
      rate: {kind: 'accelerator', label, spot: false, price: 2},
    });
  });

  it('reads units given as a string or a number, plus nanos', () => {
    const text = sku({description: `${T} N1 Instance Core in Testville`, price: 1.5});
    expect(readSku(text, 'USD')).toMatchObject({rate: {price: 1.5}});
    const numeric = structuredClone(text);
    numeric.pricingInfo![0]!.pricingExpression!.tieredRates![0]!.unitPrice!.units = 1;
    expect(readSku(numeric, 'USD')).toMatchObject({rate: {price: 1.5}});
  });

  it('uses the last pricingInfo entry (the timeline is chronological)', () => {
    const old = sku({description: `${T} N1 Instance Core in Testville`, price: 0.1});
    const now = sku({description: `${T} N1 Instance Core in Testville`, price: 0.2});
    const both = {...now, pricingInfo: [...old.pricingInfo!, ...now.pricingInfo!]};
    expect(readSku(both, 'USD')).toMatchObject({rate: {price: 0.2}});
  });

  it('is Spot only where usageType says Preemptible', () => {
    const core = `${T} N1 Predefined Instance Core running in Testland`;
    expect(read({description: core, usageType: 'Preemptible'})).toMatchObject({
      rate: {spot: true},
    });
    expect(
      read({
        description: `${T} Spot Preemptible N1 Predefined Instance Core running in Testland`,
        usageType: 'Preemptible',
      }),
    ).toMatchObject({rate: {kind: 'core', family: 'n1', spot: true}});
    // A description that says Spot under an OnDemand usage type, a commitment, or no usage type.
    expect(
      read({description: `${T} Spot Preemptible N1 Predefined Instance Core running in Testland`}),
    ).toEqual({ok: false, reason: 'usage-type'});
    expect(read({description: core, usageType: 'Commit1Yr'})).toEqual({
      ok: false,
      reason: 'usage-type',
    });
    expect(read({description: core, usageType: null})).toEqual({
      ok: false,
      reason: 'usage-type',
    });
  });

  it.each([
    [
      'Vertex AI: Online/Batch Prediction N1 Predefined Instance Core running in Testland',
      'not-training',
    ],
    ['Gemini Test Text Input', 'not-training'],
    [
      'Vertex AI: Training/Pipelines management fee on NVIDIA H100 80GB in Testville',
      'management-fee',
    ],
    [
      'Vertex AI: Training/Pipelines Management fee on N1 Instance RAM in Testville',
      'management-fee',
    ],
    [`${T} SSD backed PD Capacity`, 'storage'],
    [`${T} Compute optimized Core running in Testland`, 'unrecognised'],
    [`${T} N2D AMD Instance Core running in Testland`, 'unrecognised'],
  ])('skips %s (%s)', (description, reason) => {
    expect(read({description})).toEqual({ok: false, reason});
  });

  it('skips a wrong unit, a tiered or zero price, another currency, no region', () => {
    const core = `${T} N1 Instance Core in Testville`;
    expect(read({description: core, unit: 'GiBy.h'})).toEqual({ok: false, reason: 'unit'});
    expect(read({description: `${T} N1 Instance Ram in Testville`, unit: 'h'})).toEqual({
      ok: false,
      reason: 'unit',
    });
    expect(read({description: core, price: 0})).toEqual({ok: false, reason: 'price'});
    const tiered = sku({description: core, price: 0.1});
    tiered.pricingInfo![0]!.pricingExpression!.tieredRates!.push({
      startUsageAmount: 100,
      unitPrice: {currencyCode: 'USD', units: '0', nanos: 50_000_000},
    });
    expect(readSku(tiered, 'USD')).toEqual({ok: false, reason: 'price'});
    expect(read({description: core, currency: 'EUR'})).toEqual({ok: false, reason: 'currency'});
    expect(read({description: core, regions: ['global']})).toEqual({ok: false, reason: 'region'});
  });
});

describe('readSku regions (cloud_catalog.proto Sku.service_regions, Sku.geo_taxonomy)', () => {
  const core = `${T} N1 Instance Core in Testville`;
  const withRegions = (serviceRegions: string[] | undefined, geoTaxonomy?: object) => {
    const one = sku({description: core, price: 0.1});
    if (serviceRegions) one.serviceRegions = serviceRegions;
    else delete one.serviceRegions;
    return readSku(geoTaxonomy ? {...one, geoTaxonomy} : one, 'USD');
  };
  const regionsOf = (reading: ReturnType<typeof readSku>) =>
    reading.ok ? reading.rate.regions : reading.reason;

  it('reads serviceRegions alone', () => {
    expect(regionsOf(withRegions(['us-east1']))).toEqual(['us-east1']);
  });
  it('reads geoTaxonomy.regions when serviceRegions is absent or empty', () => {
    const geo = {type: 'MULTI_REGIONAL', regions: ['us-central1', 'us-west1']};
    expect(regionsOf(withRegions(undefined, geo))).toEqual(['us-central1', 'us-west1']);
    expect(regionsOf(withRegions([], geo))).toEqual(['us-central1', 'us-west1']);
  });
  it('prefers serviceRegions when both are there', () => {
    const geo = {type: 'REGIONAL', regions: ['us-west1']};
    expect(regionsOf(withRegions(['us-east1'], geo))).toEqual(['us-east1']);
  });
  it('prices no region from a GLOBAL SKU (no region list)', () => {
    expect(regionsOf(withRegions(undefined, {type: 'GLOBAL'}))).toBe('region');
  });
});

describe('acceleratorFromLabel', () => {
  const known = BUILTIN_CATALOG.accelerators.map((accelerator) => accelerator.name);
  it.each([
    ['NVIDIA H100 80GB', 'NVIDIA_H100_80GB'],
    ['Nvidia H100 80gb', 'NVIDIA_H100_80GB'],
    ['Nvidia Tesla T4', 'NVIDIA_TESLA_T4'],
    ['Nvidia T4', 'NVIDIA_TESLA_T4'],
    ['Nvidia L4', 'NVIDIA_L4'],
    ['NVIDIA H200 141GB', 'NVIDIA_H200_141GB'],
  ])('%s is %s', (label, name) => {
    expect(acceleratorFromLabel(label, known)).toBe(name);
  });

  it.each(['NVIDIA H100 80GB Mega', 'Nvidia Future X1', 'TPU v9'])('%s is none', (label) => {
    expect(acceleratorFromLabel(label, known)).toBeUndefined();
  });
});

describe('pricesFromSkus', () => {
  const result = pricesFromSkus(TRAINING_PAGE, BUILTIN_CATALOG, {currency: 'USD'});
  const price = (name: string, region: string) =>
    result.prices.find((entry) => entry.name === name && entry.region === region);

  it('prices a machine type as vCPUs × core + memory × RAM, with Spot from Preemptible SKUs', () => {
    // n1-standard-4: 4 vCPUs, 15 GB; the multi-region SKUs price every region they list.
    for (const region of ['us-central1', 'us-east1', 'us-west1'])
      expect(price('n1-standard-4', region)).toEqual({
        kind: 'machine',
        name: 'n1-standard-4',
        region,
        usdPerHour: 4 * 0.05 + 15 * 0.004,
        spotUsdPerHour: 4 * 0.01 + 15 * 0.001,
      });
    const n1 = BUILTIN_CATALOG.machineTypes.filter((machine) => machine.name.startsWith('n1-'));
    for (const machine of n1) expect(price(machine.name, 'us-east1')).toBeDefined();
  });

  it('prices the A3 family in its one region, but not the series billed under SKUs of their own', () => {
    expect(price('a3-highgpu-8g', 'us-central1')?.usdPerHour).toBeCloseTo(
      208 * 0.03 + 1872 * 0.002,
      9,
    );
    expect(price('a3-highgpu-8g', 'us-central1')?.spotUsdPerHour).toBeUndefined();
    expect(price('a3-highgpu-8g', 'us-east1')).toBeUndefined();
    expect(price('a3-megagpu-8g', 'us-central1')).toBeUndefined();
    expect(price('a3-ultragpu-8g', 'us-central1')).toBeUndefined();
  });

  it('prices accelerators by their AcceleratorType name', () => {
    expect(price('NVIDIA_H100_80GB', 'us-central1')).toEqual({
      kind: 'accelerator',
      name: 'NVIDIA_H100_80GB',
      region: 'us-central1',
      usdPerHour: 10,
    });
    expect(price('NVIDIA_TESLA_T4', 'us-west1')?.usdPerHour).toBe(0.4);
  });

  it('counts what it did not use, by reason', () => {
    expect(result.skipped).toEqual({
      storage: 1,
      'management-fee': 2,
      'not-training': 2,
      unrecognised: 1,
    });
    expect(result.unrecognised).toEqual([`${T} Compute optimized Core running in Testland`]);
    expect(result.used).toBe(8);
    expect(result.regions).toEqual(['us-central1', 'us-east1', 'us-west1']);
    expect(result.accelerators).toBe(2);
    const a3 = BUILTIN_CATALOG.machineTypes.filter((machine) =>
      machine.name.startsWith('a3-highgpu'),
    );
    const n1 = BUILTIN_CATALOG.machineTypes.filter((machine) => machine.name.startsWith('n1-'));
    expect(result.machines).toBe(a3.length + n1.length);
  });

  it('keeps only the regions asked for', () => {
    const east = pricesFromSkus(TRAINING_PAGE, BUILTIN_CATALOG, {
      currency: 'USD',
      regions: ['us-east1'],
    });
    expect(new Set(east.prices.map((entry) => entry.region))).toEqual(new Set(['us-east1']));
    // The A3 and H100 SKUs list only us-central1.
    expect(east.skipped.region).toBe(3);
  });

  it('prices nothing from a rate two SKUs disagree on, a half-priced family, or unknown names', () => {
    const skus = [
      sku({description: `${T} E2 Instance Core running in Testland`, price: 0.02}),
      sku({description: `${T} E2 Instance Core in Testville`, price: 0.03}),
      sku({description: `${T} E2 Instance Ram running in Testland`, unit: 'GiBy.h', price: 0.003}),
      sku({description: `${T} G2 Instance Core running in Testland`, price: 0.02}),
      sku({description: `${T} Z9 Instance Core running in Testland`, price: 0.02}),
      sku({description: `${T} Nvidia Future X1 GPU running in Testland`, price: 3}),
    ];
    const mixed = pricesFromSkus(skus, BUILTIN_CATALOG, {currency: 'USD'});
    expect(mixed.prices).toEqual([]);
    expect(mixed.skipped).toEqual({conflict: 1, 'no-machine-type': 1, 'no-accelerator': 1});
    expect(mixed.incompleteFamilies).toEqual(['e2', 'g2']);
  });

  it('agrees with itself when a regional and a multi-region SKU give the same rate', () => {
    const skus = [
      sku({
        description: `${T} E2 Instance Core running in Testland`,
        price: 0.02,
        regions: ['us-central1', 'us-east1'],
      }),
      sku({description: `${T} E2 Instance Core in Testville`, price: 0.02}),
      sku({
        description: `${T} E2 Instance Ram running in Testland`,
        unit: 'GiBy.h',
        price: 0.003,
        regions: ['us-central1', 'us-east1'],
      }),
    ];
    const same = pricesFromSkus(skus, BUILTIN_CATALOG, {currency: 'USD'});
    expect(same.skipped).toEqual({});
    expect(
      same.prices.find((entry) => entry.name === 'e2-standard-4' && entry.region === 'us-central1')
        ?.usdPerHour,
    ).toBeCloseTo(4 * 0.02 + 16 * 0.003, 9);
  });
});
