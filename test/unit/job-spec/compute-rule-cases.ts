// One failing and one passing draft per compute-option rule (validate-compute.ts): reservations,
// flex-start, Spot, GPU partitions, mounts, boot disks, private networking, persistent resources.
// Sources: schedule-jobs-dws ("Requirements"), use-spot-vms (TPU Pods), reservation_affinity.proto,
// machine_resources.proto (gpu_partition_size, NfsMount, LustreMount), GKE gpus-multi (MIG sizes),
// custom_job.proto (reserved_ip_ranges, psc_interface_config), persistent_resource_service.proto.
import {
  RESERVATION_NAME_KEY,
  type JobDraft,
  type WorkerPoolDraft,
} from '../../../source/core/job-spec/index.js';
import {baseDraft, packagePool} from './fixtures.js';
import type {RuleCase} from './rule-cases.js';

const A100 = {
  machineType: 'a2-highgpu-1g',
  acceleratorType: 'NVIDIA_TESLA_A100',
  acceleratorCount: 1,
};
const RES = 'projects/my-project/zones/us-central1-a/reservations/a100-res';

function pool(patch: Partial<WorkerPoolDraft> = {}, machine = A100): WorkerPoolDraft {
  return {...packagePool(1, {...machine}), ...patch};
}
function machine(patch: Partial<WorkerPoolDraft['machine']>, base = A100): JobDraft {
  return baseDraft({workerPools: [pool({}, {...base, ...patch})]});
}
const specific = (values?: string[], key: string | undefined = RESERVATION_NAME_KEY) =>
  machine({
    reservationAffinity: {
      reservationAffinityType: 'SPECIFIC_RESERVATION',
      ...(key !== undefined && {key}),
      ...(values && {values}),
    },
  });
const flex = (patch: Partial<JobDraft> = {}, pools: WorkerPoolDraft[] = [pool()]): JobDraft =>
  baseDraft({
    schedulingStrategy: 'FLEX_START',
    workerPools: pools as JobDraft['workerPools'],
    ...patch,
  });
const nfs = (server: string, path = '/share', mountPoint = 'data') =>
  baseDraft({
    network: 'projects/123/global/networks/vpc',
    workerPools: [pool({nfsMounts: [{server, path, mountPoint}]})],
  });
const lustre = (patch: Partial<NonNullable<WorkerPoolDraft['lustreMounts']>[number]>) =>
  baseDraft({
    network: 'projects/123/global/networks/vpc',
    workerPools: [
      pool({
        lustreMounts: [
          {
            instanceIp: '10.0.0.3',
            volumeHandle: 'p/us-central1-a/l1',
            filesystem: 'fs',
            mountPoint: 'l',
            ...patch,
          },
        ],
      }),
    ],
  });
const NET = 'projects/123/global/networks/vpc';

