// Reads the user's catalog overrides from the settings JSON file (key `catalog`) and merges them
// into the built-in catalog. A missing file is normal; a broken one falls back to the built-in
// catalog and reports why, so a typo in settings never stops the app.
import {readFile} from 'node:fs/promises';
import {
  BUILTIN_CATALOG,
  mergeCatalog,
  type Catalog,
  type CatalogOverrideError,
} from '../job-spec/index.js';

export interface LoadedCatalog {
  catalog: Catalog;
  /** Problems found in the settings file; empty when the overrides applied cleanly. */
  errors: CatalogOverrideError[];
}

export async function loadCatalog(settingsPath: string): Promise<LoadedCatalog> {
  let text: string;
  try {
    text = await readFile(settingsPath, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      return {catalog: BUILTIN_CATALOG, errors: []};
    }
    return {
      catalog: BUILTIN_CATALOG,
      errors: [
        {
          path: settingsPath,
          message: `cannot read the settings file: ${(error as Error).message}`,
          fix: 'check the file permissions',
        },
      ],
    };
  }
  let settings: unknown;
  try {
    settings = JSON.parse(text);
  } catch (error) {
    return {
      catalog: BUILTIN_CATALOG,
      errors: [
        {
          path: settingsPath,
          message: `the settings file is not valid JSON: ${(error as Error).message}`,
          fix: 'fix the JSON syntax at the position named',
        },
      ],
    };
  }
  const overrides =
    typeof settings === 'object' && settings !== null
      ? (settings as {catalog?: unknown}).catalog
      : undefined;
  const merged = mergeCatalog(BUILTIN_CATALOG, overrides);
  if (merged.ok) return {catalog: merged.catalog, errors: []};
  return {
    catalog: BUILTIN_CATALOG,
    errors: merged.errors.map((e) => ({...e, path: `catalog.${e.path}`.replace(/\.$/, '')})),
  };
}
