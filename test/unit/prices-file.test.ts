// `prices refresh` writes its prices into the settings file's catalog (issue #24): everything else
// is kept, the user's own rows survive, the file is replaced atomically and stays private, and
// the catalog then names the API and the day as the prices' source.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {
  PricesFileError,
  withRefreshedPrices,
  writeRefreshedPrices,
} from '../../source/core/settings/prices-file.js';
import {loadCatalog} from '../../source/core/settings/catalog-overrides.js';
import {BUILTIN_CATALOG, mergeCatalog, type PriceEntry} from '../../source/core/job-spec/index.js';

const REFRESHED = {
  prices: [
    {kind: 'machine', name: 'e2-standard-4', region: 'us-central1', usdPerHour: 0.2},
    {kind: 'accelerator', name: 'NVIDIA_L4', region: 'us-central1', usdPerHour: 0.5},
  ] satisfies PriceEntry[],
  source: 'Cloud Billing Catalog API (test)',
  date: '2026-12-06',
};

const dirs: string[] = [];
function tempFile(content?: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vtrain-prices-'));
  dirs.push(dir);
  const file = path.join(dir, 'settings.json');
  if (content !== undefined) fs.writeFileSync(file, content);
  return file;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, {recursive: true, force: true});
});

describe('withRefreshedPrices', () => {
  it('keeps other settings and the user rows, replaces rows with the same key', () => {
    const settings = {
      project: 'p',
      ui: {theme: 'dark'},
      catalog: {
        regions: ['europe-west9'],
        prices: [
          {kind: 'machine', name: 'e2-standard-4', region: 'us-central1', usdPerHour: 9},
          {kind: 'machine', name: 'my-machine', region: 'us-central1', usdPerHour: 1},
        ],
      },
    };
    const {settings: next, replaced, kept} = withRefreshedPrices(settings, REFRESHED);
    expect(replaced).toBe(1);
    expect(kept).toBe(1);
    expect(next).toEqual({
      project: 'p',
      ui: {theme: 'dark'},
      catalog: {
        regions: ['europe-west9'],
        prices: [
          {kind: 'machine', name: 'my-machine', region: 'us-central1', usdPerHour: 1},
          ...REFRESHED.prices,
        ],
        pricesSource: {source: 'Cloud Billing Catalog API (test)', date: '2026-12-06'},
      },
    });
  });

  it('refuses catalog overrides the app would not load, naming the first problem', () => {
    expect(() => withRefreshedPrices({catalog: []}, REFRESHED)).toThrow(
      /"catalog" must be an object/,
    );
    expect(() => withRefreshedPrices({catalog: {prices: {}}}, REFRESHED)).toThrow(
      /"catalog.prices" must be a list/,
    );
    expect(() => withRefreshedPrices({catalog: {machineTypes: [{name: 'x'}]}}, REFRESHED)).toThrow(
      /catalog\.machineTypes\[0\]\.vcpus: .*nothing was written/,
    );
  });
});

describe('writeRefreshedPrices', () => {
  it('creates the file, owner-only, and the catalog then dates the prices by their source', async () => {
    const file = tempFile();
    writeRefreshedPrices(file, REFRESHED);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const {catalog, errors} = await loadCatalog(file);
    expect(errors).toEqual([]);
    expect(catalog.sources.prices).toEqual({
      source: 'Cloud Billing Catalog API (test)',
      sourceDate: '2026-12-06',
      checked: '2026-12-06',
    });
    expect(catalog.prices).toEqual(expect.arrayContaining(REFRESHED.prices));
    expect(fs.readdirSync(path.dirname(file))).toEqual(['settings.json']);
  });

  it('writes through a symbolic link and keeps the link', () => {
    const target = tempFile('{"project": "p"}\n');
    const link = path.join(path.dirname(target), 'link.json');
    fs.symlinkSync(target, link);
    const result = writeRefreshedPrices(link, REFRESHED);
    expect(result.file).toBe(fs.realpathSync(target));
    expect(fs.lstatSync(link).isSymbolicLink()).toBe(true);
    expect(JSON.parse(fs.readFileSync(target, 'utf8'))).toMatchObject({project: 'p'});
  });

  it('leaves a file that is not JSON as it is', () => {
    const file = tempFile('{not json');
    expect(() => writeRefreshedPrices(file, REFRESHED)).toThrow(PricesFileError);
    expect(fs.readFileSync(file, 'utf8')).toBe('{not json');
    expect(fs.readdirSync(path.dirname(file))).toEqual(['settings.json']);
  });
});

describe('catalog pricesSource', () => {
  it('names the prices source and date', () => {
    const merged = mergeCatalog(BUILTIN_CATALOG, {
      pricesSource: {source: 'somewhere', date: '2026-11-30'},
    });
    expect(merged.ok && merged.catalog.sources.prices).toEqual({
      source: 'somewhere',
      sourceDate: '2026-11-30',
      checked: '2026-11-30',
    });
  });

  it.each([
    {source: 'x'},
    {source: '', date: '2026-11-30'},
    {source: 'x', date: '2026-11-30', y: 1},
    'x',
  ])('refuses %j with a fix', (value) => {
    const merged = mergeCatalog(BUILTIN_CATALOG, {pricesSource: value});
    expect(merged.ok).toBe(false);
    expect(!merged.ok && merged.errors[0]).toMatchObject({path: 'pricesSource'});
  });
});
