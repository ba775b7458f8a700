// Records (records/record-store.ts) and log files on disk: atomic records, torn NDJSON tails,
// retention pruning, the service lock, and the bucket store's path checks.
import {spawn} from 'node:child_process';
import {once} from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {GcsUriError, localObjectPath} from '../../../source/core/job-spec/index.js';
import type {JobRecord} from '../../../source/emulator/custom-job/job-record.js';
import {RecordStore} from '../../../source/emulator/records/record-store.js';
import {
  LogStore,
  type LogRetention,
  type NewLogRecord,
} from '../../../source/emulator/logging/log-store.js';
import {acquireServiceLock, ServiceAlreadyRunning} from '../../../source/emulator/contract/lock.js';
import {checkPrivate, UnsafeFileError} from '../../../source/emulator/contract/private-files.js';
import {identify} from '../../../source/emulator/contract/process-identity.js';
import {
  LOST_JOB_MESSAGE,
  recoverInterruptedJobs,
} from '../../../source/emulator/custom-job/recovery.js';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vtrain-persist-'));
});
afterEach(() => fs.rmSync(dir, {recursive: true, force: true}));

const job = (id: string, state: JobRecord['state'] = 'JOB_STATE_QUEUED'): JobRecord => ({
  id,
  name: `projects/p/locations/us-central1/customJobs/${id}`,
  project: 'p',
  location: 'us-central1',
  displayName: `job ${id}`,
  jobSpec: {workerPoolSpecs: []},
  labels: {team: 'a'},
  state,
  createTimeNs: 1_700_000_000_123_456_789n + BigInt(id),
  updateTimeNs: 1_700_000_000_123_456_789n,
});

const entry = (jobId: string, text: string): NewLogRecord => ({
  logName: 'projects/p/logs/workerpool0-0',
  resource: {type: 'ml_job', labels: {job_id: jobId, task_name: 'workerpool0-0', project_id: 'p'}},
  labels: {},
  severity: 'INFO',
  textPayload: text,
});

const retention = (overrides: Partial<LogRetention>): LogRetention => ({
  maxEntriesPerJob: 1000,
  maxTotalBytes: 1 << 30,
  maxAgeDays: 0,
  ...overrides,
});

describe('RecordStore on disk', () => {
  it('round-trips records (bigint times included), survives a leftover temp file and deletes', () => {
    const folder = path.join(dir, 'jobs');
    const store = RecordStore.open<JobRecord>(folder);
    store.put(job('11'));
    const second = job('22', 'JOB_STATE_RUNNING');
    second.startTimeNs = 1_700_000_001_000_000_001n;
    store.put(second);
    store.recordReplica('22', {replica: 'workerpool0-0', pid: 4242, pgid: 4242, startTime: '99'});
    // A crash between write and rename leaves only a temp file; the old record stays valid.
    fs.writeFileSync(path.join(folder, '11.json.123.abcd.tmp'), '{"version":1,"job":{"id":"11"');
    const reopened = RecordStore.open<JobRecord>(folder);
    expect(reopened.get('22')).toEqual(second);
    expect(reopened.get('11')).toEqual(job('11'));
    expect(reopened.replicasOf('22')).toEqual([
      {replica: 'workerpool0-0', pid: 4242, pgid: 4242, startTime: '99'},
    ]);
    expect(reopened.unreadable).toEqual([]);
    expect(fs.readdirSync(folder).sort()).toEqual(['11.json', '22.json']);
    expect(reopened.list().map((record) => record.id)).toEqual(['22', '11']);

    second.state = 'JOB_STATE_SUCCEEDED';
    reopened.put(second);
    expect(RecordStore.open<JobRecord>(folder).replicasOf('22')).toEqual([]);
    expect(reopened.delete('11')).toBe(true);
    expect(reopened.delete('11')).toBe(false);
    expect(RecordStore.open<JobRecord>(folder).get('11')).toBeUndefined();
  });

  it('reports an unreadable record instead of failing to open', () => {
    const folder = path.join(dir, 'jobs');
    fs.mkdirSync(folder);
    fs.writeFileSync(path.join(folder, '33.json'), 'not json');
    const store = RecordStore.open<JobRecord>(folder);
    expect(store.list()).toEqual([]);
    expect(store.unreadable[0]?.file).toMatch(/33\.json$/);
    // Moved aside, not left to fail every start.
    expect(fs.existsSync(path.join(folder, '33.json'))).toBe(false);
    expect(fs.readFileSync(store.unreadable[0]!.movedTo!, 'utf8')).toBe('not json');
  });
});

