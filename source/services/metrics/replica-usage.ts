// Per-replica utilisation as the dashboard and `top` show it: Monitoring gives fractions of the
// machine's allocation; cores and bytes come from the machine type's vCPUs and memory in the
// catalog (core/job-spec). The idle-accelerator rule and the read budget live here too. Pure.
import {
  MACHINE_TYPES,
  type MachineType,
  type WorkerPoolSpecLike,
} from '../../core/job-spec/index.js';
import type {UsageMetric, UsagePoint} from './usage-query.js';

export interface ReplicaMachine {
  machineType: string;
  vcpus: number | undefined;
  memoryBytes: number | undefined;
  accelerators: number;
}

/** The catalog's memory sizes are GB as Compute Engine states them (binary: 1 GB = 2^30 bytes). */
const GIB = 2 ** 30;

/**
 * Each pool's machine, by pool index (workerpoolN). An empty pool spec keeps its index. The
 * machine types are the catalog in force: the user's overrides (settings `catalog.machineTypes`)
 * merged over the built-in list, so an added or corrected machine type gets its own vCPUs and
 * memory.
 */
export function poolMachines(
  pools: readonly (WorkerPoolSpecLike | undefined)[],
  machineTypes: readonly MachineType[] = MACHINE_TYPES,
): ReplicaMachine[] {
  return pools.map((pool) => {
    const machineType = pool?.machineSpec?.machineType ?? '';
    const known = machineTypes.find((machine) => machine.name === machineType);
    return {
      machineType,
      vcpus: known?.vcpus,
      memoryBytes: known ? Math.round(known.memoryGb * GIB) : undefined,
      accelerators: Number(pool?.machineSpec?.acceleratorCount ?? 0) || 0,
    };
  });
}

export function machineOfReplica(
  machines: readonly ReplicaMachine[],
  replica: string,
): ReplicaMachine | undefined {
  const pool = /^workerpool(\d+)-\d+$/.exec(replica);
  return pool ? machines[Number(pool[1])] : undefined;
}

export interface ReplicaUsage {
  replica: string;
  /** Time of the latest sample (ms), undefined when there is none yet. */
  atMs: number | undefined;
  cpuUtilization: number | undefined;
  cpuCores: number | undefined;
  memoryUtilization: number | undefined;
  memoryBytes: number | undefined;
  /** Undefined (shown as absent, never 0) when the replica has no accelerator data. */
  acceleratorUtilization: number | undefined;
  acceleratorMemoryUtilization: number | undefined;
  /** Bytes per second over the latest alignment period; undefined where Monitoring has none. */
  networkReceivedBytesPerSecond: number | undefined;
  networkSentBytesPerSecond: number | undefined;
  /** Each metric's points over the window, oldest first (for sparklines and the idle rule). */
  history: Partial<Record<UsageMetric, UsagePoint[]>>;
}

export interface UsageSnapshot {
  /** When it was read (ms). */
  atMs: number;
  replicas: ReplicaUsage[];
}

const latest = (points: UsagePoint[] | undefined) => points?.at(-1);

/** Replicas sorted by pool, then index. */
function compareReplicas(a: string, b: string): number {
  const key = (name: string) => (/^workerpool(\d+)-(\d+)$/.exec(name) ?? [0, 0, 0]).slice(1);
  const [pa, ia] = key(a).map(Number);
  const [pb, ib] = key(b).map(Number);
  return pa! - pb! || ia! - ib! || a.localeCompare(b);
}

/** Combines each metric's points by replica into one row per replica. */
export function replicaUsages(
  byMetric: Partial<Record<UsageMetric, Map<string, UsagePoint[]>>>,
  machines: readonly ReplicaMachine[],
  known: readonly string[] = [],
): ReplicaUsage[] {
  const names = new Set(known);
  for (const points of Object.values(byMetric)) for (const name of points.keys()) names.add(name);
  return [...names].sort(compareReplicas).map((replica) => {
    const history: ReplicaUsage['history'] = {};
    for (const [metric, points] of Object.entries(byMetric) as [
      UsageMetric,
      Map<string, UsagePoint[]>,
    ][]) {
      const mine = points.get(replica);
      if (mine?.length) history[metric] = mine;
    }
    const machine = machineOfReplica(machines, replica);
    const cpu = latest(history.cpu);
    const memory = latest(history.memory);
    const times = Object.values(history).map((points) => points.at(-1)!.timeMs);
    return {
      replica,
      atMs: times.length ? Math.max(...times) : undefined,
      cpuUtilization: cpu?.value,
      cpuCores: cpu && machine?.vcpus !== undefined ? cpu.value * machine.vcpus : undefined,
      memoryUtilization: memory?.value,
      memoryBytes:
        memory && machine?.memoryBytes !== undefined
          ? Math.round(memory.value * machine.memoryBytes)
          : undefined,
      acceleratorUtilization: latest(history.accelerator)?.value,
      acceleratorMemoryUtilization: latest(history.acceleratorMemory)?.value,
      networkReceivedBytesPerSecond: latest(history.networkReceived)?.value,
      networkSentBytesPerSecond: latest(history.networkSent)?.value,
      history,
    };
  });
}

