// `vtrain-tui emulator serve`: runs the emulator in this process until SIGTERM/SIGINT, or until
// standard input closes (the app that started it is gone), then stops every replica and exits.
// The owner's key arrives in VTRAIN_EMULATOR_KEY and is removed from the environment at once so
// replicas never inherit it. Prints one JSON line {"port": N} on stdout when ready.
import {startEmulator} from './server.js';

export interface ServeOptions {
  dataDir: string;
  python: string;
  port: number;
  watchStdin: boolean;
}

function inheritedEnv(): Record<string, string> {
  const keep = ['PATH', 'HOME', 'LANG', 'LC_ALL', 'TMPDIR', 'USER', 'SYSTEMROOT'];
  const env: Record<string, string> = {};
  for (const name of keep) {
    const value = process.env[name];
    if (value !== undefined) env[name] = value;
  }
  return env;
}

export async function serveEmulator(options: ServeOptions): Promise<void> {
  const key = process.env.VTRAIN_EMULATOR_KEY;
  delete process.env.VTRAIN_EMULATOR_KEY;
  if (!key || key.length < 32) {
    process.stderr.write(
      'vtrain-tui emulator: VTRAIN_EMULATOR_KEY (≥ 32 characters) is required.\n',
    );
    process.exitCode = 2;
    return;
  }
  const emulator = await startEmulator({
    key,
    port: options.port,
    dataDir: options.dataDir,
    python: options.python,
    projectNumber: process.env.VTRAIN_EMULATOR_PROJECT_NUMBER ?? '000000000000',
    queueDelayMs: Number(process.env.VTRAIN_EMULATOR_QUEUE_MS ?? 800),
    provisionDelayMs: Number(process.env.VTRAIN_EMULATOR_PROVISION_MS ?? 800),
    baseEnv: inheritedEnv(),
  });
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    void emulator.stop().finally(() => process.exit(0));
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  process.on('SIGHUP', stop);
  process.on('exit', () => emulator.killReplicasNow());
  if (options.watchStdin) {
    process.stdin.on('end', stop);
    process.stdin.on('error', stop);
    process.stdin.resume();
  }
  process.stdout.write(`${JSON.stringify({port: emulator.port})}\n`);
}
