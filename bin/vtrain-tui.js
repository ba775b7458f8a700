#!/usr/bin/env node
// Tiny launcher: answers --help and --version without loading the app bundle (Ink, React or any
// Google client), then hands everything else to dist/cli.js.
import {readFileSync} from 'node:fs';
import {fileURLToPath} from 'node:url';

const argv = process.argv.slice(2);

if (argv.includes('--version') || argv.includes('-v')) {
  const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
  process.stdout.write(`${manifest.version}\n`);
} else if (argv.includes('--help') || argv.includes('-h')) {
  process.stdout
    .write(`vtrain-tui: configure, launch and watch Vertex AI training jobs in the terminal

Usage
  vtrain-tui [options]               open the app (local emulator unless a project is set up)
  vtrain-tui emulator start          start the shared local emulator service (background)
  vtrain-tui emulator status         is it running? pid, port, uptime, jobs (exit 3: no)
  vtrain-tui emulator stop           stop it (running jobs end, replicas stopped)
  vtrain-tui emulator serve [opts]   run the local Vertex AI emulator in the foreground
  vtrain-tui validate --config FILE  check a gcloud --config YAML or REST JSON job offline
                                     (exit 0 valid; 2 with one "field: problem [rule] → fix" line each)
  vtrain-tui submit --config FILE [--dry-run] [--wait] [--json] [--package-path DIR]
                                     create the job once (--dry-run: print the request only;
                                     --wait: follow it, exit 0 succeeded / 1 failed or cancelled)
  vtrain-tui new --from FILE         open the wizard at the review of that job file

Options
  --data-dir DIR    where the local emulator keeps jobs, logs and buckets
                    (default: $VTRAIN_DATA_DIR or ~/.local/share/vtrain-tui)
  --python PATH     interpreter that runs local replicas (default: $VTRAIN_PYTHON or python3)
  --project ID      project id used in resource names (default: local-project)
  --region REGION   region (default: us-central1)
  --display-name N  validate/submit/new: the job's display name (default: the file's name)
  --json            validate/submit: machine-readable output
  --port N          emulator serve: port on 127.0.0.1 (default: a free port)
  --idle-minutes N  emulator start/serve: stop after N idle minutes (0 = never)
  --log-max-entries N, --log-max-mb N, --log-max-age-days N
                    emulator start/serve: log retention (see readme)
  -h, --help        show this help
  -v, --version     print the version

Exit codes: 0 ok · 1 failed · 2 usage or invalid job · 3 not found · 4 credentials/permission
Keys in the app: enter choose · q/esc back · ctrl+c quit
`);
} else {
  // Ink switches to a one-final-frame mode when CI is set; in a real terminal the user wants the
  // live app, and Ink reads CI when the bundle loads, so decide before importing it.
  if (process.stdin.isTTY && process.stdout.isTTY) process.env.CI = 'false';
  const {main} = await import('../dist/cli.js');
  await main(argv, {binScript: fileURLToPath(import.meta.url)});
}
