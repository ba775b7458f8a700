import {describe, expect, it} from 'vitest';
import {ApiError, type VertexApi} from '../../../source/services/vertex/api.js';
import {REQUEST_ID_LABEL} from '../../../source/services/vertex/create-job.js';
import {
  submitDraft,
  SubmitError,
  type SubmitStage,
} from '../../../source/ui/screens/wizard/submit-draft.js';
import type {JobDraft} from '../../../source/core/job-spec/index.js';
import {baseDraft, packagePool} from '../job-spec/fixtures.js';

type Stage = (draft: JobDraft) => Promise<JobDraft>;

// Staging hands back the draft with the uploaded package's gs:// URI; here it changes nothing.
function session(
  create: () => Promise<Record<string, unknown>>,
  stage: Stage = async (draft) => draft,
) {
  const sent: unknown[] = [];
  return {
    sent,
    session: {
      stagePackages: stage,
      api: {
        jobs: {
          createCustomJob: async (request: unknown) => {
            sent.push(request);
            return create();
          },
          listJobs: async () => ({items: [], nextPageToken: ''}),
        },
      } as unknown as VertexApi,
    },
  };
}

const local = baseDraft({
  workerPools: [
    {
      ...packagePool(),
      task: {...(packagePool().task as object), localPackagePath: '/code'},
    } as never,
  ],
});

describe('submitDraft', () => {
  it('reports packaging then creating, and labels the job with the request id', async () => {
    const stages: SubmitStage[] = [];
    const fake = session(async () => ({name: 'jobs/1'}));
    const created = await submitDraft(
      fake.session,
      local,
      {requestId: 'abc', unclear: false},
      (s) => stages.push(s),
    );
    expect(stages).toEqual(['packaging', 'creating']);
    expect(created.job.name).toBe('jobs/1');
    expect(fake.sent[0]).toMatchObject({customJob: {labels: {[REQUEST_ID_LABEL]: 'abc'}}});
  });

  it('skips packaging without a local folder and explains a refused create', async () => {
    const stages: SubmitStage[] = [];
    const fake = session(async () => {
      throw new ApiError('3 INVALID_ARGUMENT: machine type n9 is unknown', 3, undefined);
    });
    const error = await submitDraft(
      fake.session,
      baseDraft(),
      {requestId: 'x', unclear: false},
      (s) => stages.push(s),
    ).catch((e: unknown) => e);
    expect(stages).toEqual(['creating']);
    expect(error).toBeInstanceOf(SubmitError);
    expect(error).toMatchObject({
      stage: 'creating',
      unclear: false,
      message: 'the backend refused the job: machine type n9 is unknown',
    });
  });

  it('names the packaging stage when the upload fails', async () => {
    const fake = session(
      async () => ({}),
      async () => {
        throw new Error('the package folder /code does not exist');
      },
    );
    await expect(
      submitDraft(fake.session, local, {requestId: 'x', unclear: false}, () => undefined),
    ).rejects.toMatchObject({stage: 'packaging', message: /\/code does not exist/});
    expect(fake.sent).toEqual([]);
  });
});
