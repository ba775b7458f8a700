// `vtrain-tui doctor [--json]`: checks Node, the terminal, the backend, project, region,
// credentials, the quota project, the regional endpoint, the Vertex AI API, Cloud Logging, the
// staging bucket, python3, the container engine for local custom containers and the local
// emulator, one line each with the fix. Exit 0 only when
// every check passes; 4 when credentials, the API or log reading fail; 1 for any other failure;
// 2 for bad flags.
import path from 'node:path';
import {parseArgs} from 'node:util';
import type {MainContext} from '../main-context.js';
import type {createOfficialApi as createOfficialApiType} from '../../services/vertex/official-api.js';
import {
  BACKEND_FLAG_OPTIONS,
  backendFlags,
  resolveRun,
} from '../../services/backend/open-session.js';
import {BackendFlagError} from '../../services/backend/resolve-backend.js';
import {
  runDoctor,
  formatDoctor,
  type ContainerEngineFacts,
  type DoctorProbes,
  type EmulatorFacts,
} from '../../services/backend/doctor-checks.js';
import {safeText} from '../../core/text/safe-text.js';
import {defaultDataDir, findExecutable} from '../environment.js';
import {EXIT} from '../exit-codes.js';

/** tty getColorDepth() bits → 0 none, 1 sixteen, 2 256, 3 truecolour. */
const COLOR_LEVELS: Record<number, number> = {1: 0, 4: 1, 8: 2, 24: 3};

const USAGE =
  'Usage: vtrain-tui doctor [--json] [--backend local|vertex] [--project ID] [--region REGION] [--staging-bucket NAME] [--data-dir DIR] [--python PATH]';

export const usage = `${USAGE}\nCheck Node, terminal, backend, project, region, credentials, endpoint, API, staging bucket,\npython3 and the emulator, one line each with the fix (exit 0: all ok).\n`;

function usageError(message: string): number {
  process.stderr.write(`vtrain-tui doctor: ${message}\n${USAGE}\n`);
  return EXIT.usage;
}

async function pythonVersion(command: string): Promise<string | undefined> {
  const {execFile} = await import('node:child_process');
  return new Promise((resolve) => {
    execFile(command, ['--version'], {timeout: 5000}, (error, stdout, stderr) =>
      resolve(error ? undefined : `${stdout}${stderr}`.trim()),
    );
  });
}

async function emulatorFacts(dataDir: string): Promise<EmulatorFacts> {
  const [{serviceStatus}, {checkPrivate}, {emulatorPaths}, fs] = await Promise.all([
    import('../../services/backend/local-service.js'),
    import('../../emulator/contract/private-files.js'),
    import('../../emulator/contract/paths.js'),
    import('node:fs'),
  ]);
  const root = emulatorPaths(dataDir).root;
  let folderProblem: string | undefined;
  if (fs.existsSync(root)) {
    try {
      checkPrivate(root, 'directory');
    } catch (error) {
      folderProblem = (error as Error).message;
    }
  }
  if (folderProblem) return {running: false, folderProblem};
  const {describeLeftovers, findLeftoverReplicas} =
    await import('../../emulator/contract/leftover-replicas.js');
  const found = findLeftoverReplicas(dataDir);
  const leftovers = found.length > 0 ? {leftovers: describeLeftovers(found)} : {};
  try {
    const status = serviceStatus(dataDir);
    if (!status) return {running: false, ...leftovers};
    return {
      ...leftovers,
      running: true,
      pid: status.info.pid,
      address: `${status.info.host}:${status.info.port}`,
      python: status.info.python,
    };
  } catch (error) {
    return {running: false, folderProblem: (error as Error).message};
  }
}

/** The engine the local emulator would run custom containers under, asked as it asks. */
async function containerEngineFacts(): Promise<ContainerEngineFacts> {
  const {configuredEngines, findContainerEngine} =
    await import('../../emulator/contract/container-engine.js');
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(process.env))
    if (value !== undefined) env[name] = value;
  const probe = await findContainerEngine(configuredEngines(), env);
  if (!probe.ok) return probe;
  const {binary, kind, version, notes} = probe.engine;
  return {ok: true, binary, kind, version, notes, skipped: probe.tried};
}

