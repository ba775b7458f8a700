// The replica table's utilisation columns (CPU, MEM, GPU, GPU MEM for accelerator jobs, and RX/TX
// bytes per second where some replica has network counters): fixed
// widths, so rows line up whatever the values, with a sparkline of the last minutes after CPU and
// GPU when there is room. Text only; ReplicaTable places it. "-" where there is no value: an
// accelerator figure that Monitoring does not report is absent, never 0.
import {
  NONE,
  formatBytes,
  formatCores,
  formatPercent,
  sparkline,
} from '../../../services/metrics/usage-format.js';
import type {ReplicaUsage} from '../../../services/metrics/replica-usage.js';

export interface UsageColumns {
  cpu: number;
  memory: number;
  gpu: number;
  gpuMemory: number;
  /** Network received / sent per second ("RX/TX"), the first to give way. */
  network: number;
  /** Sparkline width (0: none). */
  spark: number;
  total: number;
}

const SPARK = 6;

export function usageColumns(
  shown: boolean,
  accelerators: boolean,
  sparklines: boolean,
  networkShown = false,
): UsageColumns {
  if (!shown) return {cpu: 0, memory: 0, gpu: 0, gpuMemory: 0, network: 0, spark: 0, total: 0};
  const spark = sparklines ? SPARK : 0;
  // "12.34" cores, "15.0Gi", "100%", plus a gap (and the sparkline with its own gap).
  const cpu = 6 + (spark ? spark + 1 : 0);
  const memory = 7;
  const gpu = accelerators ? 5 + (spark ? spark + 1 : 0) : 0;
  const gpuMemory = accelerators ? 8 : 0;
  // "1023Ki 1023Ki" plus a gap.
  const network = networkShown ? 14 : 0;
  return {
    cpu,
    memory,
    gpu,
    gpuMemory,
    network,
    spark,
    total: cpu + memory + gpu + gpuMemory + network,
  };
}

const fit = (text: string, width: number) =>
  width === 0 ? '' : text.length < width ? text.padEnd(width) : `${text.slice(0, width - 1)} `;

/** The cells of one row (`usage`; null: no data yet), or the header (undefined). */
export function usageCells(usage: ReplicaUsage | null | undefined, widths: UsageColumns): string {
  if (widths.total === 0) return '';
  if (usage === undefined)
    return (
      fit('CPU', widths.cpu) +
      fit('MEM', widths.memory) +
      fit('GPU', widths.gpu) +
      fit('GPU MEM', widths.gpuMemory) +
      fit('RX/TX /s', widths.network)
    );
  const spark = (values: number[] | undefined) =>
    widths.spark && values?.length ? ` ${sparkline(values, widths.spark)}` : '';
  // Cores where the machine type is known, else the fraction of it.
  const cpu =
    usage?.cpuCores === undefined
      ? formatPercent(usage?.cpuUtilization)
      : formatCores(usage.cpuCores);
  return (
    fit(`${cpu.padEnd(5)}${spark(usage?.history.cpu?.map((point) => point.value))}`, widths.cpu) +
    fit(formatBytes(usage?.memoryBytes), widths.memory) +
    fit(
      `${formatPercent(usage?.acceleratorUtilization).padEnd(4)}${spark(usage?.history.accelerator?.map((point) => point.value))}`,
      widths.gpu,
    ) +
    fit(formatPercent(usage?.acceleratorMemoryUtilization), widths.gpuMemory) +
    fit(networkCell(usage), widths.network)
  );
}

/** "1.5Mi 2.0Ki" (received, sent per second), "-" when the replica has no counters. */
function networkCell(usage: ReplicaUsage | null): string {
  const rx = usage?.networkReceivedBytesPerSecond;
  const tx = usage?.networkSentBytesPerSecond;
  if (rx === undefined && tx === undefined) return NONE;
  return `${formatBytes(rx)} ${formatBytes(tx)}`;
}
