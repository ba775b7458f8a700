// Issue #23 item 6: failed uploads must not leave their body in objects/uploads forever. A simple
// upload whose body fails removes its partial file at once; a store opening after a killed service
// sweeps partial files whose writer is gone and that are older than the bound, and keeps the rest.
import {spawnSync} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {Readable} from 'node:stream';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {ObjectStore} from '../../source/emulator/storage/object-store.js';
import {STALE_PARTIAL_MS} from '../../source/emulator/storage/partial-files.js';

let root: string;
const uploads = () => path.join(root, 'meta', 'uploads');

beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'vtrain-partials-'));
});
afterEach(() => fs.rmSync(root, {recursive: true, force: true}));

describe('upload partial files', () => {
  it('are removed when the body of a simple upload fails', async () => {
    const store = new ObjectStore(path.join(root, 'buckets'), path.join(root, 'meta'));
    const body = Readable.from(
      (async function* () {
        yield Buffer.alloc(1 << 20, 1);
        throw new Error('connection reset');
      })(),
    );
    await expect(store.receive(body)).rejects.toThrow('connection reset');
    expect(fs.readdirSync(uploads())).toEqual([]);
  });

  it('left by dead writers are swept when a store opens, once older than the bound', () => {
    fs.mkdirSync(uploads(), {recursive: true});
    const dead = spawnSync(process.execPath, ['-e', '']).pid;
    const old = new Date(Date.now() - STALE_PARTIAL_MS - 60_000);
    const files = {
      deadOld: `${dead}-aa.vtrain-partial`,
      deadFresh: `${dead}-bb.vtrain-partial`,
      liveOld: `${process.pid}-cc.vtrain-partial`,
      legacyOld: 'dd.vtrain-partial',
      other: 'notes.txt',
    };
    for (const [key, name] of Object.entries(files)) {
      const file = path.join(uploads(), name);
      fs.writeFileSync(file, 'x');
      if (key !== 'deadFresh') fs.utimesSync(file, old, old);
    }
    new ObjectStore(path.join(root, 'buckets'), path.join(root, 'meta'));
    expect(fs.readdirSync(uploads()).sort()).toEqual(
      [files.deadFresh, files.liveOld, files.other].sort(),
    );
  });
});
