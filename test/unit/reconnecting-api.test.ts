import {describe, expect, it} from 'vitest';
import {ApiError, type VertexApi} from '../../source/services/vertex/api.js';
import {reconnectingApi} from '../../source/services/vertex/reconnecting-api.js';

/** A fake connection whose getCustomJob fails with `code` (or answers with its own name). */
function fakeApi(name: string, code?: number): VertexApi & {closed: boolean} {
  const api = {
    closed: false,
    jobs: {
      getCustomJob: async () => {
        if (code !== undefined) throw new ApiError(`${name} failed`, code, undefined);
        return {name};
      },
      createCustomJob: async () => ({}),
      listCustomJobs: async () => [],
      cancelCustomJob: async () => undefined,
      ping: async () => undefined,
      createHyperparameterTuningJob: async () => ({}),
      createTrainingPipeline: async () => ({}),
      listJobs: async () => ({items: [], nextPageToken: ''}),
      getJob: async () => ({}),
      cancelJob: async () => undefined,
    },
    datasets: {
      listDatasets: async () => ({items: [], nextPageToken: ''}),
      getDataset: async () => ({}),
    },
    persistentResources: {
      listPersistentResources: async () => [],
      getPersistentResource: async () => ({}),
      createPersistentResource: async () => '',
      deletePersistentResource: async () => '',
    },
    logging: {
      listLogEntries: async () => ({entries: [], nextPageToken: ''}),
      tailLogEntries: () => ({close() {}}),
    },
    async close() {
      api.closed = true;
    },
  };
  return api;
}

describe('reconnectingApi', () => {
  it('replaces a lost connection once and retries the call on the new one', async () => {
    const lost = fakeApi('old', 14);
    let connects = 0;
    const api = reconnectingApi(lost, async () => {
      connects += 1;
      return fakeApi(`new-${connects}`);
    });
    const answers = await Promise.all([api.jobs.getCustomJob('a'), api.jobs.getCustomJob('b')]);
    expect(answers).toEqual([{name: 'new-1'}, {name: 'new-1'}]);
    expect(connects).toBe(1);
    expect(lost.closed).toBe(true);
    expect(api.reconnects).toBe(1);
  });

  it('passes other failures through without reconnecting', async () => {
    let connects = 0;
    const api = reconnectingApi(fakeApi('old', 5), async () => {
      connects += 1;
      return fakeApi('new');
    });
    await expect(api.jobs.getCustomJob('a')).rejects.toThrow('old failed');
    expect(connects).toBe(0);
  });

  it('reports the reconnect failure when the service cannot be started again', async () => {
    const api = reconnectingApi(fakeApi('old', 14), async () => {
      throw new Error('could not start the local emulator: python3 not found');
    });
    await expect(api.jobs.getCustomJob('a')).rejects.toThrow(/could not start the local emulator/);
  });
});

describe('reconnectingApi and creates', () => {
  it('reconnects but never retries a create whose connection was lost', async () => {
    let creates = 0;
    const lost = fakeApi('old', 14);
    lost.jobs.createCustomJob = async () => {
      creates += 1;
      throw new ApiError('connection lost mid-create', 14, undefined);
    };
    const fresh = fakeApi('new');
    fresh.jobs.createCustomJob = async () => {
      creates += 1;
      return {name: 'duplicate'};
    };
    let connects = 0;
    const api = reconnectingApi(lost, async () => {
      connects += 1;
      return fresh;
    });
    await expect(api.jobs.createCustomJob({parent: 'p', customJob: {}} as never)).rejects.toThrow(
      'connection lost mid-create',
    );
    expect(creates).toBe(1);
    expect(connects).toBe(1);
    // The next call (the caller's duplicate check) already uses the new connection.
    await expect(api.jobs.getCustomJob('a')).resolves.toEqual({name: 'new'});
    expect(connects).toBe(1);
  });
});
