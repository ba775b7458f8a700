// `vtrain-tui emulator start|status|stop`: manage the shared background service of a data
// folder. Exit codes: 0 done / running, 1 failure, 2 unsafe files, 3 not running (status).
import path from 'node:path';
import {ensureService, serviceStatus, stopService} from '../services/backend/local-service.js';
import {UnsafeFileError} from '../emulator/contract/private-files.js';
import {
  describeLeftovers,
  findLeftoverReplicas,
  killLeftoverReplicas,
} from '../emulator/contract/leftover-replicas.js';
import {UsageError, type ServiceTuning} from './args.js';
import {
  DEFAULT_BACKGROUND_IDLE_MINUTES,
  resolvePackagesInImage,
  serveArgs,
} from './emulator-settings.js';

export interface EmulatorCommandContext {
  dataDir: string;
  python: string;
  /** --python or VTRAIN_PYTHON was given (so a service with another interpreter is a mismatch). */
  pythonGiven?: boolean;
  /** `status --json`: one JSON object on stdout instead of the table. */
  json?: boolean;
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
        `${started ? 'started' : 'already running'}, listening on ${info.host}:${info.port} (pid ${info.pid}, data dir ${context.dataDir})${info.storagePort ? `; Cloud Storage on http://127.0.0.1:${info.storagePort}` : ''}${info.restPort !== undefined ? `; HTTP/JSON (gcloud) on http://${info.host}:${info.restPort}/` : ''}`,
      );
      for (const note of info.portNotes ?? [])
        process.stderr.write(`vtrain-tui emulator: ${note}\n`);
      // ensureService resolves a relative interpreter path the same way.
      const wanted = context.python.includes('/') ? path.resolve(context.python) : context.python;
      if (!started && context.pythonGiven && info.python && info.python !== wanted) {
        process.stderr.write(
          `vtrain-tui emulator: the running service uses the interpreter "${info.python}", not "${wanted}"; jobs keep running with "${info.python}". To switch, run \`vtrain-tui emulator stop --data-dir ${context.dataDir}\` (running jobs end FAILED), then \`vtrain-tui emulator start --data-dir ${context.dataDir} --python ${wanted}\`.\n`,
        );
        return 1;
      }
      // Asked for (flag or VTRAIN_EMULATOR_PACKAGES_IN_IMAGE=1) but the running service does not
      // do it: it would be silently ignored until the service restarts.
      if (!started && resolvePackagesInImage(tuning) && !info.packagesInImage) {
        process.stderr.write(
          `vtrain-tui emulator: the running service runs Python packages with the local Python, not inside their pre-built image (--packages-in-image). To switch, run \`vtrain-tui emulator stop --data-dir ${context.dataDir}\` (running jobs end FAILED), then \`vtrain-tui emulator start --data-dir ${context.dataDir} --packages-in-image\`.\n`,
        );
        return 1;
      }
      return 0;
    }
    if (action === 'status') {
      const status = serviceStatus(context.dataDir);
      // Replicas that outlived a stopped service (issue #23): reported, ended by `stop`.
      const leftovers = findLeftoverReplicas(context.dataDir);
      const leftoverJson = leftovers.length > 0 && {
        leftoverReplicas: leftovers.map(({pid, jobId, replica}) => ({pid, jobId, replica})),
      };
      const leftoverLine = () => {
        if (leftovers.length > 0)
          say(
            `${describeLeftovers(leftovers)}; \`vtrain-tui emulator stop --data-dir ${context.dataDir}\` ends them`,
          );
      };
      if (!status) {
        if (context.json)
          process.stdout.write(
            `${JSON.stringify({running: false, dataDir: context.dataDir, ...leftoverJson})}\n`,
          );
        else {
          say(`not running (data dir ${context.dataDir})`);
          leftoverLine();
        }
        return 3;
      }
      const {info} = status;
      if (context.json) {
        process.stdout.write(
          `${JSON.stringify({
            pid: info.pid,
            grpc: `${info.host}:${info.port}`,
            rest: info.restPort !== undefined ? `http://127.0.0.1:${info.restPort}/` : null,
            storage: info.storagePort ? `http://127.0.0.1:${info.storagePort}` : null,
            dataDir: info.dataDir || context.dataDir,
            python: info.python,
            runningJobs: status.activeJobs,
            packagesInImage: info.packagesInImage === true,
            ...leftoverJson,
          })}\n`,
        );
        return 0;
      }
      say('running');
      const rows: Array<[string, string]> = [
        ['pid', String(info.pid)],
        ['listening', `${info.host}:${info.port}`],
        ['storage', info.storagePort ? `http://127.0.0.1:${info.storagePort}` : '(none)'],
        ['python', info.python],
        ...(info.restPort !== undefined
          ? ([
              ['http/json', `http://${info.host}:${info.restPort}/ (gcloud, curl)`],
              ['gcloud', 'eval "$(vtrain-tui emulator env-init)", then gcloud ai … works locally'],
            ] as Array<[string, string]>)
          : []),
        ['uptime', duration(status.uptimeMs)],
        ['running jobs', String(status.activeJobs)],
        ['data dir', info.dataDir || context.dataDir],
        [
          'packages',
          info.packagesInImage
            ? 'inside their pre-built image when it is local (--packages-in-image)'
            : 'with the local Python (--packages-in-image: inside their pre-built image)',
        ],
        [
          'idle stop',
          info.idleMinutes > 0
            ? `after ${info.idleMinutes} min without unfinished jobs or calls`
            : 'never',
        ],
      ];
      for (const [label, value] of rows) process.stdout.write(`  ${label.padEnd(13)}${value}\n`);
      leftoverLine();
      return 0;
    }
    const stopped = await stopService(context.dataDir);
    say(
      stopped
        ? `stopped (pid ${stopped.pid}${stopped.forced ? ', killed after it did not stop in time' : ''})`
        : `not running (data dir ${context.dataDir})`,
    );
    const leftovers = findLeftoverReplicas(context.dataDir);
    if (leftovers.length > 0) {
      const killed = killLeftoverReplicas(leftovers);
      say(`ended ${killed} leftover replica process(es): ${describeLeftovers(leftovers)}`);
    }
    return 0;
  } catch (error) {
    process.stderr.write(`vtrain-tui emulator: ${(error as Error).message}\n`);
    return error instanceof UnsafeFileError || error instanceof UsageError ? 2 : 1;
  }
}
