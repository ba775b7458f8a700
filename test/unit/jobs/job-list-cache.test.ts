// The job list cache: what a returning run draws before the backend answers. A round trip keeps
// what the list shows, the file is bounded and private (0600), one file per backend/project/region,
// and anything corrupt, foreign or of another version is ignored without an error.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {
  isCachedRow,
  jobListCacheAccess,
  jobListCacheFile,
  JOB_LIST_CACHE_VERSION,
  MAX_FILE_BYTES,
  MAX_ROWS,
  parseJobList,
  readJobListCache,
  serialiseJobList,
  writeJobListCache,
  type JobListCacheKey,
} from '../../../source/services/jobs/job-list-cache.js';
import {summarise, type JobSummary} from '../../../source/services/jobs/job-summary.js';

const KEY: JobListCacheKey = {backend: 'local', project: 'p', region: 'us-central1'};
const PARENT = 'projects/p/locations/us-central1';
const at = (minute: number) => ({seconds: String(1_800_000_000 + minute * 60), nanos: 5_000_000});

function custom(id: number, extra: Record<string, unknown> = {}): JobSummary {
  return summarise('custom', {
    name: `${PARENT}/customJobs/${id}`,
    displayName: `job-${id}`,
    state: 'JOB_STATE_RUNNING',
    createTime: at(id),
    startTime: at(id + 1),
    updateTime: at(id + 2),
    labels: {team: 'a'},
    jobSpec: {
      workerPoolSpecs: [
        {
          machineSpec: {machineType: 'n1-standard-4'},
          replicaCount: 2,
          // Never cached: env values may hold secrets, and nothing cached is acted on.
          containerSpec: {imageUri: 'x', env: [{name: 'TOKEN', value: 'secret-value'}]},
        },
      ],
    },
    ...extra,
  });
}

let dataDir: string;
beforeEach(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vtrain-cache-'));
});
afterEach(() => fs.rmSync(dataDir, {recursive: true, force: true}));

