// Script commands by name. Each lives in its own module under commands/, parses its own flags and
// returns an exit code, so adding a command is one line here and never an edit of the app.
// `emulator` and the interactive app are parsed in args.ts (their flags predate this table).
import type {MainContext} from './main-context.js';

export interface ScriptCommand {
  /** Runs the command with the arguments after its name; resolves to the exit code. */
  run(argv: string[], context: MainContext): Promise<number>;
}

export const SCRIPT_COMMANDS: Record<string, () => Promise<ScriptCommand>> = {
  doctor: () => import('./commands/doctor.js'),
  'emulator env-init': () => import('./commands/emulator-env-init.js'),
  jobs: () => import('./commands/jobs.js'),
  validate: async () => (await import('./commands/validate.js')).command,
  submit: async () => (await import('./commands/submit.js')).command,
  new: async () => (await import('./commands/new.js')).command,
  logs: () => import('./commands/logs.js'),
};
