#!/usr/bin/env node
/* global setInterval, clearInterval */
// Tiny launcher: answers --help and --version without loading the app bundle (Ink, React or any
// Google client), then hands everything else to dist/cli.js.
import {readFileSync} from 'node:fs';
import nodeModule from 'node:module';
import v8 from 'node:v8';
import {fileURLToPath} from 'node:url';

const argv = process.argv.slice(2);
// Every command answers its own --help (and `help COMMAND`) in dist/cli.js; the app's --help and a
// bare `help` are this one.
const command = argv.find((arg) => !arg.startsWith('-'));
const bareHelp = argv.length === 1 && argv[0] === 'help';
const ownHelp = command !== undefined && !bareHelp;

if (argv.includes('--version') || argv.includes('-v')) {
  const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
  process.stdout.write(`${manifest.version}\n`);
} else if (bareHelp || (!ownHelp && (argv.includes('--help') || argv.includes('-h')))) {
  process.stdout
    .write(`vtrain-tui: configure, launch and watch Vertex AI training jobs in the terminal

Usage
  vtrain-tui [options]               open the app on the job list (the wizard when there is no job yet)
  vtrain-tui jobs list [--type T] [--state S] [--filter F] [--limit N] [--json]
                                     list custom jobs, tuning jobs and pipelines, newest first
  vtrain-tui jobs describe JOB [--json|--yaml]
  vtrain-tui jobs cancel JOB [--yes] cancel (asks on a terminal; --yes without one)
  vtrain-tui jobs wait JOB [--timeout DUR]
                                     block until the job ends (exit 0 succeeded, 1 failed, 5 timed out)
  vtrain-tui doctor [--json]         check Node, terminal, backend, project, region, credentials,
                                     endpoint, API, staging bucket, python3, emulator (exit 0: all ok)
  vtrain-tui emulator start          start the shared local emulator service (background)
  vtrain-tui emulator status         is it running? pid, port, uptime, jobs (exit 3: no)
  vtrain-tui emulator stop           stop it (running jobs end, replicas stopped)
  vtrain-tui emulator serve [opts]   run the local Vertex AI emulator in the foreground
  vtrain-tui emulator env-init       print exports that point gcloud at it:
                                     eval "$(vtrain-tui emulator env-init)" (--shell fish, --json)
  vtrain-tui validate --config FILE  check a gcloud --config YAML or REST JSON job offline
                                     (exit 0 valid; 2 with one "field: problem [rule] → fix" line each)
  vtrain-tui submit --config FILE [--dry-run] [--wait] [--json] [--package-path DIR]
                                     create the job once (--dry-run: print the request only;
                                     --wait: follow it, exit 0 succeeded / 1 failed or cancelled)
  vtrain-tui new --from FILE         open the wizard at the review of that job file
  vtrain-tui new --preset NAME       open the wizard at the review of a saved preset
  vtrain-tui logs JOB [opts]         print a job's log entries, each once, in time order
      JOB: a numeric id, a display name or projects/P/locations/R/customJobs/ID (or
           hyperparameterTuningJobs/ID, trainingPipelines/ID); the same for every JOB here
      -f, --follow      wait for new entries until the job ends; exit 0 succeeded, 1 failed
      --replica NAME    only this replica (e.g. workerpool1-0)
      --severity S      at least this severity (DEBUG, INFO, WARNING, ERROR, ...)
      --grep RE         only entries whose text matches this regular expression
      --since DUR       entries from DUR ago (90s, 15m, 2h, 7d) or an RFC 3339 time
      --timestamps      start each line with the entry's timestamp
      --json            one LogEntry per line in the Cloud Logging REST shape
  vtrain-tui top JOB [--json]        each replica's latest CPU, memory and GPU use (Cloud Monitoring)
  vtrain-tui prices refresh [--region R]... [--api-key KEY] [--dry-run]
                                     write Vertex AI training list prices from Google's Cloud
                                     Billing Catalog API into the settings file's catalog.prices

Exit codes of script commands: 0 ok, 1 failed (or the job failed), 2 usage or an invalid job,
3 not found, 4 credentials or permission, 5 still running when jobs wait --timeout ran out.

Options
  --data-dir DIR    where the local emulator keeps jobs, logs and buckets
                    (default: $VTRAIN_DATA_DIR or ~/.local/share/vtrain-tui)
  --python PATH     interpreter that runs local replicas (default: $VTRAIN_PYTHON or python3)
  --backend local|vertex
                    the local emulator or Vertex AI (default: $VTRAIN_BACKEND, else the last one
                    used, else local)
  --project ID      Google Cloud project id (default: $GOOGLE_CLOUD_PROJECT, $CLOUDSDK_CORE_PROJECT,
                    the active gcloud configuration's core/project, settings; local: local-project)
  --region REGION   region (default: $CLOUDSDK_AI_REGION, gcloud ai/region, settings, us-central1)
  --staging-bucket NAME
                    bucket for staged code packages (default: $VTRAIN_STAGING_BUCKET, settings)
  --read-only       the app hides every action that changes something
  --display-name N  validate/submit/new: the job's display name (default: the file's name)
  --json            validate/submit: machine-readable output
  --port N          emulator serve: port on 127.0.0.1 (default: a free port)
  --storage-port N  emulator serve: Cloud Storage JSON API port (default: a free port)
  --json            emulator status: one JSON object (pid, grpc, storage, dataDir, ...)
  --rest-port N     emulator serve: HTTP/JSON port (default: the last one, else a free port)
  --idle-minutes N  emulator start/serve: stop after N idle minutes (0 = never)
  --packages-in-image
                    emulator start/serve: run Python package pools inside their pre-built image
                    when the container engine has it locally (default: the local Python)
  --log-max-entries N, --log-max-mb N, --log-max-age-days N
                    emulator start/serve: log retention (see readme)
  -h, --help        show this help; COMMAND --help or \`vtrain-tui help COMMAND\`: that command's
                    usage
  -v, --version     print the version

Vertex AI (--backend vertex) uses Application Default Credentials (GOOGLE_APPLICATION_CREDENTIALS
or \`gcloud auth application-default login\`) and {region}-aiplatform.googleapis.com; endpoints
follow CLOUDSDK_API_ENDPOINT_OVERRIDES_AIPLATFORM, _LOGGING, _STORAGE and STORAGE_EMULATOR_HOST.

Keys in the app: ? shows every key of the screen · enter open/choose · q/esc back · ctrl+c quit
`);
} else {
  // Ink switches to a one-final-frame mode when CI is set; in a real terminal the user wants the
  // live app, and Ink reads CI when the bundle loads, so decide before importing it. Only when a CI
  // variable is there at all: Chalk's supports-color (and Node's getColorDepth) take 'CI' in env,
  // any value, 'false' included, for a CI log without colour, which turned every colour off and
  // the text fields' inverse cursor with it. So the terminal's own colour depth (read without the
  // CI variables) goes on as FORCE_COLOR, unless the user set FORCE_COLOR or NO_COLOR.
  // Ink's is-in-ci also counts any CI_* variable (CI_COMMIT_SHA and the like), so those too.
  const {env} = process;
  const ciNames = Object.keys(env).filter(
    (name) => name === 'CI' || name === 'CONTINUOUS_INTEGRATION' || name.startsWith('CI_'),
  );
  if (process.stdin.isTTY && process.stdout.isTTY && ciNames.length > 0) {
    const terminalEnv = {...env};
    for (const name of ciNames) delete terminalEnv[name];
    if (!('FORCE_COLOR' in env) && !('NO_COLOR' in env))
      env.FORCE_COLOR = String({4: 1, 8: 2, 24: 3}[process.stdout.getColorDepth(terminalEnv)] ?? 0);
    env.CI = 'false';
    if ('CONTINUOUS_INTEGRATION' in env) env.CONTINUOUS_INTEGRATION = 'false';
  }
  // Memory (bench/logs.mjs, 32 replicas at 20,000 lines/s, bench/README.md): evicted log lines die
  // in the old generation, which V8 lets grow to several times its live set, and on Node 24 the
  // young generation of a thread that renders 30 frames/s grows to 128 MB. So, for the app and
  // the script commands: full collections at 40% growth, and the young generation stops growing
  // once it is 32 MB (semi-space growth factor 1; the flag is read whenever the space grows). Set
  // at run time, process-wide, because a launcher cannot pass node flags portably; the API
  // worker's own young generation is capped where it starts (worker-api.ts). VTRAIN_V8_FLAGS
  // replaces both ("" keeps V8's defaults). The emulator server keeps the defaults: its
  // throughput matters more than its footprint.
  if (command !== 'emulator') {
    const ownFlags = process.env.VTRAIN_V8_FLAGS;
    if (ownFlags === undefined) {
      v8.setFlagsFromString('--heap-growing-percent=40');
      const YOUNG_CAP = 32 * 2 ** 20;
      const timer = setInterval(() => {
        const young = v8.getHeapSpaceStatistics().find((space) => space.space_name === 'new_space');
        if (!young || young.space_size < YOUNG_CAP) return;
        v8.setFlagsFromString('--semi-space-growth-factor=1');
        clearInterval(timer);
      }, 200);
      timer.unref();
    } else if (ownFlags.trim()) v8.setFlagsFromString(ownFlags);
  }
  // Node 22+: compiled code of the bundle's chunks cached on disk (a no-op on Node 20).
  const {enableCompileCache} = await import('./compile-cache.js');
  enableCompileCache(nodeModule, argv, process.env);
  const {main} = await import('../dist/cli.js');
  await main(argv, {binScript: fileURLToPath(import.meta.url)});
}
