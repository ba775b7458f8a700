// What the wizard says about the image catalog, where images are chosen (the container step) and
// at the review, in proportion to where the job runs — never on the first screen, and never for a
// job that runs no pre-built image. On the local emulator a Python package runs with the local
// python and the image is never pulled: an expired image is a note. On Vertex AI the image runs
// as chosen, and the pre-built containers page gives each an end of availability
// (https://cloud.google.com/vertex-ai/docs/training/pre-built-containers); what Vertex answers
// for an expired one is not documented, so the validator's warning says it "may refuse" it (that
// warning sits under the Version field and in the review's problems, so nothing repeats it here),
// and a catalog not checked for months is a note beside the framework. Pure: views render these.
import type {Catalog, JobDraft, PrebuiltImage} from '../../../../core/job-spec/index.js';
import {findPrebuiltImage} from '../../../../core/job-spec/catalog.js';
import {
  catalogHealth,
  catalogNotice,
  isImageAvailable,
} from '../../../../core/job-spec/catalog-health.js';

export type Backend = 'local' | 'vertex';

/** The pre-built image of a pool, when it runs a Python package on one the catalog lists. */
function poolImage(draft: JobDraft, pool: number, catalog: Catalog): PrebuiltImage | undefined {
  const task = draft.workerPools[pool]?.task;
  return task?.kind === 'python-package'
    ? findPrebuiltImage(task.executorImageUri, catalog)
    : undefined;
}

/**
 * The note under the container step's framework for one pool: on the local emulator, that the
 * chosen framework has no image left and why it does not matter here; on Vertex AI, that the
 * catalog is old (how to refresh it). Undefined when there is nothing to say.
 */
export function containerCatalogNote(
  draft: JobDraft,
  pool: number,
  ctx: {catalog: Catalog; today: string; settingsPath?: string},
  backend: Backend,
): string | undefined {
  const image = poolImage(draft, pool, ctx.catalog);
  if (backend === 'local') {
    if (!image || isImageAvailable(image, ctx.today)) return undefined;
    const none = catalogHealth(ctx.catalog, ctx.today).frameworksWithoutImage.includes(
      image.framework,
    );
    return `note: ${none ? `no ${image.framework} image in the catalog is still available` : `${image.name} is past its end of availability`}; the local emulator runs your code without the image (Vertex AI may refuse it)`;
  }
  const health = catalogHealth(ctx.catalog, ctx.today);
  if (!health.stale) return undefined;
  const notice = catalogNotice(ctx.catalog, ctx.today, ctx.settingsPath ?? 'the settings file');
  return notice && `note: ${notice.message} → ${notice.fix}`;
}

/**
 * The review's one row on the local emulator: the first expired image a pool runs (the validator
 * leaves it out there), short enough for 80 columns. Undefined on Vertex AI, where the
 * validator's warning says it.
 */
export function reviewCatalogNote(
  draft: JobDraft,
  ctx: {catalog: Catalog; today: string},
  backend: Backend,
): string | undefined {
  if (backend !== 'local' || draft.trainingType !== 'custom') return undefined;
  for (const [index] of draft.workerPools.entries()) {
    const image = poolImage(draft, index, ctx.catalog);
    if (image && !isImageAvailable(image, ctx.today))
      return `note: ${image.name} is past its end of availability (not used locally)`;
  }
  return undefined;
}
