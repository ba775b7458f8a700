import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {createWorkerApi} from '../../source/services/vertex/worker-api.js';

const NOISY = path.resolve(import.meta.dirname, '../fixtures/noisy-worker.mjs');

describe('createWorkerApi', () => {
  it('keeps the worker output off the terminal and reports its tail when the worker fails', async () => {
    const endpoint = {host: 'us-central1-aiplatform.googleapis.com', port: 443, source: 'test'};
    const backend = {
      kind: 'vertex',
      project: 'p',
      region: 'us-central1',
      endpoints: {aiplatform: endpoint, logging: endpoint},
    } as const;
    const failure = await createWorkerApi(backend, NOISY).catch((error: Error) => error);
    expect(failure).toBeInstanceOf(Error);
    expect((failure as Error).message).toMatch(/cannot load the clients/);
    expect((failure as Error).message).toMatch(/worker said: .*MetadataLookupWarning/);
  });
});
