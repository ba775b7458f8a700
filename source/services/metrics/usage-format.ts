// How utilisation reads as text, the same in the dashboard and `vtrain-tui top`: cores with two
// decimals, memory in binary units (Ki/Mi/Gi, as kubectl top prints them), percentages rounded,
// and "-" where there is no value (an accelerator figure is absent, never shown as 0). Pure.
import type {ReplicaUsage, UsageSnapshot} from './replica-usage.js';
import {isTerminalState, normaliseJobState, shortState} from '../../core/job-spec/job-state.js';

export const NONE = '-';

export function formatCores(cores: number | undefined): string {
  return cores === undefined ? NONE : cores.toFixed(2);
}

export function formatPercent(fraction: number | undefined): string {
  return fraction === undefined ? NONE : `${Math.round(fraction * 100)}%`;
}

export function formatBytes(bytes: number | undefined): string {
  if (bytes === undefined) return NONE;
  const units = ['Ki', 'Mi', 'Gi', 'Ti'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value >= 10 ? Math.round(value) : value.toFixed(1)}${units[unit]}`;
}

const BARS = '▁▂▃▄▅▆▇█';

/** The last `width` fractions as bars (0 → ▁, ≥ 1 → █); empty when there are none. */
export function sparkline(values: readonly number[], width: number): string {
  return values
    .slice(-Math.max(0, width))
    .map((value) => BARS[Math.max(0, Math.min(BARS.length - 1, Math.floor(value * BARS.length)))])
    .join('');
}

/** `vtrain-tui top --json`'s replica object (issue #24's shape; null where there is no value). */
export function replicaJson(replica: ReplicaUsage) {
  return {
    replica: replica.replica,
    cpuCores: replica.cpuCores ?? null,
    cpuUtilization: replica.cpuUtilization ?? null,
    memoryBytes: replica.memoryBytes ?? null,
    memoryUtilization: replica.memoryUtilization ?? null,
    acceleratorUtilization: replica.acceleratorUtilization ?? null,
    acceleratorMemoryUtilization: replica.acceleratorMemoryUtilization ?? null,
    networkReceivedBytesPerSecond: replica.networkReceivedBytesPerSecond ?? null,
    networkSentBytesPerSecond: replica.networkSentBytesPerSecond ?? null,
  };
}

/** `top --json`'s cost: the estimate (services/jobs/job-cost.ts costJson), or null and why not. */
export type TopCost = {cost: Record<string, unknown>} | {cost: null; costReason: string};

export function topJson(jobName: string, snapshot: UsageSnapshot, cost: TopCost) {
  return {
    job: jobName,
    at: new Date(snapshot.atMs).toISOString(),
    replicas: snapshot.replicas.map(replicaJson),
    ...cost,
  };
}

/** One trial of a tuning job in `top --json`: its id, its own CustomJob (or null) and replicas. */
export interface TrialUsageJson {
  trial: string;
  customJob: string | null;
  state: string;
  replicas: ReplicaUsage[];
}

/** `top --json` for a tuning job: the replicas of each trial read, under `trials`. */
export function topTrialsJson(
  jobName: string,
  atMs: number,
  trials: readonly TrialUsageJson[],
  cost: TopCost,
) {
  return {
    job: jobName,
    at: new Date(atMs).toISOString(),
    trials: trials.map((trial) => ({...trial, replicas: trial.replicas.map(replicaJson)})),
    ...cost,
  };
}

/** Bytes per second, as "1.2Mi/s" ("-" when absent). */
export function formatRate(bytesPerSecond: number | undefined): string {
  return bytesPerSecond === undefined ? NONE : `${formatBytes(bytesPerSecond)}/s`;
}

/** Whether some replica has a network figure (the RX/TX columns are left out otherwise). */
export function hasNetwork(replicas: Iterable<ReplicaUsage>): boolean {
  for (const replica of replicas)
    if (
      replica.networkReceivedBytesPerSecond !== undefined ||
      replica.networkSentBytesPerSecond !== undefined
    )
      return true;
  return false;
}

/**
 * `top`'s table, one row per replica; GPU columns only when some replica reports them, NET RX /
 * NET TX only when some replica has network counters. A tuning job's table leads with the TRIAL
 * of each row (`trials`, one per replica).
 */
export function topTable(replicas: readonly ReplicaUsage[], trials?: readonly string[]): string {
  const accelerators = replicas.some(
    (replica) =>
      replica.acceleratorUtilization !== undefined ||
      replica.acceleratorMemoryUtilization !== undefined,
  );
  const header = [...(trials ? ['TRIAL'] : []), 'REPLICA', 'CPU(cores)', 'CPU%', 'MEMORY', 'MEM%'];
  if (accelerators) header.push('GPU%', 'GPU MEM%');
  const network = hasNetwork(replicas);
  if (network) header.push('NET RX', 'NET TX');
  const rows = replicas.map((replica, index) => {
    const row = [
      ...(trials ? [trials[index] ?? ''] : []),
      replica.replica,
      formatCores(replica.cpuCores),
      formatPercent(replica.cpuUtilization),
      formatBytes(replica.memoryBytes),
      formatPercent(replica.memoryUtilization),
    ];
    if (accelerators)
      row.push(
        formatPercent(replica.acceleratorUtilization),
        formatPercent(replica.acceleratorMemoryUtilization),
      );
    if (network)
      row.push(
        formatRate(replica.networkReceivedBytesPerSecond),
        formatRate(replica.networkSentBytesPerSecond),
      );
    return row;
  });
  const widths = header.map((cell, column) =>
    Math.max(cell.length, ...rows.map((row) => row[column]!.length)),
  );
  return [header, ...rows]
    .map((row) =>
      row
        .map((cell, column) => (column === row.length - 1 ? cell : cell.padEnd(widths[column]!)))
        .join('  '),
    )
    .join('\n')
    .concat('\n');
}

/**
 * What `top` says on stderr when no replica has a sample: a running job may simply be early (Vertex
 * publishes every 60 s, up to 4 minutes late); an ended one will get none, so "yet" would mislead.
 */
export function noSamplesNotice(state: unknown): string {
  const known = normaliseJobState(state);
  if (isTerminalState(known))
    return `vtrain-tui top: no samples: the job ended (${shortState(known)}) and Cloud Monitoring has none for its replicas in the window read (a replica is sampled only while it runs, every 60 s on Vertex, so a short job may have none).\n`;
  return 'vtrain-tui top: no samples yet (a replica is sampled while it runs; Vertex publishes every 60 s, up to 4 minutes late).\n';
}
