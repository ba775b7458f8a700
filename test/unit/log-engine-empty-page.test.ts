// Cloud Logging may answer ListLogEntries with no entries and a nextPageToken: "the search found
// no log entries so far but it did not have time to search all the possible log entries. Retry
// the method with this value for page_token to continue the search" (ListLogEntriesResponse.
// next_page_token, google/logging/v2/logging.proto). The dashboard's newest-first read must
// follow such a page rather than show an empty log with nothing older to load.
import {describe, expect, it} from 'vitest';
import type {ListLogEntriesRequest, LoggingApi} from '../../source/services/vertex/api.js';
import {JobLogEngine} from '../../source/services/logs/job-log-engine.js';
import {LOCAL_READS, ReadBudget} from '../../source/services/logs/read-budget.js';

const entry = (id: string, second: number) => ({
  insertId: id,
  timestamp: {seconds: 1_700_000_000 + second, nanos: 0},
  textPayload: `line ${id}`,
  severity: 'INFO',
  resource: {labels: {task_name: 'workerpool0-0'}},
});

/** Newest-first pages: one empty page with a token (search not finished), then the entries. */
function fakeLogging(requests: ListLogEntriesRequest[]): LoggingApi {
  return {
    async listLogEntries(request) {
      requests.push(request);
      if (request.orderBy === 'timestamp asc') return {entries: [], nextPageToken: ''};
      if (request.pageToken === '') return {entries: [], nextPageToken: 'not-finished'};
      if (request.pageToken === 'not-finished')
        return {entries: [entry('b', 2), entry('a', 1)], nextPageToken: 'older'};
      return {entries: [], nextPageToken: ''};
    },
    tailLogEntries: () => ({close() {}}),
  };
}

describe('the log engine reading newest first', () => {
  it('follows an empty page that carries a nextPageToken to the entries behind it', async () => {
    const requests: ListLogEntriesRequest[] = [];
    const engine = new JobLogEngine({
      logging: fakeLogging(requests),
      budget: new ReadBudget(LOCAL_READS),
      project: 'p',
      jobId: '123',
      jobCreateTimeMs: 1_700_000_000_000 - 60_000,
      open: 'end',
      follow: false,
    });
    engine.start();
    await engine.ended();
    const ids = [...engine.store.lines()].map((line) => line.insertId);
    expect(ids).toEqual(['a', 'b']);
    const newestFirst = requests.filter((request) => request.orderBy === 'timestamp desc');
    expect(newestFirst.map((request) => request.pageToken)).toEqual(['', 'not-finished']);
    // The page with entries still has older history behind it.
    expect(engine.status().olderAvailable).toBe(true);
    engine.stop();
  });
});
