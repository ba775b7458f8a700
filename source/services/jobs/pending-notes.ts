// The pending reason for the commands (`jobs describe`, `jobs wait`): one entries.list read of
// the waiting job's latest `service` entries (filter and timestamp clause as the log pane reads
// them, services/logs/log-filter.ts), then the pure pendingReason. A read that fails (no
// logging permission, quota) leaves the reason the resource alone gives: never an error.
import {tailFilter} from '../logs/log-filter.js';
import type {LoggingApi} from '../vertex/api.js';
import type {JobSummary} from '../vertex/job-snapshot.js';
import {pendingReason, type PendingReason, type ServiceNoteLike} from './pending-reason.js';

const WAITING = new Set(['JOB_STATE_QUEUED', 'JOB_STATE_PENDING']);

/** `parent` is projects/P/locations/R; only custom jobs have their own `ml_job` logs here. */
export async function readPendingReason(
  logging: Pick<LoggingApi, 'listLogEntries'>,
  parent: string,
  job: JobSummary,
  nowMs: number,
): Promise<PendingReason | undefined> {
  if (!WAITING.has(job.state)) return undefined;
  let notes: ServiceNoteLike[] = [];
  const project = /^projects\/([^/]+)/.exec(parent)?.[1];
  if (project && job.kind === 'custom') {
    const since = new Date((job.createTime?.getTime() ?? nowMs - 86_400_000) - 1000);
    try {
      const {lines} = await logging.listLogEntries({
        resourceNames: [`projects/${project}`],
        filter: `${tailFilter(job.id, {replica: 'service'})} AND timestamp>="${since.toISOString()}"`,
        orderBy: 'timestamp desc',
        pageSize: 32,
        pageToken: '',
        asLines: true,
      });
      notes = (lines ?? []).map((line) => ({
        message: line.message,
        timestampMs: line.timestampMs,
      }));
    } catch {
      // The resource still says flex-start, provisioning or queued.
    }
  }
  return pendingReason(job, notes, nowMs);
}
