// `vtrain-tui validate --config FILE`: checks a gcloud --config YAML or a REST JSON body of a custom
// job, tuning job or training pipeline without contacting any backend. Exit 0 when valid (warnings
// go to stderr), 2 with one `field: message [rule] → fix` line per error.
import {safeText} from '../../core/text/safe-text.js';
import {EXIT} from '../exit-codes.js';
import type {ScriptCommand} from '../command-table.js';
import {guarded, JOB_FILE_FLAGS, loadJobFile, parseFlags, writeProblems} from './job-file.js';

const USAGE =
  'vtrain-tui validate --config FILE [--project ID] [--region R] [--display-name N] [--json]';

export const command: ScriptCommand = {
  usage: `Usage: ${USAGE}\n`,
  run: (argv) =>
    guarded(async () => {
      const values = parseFlags(argv, JOB_FILE_FLAGS, USAGE);
      const job = await loadJobFile(values);
      const valid = job.errors.length === 0;
      if (values.json) {
        process.stdout.write(
          `${JSON.stringify({valid, file: job.file, errors: job.errors, warnings: job.warnings}, null, 2)}\n`,
        );
      } else {
        writeProblems(job);
        if (valid)
          process.stdout.write(
            `${safeText(job.file)}: valid${job.warnings.length ? ` (${job.warnings.length} warning${job.warnings.length === 1 ? '' : 's'})` : ''}\n`,
          );
      }
      return valid ? EXIT.ok : EXIT.usage;
    }),
};
