import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {exampleDraft, type JobDraft} from '../../../source/core/job-spec/index.js';
import {savePreset} from '../../../source/ui/screens/wizard/job-files.js';
import {
  lastSubmittedFile,
  listPresets,
  loadLastSubmitted,
  loadPreset,
  PrefillError,
  rememberable,
  saveLastSubmitted,
} from '../../../source/ui/screens/wizard/prefill.js';

let dir: string;
let settings: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vtrain-prefill-'));
  settings = path.join(dir, 'settings.json');
});
afterEach(() => fs.rmSync(dir, {recursive: true, force: true}));

const base = exampleDraft({
  project: 'my-project',
  region: 'us-central1',
  packagePath: '/pkg',
  stagingBucket: 'bucket-b',
});
const withSecret: JobDraft = {
  ...base,
  labels: {...base.labels, vtrain_request_id: '0f0e0d0c-0000-4000-8000-000000000000'},
  workerPools: base.workerPools.map(
    (pool) => pool && {...pool, task: {...pool.task, env: [{name: 'API_TOKEN', value: 's3cret'}]}},
  ) as JobDraft['workerPools'],
};

describe('last submitted job', () => {
  it('is kept without env values or the request id, and read back with when it was sent', () => {
    saveLastSubmitted(dir, withSecret, new Date('2026-12-01T22:40:00Z'));
    const text = fs.readFileSync(lastSubmittedFile(dir), 'utf8');
    expect(text).not.toContain('s3cret');
    expect(text).not.toContain('vtrain_request_id');
    expect(fs.statSync(lastSubmittedFile(dir)).mode & 0o777).toBe(0o600);
    const loaded = loadLastSubmitted(dir)!;
    expect(loaded.origin).toBe('the last submitted job (2026-12-01 22:40 UTC)');
    expect(loaded.draft).toEqual(rememberable(withSecret));
    expect(loaded.draft.workerPools[0]!.task.env).toEqual([{name: 'API_TOKEN', value: ''}]);
  });

  it('is simply absent when missing or unreadable', () => {
    expect(loadLastSubmitted(dir)).toBeUndefined();
    fs.writeFileSync(lastSubmittedFile(dir), '{not json');
    expect(loadLastSubmitted(dir)).toBeUndefined();
    fs.writeFileSync(lastSubmittedFile(dir), JSON.stringify({draft: {trainingType: 'x'}}));
    expect(loadLastSubmitted(dir)).toBeUndefined();
  });
});

describe('presets', () => {
  it('loads a saved preset by name and lists the saved names', async () => {
    await savePreset(settings, 'gpu-run', base);
    await savePreset(settings, 'a-first', base);
    expect(listPresets(settings)).toEqual(['a-first', 'gpu-run']);
    expect(loadPreset(settings, 'gpu-run')).toEqual({draft: base, origin: 'preset gpu-run'});
  });

  it('names a missing preset with the saved ones, and a broken file with the fix', async () => {
    expect(() => loadPreset(settings, 'nope')).toThrow(
      /no preset "nope".*save one from the review with s/,
    );
    await savePreset(settings, 'kept', base);
    expect(() => loadPreset(settings, 'nope')).toThrow(/saved presets: kept/);
    fs.writeFileSync(path.join(dir, 'presets', 'bad.json'), '{');
    expect(() => loadPreset(settings, 'bad')).toThrow(PrefillError);
    expect(() => loadPreset(settings, 'bad')).toThrow(/not JSON .*save the preset again/);
    fs.writeFileSync(path.join(dir, 'presets', 'odd.json'), '{"draft": 3}');
    expect(() => loadPreset(settings, 'odd')).toThrow(/does not hold a job/);
    expect(() => loadPreset(settings, '../x')).toThrow(/not a preset name/);
  });
});
