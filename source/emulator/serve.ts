// `vtrain-tui emulator serve`: runs the emulator service in this process (in the foreground, or
// detached by `emulator start`). It takes the data folder's lock, generates the owner's key and
// the Cloud Storage path token (both new at every start, so nothing a client sent to another
// program holding a port while the service was stopped can be replayed: issue #23), publishes
// them in the private service.json, and runs until SIGTERM/SIGINT/SIGHUP, until
// standard input closes (--watch-stdin), or until it has been idle for the configured time.
// Stopping settles running jobs, stops every replica, flushes logs and releases the lock.
import {randomBytes} from 'node:crypto';
import type {LogRetention} from './logging/log-store.js';
import {PortInUseError, startEmulator, type RunningEmulator} from './server.js';
import {findExecutable} from './contract/executables.js';
import {acquireServiceLock, ServiceAlreadyRunning} from './contract/lock.js';
import {emulatorPaths} from './contract/paths.js';
import {ensurePrivateDir, UnsafeFileError} from './contract/private-files.js';
import {identify} from './contract/process-identity.js';
import {removeServiceInfo, writeServiceInfo} from './contract/service-file.js';
import fs from 'node:fs';
import {
  rememberedRestPort,
  rememberedStoragePort,
  removeRestAccess,
  writeRestAccess,
} from './service/rest-access.js';
import {describeHolder, portHolder} from './service/port-holder.js';
import {diskFullMessage, isNoSpaceError} from './contract/disk-full.js';
import {refillReserve, withReserve} from './service/disk-reserve.js';
import {logServiceLine} from './service/service-log.js';
import {
  describeLeftovers,
  findLeftoverReplicas,
  killLeftoverReplicas,
} from './contract/leftover-replicas.js';

export interface ServeOptions {
  dataDir: string;
  python: string;
  port: number;
  /** Port of the Cloud Storage JSON API (0 = a free one). */
  storagePort: number;
  /** HTTP/JSON port; undefined reuses the last one (if free), else a free port. */
  restPort?: number;
  watchStdin: boolean;
  /** Stop after this many minutes with no unfinished job, open stream or call; 0 = never. */
  idleMinutes: number;
  retention: LogRetention;
  /** Python package pools run inside their pre-built image when the engine has it locally. */
  packagesInImage?: boolean;
}

/** Exit code of `serve` when another service already owns the data folder. */
export const EXIT_ALREADY_RUNNING = 4;

function inheritedEnv(): Record<string, string> {
  const keep = ['PATH', 'HOME', 'LANG', 'LC_ALL', 'TMPDIR', 'USER', 'SYSTEMROOT'];
  const env: Record<string, string> = {};
  for (const name of keep) {
    const value = process.env[name];
    if (value !== undefined) env[name] = value;
  }
  return env;
}

const log = logServiceLine;

