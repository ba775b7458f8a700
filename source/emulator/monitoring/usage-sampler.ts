// Samples every running replica's processes every few seconds and keeps the results as the time
// series MetricService serves: the custom-training metric types of Google's metrics list ("ml"
// section, resource cloudml_job) as fractions of the replica's machine type (vCPUs and memory from
// the catalog), like Vertex's "fraction of the allocated CPU". Accelerator series exist only where
// nvidia-smi reports a GPU used by the replica; otherwise they are absent, never zero. Network
// series exist only for a replica alone in its network namespace (network-counters.ts says why),
// as byte counts per sampling interval (DELTA points). A container replica is sampled through the
// container's own processes only (`containerPid`): the engine client the emulator started (`podman
// run`, some 45 MB resident and busy copying the output) is the emulator's machinery, not the
// user's workload, which is all Vertex measures (the metrics are fractions of the replica's
// machine the job uses). Until the engine names the container's pid there is no sample.
import {MACHINE_TYPES, type MachineType} from '../../core/job-spec/index.js';
import {NvidiaSmi, acceleratorUsage} from './nvidia-smi.js';
import {ownNetworkBytes, type NetBytes} from './network-counters.js';
import {coresBetween, readAllStats, sampleTree, type TreeSample} from './process-tree.js';

export type SeriesMetric =
  'cpu' | 'memory' | 'accelerator' | 'acceleratorMemory' | 'networkReceived' | 'networkSent';

export const METRIC_TYPES: Record<SeriesMetric, string> = {
  cpu: 'ml.googleapis.com/training/cpu/utilization',
  memory: 'ml.googleapis.com/training/memory/utilization',
  accelerator: 'ml.googleapis.com/training/accelerator/utilization',
  acceleratorMemory: 'ml.googleapis.com/training/accelerator/memory/utilization',
  networkReceived: 'ml.googleapis.com/training/network/received_bytes_count',
  networkSent: 'ml.googleapis.com/training/network/sent_bytes_count',
};

/** Byte counters: each point is the bytes of (startMs, timeMs], a DELTA point. */
export const COUNTER_SERIES: ReadonlySet<SeriesMetric> = new Set([
  'networkReceived',
  'networkSent',
]);

export interface SamplePoint {
  /** The previous sample's time: the start of a DELTA point's interval. */
  startMs?: number;
  timeMs: number;
  values: Partial<Record<SeriesMetric, number>>;
}

export interface ReplicaSeries {
  project: string;
  jobId: string;
  replica: string;
  points: SamplePoint[];
}

export interface ReplicaToTrack {
  /** projects/P/locations/L/customJobs/ID */
  jobName: string;
  replica: string;
  pid: number;
  machineType: string;
  /** A container replica: the host pid of the container's main process, once it has one. */
  containerPid?: () => Promise<number | undefined>;
}

interface Tracked {
  series: ReplicaSeries;
  pid: number;
  vcpus: number;
  memoryBytes: number;
  containerPid?: () => Promise<number | undefined>;
  /** The container's main pid, once found. */
  container?: number;
  previous?: {sample: TreeSample; atMs: number; net?: NetBytes};
}

const GIB = 2 ** 30;
/** Points older than this are dropped (the dashboard reads 10 minutes, Vertex keeps weeks). */
export const SAMPLE_RETENTION_MS = 60 * 60_000;
/** At most this many replica series are kept; the oldest go first. */
const MAX_SERIES = 2000;

export class UsageSampler {
  private readonly live = new Map<string, Tracked>();
  private readonly series = new Map<string, ReplicaSeries>();
  private timer: NodeJS.Timeout | undefined;
  private sampling = false;
  /** The catalog in force: the user's overrides (server.ts loads them) over the built-in list. */
  private machineTypes: readonly MachineType[] = MACHINE_TYPES;

  constructor(
    private readonly intervalMs = 5000,
    private readonly gpus = new NvidiaSmi(),
    private readonly now = () => Date.now(),
    private readonly procDir = '/proc',
    /** Whose network namespace is the emulator's (a test's fake /proc names its own). */
    private readonly selfPid: number | 'self' = 'self',
  ) {}

  /** The machine types replicas are measured against from now on (the user's catalog). */
  setMachineTypes(machineTypes: readonly MachineType[]): void {
    this.machineTypes = machineTypes;
  }

