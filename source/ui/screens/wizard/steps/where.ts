// The Where step: the backend (local emulator or Vertex AI), project, region and staging bucket,
// each saying where the app found its value, and when submit must reopen the app elsewhere.
import type {JobDraft} from '../../../../core/job-spec/index.js';
import {
  defineStep,
  type Field,
  type FieldContext,
  type SessionTarget,
  type WhereKey,
} from './field-kit.js';

const BACKEND_LABEL = {local: 'local emulator', vertex: 'Vertex AI'} as const;

/** The backend a draft goes to: its own choice, else the session's. */
export function draftBackend(draft: JobDraft, session?: SessionTarget): 'local' | 'vertex' {
  return draft.backend ?? session?.backend ?? 'local';
}

/** Submit reopens the session when the draft names another backend, project or region. */
export function needsReopen(draft: JobDraft, session: SessionTarget | undefined): boolean {
  if (!session) return false;
  return (
    draftBackend(draft, session) !== session.backend ||
    draft.project !== session.project ||
    draft.region !== session.region ||
    // A session bound to a staging bucket uploads there: another bucket needs another session.
    (session.stagingBucket !== undefined &&
      stagingBucketOf(draft) !== '' &&
      stagingBucketOf(draft) !== session.stagingBucket)
  );
}

/** "from gcloud config …" when the value is still the one the app resolved. */
function sourceNote(ctx: FieldContext, key: WhereKey, current: string): string | undefined {
  const resolved = ctx.sources?.[key];
  return resolved && resolved.value === current ? `from ${resolved.source}` : undefined;
}

/** The bucket the local package folders are uploaded to (the first part of their gs:// URI). */
export function stagingBucketOf(draft: JobDraft): string {
  for (const pool of draft.workerPools) {
    if (pool?.task.kind === 'python-package' && pool.task.localPackagePath) {
      const match = /^gs:\/\/([^/]+)\//.exec(pool.task.packageUris[0] ?? '');
      if (match) return match[1] ?? '';
    }
  }
  return '';
}

const FIELDS: Field[] = [
  {
    id: 'backend',
    label: 'Backend',
    kind: 'choice',
    hint: 'the local emulator runs the code here; Vertex AI needs a Google Cloud project',
    options: () => [
      {value: 'local', label: 'local emulator (runs the code on this machine)'},
      {value: 'vertex', label: 'Vertex AI (Google Cloud)'},
    ],
    // Before the session is open, the backend the app resolved.
    get: (draft, ctx) =>
      draft.backend ??
      ctx.session?.backend ??
      (ctx.sources?.backend?.value === 'vertex' ? 'vertex' : 'local'),
    set: (draft, value) => ({...draft, backend: value === 'vertex' ? 'vertex' : 'local'}),
    note: (draft, ctx) => {
      if (!needsReopen(draft, ctx.session))
        return sourceNote(ctx, 'backend', draftBackend(draft, ctx.session));
      const to = `${BACKEND_LABEL[draftBackend(draft, ctx.session)]} · ${draft.project} · ${draft.region}`;
      return `submit reopens the app on ${to} (the app runs on ${BACKEND_LABEL[ctx.session!.backend]} · ${ctx.session!.project} · ${ctx.session!.region} now); the job list then shows that project`;
    },
  },
  {
    id: 'project',
    label: 'Project',
    kind: 'text',
    get: (draft) => draft.project,
    note: (draft, ctx) => sourceNote(ctx, 'project', draft.project),
    set: (draft, text) =>
      /^[a-z][a-z0-9-]{4,28}[a-z0-9]$/.test(text.trim())
        ? {...draft, project: text.trim()}
        : 'a project id is 6–30 lowercase letters, digits or hyphens, starting with a letter',
  },
  {
    id: 'region',
    label: 'Region',
    kind: 'choice',
    hint: 'only regions that offer custom training (the catalog lists them)',
    note: (draft, ctx) => sourceNote(ctx, 'region', draft.region),
    options: (_draft, ctx) => ctx.catalog.regions.map((region) => ({value: region, label: region})),
    get: (draft) => draft.region,
    set: (draft, region) => ({...draft, region}),
  },
  {
    id: 'stagingBucket',
    label: 'Staging bucket',
    kind: 'text',
    hint: 'where local package folders are uploaded at submit',
    when: (draft) => stagingBucketOf(draft) !== '',
    note: (draft, ctx) => sourceNote(ctx, 'stagingBucket', stagingBucketOf(draft)),
    get: stagingBucketOf,
    set: (draft, text) => {
      const bucket = text
        .trim()
        .replace(/^gs:\/\//, '')
        .replace(/\/.*$/, '');
      if (!/^[a-z0-9][a-z0-9._-]{1,220}[a-z0-9]$/.test(bucket))
        return 'a bucket name is 3–222 lowercase letters, digits, dots, _ or -';
      const pools = draft.workerPools.map((pool) =>
        pool?.task.kind === 'python-package' && pool.task.localPackagePath
          ? {
              ...pool,
              task: {
                ...pool.task,
                packageUris: pool.task.packageUris.map((uri, i) =>
                  i === 0 ? uri.replace(/^gs:\/\/[^/]+\//, `gs://${bucket}/`) : uri,
                ),
              },
            }
          : pool,
      );
      return {...draft, workerPools: pools as JobDraft['workerPools']};
    },
  },
];

export const whereStep = defineStep({
  id: 'where',
  title: 'Where',
  kind: 'form',
  when: () => true,
  fields: FIELDS,
  claims: [{path: /^region$/, field: 'region'}],
  summary: (draft) => `${draft.project} · ${draft.region}`,
});
