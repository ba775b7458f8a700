// Issue #23 item 6: at start the code cache keeps only entries a job folder lists, and per-job
// `code-*` copies older versions extracted for every job are removed.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {expect, it} from 'vitest';
import {pruneCodeCache} from '../../source/emulator/custom-job/code-cache.js';

it('removes per-job copies and unlisted cache entries, keeping listed ones', async () => {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'vtrain-code-'));
  try {
    const make = (...parts: string[]) => {
      fs.mkdirSync(path.join(work, ...parts), {recursive: true});
      fs.writeFileSync(path.join(work, ...parts, 'task.py'), 'print(1)\n');
    };
    make('1', 'code-0-0');
    make('1', 'hypertune');
    make('.code', 'kept', 'tree');
    make('.code', 'orphan', 'tree');
    make('.code', 'kept.123.abcd.tmp');
    fs.mkdirSync(path.join(work, '2'));
    fs.writeFileSync(path.join(work, '2', 'code.json'), '["kept"]\n');
    expect(await pruneCodeCache(work, new Set(), true)).toBe(2);
    expect(fs.readdirSync(path.join(work, '.code'))).toEqual(['kept']);
    expect(fs.readdirSync(path.join(work, '1'))).toEqual(['hypertune']);
  } finally {
    fs.rmSync(work, {recursive: true, force: true});
  }
});
