// Entry of the bundled CLI (dist/cli.js), reached through bin/vtrain-tui.js once --help and
// --version have been answered there. Picks the interactive app or the emulator server.
import path from 'node:path';
import {parseInvocation, UsageError} from './args.js';
import {EMULATOR_USAGE, SCRIPT_COMMANDS} from './command-table.js';
import {defaultDataDir} from './environment.js';
import {fail} from './fail.js';
import type {MainContext} from './main-context.js';
import {runInteractive} from './run-interactive.js';

const HELP_FLAGS = new Set(['--help', '-h']);

/** Asks for help: --help or -h before any `--` that ends the flags. */
function wantsHelp(argv: string[]): boolean {
  const end = argv.indexOf('--');
  return (end === -1 ? argv : argv.slice(0, end)).some((arg) => HELP_FLAGS.has(arg));
}

/**
 * `vtrain-tui help COMMAND` and `COMMAND --help`, for every command the same way: its usage on
 * stdout, exit 0 (bin/vtrain-tui.js answers the bare `--help` and `help` itself).
 */
async function printUsage(words: string[]): Promise<void> {
  const [name, action] = words;
  if (name === 'emulator' && action !== 'env-init') {
    const usage =
      action === undefined
        ? Object.values(EMULATOR_USAGE).join('\n') +
          '\nUsage: vtrain-tui emulator env-init [--shell bash|zsh|sh|fish] [--json]'
        : EMULATOR_USAGE[action];
    if (usage === undefined)
      return fail(
        `unknown command "emulator ${action}"; the emulator's are start, status, stop, serve and env-init.`,
        2,
      );
    process.stdout.write(`${usage}\n`);
    process.exitCode = 0;
    return;
  }
  const load =
    (action !== undefined && SCRIPT_COMMANDS[`${name} ${action}`]) ||
    (name === undefined ? undefined : SCRIPT_COMMANDS[name]);
  const group = name === undefined ? [] : groupCommands(name);
  if (!load && group.length > 0) {
    for (const member of group) process.stdout.write((await SCRIPT_COMMANDS[member]!()).usage);
    process.exitCode = 0;
    return;
  }
  if (!load)
    return fail(
      `unknown command "${name}". Run \`vtrain-tui --help\` for the list of commands.`,
      2,
    );
  process.stdout.write((await load()).usage);
  process.exitCode = 0;
}

/**
 * The two-word commands that start with `name` ("prices" → ["prices refresh"]); not the emulator's,
 * whose other actions args.ts parses.
 */
function groupCommands(name: string): string[] {
  if (name === 'emulator') return [];
  return Object.keys(SCRIPT_COMMANDS).filter((command) => command.startsWith(`${name} `));
}

export async function main(argv: string[], context: MainContext): Promise<void> {
  const [name, ...rest] = argv;
  if (name === 'help') return printUsage(rest.filter((arg) => !arg.startsWith('-')));
  if (name !== undefined && !name.startsWith('-') && wantsHelp(argv))
    return printUsage(argv.filter((arg) => !arg.startsWith('-')).slice(0, 2));
  // Two-word commands ("emulator env-init") are looked up before one-word ones.
  const twoWords = name !== undefined && rest[0] !== undefined ? `${name} ${rest[0]}` : undefined;
  const loadTwo = twoWords === undefined ? undefined : SCRIPT_COMMANDS[twoWords];
  const loadCommand = loadTwo ?? (name === undefined ? undefined : SCRIPT_COMMANDS[name]);
  if (loadCommand) {
    process.exitCode = await (await loadCommand()).run(loadTwo ? rest.slice(1) : rest, context);
    return;
  }
  // A group of two-word commands ("prices refresh") named without, or with an unknown, second word.
  const group = name === undefined ? [] : groupCommands(name);
  if (group.length > 0)
    return fail(
      `"${[name, rest[0]].filter(Boolean).join(' ')}" is not a command; use ${group.map((c) => `\`vtrain-tui ${c}\``).join(' or ')} (--help for its usage).`,
      2,
    );
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
      import('../emulator/serve.js'),
      import('./emulator-settings.js'),
    ]);
    let tuned;
    try {
      // A foreground service runs until stopped unless told otherwise.
      tuned = {
        idleMinutes: settings.resolveIdleMinutes(invocation.options, 0),
        retention: settings.resolveRetention(invocation.options),
        packagesInImage: settings.resolvePackagesInImage(invocation.options),
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
    const {emulatorCommand} = await import('./emulator-commands.js');
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
