// Writes refreshed list prices into the settings file's `catalog.prices` (catalog-overrides.ts
// reads them back), with `catalog.pricesSource` naming where and when they were read. Everything
// else in the file is kept as it was: other settings, other catalog overrides, and price entries
// the refresh did not produce (a user's own rows). The new file is written beside the old one and
// renamed over it, so an interrupted write never leaves half a file; through a symbolic link, the
// link's target is replaced and the link kept. Nothing is written when the result would not load:
// a file that is not JSON, or catalog overrides with errors, are reported, not overwritten.
import fs from 'node:fs';
import path from 'node:path';
import {randomBytes} from 'node:crypto';
import {BUILTIN_CATALOG} from '../job-spec/catalog.js';
import {mergeCatalog} from '../job-spec/catalog-merge.js';
import type {PriceEntry} from '../job-spec/catalog-types.js';

export class PricesFileError extends Error {}

export interface RefreshedPrices {
  prices: readonly PriceEntry[];
  /** What `pricesSource.source` says, e.g. the API and the service read. */
  source: string;
  /** The day the prices were read (YYYY-MM-DD). */
  date: string;
}

export interface PricesFileResult {
  /** The file written (the link's target when the settings file is a symbolic link). */
  file: string;
  /** Entries of the file replaced by a refreshed price (same kind, name and region). */
  replaced: number;
  /** Entries of the file kept because the refresh priced nothing under their key. */
  kept: number;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const priceKey = (entry: Record<string, unknown>) =>
  `${String(entry.kind)}|${String(entry.name)}|${String(entry.region)}`;

function readObject(file: string): Record<string, unknown> {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw new PricesFileError(`cannot read ${file}: ${(error as Error).message}`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new PricesFileError(
      `${file} is not valid JSON (${(error as Error).message}); fix it and run again (nothing was written)`,
    );
  }
  if (!isObject(value))
    throw new PricesFileError(
      `${file} must hold a JSON object; fix it and run again (nothing was written)`,
    );
  return value;
}

/** The settings with the refreshed prices in place; throws PricesFileError naming the problem. */
export function withRefreshedPrices(
  settings: Record<string, unknown>,
  refreshed: RefreshedPrices,
): {settings: Record<string, unknown>; replaced: number; kept: number} {
  const catalog = settings.catalog ?? {};
  if (!isObject(catalog))
    throw new PricesFileError(
      'settings "catalog" must be an object; fix it and run again (nothing was written)',
    );
  const existing = catalog.prices ?? [];
  if (!Array.isArray(existing))
    throw new PricesFileError(
      'settings "catalog.prices" must be a list; fix it and run again (nothing was written)',
    );
  const fresh = new Set(refreshed.prices.map((price) => priceKey({...price})));
  const kept = existing.filter((entry) => !(isObject(entry) && fresh.has(priceKey(entry))));
  const next = {
    ...catalog,
    prices: [...kept, ...refreshed.prices],
    pricesSource: {source: refreshed.source, date: refreshed.date},
  };
  const merged = mergeCatalog(BUILTIN_CATALOG, next);
  if (!merged.ok) {
    const [first] = merged.errors;
    throw new PricesFileError(
      `the settings file's catalog overrides have ${merged.errors.length} problem(s), so the app would not use them; first: catalog.${first!.path}: ${first!.message} (${first!.fix}). Fix them and run again (nothing was written)`,
    );
  }
  return {
    settings: {...settings, catalog: next},
    replaced: existing.length - kept.length,
    kept: kept.length,
  };
}

/** Reads the settings file, puts the refreshed prices in, and replaces the file atomically. */
export function writeRefreshedPrices(file: string, refreshed: RefreshedPrices): PricesFileResult {
  const linked = fs.lstatSync(file, {throwIfNoEntry: false})?.isSymbolicLink();
  const target = linked ? fs.realpathSync(file) : file;
  const {settings, replaced, kept} = withRefreshedPrices(readObject(target), refreshed);
  fs.mkdirSync(path.dirname(target), {recursive: true, mode: 0o700});
  const temporary = `${target}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
  try {
    // Owner only, like the rest of the settings (user-settings.ts).
    fs.writeFileSync(temporary, `${JSON.stringify(settings, null, 2)}\n`, {
      mode: 0o600,
      flag: 'wx',
    });
    fs.renameSync(temporary, target);
  } catch (error) {
    fs.rmSync(temporary, {force: true});
    throw new PricesFileError(`cannot write ${target}: ${(error as Error).message}`);
  }
  return {file: target, replaced, kept};
}
