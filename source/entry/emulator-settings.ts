// The emulator service's settings: flag, else environment variable, else default.
//   idle stop      --idle-minutes      VTRAIN_EMULATOR_IDLE_MINUTES      15 (background), 0 (serve)
//   log entries    --log-max-entries   VTRAIN_EMULATOR_LOG_MAX_ENTRIES   0 (no count limit)
//   log size       --log-max-mb        VTRAIN_EMULATOR_LOG_MAX_MB        256 MiB in total
//   log age        --log-max-age-days  VTRAIN_EMULATOR_LOG_MAX_AGE_DAYS  30 days (0 = forever)
//   packages       --packages-in-image VTRAIN_EMULATOR_PACKAGES_IN_IMAGE 0 (Python package pools
//                  run with the local Python; 1: inside their pre-built image when it is local)
import {DEFAULT_LOG_RETENTION, type LogRetention} from '../emulator/contract/log-retention.js';
import {UsageError, type ServiceTuning} from './args.js';

export {DEFAULT_BACKGROUND_IDLE_MINUTES} from '../services/backend/local-service.js';

function fromEnv(name: string, integer: boolean): number | undefined {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return undefined;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0 || (integer && !Number.isInteger(value)))
    throw new UsageError(`${name} must be a${integer ? ' whole' : ''} number ≥ 0; got "${raw}".`);
  return value;
}

export function resolveIdleMinutes(tuning: ServiceTuning, fallback: number): number {
  return tuning.idleMinutes ?? fromEnv('VTRAIN_EMULATOR_IDLE_MINUTES', false) ?? fallback;
}

export function resolveRetention(tuning: ServiceTuning): LogRetention {
  const megabytes = tuning.logMaxMb ?? fromEnv('VTRAIN_EMULATOR_LOG_MAX_MB', false);
  return {
    maxEntriesPerJob:
      tuning.logMaxEntries ??
      fromEnv('VTRAIN_EMULATOR_LOG_MAX_ENTRIES', true) ??
      DEFAULT_LOG_RETENTION.maxEntriesPerJob,
    maxTotalBytes:
      megabytes === undefined
        ? DEFAULT_LOG_RETENTION.maxTotalBytes
        : Math.round(megabytes * 1024 * 1024),
    maxAgeDays:
      tuning.logMaxAgeDays ??
      fromEnv('VTRAIN_EMULATOR_LOG_MAX_AGE_DAYS', false) ??
      DEFAULT_LOG_RETENTION.maxAgeDays,
  };
}

export function resolvePackagesInImage(tuning: ServiceTuning): boolean {
  if (tuning.packagesInImage) return true;
  const name = 'VTRAIN_EMULATOR_PACKAGES_IN_IMAGE';
  const raw = process.env[name];
  if (raw === undefined || raw === '' || raw === '0') return false;
  if (raw === '1') return true;
  throw new UsageError(`${name} must be 1 or 0; got "${raw}".`);
}

/** `emulator serve` flags that carry the resolved settings to a background service. */
export function serveArgs(tuning: ServiceTuning, idleFallback: number): string[] {
  const retention = resolveRetention(tuning);
  return [
    '--idle-minutes',
    String(resolveIdleMinutes(tuning, idleFallback)),
    '--log-max-entries',
    String(retention.maxEntriesPerJob),
    '--log-max-mb',
    String(retention.maxTotalBytes / (1024 * 1024)),
    '--log-max-age-days',
    String(retention.maxAgeDays),
    ...(resolvePackagesInImage(tuning) ? ['--packages-in-image'] : []),
  ];
}
