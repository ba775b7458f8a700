// A job's cost from its own pools, region, strategy and times: so far while it runs, the total once
// it ended, nothing for a failed job (Vertex AI pricing page: failed training is not billed), and
// "not priced" with the reason for what the table does not list.
import {describe, expect, it} from 'vitest';
import {BUILTIN_CATALOG, type Catalog} from '../../../source/core/job-spec/index.js';
import {costCell, costJson, costSummary, jobCost} from '../../../source/services/jobs/job-cost.js';
import {summarise} from '../../../source/services/jobs/job-summary.js';

const catalog: Catalog = {
  ...BUILTIN_CATALOG,
  sources: {...BUILTIN_CATALOG.sources, prices: {source: 'test table', checked: '2026-12-01'}},
  prices: [
    {
      kind: 'machine',
      name: 'n1-standard-4',
      region: 'us-central1',
      usdPerHour: 0.25,
      spotUsdPerHour: 0.1,
    },
  ],
};

const START = Date.parse('2026-12-06T08:00:00Z');
const seconds = (ms: number) => ({seconds: String(ms / 1000), nanos: 0});

function custom(fields: Record<string, unknown> = {}, strategy?: unknown) {
  return summarise('custom', {
    name: 'projects/p/locations/us-central1/customJobs/42',
    displayName: 'train',
    state: 'JOB_STATE_RUNNING',
    createTime: seconds(START - 60_000),
    startTime: seconds(START),
    jobSpec: {
      workerPoolSpecs: [{machineSpec: {machineType: 'n1-standard-4'}, replicaCount: '2'}],
      ...(strategy !== undefined && {scheduling: {strategy}}),
    },
    ...fields,
  });
}

describe('jobCost', () => {
  it('costs so far from startTime to now while the job runs', () => {
    const cost = jobCost(custom(), catalog, START + 90 * 60_000);
    expect(cost).toMatchObject({ok: true, perHour: 0.5, soFar: 0.75, ended: false, replicas: 2});
    expect(costCell(cost)).toBe('$0.75');
    expect(costSummary(cost, false)).toBe(
      '≈ $0.75 so far · $0.50/h (estimate, list price, compute only)',
    );
  });

  it('costs the total from startTime to endTime once the job ended, whatever the clock says', () => {
    const ended = custom({state: 'JOB_STATE_SUCCEEDED', endTime: seconds(START + 2 * 3_600_000)});
    const cost = jobCost(ended, catalog, START + 50 * 3_600_000);
    expect(cost).toMatchObject({ok: true, soFar: 1, ended: true});
    expect(costSummary(cost, true)).toMatch(/^≈ \$1\.00 total on Vertex · \$0\.50\/h/);
  });

  it('costs nothing so far before the job starts (queued, pending)', () => {
    const queued = custom({state: 'JOB_STATE_PENDING', startTime: null});
    expect(jobCost(queued, catalog, START + 3_600_000)).toMatchObject({ok: true, soFar: 0});
  });

  it('a failed job is not billed; a cancelled one is', () => {
    const end = seconds(START + 3_600_000);
    const failed = jobCost(custom({state: 'JOB_STATE_FAILED', endTime: end}), catalog, START);
    expect(failed).toMatchObject({ok: true, soFar: 0, note: expect.stringMatching(/not billed/)});
    const cancelled = jobCost(custom({state: 'JOB_STATE_CANCELLED', endTime: end}), catalog, START);
    expect(cancelled).toMatchObject({ok: true, soFar: 0.5});
  });

  it('reads the Spot strategy by name or by number', () => {
    for (const strategy of ['SPOT', 4]) {
      expect(jobCost(custom({}, strategy), catalog, START + 3_600_000)).toMatchObject({
        ok: true,
        spot: true,
        perHour: 0.2,
      });
    }
    expect(jobCost(custom({}, 'STANDARD'), catalog, START)).toMatchObject({spot: false});
  });

  it('prices the GPUs whether the client gives the accelerator type by name or by number', () => {
    // AcceleratorType numbers from aiplatform v1 accelerator_type.proto (NVIDIA_TESLA_T4 = 5).
    const withT4: Catalog = {
      ...catalog,
      prices: [
        ...catalog.prices,
        {kind: 'accelerator', name: 'NVIDIA_TESLA_T4', region: 'us-central1', usdPerHour: 0.5},
      ],
    };
    const gpuJob = (acceleratorType: unknown) =>
      custom({
        jobSpec: {
          workerPoolSpecs: [
            {
              machineSpec: {machineType: 'n1-standard-4', acceleratorType, acceleratorCount: 2},
              replicaCount: '2',
            },
          ],
        },
      });
    for (const type of ['NVIDIA_TESLA_T4', 5, '5']) {
      // (0.25 + 2 × 0.5) × 2 replicas: never the machine alone, which would read too low.
      expect(jobCost(gpuJob(type), withT4, START)).toMatchObject({ok: true, perHour: 2.5});
    }
    expect(jobCost(gpuJob(99), withT4, START)).toEqual({
      ok: false,
      reason: expect.stringMatching(/^no list price for AcceleratorType 99 in us-central1/),
    });
    for (const none of [0, 'ACCELERATOR_TYPE_UNSPECIFIED', undefined]) {
      expect(jobCost(gpuJob(none), withT4, START)).toMatchObject({ok: true, perHour: 0.5});
    }
  });

  it('is not priced, with the reason, outside the table or for tuning jobs and pipelines', () => {
    const elsewhere = custom({name: 'projects/p/locations/asia-east1/customJobs/7'});
    const cost = jobCost(elsewhere, catalog, START);
    expect(cost).toEqual({
      ok: false,
      reason: expect.stringMatching(/no list price for n1-standard-4 in asia-east1/),
    });
    expect(costCell(cost)).toBe('—');
    expect(costJson(cost, false)).toBeNull();
    const tuning = summarise('hptuning', {
      name: 'projects/p/locations/us-central1/hyperparameterTuningJobs/1',
    });
    expect(jobCost(tuning, catalog, START)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/trial/),
    });
  });

  it("gives top --json the issue's shape, labelled as an estimate (and as Vertex's on the emulator)", () => {
    const cost = jobCost(custom(), catalog, START + 3_600_000);
    expect(costJson(cost, false)).toEqual({
      currency: 'USD',
      perHour: 0.5,
      soFar: 0.5,
      source: 'test table',
      asOf: '2026-12-01',
      stale: false,
      basis: 'estimate, list price, compute only',
    });
    expect(costJson(cost, true)?.basis).toMatch(/local emulator: what it would cost on Vertex AI/);
  });
});
