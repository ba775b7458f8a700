// JobService beyond the basics, through the official JobServiceClient: DeleteCustomJob as a
// long-running operation served by google.longrunning.Operations, read_mask, every documented
// ListCustomJobs filter form, and INVALID_ARGUMENT messages that carry the field path.
import * as grpc from '@grpc/grpc-js';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {startTestEmulator, waitFor, type TestEmulator} from '../helpers/emulator.js';
import {PARENT, scenarioPool, scenarioRequest, stageScenario} from '../helpers/scenario.js';

let env: TestEmulator;
type Job = {
  name?: string | null;
  state?: unknown;
  createTime?: unknown;
  displayName?: string | null;
};

const TERMINAL = ['JOB_STATE_SUCCEEDED', 'JOB_STATE_FAILED', 'JOB_STATE_CANCELLED'];

async function create(request: ReturnType<typeof scenarioRequest>): Promise<string> {
  const [job] = await env.clients.jobs.createCustomJob(request as never);
  return job.name as string;
}

const get = async (name: string): Promise<Job> => (await env.clients.jobs.getCustomJob({name}))[0];

const untilState = (name: string, states: string[]) =>
  waitFor(
    async () => {
      const job = await get(name);
      return states.includes(String(job.state)) ? job : undefined;
    },
    30_000,
    `${name} to reach ${states.join('/')}`,
  );

async function list(parent: string, filter: string): Promise<string[]> {
  const [jobs] = await env.clients.jobs.listCustomJobs({parent, filter});
  return jobs.map((job) => job.displayName as string).sort();
}

/** RFC 3339 with all nine fractional digits, from a protobuf Timestamp. */
function rfc3339(timestamp: unknown): string {
  const {seconds, nanos} = timestamp as {seconds: string | number; nanos?: number};
  const base = new Date(Number(seconds) * 1000).toISOString().replace(/\.\d{3}Z$/, '');
  return `${base}.${String(nanos ?? 0).padStart(9, '0')}Z`;
}

beforeAll(async () => {
  env = await startTestEmulator({queueDelayMs: 0, provisionDelayMs: 0});
  await stageScenario(env);
});
afterAll(async () => env?.close());

describe('DeleteCustomJob', () => {
  it('deletes a finished job through a long-running operation; the job is NOT_FOUND after', async () => {
    const name = await create(scenarioRequest(['out:hello']));
    await untilState(name, TERMINAL);
    const [operation] = await env.clients.jobs.deleteCustomJob({name});
    expect(operation.name).toMatch(
      /^projects\/test-project\/locations\/us-central1\/operations\/\d+$/,
    );
    await expect(operation.promise()).resolves.toBeDefined();
    const metadata = operation.metadata as {genericMetadata?: {createTime?: {seconds?: unknown}}};
    expect(Number(metadata.genericMetadata?.createTime?.seconds)).toBeGreaterThan(1_600_000_000);

    // Polling paths: the generated helper and the operations client both call GetOperation.
    const progress = await env.clients.jobs.checkDeleteCustomJobProgress(operation.name as string);
    expect(progress.done).toBe(true);
    const [polled] = await env.clients.jobs.operationsClient.getOperation({
      name: operation.name as string,
    } as never);
    expect(polled.done).toBe(true);
    expect(polled.response?.type_url).toBe('type.googleapis.com/google.protobuf.Empty');

    await expect(get(name)).rejects.toMatchObject({code: grpc.status.NOT_FOUND});
    await expect(env.clients.jobs.deleteCustomJob({name})).rejects.toMatchObject({
      code: grpc.status.NOT_FOUND,
    });
    const [all] = await env.clients.jobs.listCustomJobs({parent: PARENT});
    expect(all.map((job) => job.name)).not.toContain(name);
  });

  it('refuses to delete a running job with FAILED_PRECONDITION, and deletes it once cancelled', async () => {
    const name = await create(scenarioRequest(['sleep:60']));
    await untilState(name, ['JOB_STATE_RUNNING']);
    await expect(env.clients.jobs.deleteCustomJob({name})).rejects.toMatchObject({
      code: grpc.status.FAILED_PRECONDITION,
      details: expect.stringContaining('JOB_STATE_RUNNING'),
    });
    await env.clients.jobs.cancelCustomJob({name});
    await untilState(name, ['JOB_STATE_CANCELLED']);
    const [operation] = await env.clients.jobs.deleteCustomJob({name});
    await operation.promise();
    await expect(get(name)).rejects.toMatchObject({code: grpc.status.NOT_FOUND});
  });

  it('lists, cancels (a no-op once done) and deletes operations through the operations client', async () => {
    const name = await create(scenarioRequest(['out:bye']));
    await untilState(name, TERMINAL);
    const [operation] = await env.clients.jobs.deleteCustomJob({name});
    const ops = env.clients.jobs.operationsClient;
    const listed: string[] = [];
    for await (const op of ops.listOperationsAsync({name: PARENT} as never, {autoPaginate: false}))
      listed.push(op.name!);
    expect(listed).toContain(operation.name);
    await ops.cancelOperation({name: operation.name!} as never);
    expect((await ops.getOperation({name: operation.name!} as never))[0].done).toBe(true);
    await ops.deleteOperation({name: operation.name!} as never);
    await expect(ops.getOperation({name: operation.name!} as never)).rejects.toMatchObject({
      code: grpc.status.NOT_FOUND,
    });
  });

  it('answers NOT_FOUND for an unknown operation', async () => {
    await expect(
      env.clients.jobs.operationsClient.getOperation({name: `${PARENT}/operations/42`} as never),
    ).rejects.toMatchObject({code: grpc.status.NOT_FOUND});
  });
});

