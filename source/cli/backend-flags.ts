// The flags every script command shares to say where its jobs are (--data-dir, --python,
// --project, --region) and their resolution into a BackendChoice, the input of openSession.
import path from 'node:path';
import type {BackendChoice} from '../backend/open-session.js';
import type {MainContext} from '../cli.js';
import {defaultDataDir} from './environment.js';

export const BACKEND_FLAGS = {
  'data-dir': {type: 'string'},
  python: {type: 'string'},
  project: {type: 'string'},
  region: {type: 'string'},
} as const;

export const DEFAULT_PROJECT = 'local-project';
export const DEFAULT_REGION = 'us-central1';

export interface BackendFlagValues {
  'data-dir'?: string | undefined;
  python?: string | undefined;
  project?: string | undefined;
  region?: string | undefined;
}

export function backendChoice(values: BackendFlagValues, context: MainContext): BackendChoice {
  return {
    project: values.project ?? DEFAULT_PROJECT,
    region: values.region ?? DEFAULT_REGION,
    dataDir: path.resolve(values['data-dir'] ?? defaultDataDir()),
    python: values.python ?? process.env.VTRAIN_PYTHON ?? 'python3',
    binScript: context.binScript,
  };
}
