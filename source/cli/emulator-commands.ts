// `vtrain-tui emulator start|status|stop`: manage the shared background service of a data
// folder. Exit codes: 0 done / running, 1 failure, 2 unsafe files, 3 not running (status).
import {ensureService, serviceStatus, stopService} from '../backend/local-service.js';
import {UnsafeFileError} from '../emulator/service/private-files.js';
import {UsageError, type ServiceTuning} from './args.js';
import {DEFAULT_BACKGROUND_IDLE_MINUTES, serveArgs} from './emulator-settings.js';

export interface EmulatorCommandContext {
  dataDir: string;
  python: string;
  cliScript: string;
}

const say = (line: string) => process.stdout.write(`vtrain-tui emulator: ${line}\n`);

function duration(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  const parts = [
    [Math.floor(seconds / 86_400), 'd'],
    [Math.floor(seconds / 3600) % 24, 'h'],
    [Math.floor(seconds / 60) % 60, 'm'],
    [seconds % 60, 's'],
  ] as const;
  const shown = parts.filter(([value], index) => value > 0 || index === parts.length - 1);
  return shown.map(([value, unit]) => `${value}${unit}`).join(' ');
}

export async function emulatorCommand(
  action: 'start' | 'status' | 'stop',
  tuning: ServiceTuning,
  context: EmulatorCommandContext,
): Promise<number> {
  try {
    if (action === 'start') {
      const {info, started} = await ensureService({
        cliScript: context.cliScript,
        dataDir: context.dataDir,
        python: context.python,
        serveArgs: serveArgs(tuning, DEFAULT_BACKGROUND_IDLE_MINUTES),
      });
      say(
        `${started ? 'started' : 'already running'}, listening on ${info.host}:${info.port} (pid ${info.pid}, data dir ${context.dataDir})`,
      );
      return 0;
    }
    if (action === 'status') {
      const status = serviceStatus(context.dataDir);
      if (!status) {
        say(`not running (data dir ${context.dataDir})`);
        return 3;
      }
      const {info} = status;
      say('running');
      const rows: Array<[string, string]> = [
        ['pid', String(info.pid)],
        ['listening', `${info.host}:${info.port}`],
        ['uptime', duration(status.uptimeMs)],
        ['running jobs', String(status.activeJobs)],
        ['data dir', info.dataDir || context.dataDir],
        [
          'idle stop',
          info.idleMinutes > 0
            ? `after ${info.idleMinutes} min without unfinished jobs or calls`
            : 'never',
        ],
      ];
      for (const [label, value] of rows) process.stdout.write(`  ${label.padEnd(13)}${value}\n`);
      return 0;
    }
    const stopped = await stopService(context.dataDir);
    say(
      stopped
        ? `stopped (pid ${stopped.pid}${stopped.forced ? ', killed after it did not stop in time' : ''})`
        : `not running (data dir ${context.dataDir})`,
    );
    return 0;
  } catch (error) {
    process.stderr.write(`vtrain-tui emulator: ${(error as Error).message}\n`);
    return error instanceof UnsafeFileError || error instanceof UsageError ? 2 : 1;
  }
}
