// Issue 25 compute options through the official JobServiceClient: the emulator refuses what
// Vertex documents refusing (flex-start on a T4, schedule-jobs-dws "Requirements"; a reservation
// in another region's zone, reservation_affinity.proto) with INVALID_ARGUMENT naming the field,
// and runs a job that uses accepted options, saying in its service log what it ignores locally.
import * as grpc from '@grpc/grpc-js';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {jobLogLines, startTestEmulator, waitFor, type TestEmulator} from '../helpers/emulator.js';
import {PARENT, scenarioPool, stageScenario} from '../helpers/scenario.js';

let env: TestEmulator;

beforeAll(async () => {
  env = await startTestEmulator({queueDelayMs: 0, provisionDelayMs: 0});
  await stageScenario(env);
});
afterAll(async () => env?.close());

const request = (jobSpec: Record<string, unknown>) => ({
  parent: PARENT,
  customJob: {displayName: 'compute', jobSpec},
});

describe('compute options on CreateCustomJob', () => {
  it('refuses flex-start on a GPU Dynamic Workload Scheduler does not serve, naming the field', async () => {
    const pool = {
      ...scenarioPool(['out:x']),
      machineSpec: {
        machineType: 'n1-standard-4',
        acceleratorType: 'NVIDIA_TESLA_T4',
        acceleratorCount: 1,
      },
    };
    await expect(
      env.clients.jobs.createCustomJob(
        request({workerPoolSpecs: [pool], scheduling: {strategy: 'FLEX_START'}}) as never,
      ),
    ).rejects.toMatchObject({
      code: grpc.status.INVALID_ARGUMENT,
      details: expect.stringMatching(
        /custom_job\.job_spec\.worker_pool_specs\[0\]\.machine_spec\.accelerator_type: flex-start .*L4, A100, H100, H200 or B200/,
      ),
    });
  });

  it('refuses a specific reservation in a zone outside the job region', async () => {
    const pool = {
      ...scenarioPool(['out:x']),
      machineSpec: {
        machineType: 'n1-standard-4',
        reservationAffinity: {
          reservationAffinityType: 'SPECIFIC_RESERVATION',
          key: 'compute.googleapis.com/reservation-name',
          values: ['projects/test-project/zones/europe-west4-a/reservations/r1'],
        },
      },
    };
    await expect(
      env.clients.jobs.createCustomJob(request({workerPoolSpecs: [pool]}) as never),
    ).rejects.toMatchObject({
      code: grpc.status.INVALID_ARGUMENT,
      details: expect.stringMatching(
        /machine_spec\.reservation_affinity\.values\[0\]: .*europe-west4-a is not in the job's region us-central1/,
      ),
    });
  });

  it('runs a job with a reservation and an NFS mount, and says they are ignored locally', async () => {
    const pool = {
      ...scenarioPool(['out:hello']),
      machineSpec: {
        machineType: 'n1-standard-4',
        reservationAffinity: {reservationAffinityType: 'ANY_RESERVATION'},
      },
      nfsMounts: [{server: '10.0.0.2', path: '/share', mountPoint: 'data'}],
    };
    const [job] = await env.clients.jobs.createCustomJob(
      request({workerPoolSpecs: [pool], network: 'projects/123/global/networks/vpc'}) as never,
    );
    const id = String(job.name).split('/').pop() as string;
    const [stored] = await env.clients.jobs.getCustomJob({name: job.name as string});
    expect(stored.jobSpec?.workerPoolSpecs?.[0]?.nfsMounts?.[0]).toMatchObject({
      server: '10.0.0.2',
      mountPoint: 'data',
    });
    expect(stored.jobSpec?.workerPoolSpecs?.[0]?.machineSpec?.reservationAffinity).toMatchObject({
      reservationAffinityType: 'ANY_RESERVATION',
    });
    const final = await waitFor(
      async () => {
        const [current] = await env.clients.jobs.getCustomJob({name: job.name as string});
        return String(current.state).endsWith('SUCCEEDED') ||
          String(current.state).endsWith('FAILED')
          ? current
          : undefined;
      },
      60_000,
      'the job to finish',
    );
    expect(String(final.state)).toBe('JOB_STATE_SUCCEEDED');
    const text = (await jobLogLines(env.clients, id))
      .map((line) => JSON.stringify(line))
      .join('\n');
    expect(text).toMatch(
      /NFS mounts are not mounted by the local emulator: 10\.0\.0\.2:\/share at \/mnt\/nfs\/data/,
    );
    expect(text).toMatch(/Reservation affinity ANY_RESERVATION of workerpool0 is accepted/);
    expect(text).toMatch(/Private networking .* is accepted and ignored/);
  });
});
