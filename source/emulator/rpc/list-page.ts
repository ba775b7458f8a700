// The List* behaviour every resource shares, as Vertex has it: parent check, filter (the job
// filter grammar), read_mask, page_size (default 100, at most 1000) and opaque page tokens bound
// to their filter.
import {invalidArgument, notFound} from './grpc-errors.js';
import {compileJobFilter, jobMatches, type FilterableRecord} from './job-filter.js';
import {decodePageToken, encodePageToken} from './paging.js';
import {applyReadMask, checkReadMask} from './read-mask.js';
import {parseParent, parseResourceName, type ResourceParent} from './resource-names.js';

export interface ListRequest {
  parent: string;
  filter?: string;
  pageSize?: number;
  pageToken?: string;
  readMask?: {paths?: string[]} | null;
}

/**
 * The record a resource name points at (`projects/P/locations/L/<collection>/ID`), or the error
 * Vertex gives: INVALID_ARGUMENT for a malformed name, NOT_FOUND for one of another project,
 * another location or no record.
 */
export function findRecord<R extends ResourceParent>(
  store: {get(id: string): R | undefined},
  name: string | undefined,
  collection: string,
  kind: string,
): R {
  const {project, location, id} = parseResourceName(name, collection);
  const record = store.get(id);
  if (!record || record.project !== project || record.location !== location)
    throw notFound(`The ${kind} ${name} does not exist.`);
  return record;
}

/** Records carry what the filter reads (displayName, state, createTimeNs, labels). */
export function listPage<R extends ResourceParent & FilterableRecord>(
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
      record.project === project && record.location === location && jobMatches(expr, record),
  );
  const offset = decodePageToken(request.pageToken, request.filter);
  const size = request.pageSize && request.pageSize > 0 ? Math.min(request.pageSize, 1000) : 100;
  const page = matching.slice(offset, offset + size);
  const next =
    offset + size < matching.length ? encodePageToken(offset + size, request.filter) : '';
  return {items: page.map((record) => applyReadMask(toProto(record), mask)), nextPageToken: next};
}
