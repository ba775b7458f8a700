// The Cloud console page of a job (facts §9.2: the Python SDK's `_dashboard_uri` after the
// "Agent Platform" rebrand; custom jobs, tuning jobs and pipelines share the training path).
import type {JobKind} from './api.js';

export function consoleUrl(_kind: JobKind, name: string): string | undefined {
  const match = /^projects\/([^/]+)\/locations\/([^/]+)\/[A-Za-z]+\/([^/]+)$/.exec(name);
  if (!match) return undefined;
  const [, project, location, id] = match;
  return `https://console.cloud.google.com/agent-platform/locations/${location}/training/${id}?project=${project}`;
}
