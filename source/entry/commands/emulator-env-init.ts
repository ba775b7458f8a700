// `vtrain-tui emulator env-init [--shell bash|zsh|sh|fish] [--json]`: prints the environment that
// points gcloud (and Cloud Storage clients that honour STORAGE_EMULATOR_HOST) at the local
// emulator service of the data folder, starting the service when none runs, in the style of
// `gcloud beta emulators … env-init`:  eval "$(vtrain-tui emulator env-init)"
import path from 'node:path';
import {parseArgs} from 'node:util';
import {ensureService} from '../../services/backend/local-service.js';
import {UnsafeFileError} from '../../emulator/contract/private-files.js';
import {storageEndpoint} from '../../emulator/contract/storage-access.js';
import {shellQuote} from '../../core/job-spec/shell-quote.js';
import type {MainContext} from '../main-context.js';
import {DEFAULT_BACKGROUND_IDLE_MINUTES, serveArgs} from '../emulator-settings.js';
import {defaultDataDir} from '../environment.js';
import {EXIT} from '../exit-codes.js';

const SHELLS = ['bash', 'zsh', 'sh', 'fish'] as const;
type Shell = (typeof SHELLS)[number];

export interface EmulatorEndpoints {
  restPort: number;
  /** The Cloud Storage JSON API, with the token-bearing endpoint for STORAGE_EMULATOR_HOST. */
  storage?: {port: number; endpoint: string};
  accessTokenFile: string;
}

/** The variables, in the order they are printed. */
export function emulatorEnvironment(endpoints: EmulatorEndpoints): Array<[string, string]> {
  const rest = `http://127.0.0.1:${endpoints.restPort}/`;
  const variables: Array<[string, string]> = [
    ['CLOUDSDK_API_ENDPOINT_OVERRIDES_AIPLATFORM', rest],
    ['CLOUDSDK_API_ENDPOINT_OVERRIDES_LOGGING', rest],
    // gcloud's `monitoring` API override (its apis_map names the API `monitoring`); the REST
    // surface serves MetricService's v3 routes (google.api.http of metric_service.proto).
    ['CLOUDSDK_API_ENDPOINT_OVERRIDES_MONITORING', rest],
    ['CLOUDSDK_AUTH_ACCESS_TOKEN_FILE', endpoints.accessTokenFile],
  ];
  if (endpoints.storage) {
    // gcloud sends the access token as a bearer key; endpoint-only clients carry the path token.
    variables.push([
      'CLOUDSDK_API_ENDPOINT_OVERRIDES_STORAGE',
      `http://127.0.0.1:${endpoints.storage.port}/storage/v1/`,
    ]);
    variables.push(['STORAGE_EMULATOR_HOST', endpoints.storage.endpoint]);
  }
  return variables;
}

export function formatEnvironment(
  variables: Array<[string, string]>,
  shell: Shell | 'json',
): string {
  if (shell === 'json') return `${JSON.stringify(Object.fromEntries(variables), null, 2)}\n`;
  const line = ([name, value]: [string, string]) =>
    shell === 'fish'
      ? `set -gx ${name} ${shellQuote(value)};`
      : `export ${name}=${shellQuote(value)};`;
  return `${variables.map(line).join('\n')}\n`;
}

const USAGE =
  'usage: vtrain-tui emulator env-init [--shell bash|zsh|sh|fish] [--json] [--data-dir DIR] [--python PATH]';

export const usage = `${USAGE.replace(/^usage/, 'Usage')}\nPrint the exports that point gcloud at the local emulator: eval "$(vtrain-tui emulator env-init)"\n`;

function fail(message: string, code: number): number {
  process.stderr.write(`vtrain-tui emulator env-init: ${message}\n`);
  return code;
}

export async function run(argv: string[], context: MainContext): Promise<number> {
  let values;
  try {
    ({values} = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        shell: {type: 'string'},
        json: {type: 'boolean'},
        'data-dir': {type: 'string'},
        python: {type: 'string'},
      },
    }));
  } catch (error) {
    return fail(
      `${(error as Error).message.replace(/\. To specify.*$/s, '.')}\n${USAGE}`,
      EXIT.usage,
    );
  }
  const shell = values.shell ?? 'bash';
  if (!(SHELLS as readonly string[]).includes(shell)) {
    return fail(
      `--shell must be one of ${SHELLS.join(', ')}; got "${shell}".\n${USAGE}`,
      EXIT.usage,
    );
  }
  if (values.json && values.shell) return fail('use --json or --shell, not both.', EXIT.usage);
  const dataDir = path.resolve(values['data-dir'] ?? defaultDataDir());
  const python = values.python ?? process.env.VTRAIN_PYTHON ?? 'python3';
  try {
    const {info, started} = await ensureService({
      cliScript: context.binScript,
      dataDir,
      python,
      serveArgs: serveArgs({}, DEFAULT_BACKGROUND_IDLE_MINUTES),
    });
    if (info.restPort === undefined || info.accessTokenFile === undefined) {
      return fail(
        `the emulator service running for ${dataDir} (pid ${info.pid}) predates the HTTP/JSON surface or its per-endpoint access-token file; run \`vtrain-tui emulator stop\` and try again.`,
        EXIT.failed,
      );
    }
    const variables = emulatorEnvironment({
      restPort: info.restPort,
      ...(info.storagePort > 0 && {
        storage: {port: info.storagePort, endpoint: storageEndpoint(info)},
      }),
      accessTokenFile: info.accessTokenFile,
    });
    process.stdout.write(formatEnvironment(variables, values.json ? 'json' : (shell as Shell)));
    for (const note of info.portNotes ?? []) process.stderr.write(`vtrain-tui emulator: ${note}\n`);
    if (started) {
      process.stderr.write(
        `vtrain-tui emulator: started the local service (pid ${info.pid}, data dir ${dataDir}); it stops after ${DEFAULT_BACKGROUND_IDLE_MINUTES} idle minutes, and \`vtrain-tui emulator start\` brings it back on the same HTTP port (gcloud then works again; STORAGE_EMULATOR_HOST carries a token of this run only, so run env-init again for it).\n`,
      );
    }
    return EXIT.ok;
  } catch (error) {
    return fail(
      (error as Error).message,
      error instanceof UnsafeFileError ? EXIT.usage : EXIT.failed,
    );
  }
}
