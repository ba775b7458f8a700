// Finds a job from what a user types: its full resource name (the type follows from the
// collection), its numeric id, or its display name (what the job list shows first), each looked
// up across the three job types of the project and region. A display name is found with the List
// calls' `display_name="…"` filter, which Vertex documents for ListCustomJobs,
// ListHyperparameterTuningJobs and ListTrainingPipelines (ListCustomJobsRequest.filter in
// google/cloud/aiplatform/v1/job_service.proto: "`display_name` supports `=`, `!=` comparisons,
// and `:` wildcard"); display names need not be unique, so more than one match asks for the id.
import {
  ApiError,
  JOB_KINDS,
  type JobKind,
  type JobsApi,
  type ResourceMessage,
} from '../vertex/api.js';

const COLLECTIONS: Record<string, JobKind> = {
  customJobs: 'custom',
  hyperparameterTuningJobs: 'hptuning',
  trainingPipelines: 'pipeline',
};
const COLLECTION_OF: Record<JobKind, string> = {
  custom: 'customJobs',
  hptuning: 'hyperparameterTuningJobs',
  pipeline: 'trainingPipelines',
};

const NOT_FOUND = 5;
const UNIMPLEMENTED = 12;

export class JobNotFound extends Error {}
export class BadJobReference extends Error {}

export function jobName(parent: string, kind: JobKind, id: string): string {
  return `${parent}/${COLLECTION_OF[kind]}/${id}`;
}

export type ParsedJobReference =
  {kind: JobKind; name: string} | {id: string} | {displayName: string};

/** The parts of a job's full resource name; undefined when `name` is not one. */
export function parseJobName(
  name: string,
): {kind: JobKind; project: string; region: string; id: string} | undefined {
  const match = /^projects\/([^/]+)\/locations\/([^/]+)\/([A-Za-z]+)\/(\d+)$/.exec(name);
  const kind = match ? COLLECTIONS[match[3]!] : undefined;
  return match && kind ? {kind, project: match[1]!, region: match[2]!, id: match[4]!} : undefined;
}

export function parseJobReference(reference: string): ParsedJobReference {
  const trimmed = reference.trim();
  if (/^\d+$/.test(trimmed)) return {id: trimmed};
  if (trimmed && !trimmed.startsWith('projects/')) return {displayName: trimmed};
  const parts = parseJobName(trimmed);
  if (!parts)
    throw new BadJobReference(
      `"${reference}" is not a job: give its numeric id, its display name or its full name (projects/P/locations/R/customJobs|hyperparameterTuningJobs|trainingPipelines/ID)`,
    );
  return {kind: parts.kind, name: trimmed};
}

const missing = (error: unknown) =>
  error instanceof ApiError && (error.code === NOT_FOUND || error.code === UNIMPLEMENTED);

export async function findJob(
  jobs: JobsApi,
  parent: string,
  reference: string,
): Promise<{kind: JobKind; resource: ResourceMessage}> {
  const parsed = parseJobReference(reference);
  if ('displayName' in parsed) return findByDisplayName(jobs, parent, parsed.displayName);
  if ('name' in parsed) {
    try {
      return {kind: parsed.kind, resource: await jobs.getJob(parsed.kind, parsed.name)};
    } catch (error) {
      if (missing(error)) throw new JobNotFound(`no job ${parsed.name}`);
      throw error;
    }
  }
  const attempts = await Promise.all(
    JOB_KINDS.map(async (kind) => {
      try {
        return {kind, resource: await jobs.getJob(kind, jobName(parent, kind, parsed.id))};
      } catch (error) {
        if (missing(error)) return undefined;
        throw error;
      }
    }),
  );
  const found = attempts.find((attempt) => attempt !== undefined);
  if (!found)
    throw new JobNotFound(
      `no custom job, tuning job or training pipeline ${parsed.id} in ${parent}`,
    );
  return found;
}

/** An AIP-160 string literal: backslash before `"` and `\\` (https://google.aip.dev/160#literals). */
export function filterString(value: string): string {
  return `"${value.replace(/[\\"]/g, (ch) => `\\${ch}`)}"`;
}

async function findByDisplayName(
  jobs: JobsApi,
  parent: string,
  displayName: string,
): Promise<{kind: JobKind; resource: ResourceMessage}> {
  const filter = `display_name=${filterString(displayName)}`;
  const pages = await Promise.all(
    JOB_KINDS.map(async (kind) => {
      try {
        const page = await jobs.listJobs(kind, {parent, filter, pageSize: 10});
        return page.items.map((resource) => ({kind, resource}));
      } catch (error) {
        if (missing(error)) return [];
        throw error;
      }
    }),
  );
  // The filter is the server's; the exact comparison here keeps a server that reads `=` loosely
  // (or ignores the filter) from picking the wrong job.
  const matches = pages.flat().filter(({resource}) => resource.displayName === displayName);
  if (matches.length === 1) return matches[0]!;
  if (matches.length === 0)
    throw new JobNotFound(
      `no job named "${displayName}" and no job with that id in ${parent} (vtrain-tui jobs list shows names and ids)`,
    );
  const ids = matches.map(({resource}) =>
    String(resource.name ?? '')
      .split('/')
      .pop(),
  );
  throw new BadJobReference(
    `"${displayName}" names ${matches.length} jobs in ${parent} (ids ${ids.join(', ')}): give the id of the one you mean`,
  );
}
