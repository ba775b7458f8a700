// A tuning job's dashboard: what each running trial's replicas use, read from Cloud Monitoring for
// all running trials at once (services/metrics UsageReader.readTrials, under both shapes a trial's
// series may take), within the same read budget as a custom job's dashboard (usagePollMs), only
// while the screen is on top and until the job has ended.
import {useEffect, useMemo, useState} from 'react';
import {isTerminalState, type WorkerPoolSpecLike} from '../../../core/job-spec/index.js';
import type {Session} from '../../../services/backend/session.js';
import {
  poolMachines,
  usagePollMs,
  usageTotals,
  type UsageTotals,
} from '../../../services/metrics/replica-usage.js';
import {runningTrials} from '../../../services/metrics/trial-usage.js';
import {metricsFor, UsageReader} from '../../../services/metrics/usage-reader.js';
import type {ResourceMessage} from '../../../services/vertex/api.js';
import {useAppContext} from '../../shell/session-context.js';

/** A failed read waits this many poll intervals before the next try. */
const ERROR_BACKOFF = 4;

/** Each running trial's totals (cores and bytes over its replicas), by Trial.id. */
export function useTrialsUsage(
  session: Session,
  tuningJobId: string,
  resource: ResourceMessage,
  state: string,
  active: boolean,
): ReadonlyMap<string, UsageTotals> {
  const [byTrial, setByTrial] = useState<ReadonlyMap<string, UsageTotals>>(new Map());
  const reader = useMemo(() => new UsageReader(() => session.backend), [session]);
  useEffect(() => () => void reader.close(), [reader]);
  const {catalog} = useAppContext();
  const pools =
    (resource.trialJobSpec as {workerPoolSpecs?: WorkerPoolSpecLike[]} | undefined)
      ?.workerPoolSpecs ?? [];
  // The job is polled into new objects: only a change of machines or running trials counts.
  const machineKey = JSON.stringify(
    pools.map((pool) => [pool.machineSpec?.machineType, pool.machineSpec?.acceleratorCount]),
  );
  const trials = runningTrials(resource.trials as never);
  const trialsKey = JSON.stringify(trials);
  const machines = useMemo(
    () => poolMachines(pools, catalog.machineTypes),
    [machineKey, catalog], // eslint-disable-line react-hooks/exhaustive-deps
  );
  const ended = isTerminalState(state as never);

  useEffect(() => {
    if (!active || ended || trials.length === 0) return;
    let stopped = false;
    let timer: NodeJS.Timeout | undefined;
    const pollMs = usagePollMs(metricsFor({machines}).length, session.backend.kind);
    const read = async () => {
      let waitMs = pollMs;
      try {
        const snapshot = await reader.readTrials({
          project: session.backend.project,
          tuningJobId,
          trials,
          machines,
        });
        if (stopped) return;
        setByTrial(
          new Map([...snapshot.trials].map(([trial, replicas]) => [trial, usageTotals(replicas)])),
        );
      } catch {
        // The trials table shows "-" for a trial without figures; the next read may succeed.
        waitMs = pollMs * ERROR_BACKOFF;
      }
      if (!stopped) timer = setTimeout(() => void read(), waitMs);
    };
    void read();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [reader, tuningJobId, trialsKey, active, ended, machines, session]); // eslint-disable-line react-hooks/exhaustive-deps

  return byTrial;
}