export const COMPUTE_CASES: RuleCase[] = [
  {
    rule: 'reservation-type',
    path: 'workerPools[0].machineSpec.reservationAffinity.reservationAffinityType',
    bad: machine({reservationAffinity: {reservationAffinityType: 'ANY' as 'ANY_RESERVATION'}}),
    good: machine({reservationAffinity: {reservationAffinityType: 'ANY_RESERVATION'}}),
  },
  {
    rule: 'reservation-unused-name',
    path: 'workerPools[0].machineSpec.reservationAffinity.reservationAffinityType',
    bad: machine({
      reservationAffinity: {reservationAffinityType: 'ANY_RESERVATION', values: [RES]},
    }),
    good: machine({reservationAffinity: {reservationAffinityType: 'NO_RESERVATION'}}),
  },
  {
    rule: 'reservation-key',
    path: 'workerPools[0].machineSpec.reservationAffinity.key',
    bad: specific([RES], 'reservation-name'),
    good: specific([RES]),
    message: /compute\.googleapis\.com\/reservation-name/,
  },
  {
    rule: 'reservation-name-required',
    path: 'workerPools[0].machineSpec.reservationAffinity.values',
    bad: specific(undefined),
    good: specific([RES]),
  },
  {
    rule: 'reservation-name-format',
    path: 'workerPools[0].machineSpec.reservationAffinity.values[0]',
    bad: specific(['a100-res']),
    good: specific([RES]),
  },
  {
    rule: 'reservation-zone-region',
    path: 'workerPools[0].machineSpec.reservationAffinity.values[0]',
    bad: specific(['projects/my-project/zones/europe-west4-a/reservations/a100-res']),
    good: specific([RES]),
    message: /europe-west4-a is not in the job's region us-central1/,
  },
  {
    rule: 'gpu-partition-accelerator',
    path: 'workerPools[0].machineSpec.gpuPartitionSize',
    bad: machine(
      {gpuPartitionSize: '1g.5gb'},
      {machineType: 'n1-standard-8', acceleratorType: 'NVIDIA_TESLA_T4', acceleratorCount: 1},
    ),
    good: machine({gpuPartitionSize: '1g.5gb'}),
  },
  {
    rule: 'gpu-partition-size',
    path: 'workerPools[0].machineSpec.gpuPartitionSize',
    bad: machine({gpuPartitionSize: '1g.10gb'}),
    good: machine({gpuPartitionSize: '3g.20gb'}),
    message: /does not offer the partition size 1g\.10gb/,
  },
  {
    rule: 'gpu-partition-count',
    path: 'workerPools[0].machineSpec.acceleratorCount',
    bad: machine({gpuPartitionSize: '1g.5gb', acceleratorCount: 2, machineType: 'a2-highgpu-2g'}),
    good: machine({gpuPartitionSize: '1g.5gb'}),
  },
  {
    rule: 'nfs-server',
    path: 'workerPools[0].nfsMounts[0].server',
    bad: nfs('filer.example'),
    good: nfs('10.0.0.2'),
  },
  {
    rule: 'nfs-path',
    path: 'workerPools[0].nfsMounts[0].path',
    bad: nfs('10.0.0.2', 'share'),
    good: nfs('10.0.0.2', '/share'),
  },
  {
    rule: 'mount-point-required',
    path: 'workerPools[0].nfsMounts[0].mountPoint',
    bad: nfs('10.0.0.2', '/share', ''),
    good: nfs('10.0.0.2', '/share', 'data'),
  },
  {
    rule: 'mount-point-format',
    path: 'workerPools[0].nfsMounts[0].mountPoint',
    bad: nfs('10.0.0.2', '/share', '/mnt/data'),
    good: nfs('10.0.0.2', '/share', 'data'),
  },
  {
    rule: 'mount-point-unique',
    path: 'workerPools[0].nfsMounts[1].mountPoint',
    bad: baseDraft({
      network: NET,
      workerPools: [
        pool({
          nfsMounts: [
            {server: '10.0.0.2', path: '/a', mountPoint: 'data'},
            {server: '10.0.0.2', path: '/b', mountPoint: 'data'},
          ],
        }),
      ],
    }),
    good: baseDraft({
      network: NET,
      workerPools: [
        pool({
          nfsMounts: [
            {server: '10.0.0.2', path: '/a', mountPoint: 'data'},
            {server: '10.0.0.2', path: '/b', mountPoint: 'data2'},
          ],
        }),
      ],
    }),
  },
  {
    rule: 'lustre-instance-ip',
    path: 'workerPools[0].lustreMounts[0].instanceIp',
    bad: lustre({instanceIp: ''}),
    good: lustre({}),
  },
  {
    rule: 'lustre-required',
    path: 'workerPools[0].lustreMounts[0].filesystem',
    bad: lustre({filesystem: ''}),
    good: lustre({}),
  },
  {
    rule: 'mount-network',
    path: 'network',
    bad: {...nfs('10.0.0.2'), network: undefined},
    good: nfs('10.0.0.2'),
  },
  {
    rule: 'disk-hyperdisk-series',
    path: 'workerPools[0].diskSpec.bootDiskType',
    bad: baseDraft({workerPools: [pool({bootDiskType: 'hyperdisk-balanced'})]}),
    good: baseDraft({
      workerPools: [
        pool(
          {bootDiskType: 'hyperdisk-balanced'},
          {machineType: 'a3-highgpu-1g', acceleratorType: 'NVIDIA_H100_80GB', acceleratorCount: 1},
        ),
      ],
    }),
  },
  {
    rule: 'disk-hyperdisk-only',
    path: 'workerPools[0].diskSpec.bootDiskType',
    bad: baseDraft({
      workerPools: [
        pool(
          {bootDiskType: 'pd-ssd'},
          {
            machineType: 'a3-ultragpu-8g',
            acceleratorType: 'NVIDIA_H200_141GB',
            acceleratorCount: 8,
          },
        ),
      ],
    }),
    good: baseDraft({
      workerPools: [
        pool(
          {bootDiskType: 'hyperdisk-balanced'},
          {
            machineType: 'a3-ultragpu-8g',
            acceleratorType: 'NVIDIA_H200_141GB',
            acceleratorCount: 8,
          },
        ),
      ],
    }),
  },
  {
    rule: 'flex-start-gpu',
    path: 'workerPools[0].machineSpec.acceleratorType',
    bad: flex({}, [packagePool(1)]),
    good: flex(),
    message: /L4, A100, H100, H200 or B200.*NVIDIA_TESLA_T4/,
  },
  {
    rule: 'flex-start-same-machine',
    path: 'workerPools[1].machineSpec',
    bad: flex({}, [
      pool(),
      pool(
        {replicaCount: 2},
        {machineType: 'a2-highgpu-2g', acceleratorType: 'NVIDIA_TESLA_A100', acceleratorCount: 2},
      ),
    ]),
    good: flex({}, [pool(), pool({replicaCount: 2})]),
  },
  {
    rule: 'flex-start-timeout',
    path: 'timeout',
    bad: flex({timeoutSeconds: 8 * 24 * 3600}),
    good: flex({timeoutSeconds: 7 * 24 * 3600}),
  },
  {
    rule: 'spot-tpu-pod',
    path: 'workerPools[0].machineSpec.acceleratorType',
    bad: baseDraft({
      schedulingStrategy: 'SPOT',
      workerPools: [
        pool({}, {
          machineType: 'ct5lp-hightpu-4t',
          acceleratorType: 'TPU_V5_LITEPOD',
          acceleratorCount: 16,
          tpuTopology: '4x4',
        } as typeof A100),
      ],
    }),
    good: baseDraft({
      schedulingStrategy: 'SPOT',
      workerPools: [
        pool({}, {
          machineType: 'ct5lp-hightpu-4t',
          acceleratorType: 'TPU_V5_LITEPOD',
          acceleratorCount: 4,
          tpuTopology: '2x2',
        } as typeof A100),
      ],
    }),
  },
  {
    rule: 'reserved-ip-ranges-network',
    path: 'reservedIpRanges',
    bad: baseDraft({reservedIpRanges: ['vertex-ai-ip-range']}),
    good: baseDraft({reservedIpRanges: ['vertex-ai-ip-range'], network: NET}),
  },
  {
    rule: 'reserved-ip-range-name',
    path: 'reservedIpRanges[0]',
    bad: baseDraft({reservedIpRanges: ['10.8.0.0/16'], network: NET}),
    good: baseDraft({reservedIpRanges: ['vertex-ai-ip-range'], network: NET}),
  },
  {
    rule: 'psc-network-attachment',
    path: 'pscInterfaceConfig.networkAttachment',
    bad: baseDraft({pscInterfaceConfig: {networkAttachment: ''}}),
    good: baseDraft({pscInterfaceConfig: {networkAttachment: 'my-attachment'}}),
  },
  {
    rule: 'psc-attachment-region',
    path: 'pscInterfaceConfig.networkAttachment',
    bad: baseDraft({
      pscInterfaceConfig: {
        networkAttachment: 'projects/my-project/regions/europe-west4/networkAttachments/a',
      },
    }),
    good: baseDraft({
      pscInterfaceConfig: {
        networkAttachment: 'projects/my-project/regions/us-central1/networkAttachments/a',
      },
    }),
  },
  {
    rule: 'persistent-resource-id',
    path: 'persistentResourceId',
    bad: baseDraft({persistentResourceId: 'My_Pool'}),
    good: baseDraft({persistentResourceId: 'my-pool'}),
  },
];
