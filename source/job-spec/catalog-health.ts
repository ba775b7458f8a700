// Is the catalog still current? Pre-built images expire on a published schedule and new ones
// appear between releases, so the wizard checks the catalog in use against today's date and says
// once, plainly, what is out of date and how to bring it up to date.
import type {Catalog, ImageFramework, PrebuiltImage} from './catalog-types.js';
import {daysBetween} from './validate-context.js';

/** A catalog checked longer ago than this (about three months) is called old. */
export const CATALOG_STALE_DAYS = 90;

export interface CatalogHealth {
  /** Days since the catalog was checked against its sources. */
  ageDays: number;
  stale: boolean;
  /** Frameworks whose every pre-built image is past its end of availability. */
  frameworksWithoutImage: ImageFramework[];
}

export function isImageAvailable(image: PrebuiltImage, today: string): boolean {
  return image.endOfAvailability >= today;
}

export function catalogHealth(catalog: Catalog, today: string): CatalogHealth {
  const ageDays = daysBetween(catalog.date, today);
  const frameworks = [...new Set(catalog.prebuiltImages.map((image) => image.framework))];
  return {
    ageDays,
    stale: ageDays > CATALOG_STALE_DAYS,
    frameworksWithoutImage: frameworks.filter(
      (framework) =>
        !catalog.prebuiltImages.some(
          (image) => image.framework === framework && isImageAvailable(image, today),
        ),
    ),
  };
}

function list(names: readonly string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/** How to get a newer catalog: the one fix for every catalog notice. */
export function catalogUpdateFix(settingsPath: string): string {
  return `update vtrain-tui for a newer catalog, or add current images (and a "date") under "catalog"."prebuiltImages" in ${settingsPath}`;
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
    parts.push(`catalog last checked on ${catalog.date} (${months} months ago)`);
  }
  if (health.frameworksWithoutImage.length > 0) {
    const names = health.frameworksWithoutImage;
    parts.push(
      `${list(names)} ${names.length === 1 ? 'has' : 'have'} no pre-built image still available`,
    );
  }
  if (parts.length === 0) return undefined;
  return {message: parts.join('; '), fix: catalogUpdateFix(settingsPath)};
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
 * The image to offer by default for a framework and accelerator: the newest one still available,
 * else (when all have expired) the newest one, flagged so the caller can warn.
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
