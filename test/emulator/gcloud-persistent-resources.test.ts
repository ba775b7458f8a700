// The real `gcloud ai persistent-resources create|list|describe|delete` and `gcloud ai
// custom-jobs create --persistent-resource-id` against the local emulator service (loopback, own
// CLOUDSDK_CONFIG: helpers/gcloud.ts). gcloud builds the requests from its own flags
// (command_lib/ai/persistent_resources/persistent_resource_util.py, custom_jobs_util.py), so these
// check the emulator's REST surface against an independent client.
import fs from 'node:fs/promises';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {stagePackageLocally} from '../../source/services/vertex/package-staging.js';
import {envInit, Gcloud, SKIP_GCLOUD} from '../helpers/gcloud.js';
import {waitFor} from '../helpers/emulator.js';
import {runCli, tempDataDir, writeSleeperPackage} from '../helpers/service.js';

const REGION = ['--region=us-central1', '--project=gcloud-project'];
const SLEEPER_URI = 'gs://staging/sleeper-0.1.tar.gz';
const NAME = 'projects/gcloud-project/locations/us-central1/persistentResources/gpool';

type Resource = {
  name: string;
  state: string;
  resourcePools: {id: string; replicaCount: string; usedReplicaCount?: string}[];
};

let dataDir: string;
let gcloud: Gcloud;

function jobArgs(displayName: string, workers: number): string[] {
  const spec = (count: number) =>
    `--worker-pool-spec=machine-type=n1-standard-4,replica-count=${count},executor-image-uri=us-docker.pkg.dev/vertex-ai/training/sklearn-cpu.1-0:latest,python-module=trainer.task`;
  return [
    'ai',
    'custom-jobs',
    'create',
    ...REGION,
    `--display-name=${displayName}`,
    '--persistent-resource-id=gpool',
    `--python-package-uris=${SLEEPER_URI}`,
    spec(1),
    ...(workers > 0 ? [spec(workers)] : []),
  ];
}

const describeResource = () =>
  gcloud.json<Resource>(['ai', 'persistent-resources', 'describe', 'gpool', ...REGION]);

describe.skipIf(SKIP_GCLOUD)('gcloud ai persistent-resources against the emulator', () => {
  beforeAll(async () => {
    dataDir = await tempDataDir();
    const emulatorEnv = await envInit(dataDir);
    await stagePackageLocally(
      await writeSleeperPackage(dataDir),
      SLEEPER_URI,
      `${dataDir}/buckets`,
    );
    gcloud = await Gcloud.create(emulatorEnv);
  });
  afterAll(async () => {
    await gcloud?.close();
    await runCli(['emulator', 'stop', '--data-dir', dataDir]);
    await fs.rm(dataDir, {recursive: true, force: true});
  });

  it('creates, lists and describes a persistent resource', async () => {
    const created = await gcloud.run([
      'ai',
      'persistent-resources',
      'create',
      ...REGION,
      '--persistent-resource-id=gpool',
      '--display-name=gcloud pool',
      '--resource-pool-spec=replica-count=2,machine-type=n1-standard-4,disk-type=pd-ssd',
    ]);
    expect(created.code, created.stderr).toBe(0);
    expect(created.stderr).toMatch(/operations\/\d+/);

    const listed = await gcloud.json<Resource[]>(['ai', 'persistent-resources', 'list', ...REGION]);
    expect(listed.map((r) => r.name)).toEqual([NAME]);
    const resource = await describeResource();
    expect(resource.state).toBe('RUNNING');
    expect(resource.resourcePools[0]).toMatchObject({replicaCount: '2'});
  });

  it('runs a job with --persistent-resource-id on the pool and refuses one that does not fit', async () => {
    const job = await gcloud.json<{name: string}>([...jobArgs('on-gpool', 1)]);
    await waitFor(
      async () => {
        const now = await gcloud.json<{state: string}>([
          'ai',
          'custom-jobs',
          'describe',
          job.name,
          ...REGION,
        ]);
        return now.state === 'JOB_STATE_RUNNING' ? now : undefined;
      },
      60_000,
      'the job on gpool to be RUNNING',
    );
    expect((await describeResource()).resourcePools[0]?.usedReplicaCount).toBe('2');

    const refused = await gcloud.run(jobArgs('too-big', 3));
    expect(refused.code).not.toBe(0);
    expect(refused.stderr, refused.stderr).toMatch(
      /replica_count is 3, more than resource pool .* holds \(2\)/,
    );
    const busy = await gcloud.run(jobArgs('no-room', 0));
    expect(busy.code).not.toBe(0);
    expect(busy.stderr, busy.stderr).toMatch(/only 0 of 2 are free/);

    const cancelled = await gcloud.run(['ai', 'custom-jobs', 'cancel', job.name, ...REGION]);
    expect(cancelled.code, cancelled.stderr).toBe(0);
    await waitFor(
      async () =>
        ((await describeResource()).resourcePools[0]?.usedReplicaCount ?? '0') === '0' || undefined,
      60_000,
      'gpool to be free',
    );
  });

  it('deletes it', async () => {
    const deleted = await gcloud.run(['ai', 'persistent-resources', 'delete', 'gpool', ...REGION]);
    expect(deleted.code, deleted.stderr).toBe(0);
    const listed = await gcloud.json<Resource[]>(['ai', 'persistent-resources', 'list', ...REGION]);
    expect(listed).toEqual([]);
  });
});
