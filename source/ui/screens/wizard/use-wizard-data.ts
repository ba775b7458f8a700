// What the wizard reads from the backend while a step is open: the staged package names when the
// review opens (so it shows what submit sends), the project's datasets when the dataset step
// opens, and the region's persistent resources when the options step opens. Each answer is kept with the draft or visit it was asked for, so a late answer never
// shows against a draft that has changed since.
import {useEffect, useState} from 'react';
import type {JobDraft} from '../../../core/job-spec/index.js';
import type {DatasetListing} from './dataset-list.js';
import type {ResourceListing} from './resource-list.js';

export function hasLocalPackage(draft: JobDraft): boolean {
  return draft.workerPools.some(
    (pool) => pool?.task.kind === 'python-package' && !!pool.task.localPackagePath,
  );
}

/** The review's copy of the draft with staged package names, for the draft it was made from. */
interface PackagePreview {
  source: JobDraft;
  draft?: JobDraft;
  error?: string;
}

export function usePackagePreview(
  draft: JobDraft,
  active: boolean,
  previewPackages: ((draft: JobDraft) => Promise<JobDraft>) | undefined,
): {reviewed: JobDraft; notice: string | undefined} {
  const [preview, setPreview] = useState<PackagePreview | undefined>();
  useEffect(() => {
    if (!active || !previewPackages || !hasLocalPackage(draft)) return;
    let live = true;
    previewPackages(draft).then(
      (staged) => live && setPreview({source: draft, draft: staged}),
      (failure: Error) => live && setPreview({source: draft, error: failure.message}),
    );
    return () => {
      live = false;
    };
  }, [active, draft, previewPackages]);
  const current = preview?.source === draft ? preview : undefined;
  const notice = !hasLocalPackage(draft)
    ? undefined
    : current?.error
      ? `the package folder cannot be staged: ${current.error} → fix it in the container step (Local package folder)`
      : !current && active && previewPackages
        ? 'hashing the package folder for its staged name…'
        : undefined;
  return {reviewed: current?.draft ?? draft, notice};
}

/** Read each time the dataset step opens (a dataset created meanwhile shows up). */
export function useDatasetListing(
  active: boolean,
  visit: number,
  parent: string,
  listDatasets: ((parent: string) => Promise<DatasetListing>) | undefined,
): DatasetListing | undefined {
  const [listed, setListed] = useState<{visit: number; listing: DatasetListing} | undefined>();
  useEffect(() => {
    if (!active || !listDatasets) return;
    let live = true;
    void listDatasets(parent).then((listing) => live && setListed({visit, listing}));
    return () => {
      live = false;
    };
  }, [active, visit, parent, listDatasets]);
  if (!listDatasets) return undefined;
  return listed?.visit === visit && listed.listing.parent === parent
    ? listed.listing
    : {state: 'loading', parent};
}

/**
 * Read each time `active` starts (the options step opens, or the review of a job on a resource):
 * a resource created or freed meanwhile shows up. The last listing of the region stays meanwhile,
 * so the review judges the chosen resource by it after the options step is left, and a re-read
 * never blanks the list.
 */
export function useResourceListing(
  active: boolean,
  visit: number,
  parent: string,
  listResources: ((parent: string) => Promise<ResourceListing>) | undefined,
): ResourceListing | undefined {
  const [listed, setListed] = useState<ResourceListing | undefined>();
  useEffect(() => {
    if (!active || !listResources) return;
    let live = true;
    void listResources(parent).then((listing) => live && setListed(listing));
    return () => {
      live = false;
    };
  }, [active, visit, parent, listResources]);
  if (!listResources) return undefined;
  if (listed?.parent === parent) return listed;
  return active ? {state: 'loading', parent} : undefined;
}
