// Is the catalog still current? Pre-built images expire on a published schedule and new ones
// appear between releases, so the wizard checks the catalog in use against today's date and says
// once, plainly, what is out of date and how to bring it up to date.
import type {Catalog, CatalogTable, ImageFramework, PrebuiltImage} from './catalog-types.js';
import {daysBetween} from './validate-context.js';

/** A catalog checked longer ago than this (about three months) is called old. */
export const CATALOG_STALE_DAYS = 90;

export interface CatalogHealth {
  /** Days since the catalog (its least recently checked table) was checked against its sources. */
  ageDays: number;
  stale: boolean;
  /** Tables checked more recently than the catalog's date, with their check date. */
  newerTables: {table: CatalogTable; checked: string}[];
  /** Frameworks whose every pre-built image is past its end of availability. */
  frameworksWithoutImage: ImageFramework[];
}

export function isImageAvailable(image: PrebuiltImage, today: string): boolean {
  return image.endOfAvailability >= today;
}

export function catalogHealth(catalog: Catalog, today: string): CatalogHealth {
  const ageDays = daysBetween(catalog.date, today);
  const frameworks = [...new Set(catalog.prebuiltImages.map((image) => image.framework))];
  const newerTables = (Object.entries(catalog.sources) as [CatalogTable, {checked: string}][])
    .filter(([, source]) => source.checked > catalog.date)
    .map(([table, source]) => ({table, checked: source.checked}));
  return {
    ageDays,
    stale: ageDays > CATALOG_STALE_DAYS,
    newerTables,
    frameworksWithoutImage: frameworks.filter(
      (framework) =>
        !catalog.prebuiltImages.some(
          (image) => image.framework === framework && isImageAvailable(image, today),
        ),
    ),
  };
}

function list(names: readonly string[], last = 'and'): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} ${last} ${names[names.length - 1]}`;
}

const TABLE_NAMES: Record<CatalogTable, string> = {
  regions: 'regions',
  machineTypes: 'machine types',
  accelerators: 'accelerators',
  acceleratorOptions: 'GPU counts',
  tpuTopologies: 'TPU topologies',
  prebuiltImages: 'images',
  reductionServerImage: 'Reduction Server image',
  prices: 'prices',
};

/** How to get newer images. The settings file always works; a newer release may not exist yet. */
export function catalogUpdateFix(settingsPath: string): string {
  return `get newer images: a newer vtrain-tui release (if any), or add them with a "date" under "catalog"."prebuiltImages" in ${settingsPath}`;
}

/** How to bring old tables up to date when no image has run out (machine types and the like). */
function catalogRefreshFix(settingsPath: string): string {
  return `a newer vtrain-tui release (if any) may have a newer catalog; or add current entries and a "date" under "catalog" in ${settingsPath}`;
}

/**
 * The one notice the wizard shows about the catalog, or undefined when it is current. Pure: the
 * caller passes today's date and where the settings file lives.
 */
export function catalogNotice(
  catalog: Catalog,
  today: string,
  settingsPath: string,
): {message: string; fix: string} | undefined {
  const health = catalogHealth(catalog, today);
  const parts: string[] = [];
  if (health.stale) {
    const months = Math.floor(health.ageDays / 30);
    // Tables checked later than the rest are named, so the date is true for what it covers.
    const newer = [...new Set(health.newerTables.map((t) => t.checked))].map(
      (checked) =>
        `${list(health.newerTables.filter((t) => t.checked === checked).map((t) => TABLE_NAMES[t.table]))}: ${checked}`,
    );
    parts.push(
      `catalog checked ${catalog.date}, ${months} months ago${newer.length > 0 ? ` (${newer.join(', ')})` : ''}`,
    );
  }
  if (health.frameworksWithoutImage.length > 0) {
    parts.push(`no ${list(health.frameworksWithoutImage, 'or')} image in it is still available`);
  }
  if (parts.length === 0) return undefined;
  return {
    message: parts.join('; '),
    fix:
      health.frameworksWithoutImage.length > 0
        ? `use a custom container, or ${catalogUpdateFix(settingsPath)}`
        : catalogRefreshFix(settingsPath),
  };
}

function versionKey(version: string): number[] {
  return version.split(/[.-]/).map((part) => Number.parseInt(part, 10) || 0);
}

/** Newest first by framework version, then by Python version. */
export function compareImagesNewestFirst(a: PrebuiltImage, b: PrebuiltImage): number {
  const [va, vb] = [versionKey(a.version), versionKey(b.version)];
  for (let i = 0; i < Math.max(va.length, vb.length); i += 1) {
    const diff = (vb[i] ?? 0) - (va[i] ?? 0);
    if (diff !== 0) return diff;
  }
  const [pa, pb] = [versionKey(a.python), versionKey(b.python)];
  for (let i = 0; i < Math.max(pa.length, pb.length); i += 1) {
    const diff = (pb[i] ?? 0) - (pa[i] ?? 0);
    if (diff !== 0) return diff;
  }
  return 0;
}

/**
 * The image to offer for a framework and accelerator: the newest one still available, else (when
 * all have expired) the newest one, flagged `available: false` so the caller can warn or, for a
 * default nobody asked for, not use it (newestAvailableImage). Never another framework's image.
 */
export function defaultImageFor(
  catalog: Catalog,
  framework: ImageFramework,
  accelerator: PrebuiltImage['accelerator'],
  today: string,
): {image: PrebuiltImage; available: boolean} | undefined {
  const candidates = catalog.prebuiltImages
    .filter((image) => image.framework === framework && image.accelerator === accelerator)
    .sort(compareImagesNewestFirst);
  const available = candidates.find((image) => isImageAvailable(image, today));
  if (available) return {image: available, available: true};
  return candidates[0] && {image: candidates[0], available: false};
}

/** A newer, still available image of the same framework and accelerator, if the catalog has one. */
export function newerAvailableImage(
  catalog: Catalog,
  image: PrebuiltImage,
  today: string,
): PrebuiltImage | undefined {
  const best = defaultImageFor(catalog, image.framework, image.accelerator, today);
  if (!best?.available || best.image.name === image.name) return undefined;
  return compareImagesNewestFirst(best.image, image) < 0 ? best.image : undefined;
}

/** The newest image of a framework and accelerator that is still available, if any: a default. */
export function newestAvailableImage(
  catalog: Catalog,
  framework: ImageFramework,
  accelerator: PrebuiltImage['accelerator'],
  today: string,
): PrebuiltImage | undefined {
  const best = defaultImageFor(catalog, framework, accelerator, today);
  return best?.available ? best.image : undefined;
}
