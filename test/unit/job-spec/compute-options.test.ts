// Issue 25 compute options through import, export and the gcloud command. gcloud's own flags come
// from command_lib/ai/custom_jobs/flags.py (installed SDK): `--persistent-resource-id` exists;
// --worker-pool-spec has no reservation, MIG or mount keys and create has no reserved-range or
// PSC flags, so those go in the --config file (and the command says so).
import {describe, expect, it} from 'vitest';
import {
  buildCreateCustomJobRequest,
  exportCommand,
  gcloudConfigYaml,
  gcloudCreateArgv,
  importJobText,
  needsConfigFile,
  restBodyJson,
} from '../../../source/core/job-spec/index.js';
import {baseDraft, computePool, containerPool} from './fixtures.js';

const simple = () =>
  baseDraft({
    timeoutSeconds: undefined,
    workerPools: [{...containerPool(), bootDiskType: undefined, bootDiskSizeGb: undefined}],
  });

describe('compute options in requests and files', () => {
  it('writes reservation, MIG size and mounts in the proto JSON shape', () => {
    const draft = baseDraft({workerPools: [computePool(1)], persistentResourceId: 'my-pool'});
    const spec = buildCreateCustomJobRequest(draft).customJob.jobSpec;
    expect(spec.persistentResourceId).toBe('my-pool');
    expect(spec.workerPoolSpecs[0]).toMatchObject({
      machineSpec: {
        gpuPartitionSize: '3g.20gb',
        reservationAffinity: {
          reservationAffinityType: 'SPECIFIC_RESERVATION',
          key: 'compute.googleapis.com/reservation-name',
          values: ['projects/my-project/zones/us-central1-a/reservations/a100-res'],
        },
      },
      nfsMounts: [{server: '10.0.0.2', path: '/share', mountPoint: 'data'}],
      lustreMounts: [{instanceIp: '10.0.0.3', filesystem: 'lfs', mountPoint: 'scratch'}],
    });
    const yaml = gcloudConfigYaml(draft);
    expect(yaml).toMatch(/reservationAffinityType: SPECIFIC_RESERVATION/);
    expect(yaml).toMatch(/nfsMounts:/);
    expect(JSON.parse(restBodyJson(draft)).jobSpec.workerPoolSpecs[0].lustreMounts).toHaveLength(1);
  });

  it('imports a gcloud YAML with every compute option (once refused as unsupported)', () => {
    const text = [
      'workerPoolSpecs:',
      '  - machineSpec:',
      '      machineType: a2-highgpu-1g',
      '      acceleratorType: NVIDIA_TESLA_A100',
      '      acceleratorCount: 1',
      '      reservationAffinity: {reservationAffinityType: ANY_RESERVATION}',
      '    replicaCount: 1',
      '    containerSpec: {imageUri: us-docker.pkg.dev/p/r/i:1}',
      '    nfsMounts: [{server: 10.0.0.2, path: /share, mountPoint: data}]',
      'persistentResourceId: my-pool',
      'reservedIpRanges: [vertex-ai-ip-range]',
      'network: projects/123/global/networks/vpc',
      'pscInterfaceConfig: {networkAttachment: my-attachment}',
      'enableDashboardAccess: true',
    ].join('\n');
    const result = importJobText(text, {project: 'p', region: 'us-central1', displayName: 'x'});
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.draft).toMatchObject({
      persistentResourceId: 'my-pool',
      reservedIpRanges: ['vertex-ai-ip-range'],
      pscInterfaceConfig: {networkAttachment: 'my-attachment'},
      enableDashboardAccess: true,
      workerPools: [
        {
          machine: {reservationAffinity: {reservationAffinityType: 'ANY_RESERVATION'}},
          nfsMounts: [{server: '10.0.0.2', path: '/share', mountPoint: 'data'}],
        },
      ],
    });
  });

  it('names the field, the rule and the fix for a malformed option', () => {
    const result = importJobText(
      [
        'workerPoolSpecs:',
        '  - machineSpec:',
        '      machineType: a2-highgpu-1g',
        '      reservationAffinity: {reservationAffinityType: SOME_RESERVATION}',
        '    containerSpec: {imageUri: i}',
        '    lustreMounts: [{instanceIp: 10.0.0.3, filesystem: fs, mountPoint: m}]',
      ].join('\n'),
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => e.path)).toEqual([
      'workerPoolSpecs[0].machineSpec.reservationAffinity.reservationAffinityType',
      'workerPoolSpecs[0].lustreMounts[0].volumeHandle',
    ]);
    expect(result.errors[0]?.fix).toMatch(/SPECIFIC_RESERVATION/);
  });
});

describe('gcloud command for compute options', () => {
  it("passes a persistent resource with gcloud's --persistent-resource-id flag", () => {
    const draft = {...simple(), persistentResourceId: 'my-pool'};
    expect(needsConfigFile(draft)).toBeUndefined();
    const argv = gcloudCreateArgv(draft);
    expect(argv).toContain('--persistent-resource-id=my-pool');
    expect(argv.some((a) => a.startsWith('--config'))).toBe(false);
  });

  it('keeps --enable-dashboard-access beside --enable-web-access', () => {
    const argv = gcloudCreateArgv({
      ...simple(),
      enableWebAccess: true,
      enableDashboardAccess: true,
    });
    expect(argv).toContain('--enable-web-access');
    expect(argv).toContain('--enable-dashboard-access');
  });

  const cases: [string, (d: ReturnType<typeof simple>) => ReturnType<typeof simple>, RegExp][] = [
    [
      'reservation',
      (d) => ({
        ...d,
        workerPools: [
          {
            ...d.workerPools[0],
            machine: {
              ...d.workerPools[0].machine,
              reservationAffinity: {reservationAffinityType: 'ANY_RESERVATION'},
            },
          },
        ],
      }),
      /reservation affinity/,
    ],
    [
      'GPU partition',
      (d) => ({
        ...d,
        workerPools: [
          {...d.workerPools[0], machine: {...d.workerPools[0].machine, gpuPartitionSize: '1g.5gb'}},
        ],
      }),
      /GPU partition/,
    ],
    [
      'NFS mount',
      (d) => ({
        ...d,
        workerPools: [
          {...d.workerPools[0], nfsMounts: [{server: '10.0.0.2', path: '/s', mountPoint: 'd'}]},
        ],
      }),
      /mounts/,
    ],
    ['reserved ranges', (d) => ({...d, reservedIpRanges: ['r']}), /reserved IP ranges/],
    ['PSC interface', (d) => ({...d, pscInterfaceConfig: {networkAttachment: 'a'}}), /PSC/],
  ];
  for (const [name, patch, reason] of cases) {
    it(`puts a ${name} in the --config file and says why`, () => {
      const draft = patch(simple());
      expect(needsConfigFile(draft)).toMatch(reason);
      const exported = exportCommand(draft);
      expect(exported.command).toMatch(/--config=job\.yaml/);
      expect(exported.file?.name).toBe('job.yaml');
    });
  }

  it('with a config file, the persistent resource travels in the file', () => {
    const draft = {...simple(), persistentResourceId: 'my-pool', reservedIpRanges: ['r']};
    const exported = exportCommand(draft);
    expect(exported.file?.contents).toMatch(/persistentResourceId: my-pool/);
  });
});
