// User overrides and extensions of the catalog (from the settings file). Pure: the caller reads
// the JSON; this checks every entry and merges by key, so a typo gives a clear error naming the
// entry and the field instead of a silently broken machine list.
import type {Catalog} from './catalog-types.js';

export interface CatalogOverrideError {
  /** Path inside the overrides object, e.g. `machineTypes[2].vcpus`. */
  path: string;
  message: string;
  fix: string;
}

export type CatalogMergeResult =
  {ok: true; catalog: Catalog} | {ok: false; errors: CatalogOverrideError[]};

type Checker = (value: unknown, path: string, errors: CatalogOverrideError[]) => boolean;

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function field(
  entry: Record<string, unknown>,
  key: string,
  path: string,
  errors: CatalogOverrideError[],
  test: (value: unknown) => boolean,
  expected: string,
  optional = false,
): void {
  const value = entry[key];
  if (value === undefined && optional) return;
  if (!test(value)) {
    errors.push({
      path: `${path}.${key}`,
      message: `${key} must be ${expected}; got ${JSON.stringify(value) ?? 'nothing'}`,
      fix: `set "${key}" to ${expected}`,
    });
  }
}

const nonEmptyString = (v: unknown) => typeof v === 'string' && v.trim() !== '';
const positiveNumber = (v: unknown) => typeof v === 'number' && Number.isFinite(v) && v >= 0;
const isoDate = (v: unknown) => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v);
const positiveIntList = (v: unknown) =>
  Array.isArray(v) && v.length > 0 && v.every((n) => Number.isInteger(n) && (n as number) > 0);
const REGION = /^[a-z]+-[a-z]+\d+$/;
const stringList = (v: unknown) => Array.isArray(v) && v.length > 0 && v.every(nonEmptyString);

function entryChecker(
  known: readonly string[],
  check: (entry: Record<string, unknown>, path: string, errors: CatalogOverrideError[]) => void,
): Checker {
  return (value, path, errors) => {
    if (!isObject(value)) {
      errors.push({path, message: 'each entry must be an object', fix: 'write it as {...}'});
      return false;
    }
    for (const key of Object.keys(value)) {
      if (!known.includes(key)) {
        errors.push({
          path: `${path}.${key}`,
          message: `unknown field "${key}"`,
          fix: `use only ${known.join(', ')}`,
        });
      }
    }
    const before = errors.length;
    check(value, path, errors);
    return errors.length === before;
  };
}

