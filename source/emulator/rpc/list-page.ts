// The List* behaviour every resource shares, as Vertex has it: parent check, filter (the job
// filter grammar), read_mask, page_size (default 100, at most 1000) and opaque page tokens bound
// to their filter.
import {invalidArgument, notFound} from './grpc-errors.js';
import {compileJobFilter, jobMatches} from './job-filter.js';
import type {JobRecord} from '../custom-job/job-record.js';
import {decodePageToken, encodePageToken} from './paging.js';
import {applyReadMask, checkReadMask} from './read-mask.js';

export const PARENT = /^projects\/([^/]+)\/locations\/([^/]+)$/;

export interface ListRequest {
  parent: string;
  filter?: string;
  pageSize?: number;
  pageToken?: string;
  readMask?: {paths?: string[]} | null;
}

export function parseParent(parent: string | undefined): {project: string; location: string} {
  const match = PARENT.exec(parent ?? '');
  if (!match)
    throw invalidArgument(`parent must look like projects/*/locations/*; got "${parent ?? ''}".`);
  return {project: match[1] as string, location: match[2] as string};
}

/**
 * The record a resource name points at (`projects/P/locations/L/<collection>/ID`), or the error
 * Vertex gives: INVALID_ARGUMENT for a malformed name, NOT_FOUND for one of another project,
 * another location or no record.
 */
export function findRecord<R extends {project: string; location: string}>(
  store: {get(id: string): R | undefined},
  name: string | undefined,
  collection: string,
  kind: string,
): R {
  const match = new RegExp(`^projects/([^/]+)/locations/([^/]+)/${collection}/([^/]+)$`).exec(
    name ?? '',
  );
  if (!match)
    throw invalidArgument(
      `name must look like projects/*/locations/*/${collection}/*; got "${name}".`,
    );
  const record = store.get(match[3] as string);
  if (!record || record.project !== match[1] || record.location !== match[2])
    throw notFound(`The ${kind} ${name} does not exist.`);
  return record;
}

/** Records must carry the fields the filter reads: displayName, state, createTimeNs, labels. */
export function listPage<R extends {project: string; location: string}>(
  records: R[],
  request: ListRequest,
  toProto: (record: R) => Record<string, unknown>,
  readMaskFields?: ReadonlySet<string>,
): {items: Record<string, unknown>[]; nextPageToken: string} {
  const {project, location} = parseParent(request.parent);
  const expr = compileJobFilter(request.filter);
  const mask = checkReadMask(request.readMask, readMaskFields);
  if (request.pageSize !== undefined && request.pageSize < 0)
    throw invalidArgument(`page_size must not be negative; got ${request.pageSize}.`);
  const matching = records.filter(
    (record) =>
      record.project === project &&
      record.location === location &&
      jobMatches(expr, record as unknown as JobRecord),
  );
  const offset = decodePageToken(request.pageToken, request.filter);
  const size = request.pageSize && request.pageSize > 0 ? Math.min(request.pageSize, 1000) : 100;
  const page = matching.slice(offset, offset + size);
  const next =
    offset + size < matching.length ? encodePageToken(offset + size, request.filter) : '';
  return {items: page.map((record) => applyReadMask(toProto(record), mask)), nextPageToken: next};
}
