// Script commands by name. Each lives in its own module under commands/, parses its own flags and
// returns an exit code, so adding a command is one line here and never an edit of the app.
// `emulator` and the interactive app are parsed in args.ts (their flags predate this table).
import type {MainContext} from './main-context.js';

export interface ScriptCommand {
  /** Runs the command with the arguments after its name; resolves to the exit code. */
  run(argv: string[], context: MainContext): Promise<number>;
  /** What `COMMAND --help` and `vtrain-tui help COMMAND` print on stdout (exit 0). */
  usage: string;
}

export const SCRIPT_COMMANDS: Record<string, () => Promise<ScriptCommand>> = {
  doctor: () => import('./commands/doctor.js'),
  'emulator env-init': () => import('./commands/emulator-env-init.js'),
  jobs: () => import('./commands/jobs.js'),
  validate: async () => (await import('./commands/validate.js')).command,
  submit: async () => (await import('./commands/submit.js')).command,
  new: async () => (await import('./commands/new.js')).command,
  logs: () => import('./commands/logs.js'),
  top: () => import('./commands/top.js'),
  'prices refresh': () => import('./commands/prices-refresh.js'),
};

/** The emulator's own actions, parsed in args.ts; their --help comes from here. */
export const EMULATOR_USAGE: Record<string, string> = {
  start: `Usage: vtrain-tui emulator start [--idle-minutes N] [--log-max-entries N] [--log-max-mb N] [--log-max-age-days N] [--packages-in-image] [--data-dir DIR] [--python PATH]
Start the shared local emulator service in the background.`,
  status: `Usage: vtrain-tui emulator status [--json] [--data-dir DIR]
Is it running? pid, port, uptime, jobs (exit 3: no).`,
  stop: `Usage: vtrain-tui emulator stop [--data-dir DIR]
Stop it (running jobs end, replicas stopped).`,
  serve: `Usage: vtrain-tui emulator serve [--port N] [--storage-port N] [--rest-port N] [--idle-minutes N] [--log-max-entries N] [--log-max-mb N] [--log-max-age-days N] [--packages-in-image] [--data-dir DIR] [--python PATH]
Run the local Vertex AI emulator in the foreground.`,
};
