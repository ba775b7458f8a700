// The dashboard's utilisation: each replica's latest CPU, memory and accelerator use and their last
// minutes, read from Cloud Monitoring by services/metrics. Reads stay inside the budget
// (usagePollMs: READS_PER_MINUTE calls a minute), stop while another screen is on top, and stop
// for good after one last read once the job has ended. A trial of a tuning job is read under
// both shapes its series may take (services/metrics/trial-usage.ts).
import {useEffect, useMemo, useState} from 'react';
import {isTerminalState, type WorkerPoolSpecLike} from '../../../core/job-spec/index.js';
import type {Session} from '../../../services/backend/session.js';
import {
  idleAcceleratorReplicas,
  idleAcceleratorWarning,
  poolMachines,
  usagePollMs,
  usageTotals,
  type ReplicaUsage,
} from '../../../services/metrics/replica-usage.js';
import {formatBytes, formatCores, formatPercent} from '../../../services/metrics/usage-format.js';
import {metricsFor, UsageReader} from '../../../services/metrics/usage-reader.js';
import type {TrialRef} from '../../../services/metrics/trial-usage.js';
import {useAppContext} from '../../shell/session-context.js';

export interface ReplicaUsageView {
  byReplica: ReadonlyMap<string, ReplicaUsage> | undefined;
  accelerators: boolean;
  /** For the header: totals, or why there are none. */
  summary: string | undefined;
  warning: string | undefined;
}

/** A failed read waits this many poll intervals before the next try. */
const ERROR_BACKOFF = 4;

/** The header's totals: "using 1.02 cores · 210Mi · GPU 87%". */
export function usageSummary(replicas: readonly ReplicaUsage[]): string | undefined {
  const totals = usageTotals(replicas);
  if (totals.cpuCores === undefined && totals.memoryBytes === undefined) return undefined;
  const parts = [`using ${formatCores(totals.cpuCores)} cores`, formatBytes(totals.memoryBytes)];
  if (totals.acceleratorUtilization !== undefined)
    parts.push(`GPU ${formatPercent(totals.acceleratorUtilization)}`);
  return parts.join(' · ');
}

export function useReplicaUsage(
  session: Session,
  /** The custom job whose replicas run (undefined: none, e.g. a tuning job's own view). */
  jobId: string | undefined,
  pools: readonly WorkerPoolSpecLike[],
  state: string,
  active: boolean,
  /** One trial of a tuning job (then `jobId` is unused): the tuning job's id and the trial. */
  trial?: {tuningJobId: string} & TrialRef,
): ReplicaUsageView {
  const [view, setView] = useState<{
    byReplica?: Map<string, ReplicaUsage>;
    replicas?: ReplicaUsage[];
    error?: string;
    atMs?: number;
  }>({});
  const reader = useMemo(() => new UsageReader(() => session.backend), [session]);
  useEffect(() => () => void reader.close(), [reader]);
  // The job is polled into new objects every few seconds: only a change of machines counts, or
  // every poll would restart the reads and spend the budget.
  const machineKey = JSON.stringify(
    pools.map((pool) => [pool.machineSpec?.machineType, pool.machineSpec?.acceleratorCount]),
  );
  // The catalog in force (the user's machine-type overrides included) sizes cores and bytes.
  const {catalog} = useAppContext();
  const machines = useMemo(
    () => poolMachines(pools, catalog.machineTypes),
    [machineKey, catalog], // eslint-disable-line react-hooks/exhaustive-deps
  );
  const ended = isTerminalState(state as never);
  const metrics = metricsFor({machines}).length;
  const {tuningJobId, trialId, customJobId} = trial ?? {};

  useEffect(() => {
    if ((!jobId && !trialId) || !active) return;
    let stopped = false;
    let timer: NodeJS.Timeout | undefined;
    const pollMs = usagePollMs(metrics, session.backend.kind);
    const read = async () => {
      let waitMs = pollMs;
      try {
        const project = session.backend.project;
        const snapshot =
          tuningJobId && trialId
            ? await reader
                .readTrials({
                  project,
                  tuningJobId,
                  trials: [{trialId, ...(customJobId && {customJobId})}],
                  machines,
                })
                .then(({atMs, trials}) => ({atMs, replicas: trials.get(trialId) ?? []}))
            : await reader.read({project, jobId: jobId!, machines});
        if (stopped) return;
        setView({
          byReplica: new Map(snapshot.replicas.map((replica) => [replica.replica, replica])),
          replicas: snapshot.replicas,
          atMs: snapshot.atMs,
        });
      } catch (error) {
        if (stopped) return;
        const text = (error as {details?: string}).details || (error as Error).message;
        setView((previous) => ({...previous, error: text.split('\n')[0]}));
        waitMs = pollMs * ERROR_BACKOFF;
      }
      // After the job ended, the read above was the last.
      if (!stopped && !ended) timer = setTimeout(() => void read(), waitMs);
    };
    void read();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [reader, jobId, tuningJobId, trialId, customJobId, active, ended, machines, metrics, session]);

  const accelerators = machines.some((machine) => machine.accelerators > 0);
  const idle =
    accelerators && view.replicas && view.atMs !== undefined
      ? idleAcceleratorReplicas(view.replicas, view.atMs)
      : [];
  return {
    byReplica: jobId || trialId ? (view.byReplica ?? new Map()) : undefined,
    accelerators,
    summary: view.error
      ? `utilisation unavailable: ${view.error}`
      : view.replicas && usageSummary(view.replicas),
    warning: idleAcceleratorWarning(idle),
  };
}
