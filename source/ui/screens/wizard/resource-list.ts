// The persistent resources of the job's project and region for the Options step's choice, read
// through the same VertexApi.persistentResources.listPersistentResources the resources screen
// uses, and what the wizard makes of them: one option per resource (name, pools with machine and
// used/total replicas), those the job cannot run on kept in the list but not selectable, with the
// reason (persistent-resource-match.ts); the line under the field; and the review's problem when
// the chosen resource no longer fits the job as configured. Vertex runs a job only on a resource
// "in the same Project and Location" (custom_job.proto CustomJobSpec.persistent_resource_id).
import type {JobDraft, Problem} from '../../../core/job-spec/index.js';
import type {PersistentResourcesApi, ResourceMessage} from '../../../services/vertex/api.js';
import {explainApiError} from '../../../services/vertex/explain-api-error.js';
import {
  persistentResourceFit,
  poolsText,
  summarisePersistentResource,
  type Fit,
  type PoolNeed,
} from '../../../services/vertex/persistent-resource-match.js';

export type ResourceListing =
  | {state: 'loading'; parent: string}
  | {state: 'ready'; parent: string; resources: ResourceMessage[]}
  | {state: 'failed'; parent: string; message: string; next: string};

export async function listResourcesForWizard(
  api: Pick<PersistentResourcesApi, 'listPersistentResources'>,
  parent: string,
): Promise<ResourceListing> {
  try {
    return {state: 'ready', parent, resources: await api.listPersistentResources(parent)};
  } catch (error) {
    const explained = explainApiError(error);
    return {state: 'failed', parent, message: explained.message, next: explained.next};
  }
}

export const resourceParent = (draft: JobDraft) =>
  `projects/${draft.project}/locations/${draft.region}`;

/** The choice's value for "type an id" (ids never hold a colon). */
export const TYPED = ':typed';

export interface ResourceOption {
  value: string;
  label: string;
  /** Why the job cannot run on it (the option is shown, not selectable). */
  disabled?: string;
}

/** What the job asks of a resource: each used worker pool, its network and CMEK key. */
export function jobFit(resource: ResourceMessage, draft: JobDraft): Fit {
  const pools: (PoolNeed | undefined)[] = draft.workerPools.map(
    (pool) =>
      pool && {
        machine: pool.machine,
        replicaCount: pool.replicaCount,
        ...(pool.bootDiskType && {bootDiskType: pool.bootDiskType}),
      },
  );
  return persistentResourceFit(resource, pools, {
    ...(draft.network && {network: draft.network}),
    ...(draft.encryptionKeyName && {kmsKeyName: draft.encryptionKeyName}),
  });
}

const idOf = (resource: ResourceMessage) =>
  String(resource.name ?? '')
    .split('/')
    .pop() ?? '';

/** The listed resources when there is at least one to choose from (else the id is typed). */
export function listedResources(listing: ResourceListing | undefined): ResourceMessage[] {
  return listing?.state === 'ready' ? listing.resources : [];
}

/** The chosen id is typed by hand: set, and not one of the listed resources. */
export function isTypedResource(draft: JobDraft, listing: ResourceListing | undefined): boolean {
  const id = draft.persistentResourceId;
  return id !== undefined && !listedResources(listing).some((r) => idOf(r) === id);
}

/** none; the resources the job fits, then those it does not (with why); type an id. */
export function resourceOptions(
  draft: JobDraft,
  listing: ResourceListing | undefined,
): ResourceOption[] {
  const rows = listedResources(listing).map((resource) => {
    const summary = summarisePersistentResource(resource);
    const fit = jobFit(resource, draft);
    const label = `${summary.id} · ${poolsText(summary) || 'no pools'}`;
    return fit.fits
      ? {value: summary.id, label}
      : {value: summary.id, label, disabled: `not offered: ${fit.reason}`};
  });
  return [
    {value: '', label: 'none: the job gets its own machines'},
    ...rows.filter((row) => !row.disabled),
    ...rows.filter((row) => row.disabled),
    {value: TYPED, label: 'another: type its id'},
  ];
}

/** The line under the field: loading, why the list failed, none, or how many fit. */
export function resourceNote(
  draft: JobDraft,
  listing: ResourceListing | undefined,
): string | undefined {
  if (!listing) return undefined;
  const where = listing.parent;
  if (listing.state === 'loading') return `listing the persistent resources of ${where}…`;
  if (listing.state === 'failed')
    return `could not list the persistent resources of ${where}: ${listing.message} → ${listing.next}; or type an id`;
  if (listing.resources.length === 0)
    return `${where} has no persistent resources → create one (P on the job list), or type an id`;
  const fitting = listing.resources.filter((r) => jobFit(r, draft).fits).length;
  const others = listing.resources.length - fitting;
  return `${fitting} of ${listing.resources.length} persistent resources in ${where} fit this job${others ? `; enter lists why the other${others > 1 ? 's do' : ' does'} not` : ''}`;
}

const FIT_RULE = 'persistent-resource-fit';

/**
 * The chosen resource, judged against the listing the wizard last read: an error when Vertex
 * refuses the job on it (not RUNNING, inconsistent network or key, no pool of the machine and disk,
 * too many replicas); a warning when its pool is busy now (running jobs may end) or when it is not
 * in the list (created since, or a mistyped id).
 */
export function resourceProblems(draft: JobDraft, listing: ResourceListing | undefined): Problem[] {
  const id = draft.persistentResourceId;
  if (!id || listing?.state !== 'ready' || draft.trainingType !== 'custom') return [];
  const problem = (severity: Problem['severity'], message: string, fix: string): Problem[] => [
    {
      path: 'persistentResourceId',
      field: 'persistentResourceId',
      rule: FIT_RULE,
      severity,
      message,
      fix,
    },
  ];
  const resource = listing.resources.find((r) => idOf(r) === id);
  if (!resource)
    return problem(
      'warning',
      `persistent resource ${id} is not among those listed in ${listing.parent}; a job runs only on one in its own project and region`,
      'choose one from the list (Options), create it (P on the job list), or check the id',
    );
  const fit = jobFit(resource, draft);
  if (fit.fits) return [];
  return problem(
    fit.kind === 'busy' ? 'warning' : 'error',
    `persistent resource ${id} does not fit this job: ${fit.reason}`,
    fit.fix,
  );
}
