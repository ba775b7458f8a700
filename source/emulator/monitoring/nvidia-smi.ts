// GPU figures from `nvidia-smi`, where a GPU and its driver exist. The query forms and the CSV
// output are nvidia-smi's documented ones (`nvidia-smi --help-query-gpu`,
// `--help-query-compute-apps`): `--format=csv` prints a header of the queried names, each with its
// unit in brackets ("utilization.gpu [%]"), then one line per GPU (or per process) with the unit
// after each value ("87 %", "30512 MiB"), and "[N/A]" / "[Not Supported]" where a value is missing.
// Missing values stay missing: an accelerator figure is never made up as 0.
import {execFile} from 'node:child_process';

export const GPU_QUERY = [
  '--query-gpu=uuid,utilization.gpu,memory.used,memory.total',
  '--format=csv',
];
export const APPS_QUERY = ['--query-compute-apps=pid,gpu_uuid,used_memory', '--format=csv'];

/** Rows of an nvidia-smi CSV, keyed by header name without its unit ("utilization.gpu"). */
export function parseNvidiaCsv(text: string): Array<Record<string, string | undefined>> {
  const lines = text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);
  const header = lines.shift();
  if (!header) return [];
  const names = header.split(',').map((name) => name.trim().replace(/\s*\[[^\]]*\]$/, ''));
  return lines.map((line) => {
    const cells = line.split(',').map((cell) => cell.trim());
    const row: Record<string, string | undefined> = {};
    names.forEach((name, index) => {
      const cell = cells[index];
      row[name] = cell === undefined || /^\[.*\]$/.test(cell) ? undefined : cell;
    });
    return row;
  });
}

/** "87 %", "30512 MiB", "87": the number, or undefined. */
function number(cell: string | undefined): number | undefined {
  if (cell === undefined) return undefined;
  const value = Number.parseFloat(cell);
  return Number.isFinite(value) ? value : undefined;
}

export interface GpuState {
  uuid: string;
  /** 0..1, or undefined when the driver does not report it. */
  utilization: number | undefined;
  memoryUsedMiB: number | undefined;
  memoryTotalMiB: number | undefined;
}

export function parseGpus(text: string): GpuState[] {
  return parseNvidiaCsv(text)
    .filter((row) => row.uuid)
    .map((row) => {
      const percent = number(row['utilization.gpu']);
      return {
        uuid: row.uuid!,
        utilization: percent === undefined ? undefined : percent / 100,
        memoryUsedMiB: number(row['memory.used']),
        memoryTotalMiB: number(row['memory.total']),
      };
    });
}

/** GPU uuids by pid, from the compute-apps query (header `pid, gpu_uuid, used_gpu_memory [MiB]`). */
export function parseComputeApps(text: string): Map<number, Set<string>> {
  const byPid = new Map<number, Set<string>>();
  for (const row of parseNvidiaCsv(text)) {
    const pid = number(row.pid);
    const uuid = row.gpu_uuid;
    if (pid === undefined || !uuid) continue;
    const set = byPid.get(pid) ?? new Set<string>();
    set.add(uuid);
    byPid.set(pid, set);
  }
  return byPid;
}

export interface AcceleratorUsage {
  utilization: number | undefined;
  memoryUtilization: number | undefined;
}

/** A replica's accelerator figures: the mean over the GPUs its processes use; none: undefined. */
export function acceleratorUsage(
  pids: readonly number[],
  gpus: readonly GpuState[],
  apps: ReadonlyMap<number, Set<string>>,
): AcceleratorUsage | undefined {
  const used = new Set<string>();
  for (const pid of pids) for (const uuid of apps.get(pid) ?? []) used.add(uuid);
  const mine = gpus.filter((gpu) => used.has(gpu.uuid));
  if (mine.length === 0) return undefined;
  const utilizations = mine.flatMap((gpu) =>
    gpu.utilization === undefined ? [] : [gpu.utilization],
  );
  const totals = mine.flatMap((gpu) =>
    gpu.memoryUsedMiB === undefined || !gpu.memoryTotalMiB
      ? []
      : [[gpu.memoryUsedMiB, gpu.memoryTotalMiB]],
  );
  return {
    utilization: utilizations.length
      ? utilizations.reduce((a, b) => a + b, 0) / utilizations.length
      : undefined,
    memoryUtilization: totals.length
      ? totals.reduce((a, [used]) => a + used!, 0) / totals.reduce((a, [, total]) => a + total!, 0)
      : undefined,
  };
}

/** Its output; `missing` when there is no nvidia-smi at all; undefined when this run failed. */
function run(binary: string, args: string[]): Promise<string | 'missing' | undefined> {
  return new Promise((resolve) => {
    // No shell; a hung driver gets 5 s.
    execFile(binary, args, {timeout: 5000, windowsHide: true}, (error, stdout) => {
      if ((error as NodeJS.ErrnoException | null)?.code === 'ENOENT') resolve('missing');
      else resolve(error ? undefined : stdout);
    });
  });
}

/** Asks nvidia-smi once per sample; once it is found not installed, never again. */
export class NvidiaSmi {
  private missing = false;

  constructor(private readonly binary = 'nvidia-smi') {}

  async read(): Promise<{gpus: GpuState[]; apps: Map<number, Set<string>>} | undefined> {
    if (this.missing) return undefined;
    const gpus = await run(this.binary, GPU_QUERY);
    if (gpus === 'missing') this.missing = true;
    if (gpus === undefined || gpus === 'missing') return undefined;
    const apps = await run(this.binary, APPS_QUERY);
    return {gpus: parseGpus(gpus), apps: parseComputeApps(apps === 'missing' ? '' : (apps ?? ''))};
  }
}
