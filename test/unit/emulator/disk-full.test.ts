// A full disk under the emulator's data folder, injected through the fault hook
// (VTRAIN_EMULATOR_DISK_FULL, emulator/contract/disk-full.ts) so it runs without root: atomic
// writes leave the old file whole, record changes wait in memory, a new record is refused with
// RESOURCE_EXHAUSTED, a failed log flush never throws out of its timer and leaves whole lines,
// and the service carries on once space is back. test/emulator/disk-full.test.ts does the same
// on a real, small tmpfs and through the service.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as grpc from '@grpc/grpc-js';
import {afterEach, beforeEach, describe, expect, it, vi} from 'vitest';
import {writeFileAtomic} from '../../../source/emulator/contract/private-files.js';
import {RecordStore} from '../../../source/emulator/records/record-store.js';
import {DiskSpace} from '../../../source/emulator/records/disk-space.js';
import {LogFiles} from '../../../source/emulator/logging/log-files.js';
import {LogStore, type LogRecord} from '../../../source/emulator/logging/log-store.js';
import {RpcError} from '../../../source/emulator/rpc/grpc-errors.js';
import {explainApiError} from '../../../source/services/vertex/explain-error.js';
import {diskFullMessage} from '../../../source/emulator/contract/disk-full.js';
import type {StoredRecord} from '../../../source/emulator/contract/job-records.js';

let dir: string;
let flag: string;
const full = () => fs.writeFileSync(flag, '');
const freed = () => fs.rmSync(flag, {force: true});

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vtrain-disk-'));
  flag = path.join(dir, 'disk-is-full');
  vi.stubEnv('VTRAIN_EMULATOR_DISK_FULL', flag);
});

afterEach(() => {
  vi.unstubAllEnvs();
  fs.rmSync(dir, {recursive: true, force: true});
});

interface TestRecord extends StoredRecord {
  name: string;
  note: string;
}

const record = (id: string, note: string): TestRecord => ({
  id,
  name: `projects/p/locations/us-central1/customJobs/${id}`,
  state: 'JOB_STATE_RUNNING',
  createTimeNs: 1n,
  updateTimeNs: 1n,
  note,
});

const logRecord = (jobId: string, text: string, n: number): LogRecord => ({
  insertId: `id${n}`,
  timestampNs: BigInt(n),
  logName: 'projects/p/logs/workerpool0-0',
  resource: {type: 'ml_job', labels: {job_id: jobId, task_name: 'workerpool0-0'}},
  labels: {},
  severity: 'INFO',
  textPayload: text,
});

describe('atomic writes on a full disk', () => {
  it('fail without touching the old file or leaving a temporary one', () => {
    const file = path.join(dir, 'record.json');
    writeFileAtomic(file, '{"v":1}');
    full();
    expect(() => writeFileAtomic(file, '{"v":2}')).toThrow(/ENOSPC/);
    expect(fs.readFileSync(file, 'utf8')).toBe('{"v":1}');
    expect(fs.readdirSync(dir).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });
});

describe('job records on a full disk', () => {
  it('keep a change in memory, refuse a new record, and write both once space is back', () => {
    const folder = path.join(dir, 'jobs');
    const disk = new DiskSpace(dir);
    const store = RecordStore.open<TestRecord>(folder, {disk});
    store.put(record('1000', 'first'));
    full();
    // A change (e.g. the recovery of a crashed service's job at startup) must not throw.
    expect(store.put({...record('1000', 'changed'), state: 'JOB_STATE_FAILED'})).toBe(false);
    expect(store.get('1000')).toMatchObject({note: 'changed'});
    const file = path.join(folder, '1000.json');
    expect(fs.readFileSync(file, 'utf8')).toContain('"first"');
    // A new job that cannot be recorded is refused as a whole, with the one-line reason.
    let refused: unknown;
    try {
      store.insert(record('2000', 'new'));
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(RpcError);
    expect((refused as RpcError).code).toBe(grpc.status.RESOURCE_EXHAUSTED);
    expect((refused as RpcError).message).toBe(diskFullMessage(dir));
    expect(store.get('2000')).toBeUndefined();
    expect(disk.isFull()).toBe(true);
    expect(() => disk.refuseIfFull()).toThrow(/^disk full \(.*\): free space/);

    freed();
    expect(disk.isFull()).toBe(false); // and the held-back change is written
    expect(fs.readFileSync(file, 'utf8')).toContain('"changed"');
    disk.close();
  });
});

describe('log files on a full disk', () => {
  it('drop the batch, name its job, and keep every line whole', () => {
    const folder = path.join(dir, 'logs');
    const files = new LogFiles(folder);
    const failures: string[][] = [];
    files.onWriteFailed = (keys, error) => {
      expect((error as NodeJS.ErrnoException).code).toBe('ENOSPC');
      failures.push(keys);
    };
    files.append('1000', logRecord('1000', 'before', 1));
    files.flush();
    full();
    files.append('1000', logRecord('1000', 'lost', 2));
    expect(() => files.flush()).not.toThrow();
    expect(failures).toEqual([['1000']]);
    freed();
    files.append('1000', logRecord('1000', 'after', 3));
    files.close();
    const loaded = new LogFiles(folder).load().get('1000') ?? [];
    expect(loaded.map((entry) => entry.textPayload)).toEqual(['before', 'after']);
  });

  it('never throw out of the flush timer: the log store tells the service which job lost lines', async () => {
    const store = LogStore.open(path.join(dir, 'logs'));
    const lost = new Promise<string[]>((resolve) => store.onWriteFailed((ids) => resolve(ids)));
    full();
    const {logName, resource, labels, severity} = logRecord('1000', '', 0);
    store.append({logName, resource, labels, severity, textPayload: 'line'}, 'replica');
    // The 25 ms flush timer runs with the disk full; an uncaught ENOSPC would fail this test.
    expect(await lost).toEqual(['1000']);
    freed();
    store.close();
  });
});

describe('clients', () => {
  it('say disk full in one line, not a quota', () => {
    const message = diskFullMessage('/data/vtrain');
    const explained = explainApiError({
      code: 8,
      details: message,
      message: `8 RESOURCE_EXHAUSTED: ${message}`,
    });
    expect(explained.kind).toBe('disk-full');
    expect(explained.summary).toMatch(/^disk full \(\/data\/vtrain\): free space on that disk/);
    expect(explained.summary).not.toMatch(/\n|quota/);
  });
});
