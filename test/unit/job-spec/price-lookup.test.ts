// The price lookup (issue #24): machine + accelerators × replicas per pool, Spot vs standard, by
// region; a resource the table does not list is "not priced" with the reason, never guessed.
import fs from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {
  acceleratorTypeName,
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
    {
      kind: 'machine',
      name: 'a2-highgpu-1g',
      region: 'us-central1',
      usdPerHour: 1,
      spotUsdPerHour: 0.3,
    },
    {
      kind: 'accelerator',
      name: 'NVIDIA_TESLA_A100',
      region: 'us-central1',
      usdPerHour: 3,
      spotUsdPerHour: 1,
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

  it('prices an A2 machine with its A100 as machine + accelerator, per replica', () => {
    // The shape of Google's table: machine types and accelerators are listed apart (the figures
    // here are round test numbers, not prices).
    const a2 = (spot: boolean) =>
      quotePools(
        {
          region: 'us-central1',
          spot,
          pools: [
            {
              machineType: 'a2-highgpu-1g',
              acceleratorType: 'NVIDIA_TESLA_A100',
              acceleratorCount: 1,
              replicaCount: 2,
            },
          ],
        },
        catalog,
        TODAY,
      );
    expect(a2(false)).toMatchObject({ok: true, replicas: 2, spot: false});
    const [standard, spot] = [a2(false), a2(true)];
    expect(standard.ok && standard.perHour).toBeCloseTo((1 + 3) * 2, 10);
    expect(spot.ok && spot.perHour).toBeCloseTo((0.3 + 1) * 2, 10);
    // The same machine where the table has no A100 price is not priced (never the machine alone).
    expect(
      quotePools(
        {
          region: 'europe-west4',
          spot: false,
          pools: [
            {
              machineType: 'n1-standard-8',
              acceleratorType: 'NVIDIA_TESLA_A100',
              acceleratorCount: 1,
              replicaCount: 1,
            },
          ],
        },
        catalog,
        TODAY,
      ),
    ).toEqual({
      ok: false,
      reason: expect.stringMatching(/^no list price for NVIDIA_TESLA_A100 in europe-west4/),
    });
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
        'no list price for n1-standard-8 in asia-east1 (vtrain-tui prices refresh reads it from Google, or add it under "catalog"."prices")',
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
    // What it does not list, it says so, naming the resource and the fix.
    const builtin = (region: string, spot: boolean, gpu?: string) =>
      quotePools(
        {
          region,
          spot,
          pools: [
            {
              machineType: 'n1-standard-4',
              ...(gpu && {acceleratorType: gpu, acceleratorCount: 1}),
              replicaCount: 1,
            },
          ],
        },
        BUILTIN_CATALOG,
        TODAY,
      );
    const fix =
      '(vtrain-tui prices refresh reads it from Google, or add it under "catalog"."prices")';
    expect(builtin('us-central1', true)).toEqual({
      ok: false,
      reason: `no Spot price for n1-standard-4 in us-central1 ${fix}`,
    });
    expect(builtin('europe-west4', false)).toEqual({
      ok: false,
      reason: `no list price for n1-standard-4 in europe-west4 ${fix}`,
    });
    expect(builtin('us-central1', false, 'NVIDIA_TESLA_T4')).toEqual({
      ok: false,
      reason: `no list price for NVIDIA_TESLA_T4 in us-central1 ${fix}`,
    });
  });

  it('flags the built-in prices once they are more than 90 days older than their source', () => {
    const pools = [{machineType: 'n1-standard-4', replicaCount: 1}];
    // Source date 2026-10-07 (price-data.ts): 90 days later is still current, 91 is not.
    expect(
      quotePools({region: 'us-central1', spot: false, pools}, BUILTIN_CATALOG, '2027-01-05'),
    ).toMatchObject({ok: true, stale: false, asOf: '2026-10-07'});
    expect(
      quotePools({region: 'us-central1', spot: false, pools}, BUILTIN_CATALOG, '2027-01-06'),
    ).toMatchObject({ok: true, stale: true, asOf: '2026-10-07'});
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

  it('an override wins over the built-in price and is as current as the date given with it', () => {
    const pools = [{machineType: 'n1-standard-4', replicaCount: 1}];
    const later = '2027-02-01'; // the built-in table (2026-10-07) is stale by then
    expect(
      quotePools({region: 'us-central1', spot: false, pools}, BUILTIN_CATALOG, later),
    ).toMatchObject({ok: true, stale: true});
    const price = {kind: 'machine', name: 'n1-standard-4', region: 'us-central1', usdPerHour: 0.25};
    const dated = mergeCatalog(BUILTIN_CATALOG, {date: '2027-01-20', prices: [price]});
    expect(dated.ok).toBe(true);
    if (!dated.ok) return;
    expect(dated.catalog.prices.filter((entry) => entry.name === 'n1-standard-4')).toEqual([price]);
    expect(quotePools({region: 'us-central1', spot: false, pools}, dated.catalog, later)).toEqual({
      ok: true,
      currency: 'USD',
      perHour: 0.25,
      replicas: 1,
      spot: false,
      source: 'settings file',
      asOf: '2027-01-20',
      stale: false,
    });
    // Without a date the override is as old as the catalog it amends, and is flagged as such.
    const undated = mergeCatalog(BUILTIN_CATALOG, {prices: [price]});
    expect(undated.ok).toBe(true);
    if (!undated.ok) return;
    expect(
      quotePools({region: 'us-central1', spot: false, pools}, undated.catalog, later),
    ).toMatchObject({ok: true, perHour: 0.25, asOf: BUILTIN_CATALOG.date, stale: true});
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

describe('acceleratorTypeName', () => {
  it("maps every AcceleratorType number of the installed client's proto to its name", () => {
    const proto = fs.readFileSync(
      path.resolve(
        'node_modules/@google-cloud/aiplatform/build/protos/google/cloud/aiplatform/v1/accelerator_type.proto',
      ),
      'utf8',
    );
    const values = [...proto.matchAll(/^\s*([A-Z0-9_]+) = (\d+)/gm)].map(
      ([, name, number]) => [name!, Number(number)] as const,
    );
    expect(values.length).toBeGreaterThan(15);
    for (const [name, number] of values) {
      const expected = number === 0 ? undefined : name;
      expect(acceleratorTypeName(number)).toBe(expected);
      expect(acceleratorTypeName(String(number))).toBe(expected);
      expect(acceleratorTypeName(name)).toBe(expected);
    }
    expect(acceleratorTypeName(99)).toBe('AcceleratorType 99');
    expect(acceleratorTypeName(undefined)).toBeUndefined();
    expect(acceleratorTypeName('')).toBeUndefined();
  });
});

describe('formatUsd', () => {
  it('prints cents, and whole dollars from $1,000', () => {
    expect(formatUsd(0.21849885)).toBe('$0.22');
    expect(formatUsd(0)).toBe('$0.00');
    expect(formatUsd(1234.5)).toBe('$1,235');
  });
});
