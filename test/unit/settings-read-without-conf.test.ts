// Reading the settings loads no `conf` (issue #22): conf bundles ajv (~200 KB of the build), and
// every interactive start reads the settings before its first frame, so reading is a plain
// JSON.parse of the file (as conf's own `store` is without schema or encryption) and conf loads
// only on the first write. A settings file stays private (0600) from the read alone.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterEach, beforeEach, describe, expect, it, vi} from 'vitest';

const loaded = vi.hoisted(() => ({conf: 0}));
vi.mock('conf', async (importOriginal) => {
  loaded.conf += 1;
  return importOriginal();
});

const {SettingsStore} = await import('../../source/core/settings/user-settings.js');

let dir: string;
let file: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vtrain-settings-noconf-'));
  file = path.join(dir, 'conf', 'settings.json');
  fs.mkdirSync(path.dirname(file), {recursive: true});
});
afterEach(() => fs.rmSync(dir, {recursive: true, force: true}));

describe('reading the settings', () => {
  it('reads an existing file without loading conf, and tightens it to 0600', async () => {
    fs.writeFileSync(file, JSON.stringify({backend: 'vertex', project: 'p-1', region: 'x'}), {
      mode: 0o644,
    });
    const store = await SettingsStore.open(file);
    expect(store.backendSettings()).toEqual({backend: 'vertex', project: 'p-1', region: 'x'});
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(loaded.conf).toBe(0);
  });

  it('loads conf on the first write, which keeps the other fields', async () => {
    fs.writeFileSync(file, JSON.stringify({project: 'p-1', catalog: {regions: ['r']}}));
    const store = await SettingsStore.open(file);
    await store.set('backend', 'local');
    expect(loaded.conf).toBe(1);
    expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toEqual({
      project: 'p-1',
      catalog: {regions: ['r']},
      backend: 'local',
    });
  });
});