const CHECKERS = {
  machineTypes: entryChecker(
    ['name', 'family', 'vcpus', 'memoryGb', 'acceleratorRequired', 'defaultBootDisk'],
    (e, p, errors) => {
      field(e, 'name', p, errors, nonEmptyString, 'a machine type name');
      field(e, 'family', p, errors, nonEmptyString, 'a family such as "n1"', true);
      field(e, 'vcpus', p, errors, positiveNumber, 'a number of vCPUs');
      field(e, 'memoryGb', p, errors, positiveNumber, 'a memory size in GB');
      field(
        e,
        'acceleratorRequired',
        p,
        errors,
        (v) => typeof v === 'boolean',
        'true or false',
        true,
      );
      field(e, 'defaultBootDisk', p, errors, nonEmptyString, 'a disk type', true);
    },
  ),
  accelerators: entryChecker(
    ['name', 'kind', 'label', 'deprecated', 'endOfSupport'],
    (e, p, errors) => {
      field(
        e,
        'name',
        p,
        errors,
        (v) => typeof v === 'string' && /^(NVIDIA|TPU)_[A-Z0-9_]+$/.test(v),
        'an AcceleratorType enum name such as NVIDIA_L4',
      );
      field(e, 'kind', p, errors, (v) => v === 'GPU' || v === 'TPU', '"GPU" or "TPU"');
      field(e, 'label', p, errors, nonEmptyString, 'a display label');
      field(e, 'deprecated', p, errors, (v) => typeof v === 'boolean', 'true or false', true);
      field(e, 'endOfSupport', p, errors, isoDate, 'a date YYYY-MM-DD', true);
    },
  ),
  acceleratorOptions: entryChecker(['machineType', 'acceleratorType', 'counts'], (e, p, errors) => {
    field(e, 'machineType', p, errors, nonEmptyString, 'a machine type name');
    field(e, 'acceleratorType', p, errors, nonEmptyString, 'an accelerator enum name');
    field(e, 'counts', p, errors, positiveIntList, 'a non-empty list of whole numbers ≥ 1');
  }),
  tpuTopologies: entryChecker(['machineType', 'topologies'], (e, p, errors) => {
    field(e, 'machineType', p, errors, nonEmptyString, 'a machine type name');
    field(
      e,
      'topologies',
      p,
      errors,
      (v) => stringList(v) && (v as string[]).every((t) => /^\d+(x\d+){1,2}$/.test(t)),
      'a list of topologies such as ["2x2", "2x4"]',
    );
  }),
  prebuiltImages: entryChecker(
    ['name', 'framework', 'version', 'accelerator', 'python', 'endOfSupport', 'endOfAvailability'],
    (e, p, errors) => {
      field(
        e,
        'name',
        p,
        errors,
        (v) => typeof v === 'string' && /^[a-z0-9][a-z0-9.-]*$/.test(v),
        'an image name such as "pytorch-gpu.2-4.py310" (no registry, no tag)',
      );
      field(e, 'framework', p, errors, nonEmptyString, 'a framework name');
      field(e, 'version', p, errors, nonEmptyString, 'a version such as "2.4"');
      field(
        e,
        'accelerator',
        p,
        errors,
        (v) => v === 'CPU' || v === 'GPU' || v === 'TPU',
        '"CPU", "GPU" or "TPU"',
      );
      field(e, 'python', p, errors, nonEmptyString, 'a Python version such as "3.10"');
      field(e, 'endOfSupport', p, errors, isoDate, 'a date YYYY-MM-DD', true);
      field(e, 'endOfAvailability', p, errors, isoDate, 'a date YYYY-MM-DD');
    },
  ),
  prices: entryChecker(
    ['kind', 'name', 'region', 'usdPerHour', 'spotUsdPerHour'],
    (e, p, errors) => {
      field(
        e,
        'kind',
        p,
        errors,
        (v) => v === 'machine' || v === 'accelerator',
        '"machine" or "accelerator"',
      );
      field(e, 'name', p, errors, nonEmptyString, 'a machine type or accelerator enum name');
      field(
        e,
        'region',
        p,
        errors,
        (v) => typeof v === 'string' && REGION.test(v),
        'a region such as "us-central1"',
      );
      field(
        e,
        'usdPerHour',
        p,
        errors,
        positiveNumber,
        'a list price in USD per hour, e.g. 0.2185',
      );
      field(e, 'spotUsdPerHour', p, errors, positiveNumber, 'a Spot price in USD per hour', true);
    },
  ),
} satisfies Record<string, Checker>;

type ListKey = keyof typeof CHECKERS;

/** A table the settings file changed: it is as current as the date the user gives it. */
const settingsSource = (checked: string) => ({source: 'settings file', checked});

const KEY_OF: Record<ListKey, (entry: Record<string, unknown>) => string> = {
  machineTypes: (e) => String(e.name),
  accelerators: (e) => String(e.name),
  acceleratorOptions: (e) => `${String(e.machineType)}|${String(e.acceleratorType)}`,
  tpuTopologies: (e) => String(e.machineType),
  prebuiltImages: (e) => String(e.name),
  prices: (e) => `${String(e.kind)}|${String(e.name)}|${String(e.region)}`,
};

const TOP_LEVEL = [
  'date',
  'regions',
  'reductionServerImage',
  'pricesSource',
  ...Object.keys(CHECKERS),
];

/**
 * `pricesSource`: where `prices` came from and when they were read ({"source": "...", "date":
 * "YYYY-MM-DD"}), as `vtrain-tui prices refresh` writes it; the prices are then dated and named
 * by it instead of the file's `date`.
 */