export interface UsageTotals {
  cpuCores: number | undefined;
  memoryBytes: number | undefined;
  /** Mean accelerator utilisation over the replicas that report one. */
  acceleratorUtilization: number | undefined;
}

export function usageTotals(replicas: readonly ReplicaUsage[]): UsageTotals {
  const sum = (values: (number | undefined)[]) => {
    const present = values.filter((value): value is number => value !== undefined);
    return present.length ? present.reduce((a, b) => a + b, 0) : undefined;
  };
  const accelerators = replicas
    .map((replica) => replica.acceleratorUtilization)
    .filter((value): value is number => value !== undefined);
  return {
    cpuCores: sum(replicas.map((replica) => replica.cpuCores)),
    memoryBytes: sum(replicas.map((replica) => replica.memoryBytes)),
    acceleratorUtilization: accelerators.length
      ? accelerators.reduce((a, b) => a + b, 0) / accelerators.length
      : undefined,
  };
}

/** Below this accelerator utilisation a replica counts as idle. */
export const ACCELERATOR_IDLE_BELOW = 0.1;
/** For this long. */
export const ACCELERATOR_IDLE_MS = 5 * 60_000;

/**
 * Accelerator replicas whose every point of the last five minutes is under 10%, with data that
 * reaches back at least five minutes (a replica that has just started is not idle yet).
 */
export function idleAcceleratorReplicas(
  replicas: readonly ReplicaUsage[],
  nowMs: number,
): string[] {
  const since = nowMs - ACCELERATOR_IDLE_MS;
  return replicas
    .filter((replica) => {
      const points = replica.history.accelerator;
      if (!points?.length || points[0]!.timeMs > since) return false;
      // The last point at or before the window's start is in force at its start.
      const startIndex = points.findLastIndex((point) => point.timeMs <= since);
      return points
        .slice(Math.max(0, startIndex))
        .every((point) => point.value < ACCELERATOR_IDLE_BELOW);
    })
    .map((replica) => replica.replica);
}

export function idleAcceleratorWarning(replicas: readonly string[]): string | undefined {
  if (replicas.length === 0) return undefined;
  const names =
    replicas.length > 3
      ? `${replicas.slice(0, 3).join(', ')} +${replicas.length - 3}`
      : replicas.join(', ');
  return `GPU idle: input-bound? ${names} under 10% for 5 min`;
}

/**
 * Cloud Monitoring's read quota is per project and shared by everyone reading it (the console,
 * alerting, other tools): cloud.google.com/monitoring/quotas lists "Time series queries" as a
 * per-minute API quota (6,000 a minute per project by default, shown on the project's Quotas page).
 * A dashboard stays at most this many ListTimeSeries calls a minute, a tiny share of it.
 */
export const READS_PER_MINUTE = 12;

/**
 * How often to read: within READS_PER_MINUTE for `metrics` calls per read, and no faster than the
 * data changes (Vertex samples these metrics every 60 s; the emulator every few seconds).
 */
export function usagePollMs(metrics: number, backend: 'local' | 'vertex'): number {
  const budgetMs = Math.ceil((60_000 * Math.max(1, metrics)) / READS_PER_MINUTE);
  return Math.max(budgetMs, backend === 'vertex' ? 60_000 : 5_000);
}

/**
 * The window read: sparklines show the last 10 minutes (15 on Vertex, whose data can arrive up to
 * 4 minutes late), as one-minute means: `alignment_period` "must be at least 60 seconds"
 * (google/monitoring/v3/common.proto, Aggregation.alignment_period).
 */
export function usageWindow(nowMs: number, backend: 'local' | 'vertex') {
  return {endMs: nowMs, spanMs: (backend === 'vertex' ? 15 : 10) * 60_000, alignmentSeconds: 60};
}
