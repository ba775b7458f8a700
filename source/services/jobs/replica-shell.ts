// How the app opens a shell in a replica: on the local emulator, the user's shell run in the
// replica's folder with the replica's environment, as the emulator recorded them
// (emulator/contract/replica-shell.ts); on Vertex, the replica's interactive-shell URI
// (CustomJob.web_access_uris / Trial.web_access_uris, keyed "workerpool0-0"; custom_job.proto and
// https://cloud.google.com/vertex-ai/docs/training/monitor-debug-interactive-shell). The shell
// is an argv, never a string: nothing from the job reaches a command line.
import path from 'node:path';
import type {ReplicaShellInfo} from '../../emulator/contract/replica-shell.js';

export interface ShellLaunch {
  command: string;
  args: string[];
  cwd: string;
  env: Record<string, string>;
}

/**
 * The user's $SHELL (an absolute path; /bin/sh otherwise) with no arguments — interactive, as its
 * stdin is the terminal — in the replica's folder with exactly the replica's environment. Only
 * TERM (and COLORTERM) come from the app: they describe the user's terminal, not the job.
 */
export function shellLaunch(
  info: Pick<ReplicaShellInfo, 'cwd' | 'env'>,
  appEnv: NodeJS.ProcessEnv = process.env,
): ShellLaunch {
  const userShell = appEnv.SHELL;
  const command = userShell && path.isAbsolute(userShell) ? userShell : '/bin/sh';
  const env: Record<string, string> = {...info.env};
  for (const name of ['TERM', 'COLORTERM'] as const) {
    const value = appEnv[name];
    if (value !== undefined) env[name] = value;
  }
  return {command, args: [], cwd: info.cwd, env};
}

/** A job's or trial's web_access_uris, as the client returns the map (a plain object). */
export function webAccessUris(resource: unknown): Record<string, string> {
  const uris = (resource as {webAccessUris?: unknown} | undefined)?.webAccessUris;
  if (!uris || typeof uris !== 'object') return {};
  const result: Record<string, string> = {};
  const entries = uris instanceof Map ? [...uris.entries()] : Object.entries(uris);
  for (const [key, value] of entries)
    if (typeof key === 'string' && typeof value === 'string' && value) result[key] = value;
  return result;
}
