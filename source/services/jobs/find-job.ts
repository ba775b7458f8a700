// Finds a job from what a user types: its full resource name (the type follows from the
// collection) or its numeric id, looked up across the three job types of the project and region.
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

export function parseJobReference(reference: string): {kind: JobKind; name: string} | {id: string} {
  const trimmed = reference.trim();
  if (/^\d+$/.test(trimmed)) return {id: trimmed};
  const match = /^projects\/[^/]+\/locations\/[^/]+\/([A-Za-z]+)\/(\d+)$/.exec(trimmed);
  const kind = match ? COLLECTIONS[match[1]!] : undefined;
  if (!match || !kind)
    throw new BadJobReference(
      `"${reference}" is not a job: give its numeric id or its full name (projects/P/locations/R/customJobs|hyperparameterTuningJobs|trainingPipelines/ID)`,
    );
  return {kind, name: trimmed};
}

const missing = (error: unknown) =>
  error instanceof ApiError && (error.code === NOT_FOUND || error.code === UNIMPLEMENTED);

export async function findJob(
  jobs: JobsApi,
  parent: string,
  reference: string,
): Promise<{kind: JobKind; resource: ResourceMessage}> {
  const parsed = parseJobReference(reference);
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