export async function run(argv: string[], _context: MainContext): Promise<number> {
  let values;
  try {
    ({values} = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        ...BACKEND_FLAG_OPTIONS,
        json: {type: 'boolean'},
        'data-dir': {type: 'string'},
        python: {type: 'string'},
      },
    }));
  } catch (error) {
    return usageError(String((error as Error).message).replace(/\. To specify.*$/s, '.'));
  }
  let resolvedRun;
  try {
    resolvedRun = await resolveRun(backendFlags(values));
  } catch (error) {
    if (error instanceof BackendFlagError) return usageError(error.message);
    throw error;
  }
  const {resolved} = resolvedRun;
  const dataDir = path.resolve(values['data-dir'] ?? defaultDataDir());
  const pythonCommand = values.python ?? process.env.VTRAIN_PYTHON ?? 'python3';
  const pythonPath = findExecutable(pythonCommand);
  const {explainApiError} = await import('../../services/vertex/explain-error.js');
  const errorContext = {
    ...(resolved.project && {project: resolved.project.value}),
    region: resolved.region.value,
    ...(resolved.account && {account: resolved.account.value}),
    ...(resolved.quotaProject && {quotaProject: resolved.quotaProject.value}),
  };
  // One Vertex-mode API per network check (the app's own clients), always closed after it.
  const withVertexApi = async <T>(
    probe: (api: Awaited<ReturnType<typeof createOfficialApiType>>) => Promise<T>,
  ): Promise<T> => {
    const {createOfficialApi} = await import('../../services/vertex/official-api.js');
    const api = await createOfficialApi({
      kind: 'vertex',
      project: resolved.project!.value,
      region: resolved.region.value,
      endpoints: resolved.endpoints!,
    });
    try {
      return await probe(api);
    } finally {
      await api.close();
    }
  };
  const stdout = process.stdout;
  const probes: DoctorProbes = {
    nodeVersion: process.version,
    terminal: {
      isTTY: Boolean(stdout.isTTY),
      columns: stdout.columns ?? 0,
      rows: stdout.rows ?? 0,
      colorLevel: stdout.isTTY ? (COLOR_LEVELS[stdout.getColorDepth()] ?? 0) : 0,
    },
    resolved,
    python: {
      command: pythonCommand,
      ...(pythonPath && {path: pythonPath}),
      ...(pythonPath && {version: await pythonVersion(pythonPath)}),
    },
    emulator: () => emulatorFacts(dataDir),
    containerEngine: containerEngineFacts,
    async credentials() {
      const [{quietOffGoogleCloud}, {probeCredentials}] = await Promise.all([
        import('../../services/vertex/clients.js'),
        import('../../services/vertex/credential-probe.js'),
      ]);
      quietOffGoogleCloud({
        kind: 'vertex',
        project: resolved.project?.value ?? '',
        region: resolved.region.value,
        endpoints: resolved.endpoints!,
      });
      return probeCredentials(resolved.project?.value ?? '');
    },
    async endpoint() {
      await withVertexApi((api) =>
        api.jobs.listJobs('custom', {
          parent: `projects/${resolved.project!.value}/locations/${resolved.region.value}`,
          pageSize: 1,
        }),
      );
    },
    async logging() {
      // The log pane's own read (services/logs/job-log-engine.ts): entries.list on the project's
      // resource name; one entry is enough to prove logging.logEntries.list is granted.
      await withVertexApi((api) =>
        api.logging.listLogEntries({
          resourceNames: [`projects/${resolved.project!.value}`],
          filter: '',
          orderBy: 'timestamp desc',
          pageSize: 1,
          pageToken: '',
          asLines: true,
        }),
      );
    },
    async bucket(name) {
      const {gcsObjectStore} = await import('../../services/backend/object-store.js');
      const storage = resolved.endpoints!.storage;
      const store = await gcsObjectStore({
        apiEndpoint: storage.url,
        ...(resolved.project && {projectId: resolved.project.value}),
        useAuthWithCustomEndpoint: storage.source !== 'env STORAGE_EMULATOR_HOST',
      });
      return store.describeBucket(name);
    },
    explain: (error) => explainApiError(error, errorContext),
  };
  const report = await runDoctor(probes);
  if (values.json) {
    stdout.write(
      `${JSON.stringify({ok: report.ok, backend: resolved.backend.value, checks: report.checks}, null, 2)}\n`,
    );
  } else {
    for (const warning of resolvedRun.warnings) stdout.write(`note: ${safeText(warning)}\n`);
    const columns = stdout.isTTY ? stdout.columns : undefined;
    stdout.write(safeText(formatDoctor(report, columns), {multiline: true}));
  }
  return report.exitCode;
}
