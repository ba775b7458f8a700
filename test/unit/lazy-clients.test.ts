// The app creates each official client on its first call (clients.ts lazyClients, issue #22), so
// official-api.ts accepts a client or a function that creates it. A tail opened before the
// logging client exists opens once it does; one closed before that never opens a stream; a
// client that fails to load ends the tail with its reason; creation happens once per client.
import {EventEmitter} from 'node:events';
import {describe, expect, it} from 'vitest';
import {officialJobsApi, officialLoggingApi} from '../../source/services/vertex/official-api.js';

const REQUEST = {resourceNames: ['projects/p'], filter: 'f', bufferWindow: {seconds: 0, nanos: 0}};

function fakeStream() {
  return Object.assign(new EventEmitter(), {
    written: [] as unknown[],
    destroyed: false,
    write(message: unknown) {
      this.written.push(message);
    },
    destroy() {
      this.destroyed = true;
    },
  });
}

describe('lazily created clients', () => {
  it('opens a tail once the logging client has been created', async () => {
    const stream = fakeStream();
    let created = 0;
    const api = officialLoggingApi(async () => {
      created += 1;
      return {tailLogEntries: () => stream} as never;
    });
    const received: unknown[] = [];
    api.tailLogEntries(REQUEST, {onData: (r) => received.push(r), onEnd() {}});
    await new Promise((resolve) => setImmediate(resolve));
    expect(stream.written).toEqual([REQUEST]);
    stream.emit('data', {entries: [], suppressionInfo: []});
    expect(received).toEqual([{entries: [], suppressedCount: 0}]);
    expect(created).toBe(1);
  });

  it('never opens a tail closed before the client exists', async () => {
    let opened = false;
    const api = officialLoggingApi(
      async () =>
        ({
          tailLogEntries: () => {
            opened = true;
            return fakeStream();
          },
        }) as never,
    );
    const ends: string[] = [];
    api.tailLogEntries(REQUEST, {onData() {}, onEnd: (reason) => ends.push(reason)}).close();
    await new Promise((resolve) => setImmediate(resolve));
    expect(opened).toBe(false);
    expect(ends).toEqual([]);
  });

  it('ends the tail with the reason when the client cannot be created', async () => {
    const api = officialLoggingApi(() => Promise.reject(new Error('no client module')));
    const ends: string[] = [];
    api.tailLogEntries(REQUEST, {onData() {}, onEnd: (reason) => ends.push(reason)});
    await new Promise((resolve) => setImmediate(resolve));
    expect(ends).toEqual(['no client module']);
  });

  it('asks the job client source on each call and the pipeline source only for pipelines', async () => {
    const asked = {jobs: 0, pipelines: 0};
    const page = () => Promise.resolve([[{name: 'a'}], null, {nextPageToken: ''}]);
    const api = officialJobsApi(
      async () => {
        asked.jobs += 1;
        return {listCustomJobs: page} as never;
      },
      async () => {
        asked.pipelines += 1;
        return {listTrainingPipelines: page} as never;
      },
    );
    expect(await api.listJobs('custom', {parent: 'p'})).toEqual({
      items: [{name: 'a'}],
      nextPageToken: '',
    });
    expect(asked).toEqual({jobs: 1, pipelines: 0});
    await api.listJobs('pipeline', {parent: 'p'});
    expect(asked).toEqual({jobs: 1, pipelines: 1});
  });
});
