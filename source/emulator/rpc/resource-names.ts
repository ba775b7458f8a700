// Vertex AI's and Cloud Logging's resource names, written and read in this one module so every
// service agrees on them: a parent `projects/P/locations/L`, a resource in one of its collections
// `projects/P/locations/L/<collection>/ID` (customJobs, hyperparameterTuningJobs,
// trainingPipelines, datasets, operations, models) and a log `projects/P/logs/LOG_ID`
// (https://cloud.google.com/apis/design/resource_names, https://google.aip.dev/122).
import {invalidArgument} from './grpc-errors.js';

/** Where a resource lives: its project and location. */
export interface ResourceParent {
  project: string;
  location: string;
}

/** A resource's parent and its id in the collection. */
export interface ParsedName extends ResourceParent {
  id: string;
}

const PARENT = /^projects\/([^/]+)\/locations\/([^/]+)$/;

/** `projects/P/locations/L`. */
export function parentName({project, location}: ResourceParent): string {
  return `projects/${project}/locations/${location}`;
}

/** `projects/P/locations/L/<collection>/ID`. */
export function resourceName(parent: ResourceParent, collection: string, id: string): string {
  return `${parentName(parent)}/${collection}/${id}`;
}

/** The last segment of a resource name: its id (`''` for no name). */
export function resourceId(name: string | undefined): string {
  return name?.split('/').pop() ?? '';
}

/** A request's `parent`, or the INVALID_ARGUMENT Vertex gives for a malformed one. */
export function parseParent(parent: string | undefined): ResourceParent {
  const match = PARENT.exec(parent ?? '');
  if (!match)
    throw invalidArgument(`parent must look like projects/*/locations/*; got "${parent ?? ''}".`);
  return {project: match[1] as string, location: match[2] as string};
}

/**
 * A request's `name` of a resource in `collection`, or the INVALID_ARGUMENT Vertex gives for a
 * malformed one; `id` is the pattern ids must match (operation ids are decimal).
 */
export function parseResourceName(
  name: string | undefined,
  collection: string,
  id = '[^/]+',
): ParsedName {
  const match = new RegExp(`^projects/([^/]+)/locations/([^/]+)/${collection}/(${id})$`).exec(
    name ?? '',
  );
  if (!match)
    throw invalidArgument(
      `name must look like projects/*/locations/*/${collection}/*; got "${name}".`,
    );
  return {project: match[1] as string, location: match[2] as string, id: match[3] as string};
}

/**
 * The parent of the first `<collection>` resource name found anywhere in `text` (a damaged
 * record whose JSON no longer parses), if any.
 */
export function parentInText(text: string, collection: string): ResourceParent | undefined {
  const match = new RegExp(`projects/([^/"]+)/locations/([^/"]+)/${collection}/`).exec(text);
  return match ? {project: match[1] as string, location: match[2] as string} : undefined;
}

/** `projects/P/logs/LOG_ID`, the log id URL-encoded as Cloud Logging requires. */
export function logName(project: string, logId: string): string {
  return `projects/${project}/logs/${encodeURIComponent(logId)}`;
}

const LOG_RESOURCE = /^(projects|organizations|folders|billingAccounts)\/[^/]+(\/.*)?$/;

/** Whether `name` can be an entry of ListLogEntries' `resource_names` (`projects/P`, …). */
export function isLogResourceName(name: string): boolean {
  return LOG_RESOURCE.test(name);
}

/** Whether a log named `logName` belongs to the resource `resource` (`projects/P`). */
export function isLogOf(logName: string, resource: string): boolean {
  return logName.startsWith(`${resource}/logs/`);
}
