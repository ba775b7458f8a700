// What crosses from the API worker to the UI thread for log entries: compacted entries (unset
// fields dropped) or, when asked, log lines. Neither may change what the views or `logs --json`
// show.
import {EventEmitter} from 'node:events';
import {describe, expect, it} from 'vitest';
import {toLogLine} from '../../source/services/vertex/log-line.js';
import {toRestEntry} from '../../source/services/logs/rest-entry.js';
import {compactLogEntry, officialLoggingApi} from '../../source/services/vertex/official-api.js';

/** An entry as the decoder gives it: every field present, unset ones at their defaults. */
function decodedEntry(n: number): Record<string, unknown> {
  return {
    logName: 'projects/p/logs/workerpool0-0',
    resource: {type: 'ml_job', labels: {job_id: '42', task_name: 'workerpool0-0'}},
    timestamp: {seconds: String(1_800_000_000 + n), nanos: 5},
    receiveTimestamp: {seconds: String(1_800_000_000 + n), nanos: 5},
    severity: 'WARNING',
    insertId: `id-${n}`,
    httpRequest: null,
    labels: {},
    operation: null,
    trace: '',
    spanId: '',
    traceSampled: false,
    sourceLocation: null,
    split: null,
    errorGroups: [],
    textPayload: `line ${n}`,
    payload: 'textPayload',
  };
}

describe('compactLogEntry', () => {
  it('drops unset fields and the oneof marker, keeps the rest', () => {
    expect(compactLogEntry(decodedEntry(1))).toEqual({
      logName: 'projects/p/logs/workerpool0-0',
      resource: {type: 'ml_job', labels: {job_id: '42', task_name: 'workerpool0-0'}},
      timestamp: {seconds: '1800000001', nanos: 5},
      receiveTimestamp: {seconds: '1800000001', nanos: 5},
      severity: 'WARNING',
      insertId: 'id-1',
      textPayload: 'line 1',
    });
  });

  it('changes neither the REST shape (`logs --json`) nor the log line', () => {
    const entry = {...decodedEntry(2), trace: 'projects/p/traces/abc', labels: {a: 'b'}};
    const compact = compactLogEntry(entry);
    expect(toRestEntry(compact)).toEqual(toRestEntry(entry));
    expect(toLogLine(compact as never)).toEqual(toLogLine(entry as never));
  });
});

describe('officialLoggingApi asLines', () => {
  it('lists lines made from the decoded entries and does not send the flag to the server', async () => {
    const requests: unknown[] = [];
    const client = {
      listLogEntries: async (request: unknown) => {
        requests.push(request);
        return [[decodedEntry(1), decodedEntry(2)], null, {nextPageToken: 'next'}];
      },
    };
    const api = officialLoggingApi(client as never);
    const base = {
      resourceNames: ['projects/p'],
      filter: 'f',
      orderBy: 'timestamp asc' as const,
      pageSize: 10,
      pageToken: '',
    };
    const asLines = await api.listLogEntries({...base, asLines: true});
    expect(requests[0]).toEqual(base);
    expect(asLines.entries).toEqual([]);
    expect(asLines.lines).toEqual([
      toLogLine(decodedEntry(1) as never),
      toLogLine(decodedEntry(2) as never),
    ]);
    expect(asLines.nextPageToken).toBe('next');
    const asEntries = await api.listLogEntries(base);
    expect(asEntries.lines).toBeUndefined();
    expect(asEntries.entries).toEqual([
      compactLogEntry(decodedEntry(1)),
      compactLogEntry(decodedEntry(2)),
    ]);
  });

  it('tails lines, with the suppressed count, and writes the request without the flag', () => {
    const stream = Object.assign(new EventEmitter(), {
      written: [] as unknown[],
      write(message: unknown) {
        this.written.push(message);
      },
      destroy() {},
    });
    const api = officialLoggingApi({tailLogEntries: () => stream} as never);
    const received: unknown[] = [];
    const request = {
      resourceNames: ['projects/p'],
      filter: 'f',
      bufferWindow: {seconds: 0, nanos: 0},
    };
    api.tailLogEntries({...request, asLines: true}, {onData: (r) => received.push(r), onEnd() {}});
    stream.emit('data', {
      entries: [decodedEntry(3)],
      suppressionInfo: [{reason: 'RATE_LIMIT', suppressedCount: 7}],
    });
    expect(stream.written).toEqual([request]);
    expect(received).toEqual([
      {entries: [], lines: [toLogLine(decodedEntry(3) as never)], suppressedCount: 7},
    ]);
  });
});
