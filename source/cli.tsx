// Entry of the bundled CLI (dist/cli.js), reached through bin/vtrain-tui.js once --help and
// --version have been answered there. Picks the interactive app or the emulator server.
import path from 'node:path';
import {parseInvocation, UsageError, type CommonOptions} from './cli/args.js';
import {SCRIPT_COMMANDS} from './cli/command-table.js';
import {defaultDataDir, findExecutable} from './cli/environment.js';
import type {JobDraft} from './job-spec/draft.js';

export interface MainContext {
  /** Absolute path of bin/vtrain-tui.js, used to start the emulator as a child process. */
  binScript: string;
}

function fail(message: string, code: number): void {
  process.stderr.write(`vtrain-tui: ${message}\n`);
  process.exitCode = code;
}

export async function main(argv: string[], context: MainContext): Promise<void> {
  const [name, ...rest] = argv;
  // Two-word commands ("emulator env-init") are looked up before one-word ones.
  const twoWords = name !== undefined && rest[0] !== undefined ? `${name} ${rest[0]}` : undefined;
  const loadTwo = twoWords === undefined ? undefined : SCRIPT_COMMANDS[twoWords];
  const loadCommand = loadTwo ?? (name === undefined ? undefined : SCRIPT_COMMANDS[name]);
  if (loadCommand) {
    process.exitCode = await (await loadCommand()).run(loadTwo ? rest.slice(1) : rest, context);
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
      storagePort: invocation.options.storagePort,
      ...(invocation.options.restPort !== undefined && {restPort: invocation.options.restPort}),
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
      pythonGiven:
        invocation.options.python !== undefined || process.env.VTRAIN_PYTHON !== undefined,
      json: invocation.kind === 'emulator-status' && invocation.options.json,
      cliScript: context.binScript,
    });
    return;
  }
  return runInteractive(invocation.options, {dataDir, python, binScript: context.binScript});
}

/** A draft to open the wizard on instead of the example (`new --from FILE`), at the review. */
export interface InitialDraft {
  draft: JobDraft;
  /** Where it came from ("the file job.yaml", "preset gpu"), said in the review. */
  origin?: string;
}

export async function runInteractive(
  options: CommonOptions,
  resolved: {dataDir: string; python: string; binScript: string},
  initial?: InitialDraft,
): Promise<void> {
  if (!process.stdin.isTTY || !process.stdout.isTTY) {
    return fail(
      'the interactive app needs a terminal (stdin and stdout must be a TTY). From scripts, use `vtrain-tui validate --config FILE` or `vtrain-tui submit --config FILE`, or run the emulator with `vtrain-tui emulator serve`.',
      2,
    );
  }
  const [{resolveRun}, {BackendFlagError}] = await Promise.all([
    import('./backend/open-session.js'),
    import('./backend/resolve-backend.js'),
  ]);
  let run;
  try {
    run = await resolveRun({
      ...(options.backend && {backend: options.backend}),
      ...(options.project && {project: options.project}),
      ...(options.region && {region: options.region}),
      ...(options.stagingBucket && {stagingBucket: options.stagingBucket}),
    });
  } catch (error) {
    if (error instanceof BackendFlagError) return fail(error.message, 2);
    throw error;
  }
  const vertex = run.resolved.backend.value === 'vertex';
  const columns = process.stdout.columns ?? 0;
  const rows = process.stdout.rows ?? 0;
  if (columns < 80 || rows < 24) {
    return fail(
      `this terminal is ${columns}×${rows}; vtrain-tui needs at least 80×24. Enlarge the window and run it again.`,
      2,
    );
  }
  // Only the local emulator runs training code on this machine.
  if (!vertex && !findExecutable(resolved.python)) {
    return fail(
      `the local emulator runs training code with "${resolved.python}", which was not found on PATH. Install Python 3 (e.g. apt-get install python3) or point --python / VTRAIN_PYTHON at an interpreter.`,
      3,
    );
  }
  const {startInteractive} = await import('./app/start.js');
  await startInteractive({
    ...run.choice,
    warnings: run.warnings,
    onOpened: run.remember,
    dataDir: resolved.dataDir,
    python: resolved.python,
    binScript: resolved.binScript,
    readOnly: options.readOnly ?? false,
    ...(initial && {initialDraft: initial.draft}),
    ...(initial?.origin && {initialOrigin: initial.origin}),
  });
}