export async function serveEmulator(options: ServeOptions): Promise<void> {
  // An older launcher may still pass a key this way; replicas must never inherit one.
  delete process.env.VTRAIN_EMULATOR_KEY;
  // Standard error is the service log, in the data folder: a write failing on a full disk must
  // not become an uncaught 'error' event.
  process.stderr.on('error', () => {});
  process.stdout.on('error', () => {});
  if (!findExecutable(options.python)) {
    log(
      `replicas run with "${options.python}", which was not found on PATH. Install Python 3 or pass --python.`,
    );
    process.exitCode = 3;
    return;
  }
  const paths = emulatorPaths(options.dataDir);
  let release: () => void;
  try {
    ensurePrivateDir(paths.root);
    release = withReserve(paths, () => acquireServiceLock(paths.lock));
  } catch (error) {
    if (isNoSpaceError(error)) {
      log(diskFullMessage(options.dataDir));
      process.exitCode = 1;
      return;
    }
    if (error instanceof ServiceAlreadyRunning) {
      log(`${error.message}; see \`vtrain-tui emulator status --data-dir ${options.dataDir}\`.`);
      process.exitCode = EXIT_ALREADY_RUNNING;
      return;
    }
    if (error instanceof UnsafeFileError) {
      log(error.message);
      process.exitCode = 2;
      return;
    }
    throw error;
  }
  // Replica processes an earlier service left (they left their group, so its supervisor missed
  // them; the recovery below kills the groups it recorded).
  const leftovers = findLeftoverReplicas(options.dataDir);
  if (leftovers.length > 0)
    log(`ended ${killLeftoverReplicas(leftovers)} of ${describeLeftovers(leftovers)}.`);
  const key = randomBytes(32).toString('base64url');
  // Older services kept the storage token across restarts; it is derived from the new key now.
  fs.rmSync(paths.legacyStorageTokenFile, {force: true});
  const previous = {rest: rememberedRestPort(paths), storage: rememberedStoragePort(paths)};
  let emulator: RunningEmulator;
  try {
    emulator = await startEmulator({
      key,
      port: options.port,
      // A port given with --storage-port must be had; a remembered one is only a preference.
      storagePort: options.storagePort || previous.storage,
      storagePortFallback: options.storagePort === 0,
      restPort: options.restPort ?? previous.rest,
      restPortFallback: options.restPort === undefined,
      dataDir: options.dataDir,
      python: options.python,
      projectNumber: process.env.VTRAIN_EMULATOR_PROJECT_NUMBER ?? '000000000000',
      queueDelayMs: Number(process.env.VTRAIN_EMULATOR_QUEUE_MS ?? 800),
      provisionDelayMs: Number(process.env.VTRAIN_EMULATOR_PROVISION_MS ?? 800),
      baseEnv: inheritedEnv(),
      retention: options.retention,
      packagesInImage: options.packagesInImage ?? false,
    });
  } catch (error) {
    release();
    if (error instanceof UnsafeFileError) {
      log(error.message);
      process.exitCode = 2;
      return;
    }
    if (error instanceof PortInUseError) {
      log(error.message);
      process.exitCode = 1;
      return;
    }
    if (isNoSpaceError(error)) {
      log(diskFullMessage(options.dataDir));
      process.exitCode = 1;
      return;
    }
    throw error;
  }
  const {settledJobs, killedReplicas} = emulator.recovery;
  if (settledJobs.length > 0) {
    log(
      `a previous service stopped without settling ${settledJobs.length} job(s) (${settledJobs.join(', ')}); they are now FAILED (CANCELLED if a cancel was under way), ${killedReplicas} leftover replica(s) killed.`,
    );
  }
  let stopping = false;
  const failOnFullDisk = async (): Promise<void> => {
    log(diskFullMessage(options.dataDir));
    stopping = true;
    removeServiceInfo(paths);
    removeRestAccess(paths, key);
    await emulator.stop();
    release();
    process.exit(1);
  };
  const stop = (reason: string) => {
    if (stopping) return;
    stopping = true;
    log(`stopping (${reason}).`);
    // New clients must not find a service that is going away.
    removeServiceInfo(paths);
    removeRestAccess(paths, key);
    void emulator.stop().finally(() => {
      release();
      process.exit(0);
    });
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGHUP', () => stop('SIGHUP'));
  process.on('exit', () => {
    emulator.killReplicasNow();
    removeServiceInfo(paths);
    removeRestAccess(paths, key);
    release();
  });
  if (options.watchStdin) {
    process.stdin.on('end', () => stop('standard input closed'));
    process.stdin.on('error', () => stop('standard input failed'));
    process.stdin.resume();
  }
  if (options.idleMinutes > 0) {
    const idleMs = options.idleMinutes * 60_000;
    setInterval(
      () => {
        const activity = emulator.activity();
        const quiet =
          activity.activeJobs === 0 &&
          activity.openCalls === 0 &&
          Date.now() - activity.lastCallMs >= idleMs;
        if (quiet) stop(`idle for ${options.idleMinutes} min: no unfinished job and no calls`);
      },
      Math.min(30_000, Math.max(250, idleMs / 4)),
    );
  }
  // Remembered ports someone else took while the service was stopped: the service moved, and
  // shells that exported the old endpoints must run env-init again (their token file is gone).
  const portNotes: string[] = [];
  const moved = (what: string, before: number, now: number) => {
    if (before === 0 || before === now) return;
    portNotes.push(
      `the ${what} port ${before} used before is held by ${describeHolder(portHolder(before))}, so the service now listens on ${now}; shells that exported the old endpoint must run \`eval "$(vtrain-tui emulator env-init)"\` again (nothing is sent there: its access-token file is gone and the old tokens are void).`,
    );
  };
  if (options.restPort === undefined) moved('HTTP/JSON', previous.rest, emulator.restPort);
  if (options.storagePort === 0) moved('Cloud Storage', previous.storage, emulator.storagePort);
  for (const note of portNotes) log(note);
  // The token file first: a client that finds service.json must find a valid token beside it.
  // On a full disk the reserve (service/disk-reserve.ts) makes room for these few small files.
  let accessTokenFile: string;
  try {
    accessTokenFile = withReserve(paths, () =>
      writeRestAccess(paths, key, emulator.restPort, emulator.storagePort),
    );
  } catch (error) {
    if (!isNoSpaceError(error)) throw error;
    return failOnFullDisk();
  }
  const serviceInfo = {
    pid: process.pid,
    startTime: identify(process.pid)?.startTime ?? '',
    host: '127.0.0.1' as const,
    port: emulator.port,
    storagePort: emulator.storagePort,
    storageToken: emulator.storageToken,
    restPort: emulator.restPort,
    accessTokenFile,
    ...(portNotes.length > 0 && {portNotes}),
    key,
    startedAtMs: Date.now(),
    dataDir: options.dataDir,
    python: options.python,
    idleMinutes: options.idleMinutes,
    packagesInImage: options.packagesInImage ?? false,
  };
  try {
    withReserve(paths, () => writeServiceInfo(paths, serviceInfo));
  } catch (error) {
    if (!isNoSpaceError(error)) throw error;
    return failOnFullDisk();
  }
  refillReserve(paths);
  log(
    `listening on 127.0.0.1:${emulator.port} (gRPC), http://127.0.0.1:${emulator.restPort}/ (HTTP/JSON) and Cloud Storage on http://127.0.0.1:${emulator.storagePort} (pid ${process.pid}, data dir ${options.dataDir}).`,
  );
  process.stdout.write(
    `${JSON.stringify({port: emulator.port, restPort: emulator.restPort, storagePort: emulator.storagePort, pid: process.pid})}\n`,
  );
}