  /** A replica started (or restarted with a new pid): sample it until its processes are gone. */
  track(replica: ReplicaToTrack): void {
    const match = /^projects\/([^/]+)\/locations\/[^/]+\/customJobs\/([^/]+)$/.exec(
      replica.jobName,
    );
    if (!match) return;
    const key = `${match[2]}/${replica.replica}`;
    const machine = this.machineTypes.find((type) => type.name === replica.machineType);
    let series = this.series.get(key);
    if (!series) {
      series = {project: match[1]!, jobId: match[2]!, replica: replica.replica, points: []};
      this.series.set(key, series);
      this.trim();
    }
    this.live.set(key, {
      series,
      pid: replica.pid,
      // A machine type the catalog does not know is measured against one core and 1 GiB.
      vcpus: machine?.vcpus ?? 1,
      memoryBytes: (machine?.memoryGb ?? 1) * GIB,
      ...(replica.containerPid && {containerPid: replica.containerPid}),
    });
    this.timer ??= setInterval(() => void this.sample(), this.intervalMs).unref();
  }

  /** Every series (live or ended) with points. */
  allSeries(): ReplicaSeries[] {
    return [...this.series.values()];
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
    this.live.clear();
  }

  /** One round: every live replica's tree, then nvidia-smi once for all of them. */
  async sample(): Promise<void> {
    if (this.sampling) return;
    this.sampling = true;
    try {
      // Container replicas whose container pid is not known yet ask their engine first.
      await Promise.all(
        [...this.live.values()]
          .filter((tracked) => tracked.containerPid && tracked.container === undefined)
          .map(async (tracked) => {
            tracked.container = await tracked.containerPid!().catch(() => undefined);
          }),
      );
      const stats = readAllStats(this.procDir);
      const atMs = this.now();
      const taken: Array<{tracked: Tracked; point: SamplePoint; pids: number[]}> = [];
      for (const [key, tracked] of this.live) {
        const container = tracked.containerPid !== undefined;
        if (container && tracked.container === undefined) {
          // Not started yet (or never will be: the client is gone).
          if (!stats.has(tracked.pid)) this.live.delete(key);
          continue;
        }
        const sample = sampleTree(tracked.container ?? tracked.pid, stats, this.procDir);
        if (!sample) {
          this.live.delete(key); // the replica's processes are gone
          continue;
        }
        const net = ownNetworkBytes(tracked.container ?? tracked.pid, this.procDir, this.selfPid);
        const previous = tracked.previous;
        tracked.previous = {sample, atMs, ...(net && {net})};
        // The first sample of a replica is its baseline: cores need two.
        if (!previous) continue;
        const cores = coresBetween(previous.sample, sample, (atMs - previous.atMs) / 1000);
        const point: SamplePoint = {
          timeMs: atMs,
          values: {cpu: cores / tracked.vcpus, memory: sample.rssBytes / tracked.memoryBytes},
        };
        // Counters restart with a new namespace (a restarted container): no negative delta.
        if (net && previous.net && net.received >= previous.net.received) {
          point.startMs = previous.atMs;
          point.values.networkReceived = net.received - previous.net.received;
          point.values.networkSent = Math.max(0, net.sent - previous.net.sent);
        }
        taken.push({tracked, point, pids: sample.pids});
      }
      if (taken.length) {
        const gpu = await this.gpus.read();
        for (const {tracked, point, pids} of taken) {
          const usage = gpu && acceleratorUsage(pids, gpu.gpus, gpu.apps);
          if (usage?.utilization !== undefined) point.values.accelerator = usage.utilization;
          if (usage?.memoryUtilization !== undefined)
            point.values.acceleratorMemory = usage.memoryUtilization;
          tracked.series.points.push(point);
        }
      }
      const oldest = atMs - SAMPLE_RETENTION_MS;
      for (const [key, series] of this.series) {
        while (series.points.length && series.points[0]!.timeMs < oldest) series.points.shift();
        if (series.points.length === 0 && !this.live.has(key)) this.series.delete(key);
      }
      if (this.live.size === 0) {
        clearInterval(this.timer);
        this.timer = undefined;
      }
    } finally {
      this.sampling = false;
    }
  }

  private trim(): void {
    while (this.series.size > MAX_SERIES) {
      const oldest = this.series.keys().next().value as string;
      this.series.delete(oldest);
      this.live.delete(oldest);
    }
  }
}
