// Cores and bytes from fractions of the machine type, totals, the idle-accelerator rule and the
// read budget (services/metrics/replica-usage.ts).
import {describe, expect, it} from 'vitest';
import {
  idleAcceleratorReplicas,
  idleAcceleratorWarning,
  poolMachines,
  READS_PER_MINUTE,
  replicaUsages,
  usagePollMs,
  usageTotals,
  type ReplicaUsage,
} from '../../../source/services/metrics/replica-usage.js';
import type {UsagePoint} from '../../../source/services/metrics/usage-query.js';
import {BUILTIN_CATALOG, mergeCatalog} from '../../../source/core/job-spec/index.js';

const GIB = 2 ** 30;
const machines = poolMachines([
  {machineSpec: {machineType: 'n1-standard-4'}},
  {
    machineSpec: {
      machineType: 'a2-highgpu-1g',
      acceleratorType: 'NVIDIA_TESLA_A100',
      acceleratorCount: 1,
    },
  },
  {machineSpec: {machineType: 'not-in-the-catalog'}},
]);

describe('machines from the catalog in force', () => {
  it("uses the user's machine-type overrides (added and corrected types), not only the built-in list", () => {
    const merged = mergeCatalog(BUILTIN_CATALOG, {
      machineTypes: [
        {name: 'a5-highgpu-8g', vcpus: 256, memoryGb: 4096},
        {name: 'n1-standard-4', vcpus: 5, memoryGb: 20},
      ],
    });
    if (!merged.ok) throw new Error('overrides refused');
    const [added, corrected] = poolMachines(
      [
        {machineSpec: {machineType: 'a5-highgpu-8g'}},
        {machineSpec: {machineType: 'n1-standard-4'}},
      ],
      merged.catalog.machineTypes,
    );
    expect(added).toMatchObject({vcpus: 256, memoryBytes: 4096 * GIB});
    expect(corrected).toMatchObject({vcpus: 5, memoryBytes: 20 * GIB});
  });
});

describe('replica rows', () => {
  it('turn fractions into cores and bytes of the machine type, accelerators absent where unreported', () => {
    const rows = replicaUsages(
      {
        cpu: new Map([
          ['workerpool0-0', [{timeMs: 1, value: 0.25}]],
          ['workerpool1-0', [{timeMs: 1, value: 0.5}]],
          ['workerpool2-0', [{timeMs: 1, value: 0.5}]],
        ]),
        memory: new Map([['workerpool0-0', [{timeMs: 2, value: 0.5}]]]),
        accelerator: new Map([['workerpool1-0', [{timeMs: 3, value: 0.07}]]]),
      },
      machines,
      ['workerpool0-1'],
    );
    expect(rows.map((row) => row.replica)).toEqual([
      'workerpool0-0',
      'workerpool0-1',
      'workerpool1-0',
      'workerpool2-0',
    ]);
    const [primary, waiting, gpu, unknown] = rows;
    expect(primary).toMatchObject({cpuCores: 1, memoryBytes: 7.5 * GIB, atMs: 2});
    expect(primary!.acceleratorUtilization).toBeUndefined();
    expect(waiting).toMatchObject({atMs: undefined, cpuCores: undefined});
    expect(gpu).toMatchObject({cpuCores: 6, acceleratorUtilization: 0.07});
    // A machine type the catalog does not know: the fraction, no cores.
    expect(unknown).toMatchObject({cpuUtilization: 0.5, cpuCores: undefined});
    expect(usageTotals(rows)).toEqual({
      cpuCores: 7,
      memoryBytes: 7.5 * GIB,
      acceleratorUtilization: 0.07,
    });
  });
});

describe('the idle-accelerator rule', () => {
  const minute = 60_000;
  const now = 20 * minute;
  const row = (points: UsagePoint[]): ReplicaUsage => ({
    replica: 'workerpool0-0',
    atMs: points.at(-1)?.timeMs,
    cpuUtilization: undefined,
    cpuCores: undefined,
    memoryUtilization: undefined,
    memoryBytes: undefined,
    acceleratorUtilization: points.at(-1)?.value,
    acceleratorMemoryUtilization: undefined,
    networkReceivedBytesPerSecond: undefined,
    networkSentBytesPerSecond: undefined,
    history: {accelerator: points},
  });
  const series = (values: number[]) =>
    values.map((value, index) => ({timeMs: now - (values.length - 1 - index) * minute, value}));

  it('warns when every point of the last five minutes is under 10%', () => {
    const idle = row(series([0.9, 0.05, 0.02, 0.09, 0.0, 0.01, 0.03]));
    expect(idleAcceleratorReplicas([idle], now)).toEqual(['workerpool0-0']);
    expect(idleAcceleratorWarning(['workerpool0-0'])).toBe(
      'GPU idle: input-bound? workerpool0-0 under 10% for 5 min',
    );
  });

  it('does not warn for one busy minute, a 10% point, or under five minutes of data', () => {
    expect(
      idleAcceleratorReplicas([row(series([0.01, 0.02, 0.5, 0.01, 0.01, 0.01]))], now),
    ).toEqual([]);
    expect(
      idleAcceleratorReplicas([row(series([0.01, 0.01, 0.1, 0.01, 0.01, 0.01]))], now),
    ).toEqual([]);
    expect(idleAcceleratorReplicas([row(series([0.01, 0.01, 0.01, 0.01]))], now)).toEqual([]);
    expect(idleAcceleratorReplicas([row([])], now)).toEqual([]);
    expect(idleAcceleratorWarning([])).toBeUndefined();
  });
});

describe('the read budget', () => {
  it('stays within READS_PER_MINUTE and never faster than the data changes', () => {
    for (const metrics of [2, 4])
      for (const backend of ['local', 'vertex'] as const) {
        const pollMs = usagePollMs(metrics, backend);
        expect((metrics * 60_000) / pollMs).toBeLessThanOrEqual(READS_PER_MINUTE);
      }
    expect(usagePollMs(2, 'local')).toBe(10_000);
    expect(usagePollMs(2, 'vertex')).toBe(60_000);
  });
});