describe('LogStore on disk', () => {
  it('keeps entries across reopen and tolerates a torn last line', () => {
    const folder = path.join(dir, 'logs');
    const first = LogStore.open(folder, retention({}));
    first.append(entry('7', 'one'), 'a');
    first.append(entry('7', 'two'), 'a');
    first.close();
    const file = path.join(folder, '7.ndjson');
    fs.appendFileSync(file, '{"insertId":"x","timestam'); // a crash mid-write
    const second = LogStore.open(folder, retention({}));
    expect(second.all().map((record) => record.textPayload)).toEqual(['one', 'two']);
    second.append(entry('7', 'three'), 'a');
    second.close();
    const third = LogStore.open(folder, retention({}));
    expect(third.all().map((record) => record.textPayload)).toEqual(['one', 'two', 'three']);
    expect(third.all()[0]?.timestampNs).toBe(second.all()[0]?.timestampNs);
    third.close();
  });

  it('prunes the oldest entries of a job beyond the per-job limit, in memory and on disk', () => {
    const folder = path.join(dir, 'logs');
    const store = LogStore.open(folder, retention({maxEntriesPerJob: 20}));
    for (let index = 0; index < 100; index++) store.append(entry('1', `line ${index}`), 'a');
    store.append(entry('2', 'other job'), 'b');
    const lines = store.all().filter((record) => record.resource.labels.job_id === '1');
    expect(lines.length).toBeLessThanOrEqual(30); // limit plus max(10, 10 %) slack before pruning
    expect(lines.at(-1)?.textPayload).toBe('line 99');
    expect(store.all().some((record) => record.textPayload === 'line 0')).toBe(false);
    store.close();
    const reopened = LogStore.open(folder, retention({maxEntriesPerJob: 20}));
    const kept = reopened.all().filter((record) => record.resource.labels.job_id === '1');
    expect(kept.length).toBeLessThanOrEqual(20);
    const lastLine = kept.filter((record) => record.textPayload?.startsWith('line ')).at(-1);
    expect(lastLine?.textPayload).toBe('line 99');
    // Clients can see that entries were removed.
    expect(
      kept.some((record) =>
        /older log entries of this job were removed/.test(record.textPayload ?? ''),
      ),
    ).toBe(true);
    expect(reopened.all().some((record) => record.textPayload === 'other job')).toBe(true);
    reopened.close();
  });

  it('drops the least recently written jobs when the total size is over the limit', () => {
    const folder = path.join(dir, 'logs');
    const store = LogStore.open(folder, retention({maxTotalBytes: 20_000}));
    const padding = 'x'.repeat(200);
    for (let index = 0; index < 40; index++) store.append(entry('100', `old ${padding}`), 'a');
    for (let index = 0; index < 40; index++) store.append(entry('200', `new ${padding}`), 'b');
    store.close();
    expect(fs.existsSync(path.join(folder, '100.ndjson'))).toBe(false);
    expect(fs.existsSync(path.join(folder, '200.ndjson'))).toBe(true);
    const size = fs.statSync(path.join(folder, '200.ndjson')).size;
    expect(size).toBeLessThanOrEqual(22_000);
    expect(store.all().every((record) => record.resource.labels.job_id === '200')).toBe(true);
  });

  it('prunes entries older than the age limit', () => {
    const folder = path.join(dir, 'logs');
    const store = LogStore.open(folder, retention({maxAgeDays: 1}));
    store.append(entry('5', 'aged'), 'a');
    store.append(entry('6', 'fresh'), 'b');
    const twoDaysLater = store.all()[0]!.timestampNs + 2n * 86_400n * 1_000_000_000n;
    store.append(entry('6', 'latest'), 'b');
    store.pruneByAge(twoDaysLater - 1n);
    // Seen from two days later, all three entries are older than the one-day limit.
    expect(store.all()).toEqual([]);
    expect(fs.readdirSync(folder)).toEqual([]);
    store.append(entry('6', 'after'), 'b');
    store.pruneByAge();
    expect(store.all().map((record) => record.textPayload)).toEqual(['after']);
    store.close();
  });
});

