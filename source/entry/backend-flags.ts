// The flags every script command shares to say where its jobs are: the backend flags of
// open-session.ts (--backend, --project, --region, --staging-bucket) plus the local emulator's
// --data-dir and --python, resolved exactly as the app resolves them.
import path from 'node:path';
import {
  BACKEND_FLAG_OPTIONS,
  backendFlags,
  resolveRun,
  type BackendChoice,
} from '../services/backend/open-session.js';
import type {MainContext} from './main-context.js';
import {defaultDataDir} from './environment.js';

export const BACKEND_FLAGS = {
  ...BACKEND_FLAG_OPTIONS,
  'data-dir': {type: 'string'},
  python: {type: 'string'},
} as const;

/** Resolves the flags (then environment, gcloud configuration, settings) into a BackendChoice. */
export async function backendChoice(
  values: Record<string, unknown>,
  context: MainContext,
): Promise<BackendChoice> {
  const run = await resolveRun(backendFlags(values));
  // Remarks that do not stop the command (a region outside the built-in list, …) go to stderr.
  for (const note of run.resolved.notes) process.stderr.write(`vtrain-tui: warning: ${note}\n`);
  const text = (name: string) =>
    typeof values[name] === 'string' ? (values[name] as string) : undefined;
  return {
    ...run.choice,
    dataDir: path.resolve(text('data-dir') ?? defaultDataDir()),
    python: text('python') ?? process.env.VTRAIN_PYTHON ?? 'python3',
    binScript: context.binScript,
  };
}

export {
  LOCAL_DEFAULT_PROJECT as DEFAULT_PROJECT,
  DEFAULT_REGION,
} from '../services/backend/resolve-backend.js';
