import {describe, expect, it} from 'vitest';
import {buildCreateRequest} from '../../source/core/job-spec/index.js';
import {ApiError, type JobsApi, type ListRequest} from '../../source/services/vertex/api.js';
import {
  createJobOnce,
  REQUEST_ID_LABEL,
  withRequestId,
} from '../../source/services/vertex/create-job.js';
import {baseDraft, STUDY} from './job-spec/fixtures.js';

/** A fake backend that stores created jobs; `lose` makes a create fail after (or before) storing. */
function fakeJobs(lose: ('after' | 'before' | 'refuse' | undefined)[]) {
  const stored: Record<string, unknown>[] = [];
  const lists: ListRequest[] = [];
  let attempt = 0;
  const create = async (resource: Record<string, unknown>) => {
    const mode = lose[attempt++];
    if (mode === 'refuse') throw new ApiError('3 INVALID_ARGUMENT: bad', 3, undefined);
    if (mode === 'before') throw new ApiError('14 UNAVAILABLE: gone', 14, undefined);
    const job = {...resource, name: `jobs/${stored.length + 1}`};
    stored.push(job);
    if (mode === 'after') throw new ApiError('14 UNAVAILABLE: answer lost', 14, undefined);
    return job;
  };
  const api = {
    createCustomJob: (r: {customJob: Record<string, unknown>}) => create(r.customJob),
    createHyperparameterTuningJob: (r: {hyperparameterTuningJob: Record<string, unknown>}) =>
      create(r.hyperparameterTuningJob),
    listJobs: async (_kind: string, request: ListRequest) => {
      lists.push(request);
      const id = /="(.+)"$/.exec(request.filter ?? '')?.[1];
      return {
        items: stored.filter((j) => (j.labels as Record<string, string>)[REQUEST_ID_LABEL] === id),
        nextPageToken: '',
      };
    },
  } as unknown as JobsApi;
  return {api, stored, lists};
}

const request = (id: string) => buildCreateRequest(withRequestId(baseDraft(), id));

describe('createJobOnce', () => {
  it('creates once when the first attempt is answered', async () => {
    const fake = fakeJobs([undefined]);
    const created = await createJobOnce(fake.api, request('r1'));
    expect(created).toMatchObject({kind: 'custom', recovered: false, job: {name: 'jobs/1'}});
    expect(fake.lists).toEqual([]);
  });

  it('finds the job an unanswered attempt created instead of creating a duplicate', async () => {
    const fake = fakeJobs(['after', undefined]);
    const created = await createJobOnce(fake.api, request('r2'));
    expect(created).toMatchObject({recovered: true, job: {name: 'jobs/1'}});
    expect(fake.stored).toHaveLength(1);
    expect(fake.lists[0]?.filter).toBe(`labels.${REQUEST_ID_LABEL}="r2"`);
  });

  it('sends again, once, when the lost attempt created nothing', async () => {
    const fake = fakeJobs(['before', undefined]);
    const created = await createJobOnce(fake.api, request('r3'));
    expect(created).toMatchObject({recovered: false, job: {name: 'jobs/1'}});
    expect(fake.stored).toHaveLength(1);
  });

  it('never retries a refused create, and gives up after the one retry', async () => {
    const refused = fakeJobs(['refuse', undefined]);
    await expect(createJobOnce(refused.api, request('r4'))).rejects.toThrow('INVALID_ARGUMENT');
    expect(refused.lists).toEqual([]);
    const lost = fakeJobs(['before', 'before', undefined]);
    await expect(createJobOnce(lost.api, request('r5'))).rejects.toThrow('UNAVAILABLE');
    expect(lost.stored).toHaveLength(0);
  });

  it('works for tuning jobs and refuses a request without the label', async () => {
    const fake = fakeJobs(['after']);
    const tuning = buildCreateRequest(
      withRequestId(baseDraft({workflow: 'hyperparameter-tuning-job', study: STUDY}), 'r6'),
    );
    await expect(createJobOnce(fake.api, tuning)).resolves.toMatchObject({
      kind: 'hptuning',
      recovered: true,
    });
    await expect(createJobOnce(fake.api, buildCreateRequest(baseDraft()))).rejects.toThrow(
      /no vtrain_request_id label/,
    );
  });
});

describe('createJobOnce on a retry by the user', () => {
  it('looks for the job of the unclear attempt before sending anything', async () => {
    const fake = fakeJobs(['after', 'before']);
    await expect(
      createJobOnce(fake.api, request('r7'), {checkFirst: false}).catch(() => 'second lost'),
    ).resolves.toMatchObject({recovered: true});
    // A user retry of a request whose job exists: found, nothing sent.
    const again = await createJobOnce(fake.api, request('r7'), {checkFirst: true});
    expect(again).toMatchObject({recovered: true, job: {name: 'jobs/1'}});
    expect(fake.stored).toHaveLength(1);
  });
});