describe('recovery after a crash', () => {
  it('fails lost jobs, ends a cancelling one as cancelled, and kills only processes it can identify', async () => {
    const store = RecordStore.open<JobRecord>(path.join(dir, 'jobs'));
    const logs = LogStore.open(path.join(dir, 'logs'), retention({}));
    const leftover = spawn('sleep', ['30'], {detached: true, stdio: 'ignore'});
    const bystander = spawn('sleep', ['30'], {detached: true, stdio: 'ignore'});
    await Promise.all([leftover, bystander].map((child) => once(child, 'spawn')));
    try {
      store.put(job('1', 'JOB_STATE_RUNNING'));
      store.recordReplica('1', {replica: 'workerpool0-0', ...identify(leftover.pid!)!});
      // Same pid, other start time: a recycled pid must never be killed.
      store.recordReplica('1', {
        replica: 'workerpool1-0',
        ...identify(bystander.pid!)!,
        startTime: 'not-its-start-time',
      });
      store.put(job('2', 'JOB_STATE_CANCELLING'));
      store.put(job('3', 'JOB_STATE_SUCCEEDED'));

      const report = recoverInterruptedJobs(store, logs);
      expect(report).toEqual({settledJobs: ['2', '1'], killedReplicas: 1});
      expect(store.get('1')).toMatchObject({
        state: 'JOB_STATE_FAILED',
        error: {code: 13, message: LOST_JOB_MESSAGE},
      });
      expect(store.get('2')).toMatchObject({
        state: 'JOB_STATE_CANCELLED',
        error: {code: 1, message: 'CANCELED'},
      });
      expect(store.get('3')?.state).toBe('JOB_STATE_SUCCEEDED');
      expect(RecordStore.open<JobRecord>(path.join(dir, 'jobs')).get('1')?.state).toBe(
        'JOB_STATE_FAILED',
      );
      const [, signal] = (await once(leftover, 'exit')) as [number | null, string | null];
      expect(signal).toBe('SIGKILL');
      expect(bystander.exitCode).toBeNull();
      expect(logs.all().map((record) => record.textPayload)).toContain(LOST_JOB_MESSAGE);
    } finally {
      bystander.kill('SIGKILL');
      leftover.kill('SIGKILL');
      logs.close();
    }
  });
});

describe('service lock', () => {
  it('refuses a second holder while the first lives, and takes over a stale lock', () => {
    const lock = path.join(dir, 'service.lock');
    const release = acquireServiceLock(lock);
    expect(() => acquireServiceLock(lock)).toThrow(ServiceAlreadyRunning);
    release();
    expect(fs.existsSync(lock)).toBe(false);
    // A holder that no longer exists (pid of nothing, start time that never matches).
    fs.writeFileSync(lock, JSON.stringify({pid: 2 ** 22 + 17, startTime: '1'}));
    const again = acquireServiceLock(lock);
    expect(JSON.parse(fs.readFileSync(lock, 'utf8')).pid).toBe(process.pid);
    again();
  });
});

describe('private files', () => {
  it('refuses group/world-accessible files and symlinks', () => {
    const file = path.join(dir, 'service.json');
    fs.writeFileSync(file, '{}', {mode: 0o600});
    expect(() => checkPrivate(file, 'file')).not.toThrow();
    fs.chmodSync(file, 0o640);
    expect(() => checkPrivate(file, 'file')).toThrow(/mode 0640.*chmod 600/);
    fs.chmodSync(file, 0o600);
    const link = path.join(dir, 'link.json');
    fs.symlinkSync(file, link);
    expect(() => checkPrivate(link, 'file')).toThrow(UnsafeFileError);
  });
});

describe('bucket store paths', () => {
  it('cannot escape the bucket store', () => {
    expect(() => localObjectPath('/data/buckets', 'gs://b/../../x')).toThrow(GcsUriError);
    expect(() => localObjectPath('/data/buckets', 'gs://bucket/../../x')).toThrow(/"\.\."/);
    expect(() => localObjectPath('/data/buckets', 'gs://bucket/a/./b')).toThrow(GcsUriError);
    expect(() => localObjectPath('/data/buckets', 'gs://../x')).toThrow(GcsUriError);
    expect(localObjectPath('/data/buckets', 'gs://bucket/a//b.tar.gz')).toBe(
      '/data/buckets/bucket/a/b.tar.gz',
    );
  });
});
