// The one-line backend summary the app's status line shows, e.g.
// `Vertex AI · my-proj (from gcloud config "default") · us-central1 · me@example.com`.
// Sources are named only where they help: a value the user did not type in this command.
import type {ResolvedBackend, Sourced} from './resolve-backend.js';

function withSource(value: Sourced<string>): string {
  const typed = value.source.startsWith('--');
  return typed ? value.value : `${value.value} (from ${value.source})`;
}

/** Local mode: where the shared emulator service listens (it changes when it restarts). */
export function localStatusLabel(address: string, project: string, region: string): string {
  return `local emulator ready (${address}) · ${project} · ${region}`;
}

/** True when Google bills and checks the API against another project than the job's. */
export function quotaDiffers(resolved: ResolvedBackend): boolean {
  return Boolean(resolved.quotaProject && resolved.quotaProject.value !== resolved.project?.value);
}

export function backendStatusLabel(resolved: ResolvedBackend, identity?: string): string {
  if (resolved.backend.value === 'local') {
    return ['local emulator', resolved.project?.value ?? '', resolved.region.value]
      .filter(Boolean)
      .join(' · ');
  }
  const account = identity ?? resolved.account?.value;
  return [
    'Vertex AI',
    resolved.project ? withSource(resolved.project) : 'no project',
    withSource(resolved.region).replace(' (from default)', ''),
    account ?? 'account unknown',
    ...(quotaDiffers(resolved)
      ? [`billed to ${resolved.quotaProject!.value} (quota project)`]
      : []),
  ].join(' · ');
}

/** The status line while the backend opens. */
export function startingStatusLabel(resolved: ResolvedBackend | undefined): string {
  if (resolved?.backend.value !== 'vertex') return 'local emulator: starting…';
  return `Vertex AI · ${resolved.project?.value ?? 'no project'} · ${resolved.region.value}: checking credentials…`;
}
