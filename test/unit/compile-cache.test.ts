// bin/compile-cache.js (issue #22): Node 22+'s module.enableCompileCache() on a private folder
// under the data folder's cache folder; nothing on Node 20 (no API), when the user set
// NODE_COMPILE_CACHE or NODE_DISABLE_COMPILE_CACHE, or when the folder is not a directory of ours.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
// @ts-expect-error plain JavaScript beside the launcher (no declarations)
import {dataDirOf, enableCompileCache} from '../../bin/compile-cache.js';

let root: string;
beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'vtrain-compile-cache-'));
});
afterEach(() => fs.rmSync(root, {recursive: true, force: true}));

function recordingModule() {
  const calls: string[] = [];
  return {calls, api: {enableCompileCache: (dir: string) => void calls.push(dir)}};
}

describe('the compile cache', () => {
  it('uses <data folder>/cache/compile, private (0700)', () => {
    const {calls, api} = recordingModule();
    const data = path.join(root, 'data');
    fs.mkdirSync(data);
    const dir = enableCompileCache(api, [], {VTRAIN_DATA_DIR: data});
    expect(dir).toBe(path.join(data, 'cache', 'compile'));
    expect(calls).toEqual([dir]);
    expect(fs.statSync(dir).mode & 0o777).toBe(0o700);
    expect(fs.statSync(path.join(data, 'cache')).mode & 0o777).toBe(0o700);
  });

  it('creates no data folder: a command that opens no backend must leave none behind', () => {
    const {calls, api} = recordingModule();
    const data = path.join(root, 'data');
    expect(enableCompileCache(api, [], {VTRAIN_DATA_DIR: data})).toBeUndefined();
    expect(fs.existsSync(data)).toBe(false);
    expect(calls).toEqual([]);
  });

  it('tightens an existing cache folder to 0700', () => {
    const {api} = recordingModule();
    const data = path.join(root, 'data');
    fs.mkdirSync(path.join(data, 'cache', 'compile'), {recursive: true, mode: 0o755});
    fs.chmodSync(path.join(data, 'cache', 'compile'), 0o755);
    const dir = enableCompileCache(api, ['--data-dir', data], {});
    expect(fs.statSync(dir).mode & 0o777).toBe(0o700);
  });

  it('does nothing on a Node without the API (Node 20), creating no folder', () => {
    const data = path.join(root, 'data');
    expect(enableCompileCache({}, [], {VTRAIN_DATA_DIR: data})).toBeUndefined();
    expect(fs.existsSync(data)).toBe(false);
  });

  it("leaves the user's own NODE_COMPILE_CACHE and NODE_DISABLE_COMPILE_CACHE to Node", () => {
    const {calls, api} = recordingModule();
    const data = path.join(root, 'data');
    enableCompileCache(api, [], {VTRAIN_DATA_DIR: data, NODE_COMPILE_CACHE: '/elsewhere'});
    enableCompileCache(api, [], {VTRAIN_DATA_DIR: data, NODE_DISABLE_COMPILE_CACHE: '1'});
    expect(calls).toEqual([]);
  });

  it('uses no folder that is a symbolic link, and never throws', () => {
    const {calls, api} = recordingModule();
    const data = path.join(root, 'data');
    fs.mkdirSync(path.join(data, 'cache'), {recursive: true, mode: 0o700});
    fs.mkdirSync(path.join(root, 'other'));
    fs.symlinkSync(path.join(root, 'other'), path.join(data, 'cache', 'compile'));
    expect(enableCompileCache(api, [], {VTRAIN_DATA_DIR: data})).toBeUndefined();
    const file = path.join(root, 'file');
    fs.writeFileSync(file, '');
    expect(enableCompileCache(api, [], {VTRAIN_DATA_DIR: file})).toBeUndefined();
    expect(calls).toEqual([]);
  });

  it('reads --data-dir in both forms, before any --', () => {
    expect(dataDirOf(['--data-dir', '/a'], {})).toBe('/a');
    expect(dataDirOf(['--data-dir=/b'], {VTRAIN_DATA_DIR: '/c'})).toBe('/b');
    expect(dataDirOf(['--', '--data-dir', '/a'], {VTRAIN_DATA_DIR: '/c'})).toBe('/c');
    expect(dataDirOf([], {XDG_DATA_HOME: '/x'})).toBe(path.join('/x', 'vtrain-tui'));
  });
});
