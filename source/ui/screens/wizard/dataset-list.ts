// The project's managed datasets for the dataset step's picker: one line per dataset (display
// name, type, id), read through VertexApi.datasets.listDatasets, and what to say when there are
// none or the list cannot be read.
import type {DatasetsApi, ResourceMessage} from '../../../services/vertex/api.js';
import {explainApiError} from '../../../services/vertex/explain-api-error.js';

export interface DatasetSummary {
  /** The numeric id: the last part of `projects/P/locations/R/datasets/ID`. */
  id: string;
  displayName: string;
  /** tabular, image, text, video, time series … (from the metadata schema's file name). */
  type: string;
}

export type DatasetListing =
  | {state: 'loading'; parent: string}
  | {state: 'ready'; parent: string; items: DatasetSummary[]; more: boolean}
  | {state: 'failed'; parent: string; message: string; next: string};

/** Enough for any picker; a project with more is told to type the id. */
const MAX_PAGES = 5;

/** "…/schema/dataset/metadata/time_series_1.0.0.yaml" → "time series". */
export function datasetType(metadataSchemaUri: unknown): string {
  const match = /\/([a-z_]+?)_\d+\.\d+\.\d+\.yaml$/.exec(String(metadataSchemaUri ?? ''));
  return match ? (match[1] ?? '').replace(/_/g, ' ') : 'unknown type';
}

export function summarizeDataset(resource: ResourceMessage): DatasetSummary {
  const name = String(resource.name ?? '');
  return {
    id: name.split('/').pop() ?? name,
    displayName: String(resource.displayName ?? '') || '(no display name)',
    type: datasetType(resource.metadataSchemaUri),
  };
}

export async function listProjectDatasets(
  api: Pick<DatasetsApi, 'listDatasets'>,
  parent: string,
): Promise<DatasetListing> {
  const items: DatasetSummary[] = [];
  let pageToken = '';
  try {
    for (let page = 0; page < MAX_PAGES; page++) {
      const listed = await api.listDatasets({parent, pageSize: 100, ...(pageToken && {pageToken})});
      items.push(...listed.items.map(summarizeDataset));
      pageToken = listed.nextPageToken;
      if (!pageToken) break;
    }
  } catch (error) {
    const explained = explainApiError(error);
    return {state: 'failed', parent, message: explained.message, next: explained.next};
  }
  return {state: 'ready', parent, items, more: pageToken !== ''};
}

/** The line under the dataset field: loading, none, more than listed, or why it failed. */
export function datasetListNote(listing: DatasetListing | undefined): string | undefined {
  if (!listing) return 'the dataset list needs the backend: type the dataset id';
  if (listing.state === 'loading') return `listing the datasets of ${listing.parent}…`;
  if (listing.state === 'failed')
    return `could not list the datasets of ${listing.parent}: ${listing.message} → ${listing.next}; or type the dataset id`;
  if (listing.items.length === 0)
    return `${listing.parent} has no managed datasets → create one (Vertex AI console, Datasets; or the DatasetService API), then open this step again; or type an id`;
  if (listing.more)
    return `showing the first ${listing.items.length} datasets; type to filter, or type the id of another`;
  return undefined;
}

/**
 * The dataset type an AutoML objective trains on (as datasetType names it), or undefined when any
 * type will do (custom training reads whatever the split exports).
 */
export function datasetTypeNeeded(automlKind: string | undefined): string | undefined {
  if (!automlKind) return undefined;
  if (automlKind === 'tabular') return 'tabular';
  if (automlKind === 'forecasting') return 'time series';
  return /^(image|text|video)-/.exec(automlKind)?.[1];
}

/** The picker's rows: datasets of the needed type first; the others say why they do not fit. */
export function datasetOptions(
  items: readonly DatasetSummary[],
  needed: string | undefined,
): {value: string; label: string}[] {
  const fits = (item: DatasetSummary) => !needed || item.type === needed;
  return [...items.filter(fits), ...items.filter((item) => !fits(item))].map((item) => ({
    value: item.id,
    label: `${item.displayName} · ${item.type} · ${item.id}${fits(item) ? '' : ` (not ${needed}: this objective needs a ${needed} dataset)`}`,
  }));
}