describe('ListCustomJobs read_mask', () => {
  it('returns only the masked fields, nested paths included, and rejects unknown paths', async () => {
    const name = await create(scenarioRequest(['out:x'], {displayName: 'masked'}));
    const [masked] = await env.clients.jobs.listCustomJobs({
      parent: PARENT,
      filter: 'display_name="masked"',
      readMask: {paths: ['display_name', 'state']},
    });
    expect(masked).toHaveLength(1);
    expect(masked[0]?.displayName).toBe('masked');
    expect(masked[0]?.state).toBeTruthy();
    expect(masked[0]?.name).toBe('');
    expect(masked[0]?.jobSpec).toBeNull();

    const [nested] = await env.clients.jobs.listCustomJobs({
      parent: PARENT,
      filter: 'display_name="masked"',
      readMask: {paths: ['job_spec.worker_pool_specs']},
    });
    expect(nested[0]?.jobSpec?.workerPoolSpecs).toHaveLength(1);
    expect(nested[0]?.displayName).toBe('');

    await expect(
      env.clients.jobs.listCustomJobs({parent: PARENT, readMask: {paths: ['owner']}}),
    ).rejects.toMatchObject({
      code: grpc.status.INVALID_ARGUMENT,
      details: expect.stringContaining('"owner"'),
    });
    expect((await get(name)).displayName).toBe('masked');
  });
});

describe('ListCustomJobs filter', () => {
  // Three jobs in a project of their own, created in this order.
  const parent = 'projects/filter-project/locations/us-central1';
  let createTimeOfB = '';

  beforeAll(async () => {
    const inProject = (request: ReturnType<typeof scenarioRequest>) => ({...request, parent});
    const a = await create(
      inProject(scenarioRequest(['out:a'], {displayName: 'alpha-one', labels: {team: 'red'}})),
    );
    const b = await create(
      inProject(
        scenarioRequest(['out:b'], {
          displayName: 'alpha-two',
          labels: {team: 'blue', tier: 'gold'},
        }),
      ),
    );
    const c = await create(inProject(scenarioRequest(['exit:3'], {displayName: 'beta'})));
    for (const name of [a, b, c]) await untilState(name, TERMINAL);
    createTimeOfB = rfc3339((await get(b)).createTime);
  });

  const cases: [string, string[]][] = [
    ['display_name="alpha-one"', ['alpha-one']],
    ['display_name!="alpha-one"', ['alpha-two', 'beta']],
    ['display_name:"alpha*"', ['alpha-one', 'alpha-two']],
    ['display_name:"*two"', ['alpha-two']],
    ['display_name:"lph"', ['alpha-one', 'alpha-two']],
    ['display_name="alpha*"', ['alpha-one', 'alpha-two']],
    ['state="JOB_STATE_FAILED"', ['beta']],
    ['state!=JOB_STATE_FAILED', ['alpha-one', 'alpha-two']],
    ['state="JOB_STATE_SUCCEEDED" AND display_name:"alpha*"', ['alpha-one', 'alpha-two']],
    ['labels.team="red"', ['alpha-one']],
    ['labels.team:*', ['alpha-one', 'alpha-two']],
    ['labels.tier:*', ['alpha-two']],
    ['labels.team!="red"', ['alpha-two', 'beta']],
    ['NOT labels.team:*', ['beta']],
    ['labels.team=red OR labels.team=blue', ['alpha-one', 'alpha-two']],
    ['labels.team:* AND NOT display_name="alpha-one"', ['alpha-two']],
    ['(labels.team="red" OR state="JOB_STATE_FAILED") display_name:"*"', ['alpha-one', 'beta']],
  ];
  it.each(cases)('%s', async (filter, expected) => {
    expect(await list(parent, filter)).toEqual(expected);
  });

  it('compares create_time in RFC 3339 with every operator', async () => {
    const at = (op: string) => list(parent, `create_time${op}"${createTimeOfB}"`);
    expect(await at('=')).toEqual(['alpha-two']);
    expect(await at('!=')).toEqual(['alpha-one', 'beta']);
    expect(await at('<')).toEqual(['alpha-one']);
    expect(await at('<=')).toEqual(['alpha-one', 'alpha-two']);
    expect(await at('>')).toEqual(['beta']);
    expect(await at('>=')).toEqual(['alpha-two', 'beta']);
    expect(await list(parent, 'create_time>"2000-01-01T00:00:00+02:00"')).toHaveLength(3);
  });

  it.each([
    ['color="red"', '"color"'],
    ['state="DONE"', '"DONE"'],
    ['state>"JOB_STATE_FAILED"', '">"'],
    ['create_time>"yesterday"', '"yesterday"'],
    ['display_name ~ "x"', '"~"'],
    ['labels.a.b="x"', '"labels.a.b"'],
    ['display_name="a" AND', 'end of filter'],
  ])('rejects %s as INVALID_ARGUMENT naming %s', async (filter, token) => {
    await expect(env.clients.jobs.listCustomJobs({parent, filter})).rejects.toMatchObject({
      code: grpc.status.INVALID_ARGUMENT,
      details: expect.stringContaining(token),
    });
  });

  it('pages a filtered list with page_size/page_token, tokens bound to their filter', async () => {
    const filter = 'display_name:"*"';
    const names: string[] = [];
    let pageToken = '';
    let pages = 0;
    do {
      const [page, , response] = await env.clients.jobs.listCustomJobs(
        {parent, filter, pageSize: 2, pageToken},
        {autoPaginate: false},
      );
      names.push(...page.map((job) => job.displayName as string));
      pageToken = response?.nextPageToken ?? '';
      pages++;
      if (pageToken) {
        await expect(
          env.clients.jobs.listCustomJobs(
            {parent, filter: 'state="JOB_STATE_FAILED"', pageSize: 2, pageToken},
            {autoPaginate: false},
          ),
        ).rejects.toMatchObject({code: grpc.status.INVALID_ARGUMENT});
      }
    } while (pageToken);
    expect(pages).toBe(2);
    expect(names.sort()).toEqual(['alpha-one', 'alpha-two', 'beta']);
  });
});

