// The price lookup (issue #24): machine + accelerators × replicas per pool, Spot vs standard, by
// region; a resource the table does not list is "not priced" with the reason, never guessed.
import {describe, expect, it} from 'vitest';
import {
  BUILTIN_CATALOG,
  formatUsd,
  mergeCatalog,
  quotePools,
  type Catalog,
} from '../../../source/core/job-spec/index.js';

const TODAY = '2026-12-06';

// Round numbers so the sums are easy to check; the table shape is the built-in one.
const catalog: Catalog = {
  ...BUILTIN_CATALOG,
  sources: {...BUILTIN_CATALOG.sources, prices: {source: 'test table', checked: '2026-12-01'}},
  prices: [
    {
      kind: 'machine',
      name: 'n1-standard-8',
      region: 'us-central1',
      usdPerHour: 0.5,
      spotUsdPerHour: 0.1,
    },
    {kind: 'machine', name: 'n1-standard-8', region: 'europe-west4', usdPerHour: 0.6},
    {
      kind: 'machine',
      name: 'e2-standard-4',
      region: 'us-central1',
      usdPerHour: 0.2,
      spotUsdPerHour: 0.05,
    },
    {
      kind: 'accelerator',
      name: 'NVIDIA_TESLA_T4',
      region: 'us-central1',
      usdPerHour: 0.4,
      spotUsdPerHour: 0.15,
    },
  ],
};

describe('quotePools', () => {
  it('adds machine + accelerators × count, times replicas, over every pool', () => {
    const quote = quotePools(
      {
        region: 'us-central1',
        spot: false,
        pools: [
          {
            machineType: 'n1-standard-8',
            acceleratorType: 'NVIDIA_TESLA_T4',
            acceleratorCount: 2,
            replicaCount: 1,
          },
          {
            machineType: 'n1-standard-8',
            acceleratorType: 'NVIDIA_TESLA_T4',
            acceleratorCount: 2,
            replicaCount: 3,
          },
          {machineType: 'e2-standard-4', replicaCount: 2},
          // A pool without replicas (an empty slot of workerPoolSpecs) costs nothing.
          {machineType: 'unlisted-machine', replicaCount: 0},
        ],
      },
      catalog,
      TODAY,
    );
    expect(quote).toMatchObject({ok: true, currency: 'USD', replicas: 6, spot: false});
    // (0.5 + 2 × 0.4) × 4 + 0.2 × 2 = 5.6
    expect(quote.ok && quote.perHour).toBeCloseTo(5.6, 10);
    expect(quote).toMatchObject({source: 'test table', asOf: '2026-12-01', stale: false});
  });

  it('uses Spot prices for a Spot job', () => {
    const quote = quotePools(
      {
        region: 'us-central1',
        spot: true,
        pools: [
          {
            machineType: 'n1-standard-8',
            acceleratorType: 'NVIDIA_TESLA_T4',
            acceleratorCount: 1,
            replicaCount: 2,
          },
        ],
      },
      catalog,
      TODAY,
    );
    expect(quote.ok && quote.perHour).toBeCloseTo((0.1 + 0.15) * 2, 10);
  });

  it('prices by region, and says so when the region has no price', () => {
    const pools = [{machineType: 'n1-standard-8', replicaCount: 1}];
    expect(quotePools({region: 'europe-west4', spot: false, pools}, catalog, TODAY)).toMatchObject({
      ok: true,
      perHour: 0.6,
    });
    expect(quotePools({region: 'asia-east1', spot: false, pools}, catalog, TODAY)).toEqual({
      ok: false,
      reason:
        'no list price for n1-standard-8 in asia-east1 (add it under "catalog"."prices" in the settings file)',
    });
  });

  it('says which Spot price is missing instead of using the standard one', () => {
    const quote = quotePools(
      {
        region: 'europe-west4',
        spot: true,
        pools: [{machineType: 'n1-standard-8', replicaCount: 1}],
      },
      catalog,
      TODAY,
    );
    expect(quote).toEqual({
      ok: false,
      reason: expect.stringMatching(/^no Spot price for n1-standard-8 in europe-west4/),
    });
  });

  it('does not price a job when one accelerator is unknown (no partial sum)', () => {
    const quote = quotePools(
      {
        region: 'us-central1',
        spot: false,
        pools: [
          {machineType: 'e2-standard-4', replicaCount: 1},
          {
            machineType: 'n1-standard-8',
            acceleratorType: 'NVIDIA_TESLA_V100',
            acceleratorCount: 1,
            replicaCount: 1,
          },
        ],
      },
      catalog,
      TODAY,
    );
    expect(quote).toEqual({
      ok: false,
      reason: expect.stringMatching(/^no list price for NVIDIA_TESLA_V100 in us-central1/),
    });
  });

  it('ignores an unspecified accelerator or a count of 0', () => {
    const quote = quotePools(
      {
        region: 'us-central1',
        spot: false,
        pools: [
          {
            machineType: 'e2-standard-4',
            acceleratorType: 'ACCELERATOR_TYPE_UNSPECIFIED',
            acceleratorCount: 0,
            replicaCount: 1,
          },
        ],
      },
      catalog,
      TODAY,
    );
    expect(quote).toMatchObject({ok: true, perHour: 0.2});
  });

  it('flags prices older than 90 days', () => {
    const quote = quotePools(
      {
        region: 'us-central1',
        spot: false,
        pools: [{machineType: 'e2-standard-4', replicaCount: 1}],
      },
      catalog,
      '2027-03-15',
    );
    expect(quote).toMatchObject({ok: true, stale: true, asOf: '2026-12-01'});
  });

  it('prices the built-in table only where Google lists it (n1-standard-4, us-central1)', () => {
    const quote = quotePools(
      {
        region: 'us-central1',
        spot: false,
        pools: [{machineType: 'n1-standard-4', replicaCount: 2}],
      },
      BUILTIN_CATALOG,
      TODAY,
    );
    expect(quote).toMatchObject({ok: true, asOf: '2026-10-07', stale: false});
    expect(quote.ok && quote.perHour).toBeCloseTo(0.4369977, 10);
    expect(quote.ok && quote.source).toMatch(/cloud\.google\.com\/vertex-ai\/pricing/);
    expect(
      quotePools(
        {
          region: 'us-central1',
          spot: true,
          pools: [{machineType: 'n1-standard-4', replicaCount: 1}],
        },
        BUILTIN_CATALOG,
        TODAY,
      ),
    ).toMatchObject({ok: false});
  });

  it('every built-in price names a catalog machine type or accelerator and a catalog region', () => {
    for (const price of BUILTIN_CATALOG.prices) {
      const names =
        price.kind === 'machine' ? BUILTIN_CATALOG.machineTypes : BUILTIN_CATALOG.accelerators;
      expect(names.map((entry) => entry.name)).toContain(price.name);
      expect(BUILTIN_CATALOG.regions).toContain(price.region);
    }
  });
});

