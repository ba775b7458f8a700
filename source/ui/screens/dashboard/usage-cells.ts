// The replica table's utilisation columns (CPU, MEM, and GPU, GPU MEM for accelerator jobs): fixed
// widths, so rows line up whatever the values, with a sparkline of the last minutes after CPU and
// GPU when there is room. Text only; ReplicaTable places it. "-" where there is no value: an
// accelerator figure that Monitoring does not report is absent, never 0.
import {
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
  /** Sparkline width (0: none). */
  spark: number;
  total: number;
}

const SPARK = 6;

export function usageColumns(
  shown: boolean,
  accelerators: boolean,
  sparklines: boolean,
): UsageColumns {
  if (!shown) return {cpu: 0, memory: 0, gpu: 0, gpuMemory: 0, spark: 0, total: 0};
  const spark = sparklines ? SPARK : 0;
  // "12.34" cores, "15.0Gi", "100%", plus a gap (and the sparkline with its own gap).
  const cpu = 6 + (spark ? spark + 1 : 0);
  const memory = 7;
  const gpu = accelerators ? 5 + (spark ? spark + 1 : 0) : 0;
  const gpuMemory = accelerators ? 8 : 0;
  return {cpu, memory, gpu, gpuMemory, spark, total: cpu + memory + gpu + gpuMemory};
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
      fit('GPU MEM', widths.gpuMemory)
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
    fit(formatPercent(usage?.acceleratorMemoryUtilization), widths.gpuMemory)
  );
}
