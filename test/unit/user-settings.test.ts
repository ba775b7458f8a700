import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {loadCatalog} from '../../source/core/settings/catalog-overrides.js';
import {SettingsStore} from '../../source/core/settings/user-settings.js';

let dir: string;
let file: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vtrain-settings-'));
  file = path.join(dir, 'conf', 'settings.json');
});
afterEach(() => fs.rmSync(dir, {recursive: true, force: true}));

describe('settings through conf', () => {
  it('writes the file with mode 0600 and reads it back', async () => {
    const store = await SettingsStore.open(file);
    await store.set('backend', 'vertex');
    await store.set('project', 'my-proj-42');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const again = await SettingsStore.open(file);
    expect(again.backendSettings()).toEqual({backend: 'vertex', project: 'my-proj-42'});
  });

  it('tightens an existing file to 0600 and keeps the catalog overrides working', async () => {
    fs.mkdirSync(path.dirname(file), {recursive: true});
    const catalog = {regions: ['mars-north1']};
    fs.writeFileSync(file, JSON.stringify({catalog}), {mode: 0o644});
    const store = await SettingsStore.open(file);
    await store.set('region', 'europe-west4');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const saved = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
    expect(saved).toEqual({catalog, region: 'europe-west4'});
    const loaded = await loadCatalog(file);
    expect(loaded.errors).toEqual([]);
    expect(loaded.catalog.regions).toContain('mars-north1');
  });

  it('leaves the target of a symbolic link alone (no chmod) and says so (issue #23 item 11)', async () => {
    fs.mkdirSync(path.dirname(file), {recursive: true});
    const target = path.join(dir, 'dotfiles-settings.json');
    fs.writeFileSync(target, JSON.stringify({region: 'europe-west4'}), {mode: 0o644});
    fs.chmodSync(target, 0o644);
    fs.symlinkSync(target, file);
    const store = await SettingsStore.open(file);
    expect(fs.statSync(target).mode & 0o777).toBe(0o644);
    expect(store.values.region).toBe('europe-west4');
    expect(store.loaded.problems).toEqual([
      expect.stringMatching(/is a symbolic link to .*dotfiles-settings\.json; .*permissions alone/),
    ]);
  });

  it('backs up a corrupt file, starts empty and says where the old one went', async () => {
    fs.mkdirSync(path.dirname(file), {recursive: true});
    fs.writeFileSync(file, '{"backend": "vertex",');
    const store = await SettingsStore.open(file);
    expect(store.values).toEqual({});
    const backup = store.loaded.recovered!;
    expect(fs.readFileSync(backup, 'utf8')).toBe('{"backend": "vertex",');
    expect(store.recoveryMessage()).toContain(backup);
    expect(store.recoveryMessage()).toMatch(/not valid JSON.*settings start empty/);
    await store.set('backend', 'local');
    expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toEqual({backend: 'local'});
  });

  it('ignores fields that break their rule, naming the field and the rule', async () => {
    fs.mkdirSync(path.dirname(file), {recursive: true});
    fs.writeFileSync(
      file,
      JSON.stringify({
        backend: 'aws',
        project: 7,
        stagingBucket: 'gs://my-bucket/x',
        ui: {theme: 'pink', logCap: 5000},
      }),
    );
    const store = await SettingsStore.open(file);
    expect(store.values).toEqual({stagingBucket: 'my-bucket', ui: {logCap: 5000}});
    expect(store.loaded.problems.join('\n')).toMatch(/"backend" must be "local" or "vertex"/);
    expect(store.loaded.problems.join('\n')).toMatch(/"project" must be a non-empty string/);
    expect(store.loaded.problems.join('\n')).toMatch(/"ui.theme" must be "dark" or "light"/);
  });
});

describe('reading settings creates nothing', () => {
  it('leaves no folder or file behind when there is no settings file', async () => {
    const store = await SettingsStore.open(file);
    expect(store.values).toEqual({});
    expect(fs.existsSync(path.dirname(file))).toBe(false);
  });
});