describe('price overrides from settings', () => {
  it('adds and replaces prices by kind, name and region', () => {
    const merged = mergeCatalog(BUILTIN_CATALOG, {
      date: '2026-12-05',
      prices: [
        {
          kind: 'machine',
          name: 'n1-standard-4',
          region: 'us-central1',
          usdPerHour: 0.3,
          spotUsdPerHour: 0.09,
        },
        {kind: 'accelerator', name: 'NVIDIA_TESLA_T4', region: 'us-central1', usdPerHour: 0.45},
      ],
    });
    expect(merged.ok).toBe(true);
    if (!merged.ok) return;
    expect(merged.catalog.prices).toHaveLength(BUILTIN_CATALOG.prices.length + 1);
    expect(merged.catalog.sources.prices).toEqual({source: 'settings file', checked: '2026-12-05'});
    const quote = quotePools(
      {
        region: 'us-central1',
        spot: false,
        pools: [
          {
            machineType: 'n1-standard-4',
            acceleratorType: 'NVIDIA_TESLA_T4',
            acceleratorCount: 1,
            replicaCount: 1,
          },
        ],
      },
      merged.catalog,
      TODAY,
    );
    expect(quote.ok && quote.perHour).toBeCloseTo(0.75, 10);
    expect(quote).toMatchObject({source: 'settings file', asOf: '2026-12-05'});
  });

  it('names the entry and field of a bad price', () => {
    const merged = mergeCatalog(BUILTIN_CATALOG, {
      prices: [{kind: 'gpu', name: 'NVIDIA_L4', region: 'us-central1', usdPerHour: '0.7'}],
    });
    expect(merged.ok).toBe(false);
    if (merged.ok) return;
    expect(merged.errors.map((error) => error.path)).toEqual([
      'prices[0].kind',
      'prices[0].usdPerHour',
    ]);
    expect(merged.errors[1]!.fix).toMatch(/USD per hour/);
  });
});

describe('formatUsd', () => {
  it('prints cents, and whole dollars from $1,000', () => {
    expect(formatUsd(0.21849885)).toBe('$0.22');
    expect(formatUsd(0)).toBe('$0.00');
    expect(formatUsd(1234.5)).toBe('$1,235');
  });
});
