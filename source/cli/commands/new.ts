// `vtrain-tui new --from FILE`: opens the app's wizard on a job read from a gcloud --config YAML or
// a REST JSON body, at the review, so the user sees every problem and can fix it step by step.
// Only a file that cannot be read as a job is refused here; validation problems are the wizard's.
import path from 'node:path';
import type {MainContext} from '../../cli.js';
import type {ScriptCommand} from '../command-table.js';
import {defaultDataDir} from '../environment.js';
import {EXIT} from '../exit-codes.js';
import {
  CommandError,
  guarded,
  JOB_FILE_FLAGS,
  loadJobFile,
  parseFlags,
  writeProblems,
} from './job-file.js';

const USAGE = 'vtrain-tui new --from FILE [--project ID] [--region R] [--display-name N]';

const {config: _config, json: _json, ...SHARED} = JOB_FILE_FLAGS;
const FLAGS = {...SHARED, from: {type: 'string'}} as const;

async function run(argv: string[], context: MainContext): Promise<number> {
  const values = parseFlags(argv, FLAGS, USAGE);
  if (!values.from) throw new CommandError(`--from FILE is required\nUsage: ${USAGE}`, EXIT.usage);
  const loaded = await loadJobFile({...values, config: values.from});
  if (!loaded.draft) {
    writeProblems(loaded);
    return EXIT.usage;
  }
  const {runInteractive} = await import('../../cli.js');
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
    {draft: loaded.draft},
  );
  return Number(process.exitCode ?? EXIT.ok);
}

export const command: ScriptCommand = {run: (argv, context) => guarded(() => run(argv, context))};
