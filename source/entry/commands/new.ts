// `vtrain-tui new --from FILE` / `new --preset NAME`: opens the app's wizard on a job read from a
// gcloud --config YAML or a REST JSON body, or on a saved preset, at the review, so the user sees
// every problem and can fix it step by step. Only a file that cannot be read as a job (or a
// missing preset) is refused here; validation problems are the wizard's.
import path from 'node:path';
import type {MainContext} from '../main-context.js';
import type {ScriptCommand} from '../command-table.js';
import {defaultDataDir} from '../environment.js';
import {EXIT} from '../exit-codes.js';
import type {JobDraft} from '../../core/job-spec/index.js';
import {
  CommandError,
  guarded,
  JOB_FILE_FLAGS,
  loadJobFile,
  parseFlags,
  writeProblems,
} from './job-file.js';

const USAGE =
  'vtrain-tui new --from FILE [--project ID] [--region R] [--display-name N]\n       vtrain-tui new --preset NAME';

const {config: _config, json: _json, ...SHARED} = JOB_FILE_FLAGS;
const FLAGS = {...SHARED, from: {type: 'string'}, preset: {type: 'string'}} as const;

async function run(argv: string[], context: MainContext): Promise<number> {
  const values = parseFlags(argv, FLAGS, USAGE);
  if (values.from && values.preset)
    throw new CommandError(
      `give --from FILE or --preset NAME, not both\nUsage: ${USAGE}`,
      EXIT.usage,
    );
  if (!values.from && !values.preset)
    throw new CommandError(
      `--from FILE is required (or --preset NAME)\nUsage: ${USAGE}`,
      EXIT.usage,
    );
  let initial: {draft: JobDraft; origin: string};
  if (values.preset) {
    const [{loadPreset, PrefillError}, {settingsFile}] = await Promise.all([
      import('../../ui/screens/wizard/prefill.js'),
      import('../../core/settings/settings-file.js'),
    ]);
    try {
      initial = loadPreset(settingsFile(), values.preset);
    } catch (error) {
      if (error instanceof PrefillError) throw new CommandError(error.message, EXIT.notFound);
      throw error;
    }
  } else {
    const loaded = await loadJobFile({...values, config: values.from!});
    if (!loaded.draft) {
      writeProblems(loaded);
      return EXIT.usage;
    }
    initial = {draft: loaded.draft, origin: `the file ${values.from}`};
  }
  const {runInteractive} = await import('../run-interactive.js');
  await runInteractive(
    {
      ...(values.project && {project: values.project}),
      ...(values.region && {region: values.region}),
    },
    {
      dataDir: path.resolve(values['data-dir'] ?? defaultDataDir()),
      python: values.python ?? process.env.VTRAIN_PYTHON ?? 'python3',
      binScript: context.binScript,
    },
    initial,
  );
  return Number(process.exitCode ?? EXIT.ok);
}

export const command: ScriptCommand = {
  run: (argv, context) => guarded(() => run(argv, context)),
  usage: `Usage: ${USAGE}\n`,
};
