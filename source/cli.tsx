// Entry of the bundled CLI (dist/cli.js), reached through bin/vtrain-tui.js once --help and
// --version have been answered there. Picks the interactive app or the emulator server.
import path from 'node:path';
import {parseInvocation, UsageError, type CommonOptions} from './cli/args.js';
import {SCRIPT_COMMANDS} from './cli/command-table.js';
import {defaultDataDir, findExecutable} from './cli/environment.js';

export interface MainContext {
  /** Absolute path of bin/vtrain-tui.js, used to start the emulator as a child process. */
  binScript: string;
}

const DEFAULT_PROJECT = 'local-project';
const DEFAULT_REGION = 'us-central1';

function fail(message: string, code: number): void {
  process.stderr.write(`vtrain-tui: ${message}\n`);
  process.exitCode = code;
}

export async function main(argv: string[], context: MainContext): Promise<void> {
  const [name, ...rest] = argv;
  const loadCommand = name === undefined ? undefined : SCRIPT_COMMANDS[name];
  if (loadCommand) {
    process.exitCode = await (await loadCommand()).run(rest, context);
    return;
  }
  let invocation;
  try {
    invocation = parseInvocation(argv);
  } catch (error) {
    if (error instanceof UsageError)
      return fail(`${error.message}\nRun \`vtrain-tui --help\` for usage.`, 2);
    throw error;
  }
  const python = invocation.options.python ?? process.env.VTRAIN_PYTHON ?? 'python3';
  const dataDir = path.resolve(invocation.options.dataDir ?? defaultDataDir());
  if (invocation.kind === 'emulator-serve') {
    const [{serveEmulator}, settings] = await Promise.all([
      import('./emulator/serve.js'),
      import('./cli/emulator-settings.js'),
    ]);
    let tuned;
    try {
      // A foreground service runs until stopped unless told otherwise.
      tuned = {
        idleMinutes: settings.resolveIdleMinutes(invocation.options, 0),
        retention: settings.resolveRetention(invocation.options),
      };
    } catch (error) {
      if (error instanceof UsageError) return fail(error.message, 2);
      throw error;
    }
    return serveEmulator({
      dataDir,
      python,
      port: invocation.options.port,
      watchStdin: invocation.options.watchStdin,
      ...tuned,
    });
  }
  if (invocation.kind !== 'interactive') {
    const {emulatorCommand} = await import('./cli/emulator-commands.js');
    const action = invocation.kind.slice('emulator-'.length) as 'start' | 'status' | 'stop';
    const tuning = invocation.kind === 'emulator-start' ? invocation.options : {};
    process.exitCode = await emulatorCommand(action, tuning, {
      dataDir,
      python,
      cliScript: context.binScript,
    });
    return;
  }
  return runInteractive(invocation.options, {dataDir, python, binScript: context.binScript});
}

async function runInteractive(
  options: CommonOptions,
  resolved: {dataDir: string; python: string; binScript: string},
): Promise<void> {
  if (!process.stdin.isTTY || !process.stdout.isTTY) {
    return fail(
      'the interactive app needs a terminal (stdin and stdout must be a TTY). From scripts, run the emulator with `vtrain-tui emulator serve`; scripting commands (jobs list --json, logs --follow, submit --config) are planned.',
      2,
    );
  }
  const columns = process.stdout.columns ?? 0;
  const rows = process.stdout.rows ?? 0;
  if (columns < 80 || rows < 24) {
    return fail(
      `this terminal is ${columns}×${rows}; vtrain-tui needs at least 80×24. Enlarge the window and run it again.`,
      2,
    );
  }
  if (!findExecutable(resolved.python)) {
    return fail(
      `the local emulator runs training code with "${resolved.python}", which was not found on PATH. Install Python 3 (e.g. apt-get install python3) or point --python / VTRAIN_PYTHON at an interpreter.`,
      3,
    );
  }
  const {startInteractive} = await import('./app/start.js');
  await startInteractive({
    project: options.project ?? DEFAULT_PROJECT,
    region: options.region ?? DEFAULT_REGION,
    dataDir: resolved.dataDir,
    python: resolved.python,
    binScript: resolved.binScript,
    readOnly: options.readOnly ?? false,
  });
}
