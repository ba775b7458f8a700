// Vertex mode's Session: the official clients (in the API worker) on the regional endpoints with
// Application Default Credentials, and staging through @google-cloud/storage. Failures to open
// are explained (explain-error.ts) and carry the script commands' exit code.
import type {ResolvedBackend} from './resolve-backend.js';
import {gcsObjectStore, type ObjectStore} from './object-store.js';
import {previewStagedDraft, stageDraftPackages} from './stage-packages.js';
import {backendStatusLabel} from './status-label.js';
import type {Backend} from '../vertex/connection.js';
import {
  explainApiError,
  formatExplained,
  setSessionErrorContext,
  type ExplainedError,
} from '../vertex/explain-error.js';
import {JobService} from '../vertex/job-service.js';
import type {Session} from './session.js';
import {createWorkerApi} from '../vertex/worker-api.js';

/** The backend could not be opened; `message` is the explained one-liner with its fix. */
export class BackendOpenError extends Error {
  constructor(
    readonly explained: ExplainedError,
    readonly exitCode = explained.exitCode,
  ) {
    super(formatExplained(explained));
    this.name = 'BackendOpenError';
  }
}

export interface VertexSessionOptions {
  resolved: ResolvedBackend;
  workerScript: string;
}

export async function openVertexSession(options: VertexSessionOptions): Promise<Session> {
  const {resolved} = options;
  const context = {
    ...(resolved.project && {project: resolved.project.value}),
    region: resolved.region.value,
    ...(resolved.account && {account: resolved.account.value}),
    ...(resolved.quotaProject && {quotaProject: resolved.quotaProject.value}),
  };
  const [problem] = resolved.problems;
  if (problem || !resolved.project || !resolved.endpoints)
    throw new BackendOpenError({kind: 'other', summary: problem ?? 'no project', exitCode: 2});
  // No credentials anywhere: say so now rather than load the clients to find out.
  if (resolved.credentials.kind === 'none')
    throw new BackendOpenError(
      explainApiError(new Error('Could not load the default credentials.'), context),
    );
  if (resolved.credentials.kind === 'file' && resolved.credentials.problem)
    throw new BackendOpenError({
      kind: 'credentials',
      summary: `The credentials file ${resolved.credentials.path} (${resolved.credentials.from}) is unusable: ${resolved.credentials.problem}`,
      nextStep:
        'run `gcloud auth application-default login`, or point GOOGLE_APPLICATION_CREDENTIALS at a valid key file',
      exitCode: 4,
    });
  const endpoints = resolved.endpoints;
  const backend: Backend = {
    kind: 'vertex',
    project: resolved.project.value,
    region: resolved.region.value,
    endpoints,
  };
  let api;
  try {
    api = await createWorkerApi(backend, options.workerScript);
  } catch (error) {
    throw new BackendOpenError(explainApiError(error, context));
  }
  // Kept after close: a script command explains its failure after closing the session.
  setSessionErrorContext(context);
  let store: Promise<ObjectStore> | undefined;
  const objectStore = () =>
    (store ??= gcsObjectStore({
      apiEndpoint: endpoints.storage.url,
      projectId: backend.project,
      useAuthWithCustomEndpoint: endpoints.storage.source !== 'env STORAGE_EMULATOR_HOST',
    }));
  return {
    backend,
    api,
    jobs: new JobService(api.jobs),
    label: backendStatusLabel(resolved, api.identity),
    async stagePackages(draft, onProgress) {
      const staged = await stageDraftPackages(draft, await objectStore(), {
        region: backend.region,
        ...(resolved.stagingBucket && {stagingBucket: resolved.stagingBucket.value}),
        ...(onProgress && {onProgress}),
      });
      return staged.draft;
    },
    previewPackages: (draft) =>
      previewStagedDraft(draft, {
        ...(resolved.stagingBucket && {stagingBucket: resolved.stagingBucket.value}),
      }),
    ...(resolved.stagingBucket && {
      stagingBucket: resolved.stagingBucket.value.replace(/^gs:\/\//, '').replace(/\/.*$/, ''),
    }),
    close: () => api.close(),
  };
}
