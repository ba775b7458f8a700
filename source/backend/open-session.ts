// The one place that turns "which backend, which project and region" into an open Session. The
// interactive app and every script command (jobs, logs, submit, doctor) go through it, so they
// always reach the same backend the same way.
import path from 'node:path';
import type {Session} from '../vertex/session.js';

export interface BackendChoice {
  project: string;
  region: string;
  dataDir: string;
  python: string;
  /** Absolute path of bin/vtrain-tui.js (starts the emulator service; locates dist/). */
  binScript: string;
}

/** dist/vertex-worker.js beside the bundle that bin/vtrain-tui.js loads. */
export function workerScriptFor(binScript: string): string {
  return path.resolve(path.dirname(binScript), '..', 'dist', 'vertex-worker.js');
}

/** Opens the backend (today: the local emulator service, started when none runs). */
export async function openSession(choice: BackendChoice): Promise<Session> {
  const {openLocalSession} = await import('../vertex/session.js');
  return openLocalSession({
    cliScript: choice.binScript,
    workerScript: workerScriptFor(choice.binScript),
    dataDir: choice.dataDir,
    python: choice.python,
    project: choice.project,
    region: choice.region,
  });
}