describe('the job list cache', () => {
  it('round-trips the rows the list shows, marked as cached, without the full resource', () => {
    const failed = custom(2, {
      state: 'JOB_STATE_FAILED',
      endTime: at(9),
      error: {code: 3, message: 'The replica workerpool0-0 exited\nTraceback …'},
    });
    const tuning = summarise('hptuning', {
      name: `${PARENT}/hyperparameterTuningJobs/7`,
      displayName: 'study',
      state: 'JOB_STATE_SUCCEEDED',
      createTime: at(1),
      maxTrialCount: 4,
      parallelTrialCount: 2,
    });
    const rows = [failed, custom(1), tuning];
    expect(writeJobListCache(dataDir, KEY, rows, 1_900_000_000_000)).toBe(true);
    const read = readJobListCache(dataDir, KEY)!;
    expect(read.savedAt).toBe(1_900_000_000_000);
    expect(read.rows.map((row) => row.name)).toEqual(rows.map((row) => row.name));
    for (const [index, row] of read.rows.entries()) {
      const original = rows[index]!;
      expect(isCachedRow(row)).toBe(true);
      expect(row.cachedAt).toBe(1_900_000_000_000);
      for (const field of ['kind', 'id', 'displayName', 'state', 'labels', 'resources'] as const)
        expect(row[field]).toEqual(original[field]);
      for (const field of ['createTime', 'startTime', 'endTime', 'updateTime'] as const)
        expect(row[field]?.getTime()).toBe(original[field]?.getTime());
    }
    // The list shows only an error's first line; that is all that is kept.
    expect(read.rows[0]!.error).toEqual({code: 3, message: 'The replica workerpool0-0 exited'});
    expect(read.rows[1]!.resources).toBe('n1-standard-4 ×2');
    expect(fs.readFileSync(jobListCacheFile(dataDir, KEY), 'utf8')).not.toContain('secret-value');
    expect(isCachedRow(custom(1))).toBe(false);
  });

  it('is private: the file is 0600 in a 0700 folder, even over a file of another mode', () => {
    const file = jobListCacheFile(dataDir, KEY);
    fs.mkdirSync(path.dirname(file), {recursive: true});
    fs.writeFileSync(file, '{}', {mode: 0o644});
    fs.writeFileSync(`${file}.${process.pid}.tmp`, 'left over', {mode: 0o666});
    writeJobListCache(dataDir, KEY, [custom(1)]);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.statSync(path.dirname(file)).mode & 0o777).toBe(0o700);
    expect(fs.readdirSync(path.dirname(file))).toEqual([path.basename(file)]);
    expect(path.relative(dataDir, file).split(path.sep).slice(0, 2)).toEqual(['cache', 'job-list']);
  });

  it('keeps one list per backend, project and region', () => {
    const keys: JobListCacheKey[] = [
      KEY,
      {...KEY, backend: 'vertex'},
      {...KEY, project: 'q'},
      {...KEY, region: 'europe-west4'},
    ];
    const files = new Set(keys.map((key) => jobListCacheFile(dataDir, key)));
    expect(files.size).toBe(keys.length);
    for (const [index, key] of keys.entries()) {
      const parent = `projects/${key.project}/locations/${key.region}`;
      writeJobListCache(dataDir, key, [
        {...custom(index), name: `${parent}/customJobs/${index}`, displayName: `of-${index}`},
      ]);
    }
    for (const [index, key] of keys.entries())
      expect(readJobListCache(dataDir, key)?.rows.map((row) => row.displayName)).toEqual([
        `of-${index}`,
      ]);
    // A file copied under another key's name is refused: it says whose it is.
    fs.copyFileSync(jobListCacheFile(dataDir, keys[1]!), jobListCacheFile(dataDir, KEY));
    expect(readJobListCache(dataDir, KEY)).toBeUndefined();
    expect(jobListCacheAccess(dataDir, keys[2]!).load()?.rows[0]?.displayName).toBe('of-2');
  });

  it('is bounded: the first rows only, long strings and many labels cut', () => {
    const many = Array.from({length: MAX_ROWS + 50}, (_, n) =>
      custom(n, {
        displayName: 'n'.repeat(500),
        labels: Object.fromEntries(Array.from({length: 80}, (_, l) => [`k${l}`, 'v'.repeat(99)])),
        error: {code: 13, message: 'e'.repeat(5000)},
      }),
    );
    writeJobListCache(dataDir, KEY, many);
    const file = jobListCacheFile(dataDir, KEY);
    expect(fs.statSync(file).size).toBeLessThan(MAX_FILE_BYTES);
    const read = readJobListCache(dataDir, KEY)!;
    // Rows this heavy fit only in part: the newest ones, fewer than MAX_ROWS.
    expect(read.rows.length).toBeGreaterThan(10);
    expect(read.rows.length).toBeLessThan(MAX_ROWS);
    expect(read.rows.map((row) => row.name)).toEqual(
      many.slice(0, read.rows.length).map((row) => row.name),
    );
    // Light rows: the first MAX_ROWS.
    writeJobListCache(
      dataDir,
      KEY,
      many.map((row) => ({...row, labels: {}})),
    );
    expect(readJobListCache(dataDir, KEY)!.rows).toHaveLength(MAX_ROWS);
    expect(read.rows[0]!.displayName).toHaveLength(128);
    expect(Object.keys(read.rows[0]!.labels)).toHaveLength(64);
    expect(read.rows[0]!.labels.k0).toHaveLength(63);
    expect(read.rows[0]!.error!.message.length).toBeLessThanOrEqual(300);
  });

  it('ignores a missing, corrupt, oversized, foreign or other-version file without throwing', () => {
    const file = jobListCacheFile(dataDir, KEY);
    expect(readJobListCache(dataDir, KEY)).toBeUndefined();
    fs.mkdirSync(path.dirname(file), {recursive: true});
    const good = JSON.parse(serialiseJobList(KEY, [custom(1)], 1000)) as Record<string, unknown>;
    const row = (good.rows as Record<string, unknown>[])[0]!;
    const variants: unknown[] = [
      'not json {',
      '',
      'null',
      '[]',
      '"text"',
      {...good, version: JOB_LIST_CACHE_VERSION + 1},
      {...good, version: undefined},
      {...good, project: 'other'},
      {...good, savedAt: 'yesterday'},
      {...good, rows: 'none'},
      {...good, rows: []},
      {...good, rows: [row, row]},
      {...good, rows: [{...row, kind: 'endpoint'}]},
      {...good, rows: [{...row, state: 'JOB_STATE_EXPLODED'}]},
      {...good, rows: [{...row, name: 'projects/other/locations/us-central1/customJobs/1'}]},
      {...good, rows: [{...row, name: `${PARENT}/trainingPipelines/1`}]},
      {...good, rows: [{...row, name: `${PARENT}/customJobs/../../x`}]},
      {...good, rows: [{...row, createTime: 'monday'}]},
      {...good, rows: [{...row, labels: ['a']}]},
      {...good, rows: [{...row, labels: {a: 1}}]},
      {...good, rows: [{...row, error: {message: 'no code'}}]},
      {...good, rows: [{...row, displayName: 7}]},
      {...good, rows: [null]},
      {...good, rows: Array.from({length: MAX_ROWS + 1}, () => row)},
    ];
    for (const variant of variants) {
      const text = typeof variant === 'string' ? variant : JSON.stringify(variant);
      fs.writeFileSync(file, text);
      expect(readJobListCache(dataDir, KEY), text.slice(0, 80)).toBeUndefined();
    }
    // Too big to be ours (even if it parses).
    fs.writeFileSync(file, `${JSON.stringify(good)}${' '.repeat(MAX_FILE_BYTES)}`);
    expect(readJobListCache(dataDir, KEY)).toBeUndefined();
    // A folder where the file should be, or no permission to read it.
    fs.rmSync(file);
    fs.mkdirSync(file);
    expect(readJobListCache(dataDir, KEY)).toBeUndefined();
    // The good one reads.
    expect(parseJobList(JSON.stringify(good), KEY)?.rows).toHaveLength(1);
  });

  it('never fails the list when it cannot write', () => {
    const blocked = path.join(dataDir, 'file');
    fs.writeFileSync(blocked, '');
    // The data folder is a file: no cache folder can be made under it.
    expect(writeJobListCache(blocked, KEY, [custom(1)])).toBe(false);
    expect(() => jobListCacheAccess(blocked, KEY).save([custom(1)])).not.toThrow();
    expect(readJobListCache(blocked, KEY)).toBeUndefined();
  });
});