function pricesSource(
  value: unknown,
  errors: CatalogOverrideError[],
): Catalog['sources']['prices'] | undefined {
  if (isObject(value) && nonEmptyString(value.source) && isoDate(value.date)) {
    const extra = Object.keys(value).filter((key) => key !== 'source' && key !== 'date');
    if (extra.length === 0)
      return {
        source: value.source as string,
        sourceDate: value.date as string,
        checked: value.date as string,
      };
  }
  errors.push({
    path: 'pricesSource',
    message: 'pricesSource must be {"source": TEXT, "date": "YYYY-MM-DD"} and nothing else',
    fix: 'write e.g. {"source": "Cloud Billing Catalog API", "date": "2026-12-06"} (or remove it)',
  });
  return undefined;
}

/**
 * Merge user overrides into a catalog. Entries replace the base entry with the same key (name,
 * or machine type + accelerator) and are appended otherwise; regions are added.
 */
export function mergeCatalog(base: Catalog, overrides: unknown): CatalogMergeResult {
  const errors: CatalogOverrideError[] = [];
  if (overrides === undefined || overrides === null) return {ok: true, catalog: base};
  if (!isObject(overrides)) {
    return {
      ok: false,
      errors: [
        {
          path: '',
          message: 'catalog overrides must be an object',
          fix: 'write {"machineTypes": [...]}',
        },
      ],
    };
  }
  for (const key of Object.keys(overrides)) {
    if (!TOP_LEVEL.includes(key)) {
      errors.push({
        path: key,
        message: `unknown catalog section "${key}"`,
        fix: `use ${TOP_LEVEL.join(', ')}`,
      });
    }
  }
  const catalog: Catalog = {...base};
  if (overrides.date !== undefined) {
    if (isoDate(overrides.date)) catalog.date = overrides.date as string;
    else
      errors.push({
        path: 'date',
        message: 'date must be YYYY-MM-DD',
        fix: 'write e.g. "2026-09-01"',
      });
  }
  if (overrides.reductionServerImage !== undefined) {
    if (
      typeof overrides.reductionServerImage === 'string' &&
      /^[a-z0-9-]+\/[^:]+$/.test(overrides.reductionServerImage)
    ) {
      catalog.reductionServerImage = overrides.reductionServerImage;
      catalog.sources = {...catalog.sources, reductionServerImage: settingsSource(catalog.date)};
    } else {
      errors.push({
        path: 'reductionServerImage',
        message: 'reductionServerImage must be a path after the registry host, without tag',
        fix: 'write e.g. "vertex-ai-restricted/training/reductionserver"',
      });
    }
  }
  if (overrides.regions !== undefined) {
    const regions = overrides.regions;
    if (Array.isArray(regions) && regions.every((r) => typeof r === 'string' && REGION.test(r))) {
      catalog.regions = [...new Set([...base.regions, ...(regions as string[])])];
      catalog.sources = {...catalog.sources, regions: settingsSource(catalog.date)};
    } else {
      errors.push({
        path: 'regions',
        message: 'regions must be a list of region names',
        fix: 'write e.g. ["us-central1"]',
      });
    }
  }
  for (const key of Object.keys(CHECKERS) as ListKey[]) {
    const list = overrides[key];
    if (list === undefined) continue;
    if (!Array.isArray(list)) {
      errors.push({path: key, message: `${key} must be a list`, fix: `write "${key}": [{...}]`});
      continue;
    }
    const merged = new Map<string, unknown>(
      (base[key] as unknown as Record<string, unknown>[]).map((entry) => [
        KEY_OF[key](entry),
        entry,
      ]),
    );
    list.forEach((entry: unknown, index) => {
      if (CHECKERS[key](entry, `${key}[${index}]`, errors)) {
        const record = entry as Record<string, unknown>;
        const value =
          key === 'machineTypes' && record.family === undefined
            ? {...record, family: String(record.name).split('-')[0]}
            : record;
        merged.set(KEY_OF[key](record), value);
      }
    });
    (catalog as unknown as Record<string, unknown>)[key] = [...merged.values()];
    catalog.sources = {...catalog.sources, [key]: settingsSource(catalog.date)};
  }
  if (overrides.pricesSource !== undefined) {
    const source = pricesSource(overrides.pricesSource, errors);
    if (source) catalog.sources = {...catalog.sources, prices: source};
  }
  return errors.length > 0 ? {ok: false, errors} : {ok: true, catalog};
}
