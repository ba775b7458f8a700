// PersistentResourceService on the emulator through the official Node client
// (PersistentResourceServiceClient, its LRO helpers included), and CustomJobs that run on a
// persistent resource's pools (cloud.google.com/vertex-ai/docs/training/persistent-resource-train).
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {stagePackageLocally} from '../../source/services/vertex/package-staging.js';
import {startTestEmulator, waitFor, type TestEmulator} from '../helpers/emulator.js';
import {pythonJob, writeSleeperPackage} from '../helpers/service.js';

const PARENT = 'projects/test-project/locations/us-central1';
const SLEEPER_URI = 'gs://staging/sleeper-0.1.tar.gz';

let env: TestEmulator;

type Pool = {id: string; replicaCount: string; usedReplicaCount: string};
type Resource = {name: string; state: string; resourcePools: Pool[]};

beforeAll(async () => {
  // A provisioning wait no test waits out: only jobs on a persistent resource can get RUNNING.
  env = await startTestEmulator({queueDelayMs: 20, provisionDelayMs: 3_600_000});
  await stagePackageLocally(await writeSleeperPackage(env.dataDir), SLEEPER_URI, env.bucketRoot);
});
afterAll(async () => env?.close());

const resources = () => env.clients.persistentResources;

async function createResource(id: string, replicaCount: number): Promise<Resource> {
  const [operation] = await resources().createPersistentResource({
    parent: PARENT,
    persistentResourceId: id,
    persistentResource: {
      displayName: `pool ${id}`,
      resourcePools: [
        {
          id: 'cpu',
          machineSpec: {machineType: 'n1-standard-4'},
          replicaCount,
          diskSpec: {bootDiskType: 'pd-ssd', bootDiskSizeGb: 100},
        },
      ],
    },
  });
  const [resource] = await operation.promise();
  return resource as unknown as Resource;
}

/** A primary and `replicas - 1` workers, all on `machineType`, on persistent resource `id`. */
function jobOn(id: string, replicas: number, machineType = 'n1-standard-4') {
  const request = pythonJob(`on-${id}`, SLEEPER_URI);
  const primary = {
    ...(request.customJob.jobSpec.workerPoolSpecs[0] as Record<string, unknown>),
    machineSpec: {machineType},
    replicaCount: 1,
  };
  const pools = replicas > 1 ? [primary, {...primary, replicaCount: replicas - 1}] : [primary];
  return {
    ...request,
    customJob: {
      ...request.customJob,
      jobSpec: {...request.customJob.jobSpec, workerPoolSpecs: pools, persistentResourceId: id},
    },
  };
}

describe('PersistentResourceService', () => {
  it('creates (LRO), gets, lists, updates, reboots and deletes (LRO)', async () => {
    const created = await createResource('warm-pool', 2);
    expect(created.name).toBe(`${PARENT}/persistentResources/warm-pool`);
    const [got] = await resources().getPersistentResource({name: created.name});
    expect(got.state).toBe('RUNNING');
    expect(got.resourcePools?.[0]).toMatchObject({id: 'cpu', replicaCount: '2'});
    const [listed] = await resources().listPersistentResources({parent: PARENT});
    expect(listed.map((r) => r.name)).toContain(created.name);

    const [update] = await resources().updatePersistentResource({
      persistentResource: {name: created.name, displayName: 'renamed'},
      updateMask: {paths: ['display_name']},
    });
    const [updated] = await update.promise();
    expect(updated.displayName).toBe('renamed');

    const [reboot] = await resources().rebootPersistentResource({name: created.name});
    await reboot.promise();
    expect((await resources().getPersistentResource({name: created.name}))[0].state).toBe(
      'RUNNING',
    );

    await expect(createResource('warm-pool', 1)).rejects.toMatchObject({code: 6}); // ALREADY_EXISTS

    const [deletion] = await resources().deletePersistentResource({name: created.name});
    await deletion.promise();
    await expect(resources().getPersistentResource({name: created.name})).rejects.toMatchObject({
      code: 5,
    });
  });

  it('refuses a bad id and a pool without a machine type, naming the field', async () => {
    await expect(createResource('Bad_Id', 1)).rejects.toThrow(/persistent_resource_id/);
    await expect(
      resources().createPersistentResource({
        parent: PARENT,
        persistentResourceId: 'no-machine',
        persistentResource: {resourcePools: [{replicaCount: 1}]},
      }),
    ).rejects.toThrow(/resource_pools\[0\]\.machine_spec\.machine_type is required/);
  });

  it('refuses labels outside the proto rule (lowercase letters, digits, "_" and "-")', async () => {
    // persistent_resource.proto PersistentResource.labels.
    await expect(
      resources().createPersistentResource({
        parent: PARENT,
        persistentResourceId: 'bad-labels',
        persistentResource: {
          labels: {Team: 'ml'},
          resourcePools: [{machineSpec: {machineType: 'n1-standard-4'}, replicaCount: 1}],
        },
      }),
    ).rejects.toThrow(/persistent_resource\.labels key "Team" is invalid/);
  });
});

describe('CustomJobs on a persistent resource', () => {
  it('runs without the provisioning wait and shows usedReplicaCount; refuses what does not fit', async () => {
    const resource = await createResource('train-pool', 2);
    const [job] = await env.clients.jobs.createCustomJob(jobOn('train-pool', 2));
    await waitFor(
      async () => {
        const [now] = await env.clients.jobs.getCustomJob({name: job.name as string});
        return now.state === 'JOB_STATE_RUNNING' ? now : undefined;
      },
      60_000,
      'the job on the persistent resource to be RUNNING',
    );
    const [busy] = await resources().getPersistentResource({name: resource.name});
    expect(busy.resourcePools?.[0]?.usedReplicaCount).toBe('2');

    // No free machine left: refused, naming the pool and what is free.
    await expect(env.clients.jobs.createCustomJob(jobOn('train-pool', 1))).rejects.toThrow(
      /needs 1 replica\(s\) of resource pool cpu .* only 0 of 2 are free/,
    );
    // More replicas than the pool holds, another machine type, an unknown resource.
    await expect(env.clients.jobs.createCustomJob(jobOn('train-pool', 4))).rejects.toMatchObject({
      code: 3,
      details: expect.stringMatching(
        /worker_pool_specs\[1\]\.replica_count is 3, more than resource pool cpu/,
      ),
    });
    await expect(
      env.clients.jobs.createCustomJob(jobOn('train-pool', 1, 'n1-highmem-8')),
    ).rejects.toThrow(/matches no resource pool of persistent resource train-pool/);
    await expect(env.clients.jobs.createCustomJob(jobOn('nowhere', 1))).rejects.toMatchObject({
      code: 5,
    });

    await env.clients.jobs.cancelCustomJob({name: job.name as string});
    const freed = await waitFor(
      async () => {
        const [now] = await resources().getPersistentResource({name: resource.name});
        return now.resourcePools?.[0]?.usedReplicaCount === '0' ? now : undefined;
      },
      60_000,
      'the pool to be free again',
    );
    expect(freed.state).toBe('RUNNING');
  });
});