describe('CreateCustomJob validation', () => {
  const base = () => scenarioRequest(['out:x']);
  const cases: [string, (request: ReturnType<typeof base>) => void, string][] = [
    [
      'primary replica_count',
      (r) => (r.customJob.jobSpec.workerPoolSpecs[0]!.replicaCount = 2),
      'job_spec.worker_pool_specs[0].replica_count',
    ],
    [
      'negative worker replica_count',
      (r) => r.customJob.jobSpec.workerPoolSpecs.push({...scenarioPool([]), replicaCount: -1}),
      'job_spec.worker_pool_specs[1].replica_count',
    ],
    [
      'machine type',
      (r) => (r.customJob.jobSpec.workerPoolSpecs[0]!.machineSpec = {machineType: ''}),
      'job_spec.worker_pool_specs[0].machine_spec.machine_type',
    ],
    [
      'python module',
      (r) => (r.customJob.jobSpec.workerPoolSpecs[0]!.pythonPackageSpec!.pythonModule = ''),
      'job_spec.worker_pool_specs[0].python_package_spec.python_module',
    ],
    [
      'env name',
      (r) =>
        (r.customJob.jobSpec.workerPoolSpecs[0]!.pythonPackageSpec!.env = [
          {name: '1BAD', value: 'x'},
        ]),
      'job_spec.worker_pool_specs[0].python_package_spec.env[0].name',
    ],
    [
      'container image',
      (r) =>
        r.customJob.jobSpec.workerPoolSpecs.push({
          machineSpec: {machineType: 'n1-standard-4'},
          replicaCount: 1,
          containerSpec: {imageUri: '', args: ['x']},
        }),
      'job_spec.worker_pool_specs[1].container_spec.image_uri',
    ],
    [
      'package URI',
      (r) =>
        (r.customJob.jobSpec.workerPoolSpecs[0]!.pythonPackageSpec!.packageUris = [
          'gs://staging/../../etc/passwd',
        ]),
      'job_spec.worker_pool_specs[0].python_package_spec.package_uris[0]',
    ],
    ['label key', (r) => (r.customJob.labels = {Team: 'red'}), 'custom_job.labels key "Team"'],
    ['display name', (r) => (r.customJob.displayName = ''), 'custom_job.display_name'],
  ];
  it.each(cases)('names the field path for a bad %s', async (_what, spoil, path) => {
    const request = base();
    spoil(request);
    await expect(env.clients.jobs.createCustomJob(request as never)).rejects.toMatchObject({
      code: grpc.status.INVALID_ARGUMENT,
      details: expect.stringContaining(path),
    });
  });
});
