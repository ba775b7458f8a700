import {describe, expect, it} from 'vitest';
import {
  BadJobReference,
  filterString,
  findJob,
  JobNotFound,
  parseJobReference,
} from '../../../source/services/jobs/find-job.js';
import {listJobsMerged} from '../../../source/services/jobs/list-jobs.js';
import {
  ApiError,
  type JobKind,
  type JobsApi,
  type ListRequest,
} from '../../../source/services/vertex/api.js';

/** A backend with `count` custom jobs (newest first) that counts its List calls. */
function backend(count: number) {
  const calls: Array<{kind: JobKind; request: ListRequest}> = [];
  const jobs = Array.from({length: count}, (_, index) => ({
    name: `projects/p/locations/r/customJobs/${count - index}`,
    displayName: `job-${count - index}`,
    state: 'JOB_STATE_SUCCEEDED',
    createTime: {seconds: String(1_000_000 + count - index), nanos: 0},
  }));
  const api = {
    async listJobs(kind: JobKind, request: ListRequest) {
      calls.push({kind, request});
      if (kind !== 'custom') throw new ApiError('12 UNIMPLEMENTED', 12, undefined);
      const offset = Number(request.pageToken ?? 0);
      const size = request.pageSize ?? 100;
      const items = jobs.slice(offset, offset + size);
      const next = offset + size < jobs.length ? String(offset + size) : '';
      return {items, nextPageToken: next};
    },
  } as unknown as JobsApi;
  return {api, calls};
}

describe('listJobsMerged', () => {
  it('reads only the pages the limit needs, never the whole list', async () => {
    const {api, calls} = backend(10_000);
    const rows = await listJobsMerged(
      api,
      'projects/p/locations/r',
      ['custom', 'hptuning', 'pipeline'],
      '',
      150,
    );
    expect(rows).toHaveLength(150);
    expect(rows[0]!.displayName).toBe('job-10000');
    const customCalls = calls.filter((call) => call.kind === 'custom');
    expect(customCalls).toHaveLength(2);
    expect(customCalls.every((call) => call.request.pageSize === 100)).toBe(true);
  });

  it('passes the filter, translated for pipelines', async () => {
    const {api, calls} = backend(3);
    await listJobsMerged(
      api,
      'projects/p/locations/r',
      ['custom', 'pipeline'],
      'state="JOB_STATE_FAILED"',
      10,
    );
    expect(calls.find((call) => call.kind === 'pipeline')!.request.filter).toBe(
      'state="PIPELINE_STATE_FAILED"',
    );
  });
});

describe('listJobsMerged with a state no pipeline can have', () => {
  it('does not call ListTrainingPipelines when the filter cannot match a pipeline', async () => {
    const {api, calls} = backend(3);
    const rows = await listJobsMerged(
      api,
      'projects/p/locations/r',
      ['custom', 'pipeline'],
      'state="JOB_STATE_EXPIRED" AND display_name:"job"',
      10,
    );
    expect(calls.map((call) => call.kind)).toEqual(['custom']);
    expect(calls[0]!.request.filter).toBe('state="JOB_STATE_EXPIRED" AND display_name:"job"');
    expect(rows).toHaveLength(3);
  });

  it('still lists pipelines when the rest of an OR can match them', async () => {
    const {api, calls} = backend(3);
    await listJobsMerged(
      api,
      'projects/p/locations/r',
      ['custom', 'pipeline'],
      'state="JOB_STATE_EXPIRED" OR display_name="x"',
      10,
    );
    expect(calls.find((call) => call.kind === 'pipeline')!.request.filter).toBe('display_name="x"');
  });
});

describe('parseJobReference', () => {
  it('takes an id or a full name of any job type, and names the fix otherwise', () => {
    expect(parseJobReference('123')).toEqual({id: '123'});
    expect(parseJobReference('projects/p/locations/r/hyperparameterTuningJobs/9')).toEqual({
      kind: 'hptuning',
      name: 'projects/p/locations/r/hyperparameterTuningJobs/9',
    });
    expect(parseJobReference(' my job ')).toEqual({displayName: 'my job'});
    expect(() => parseJobReference('projects/p/locations/r/jobs/9')).toThrow(
      /numeric id, its display name or its full name/,
    );
  });

  it('quotes a display name as an AIP-160 string', () => {
    expect(filterString('a "b" \\c')).toBe('"a \\"b\\" \\\\c"');
  });
});

describe('findJob by display name', () => {
  const job = (id: string, displayName: string) => ({
    name: `projects/p/locations/r/customJobs/${id}`,
    displayName,
  });
  const api = (items: Array<Record<string, unknown>>) => {
    const filters: string[] = [];
    const jobs = {
      async listJobs(kind: JobKind, request: ListRequest) {
        filters.push(`${kind} ${request.filter}`);
        if (kind === 'pipeline') throw new ApiError('12 UNIMPLEMENTED', 12, undefined);
        return {items: kind === 'custom' ? items : [], nextPageToken: ''};
      },
    } as unknown as JobsApi;
    return {jobs, filters};
  };

  it('asks each job type with a display_name filter and takes the one exact match', async () => {
    // A server that ignored the filter returns every job: only the exact name counts.
    const {jobs, filters} = api([job('1', 'train'), job('2', 'train-2')]);
    const found = await findJob(jobs, 'projects/p/locations/r', 'train');
    expect(found.resource.name).toBe('projects/p/locations/r/customJobs/1');
    expect(filters).toEqual([
      'custom display_name="train"',
      'hptuning display_name="train"',
      'pipeline display_name="train"',
    ]);
  });

  it('names every id when the name is not unique, and says when there is none', async () => {
    const twins = api([job('1', 'train'), job('2', 'train')]);
    await expect(findJob(twins.jobs, 'projects/p/locations/r', 'train')).rejects.toThrow(
      BadJobReference,
    );
    await expect(findJob(twins.jobs, 'projects/p/locations/r', 'train')).rejects.toThrow(
      /names 2 jobs .*ids 1, 2/,
    );
    await expect(findJob(api([]).jobs, 'projects/p/locations/r', 'train')).rejects.toThrow(
      JobNotFound,
    );
  });
});
