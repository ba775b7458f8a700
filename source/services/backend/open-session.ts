// The one place that turns "which backend, which project and region" into an open Session. The
// interactive app and every script command (jobs, logs, submit, doctor) go through it, so they
// always reach the same backend the same way:
//   const run = await resolveRun(flags);        // flags → env → gcloud config → settings
//   const session = await openSession({...run.choice, dataDir, python, binScript});
import path from 'node:path';
import type {Session} from './session.js';
import {setSessionErrorContext} from '../vertex/explain-error.js';
import {resolveBackendChoice, type BackendFlags, type ResolvedBackend} from './resolve-backend.js';

export interface BackendChoice {
  project: string;
  region: string;
  dataDir: string;
  python: string;
  /** Absolute path of bin/vtrain-tui.js (starts the emulator service; locates dist/). */
  binScript: string;
  /** From resolveRun / resolveBackendChoice; without it: the local emulator with project/region. */
  resolved?: ResolvedBackend;
}

/** The flags every command that talks to a backend accepts (node:util parseArgs options). */
export const BACKEND_FLAG_OPTIONS = {
  backend: {type: 'string'},
  project: {type: 'string'},
  region: {type: 'string'},
  'staging-bucket': {type: 'string'},
} as const;

/** parseArgs values → BackendFlags. */
export function backendFlags(values: Record<string, unknown>): BackendFlags {
  const pick = (name: string) =>
    typeof values[name] === 'string' ? (values[name] as string) : undefined;
  const flags: BackendFlags = {};
  const backend = pick('backend');
  const project = pick('project');
  const region = pick('region');
  const stagingBucket = pick('staging-bucket');
  if (backend !== undefined) flags.backend = backend;
  if (project !== undefined) flags.project = project;
  if (region !== undefined) flags.region = region;
  if (stagingBucket !== undefined) flags.stagingBucket = stagingBucket;
  return flags;
}

export interface ResolvedRun {
  resolved: ResolvedBackend;
  /** project and region as plain strings, for BackendChoice. */
  choice: Pick<BackendChoice, 'project' | 'region' | 'resolved'>;
  /** Lines to show the user before anything else (a reset settings file, ignored fields). */
  warnings: string[];
  /** Records a backend chosen by flag or environment as "last used" (call once it opened). */
  remember(): Promise<void>;
}

/**
 * Resolves the backend for a run, reading the user's settings (conf) and the catalog's training
 * regions. Throws BackendFlagError for a bad --backend / VTRAIN_BACKEND (a usage error, exit 2).
 */
export async function resolveRun(
  flags: BackendFlags,
  env: Record<string, string | undefined> = process.env,
): Promise<ResolvedRun> {
  // The catalog's own file, not the job-spec index: the index brings the validation, the builders
  // and `yaml`, which no first frame needs (issue #22).
  const [{SettingsStore}, {BUILTIN_CATALOG}] = await Promise.all([
    import('../../core/settings/user-settings.js'),
    import('../../core/job-spec/catalog-data.js'),
  ]);
  const settings = await SettingsStore.open().catch(() => undefined);
  const resolved = resolveBackendChoice(flags, env, {
    ...(settings && {settings: settings.backendSettings()}),
    trainingRegions: BUILTIN_CATALOG.regions,
  });
  const recovery = settings?.recoveryMessage();
  const warnings = [...(recovery ? [recovery] : []), ...(settings?.loaded.problems ?? [])];
  return {
    resolved,
    choice: {
      project: resolved.project?.value ?? '',
      region: resolved.region.value,
      resolved,
    },
    warnings,
    async remember() {
      // A default needs no remembering (and a run that chose nothing writes no file).
      const chosen =
        resolved.backend.source === '--backend' || resolved.backend.source.startsWith('env');
      try {
        if (settings && chosen && settings.values.backend !== resolved.backend.value)
          await settings.set('backend', resolved.backend.value);
      } catch {
        // Remembering is a convenience; a read-only settings file must not fail the run.
      }
    },
  };
}

/** dist/vertex-worker.js beside the bundle that bin/vtrain-tui.js loads. */
export function workerScriptFor(binScript: string): string {
  return path.resolve(path.dirname(binScript), '..', 'dist', 'vertex-worker.js');
}

/**
 * Opens the backend: Vertex AI (ADC, regional endpoints; fails fast with an explained
 * BackendOpenError) or the local emulator service, started when none runs.
 */
export async function openSession(choice: BackendChoice): Promise<Session> {
  if (choice.resolved?.backend.value === 'vertex') {
    const {openVertexSession} = await import('./vertex-session.js');
    return openVertexSession({
      resolved: choice.resolved,
      workerScript: workerScriptFor(choice.binScript),
    });
  }
  // No quota project or account of a Vertex session opened before in this process applies here.
  setSessionErrorContext({project: choice.project, region: choice.region});
  const {openLocalSession} = await import('./session.js');
  return openLocalSession({
    cliScript: choice.binScript,
    workerScript: workerScriptFor(choice.binScript),
    dataDir: choice.dataDir,
    python: choice.python,
    project: choice.project,
    region: choice.region,
  });
}
