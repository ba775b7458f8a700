// The log engine's reads through the real logging client against an emulator that answers the
// first ListLogEntries with UNAVAILABLE and the next with an empty page carrying a token.
// - Cloud Logging: an empty page with a nextPageToken means "the search found no log entries so
//   far but it did not have time to search all the possible log entries. Retry the method with
//   this value for page_token" (ListLogEntriesResponse.next_page_token, logging.proto).
// - The client's config (logging_service_v2_client_config.json) would retry UNAVAILABLE itself,
//   out of the app's read budget; official-api.ts turns that off, so the engine sees the error
//   and retries it through the budget.
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {JobLogEngine} from '../../source/services/logs/job-log-engine.js';
import {LOCAL_READS, ReadBudget} from '../../source/services/logs/read-budget.js';
import {officialLoggingApi} from '../../source/services/vertex/official-api.js';
import type {LoggingApi} from '../../source/services/vertex/api.js';
import {toJobSnapshot} from '../../source/services/vertex/job-snapshot.js';
import {isTerminalState} from '../../source/core/job-spec/index.js';
import {jobLogLines, startTestEmulator, waitFor, type TestEmulator} from '../helpers/emulator.js';
import {scenarioRequest, stageScenario} from '../helpers/scenario.js';

let env: TestEmulator;

beforeAll(async () => {
  env = await startTestEmulator({
    queueDelayMs: 0,
    provisionDelayMs: 0,
    faults: {errors: [{method: 'ListLogEntries', code: 'UNAVAILABLE', times: 1}], emptyLogPages: 1},
  });
  await stageScenario(env);
});
afterAll(async () => env?.close());

describe('log reads through the official client', () => {
  it('retry UNAVAILABLE within the budget and page past an empty page with a token', async () => {
    const [created] = await env.clients.jobs.createCustomJob(
      scenarioRequest(['out:first', 'out:second', 'err:third']) as never,
    );
    const job = toJobSnapshot(created as never);
    await waitFor(
      async () => {
        const [current] = await env.clients.jobs.getCustomJob({name: job.name});
        return isTerminalState(toJobSnapshot(current as never).state) || undefined;
      },
      60_000,
      'the job to finish',
    );

    const logging = officialLoggingApi(env.clients.logging);
    const seen: {order: string; token: string; lines: number; next: string}[] = [];
    const errors: unknown[] = [];
    const recording: LoggingApi = {
      async listLogEntries(request) {
        try {
          const page = await logging.listLogEntries(request);
          const lines = page.lines?.length ?? page.entries.length;
          seen.push({
            order: request.orderBy,
            token: request.pageToken,
            lines,
            next: page.nextPageToken,
          });
          return page;
        } catch (error) {
          errors.push(error);
          throw error;
        }
      },
      tailLogEntries: (request, handlers) => logging.tailLogEntries(request, handlers),
    };
    const budget = new ReadBudget(LOCAL_READS);
    const engine = new JobLogEngine({
      logging: recording,
      budget,
      project: 'test-project',
      jobId: job.id,
      jobCreateTimeMs: job.createTime!.getTime(),
      open: 'end',
      follow: false,
    });
    engine.start();
    await engine.ended();
    engine.stop();

    // The client did not retry on its own: the engine saw the UNAVAILABLE and read again.
    expect(errors).toMatchObject([{code: 14}]);
    expect(budget.granted).toBe(errors.length + seen.length);
    // The newest-first read followed the empty page to the job's lines.
    const newestFirst = seen.filter((page) => page.order === 'timestamp desc');
    expect(newestFirst[0]).toMatchObject({lines: 0, next: expect.stringMatching(/.+/)});
    expect(newestFirst[1]?.token).toBe(newestFirst[0]?.next);
    const expected = await jobLogLines(env.clients, job.id);
    expect(expected.length).toBeGreaterThanOrEqual(3);
    expect(newestFirst[1]?.lines).toBe(expected.length);
  });
});
