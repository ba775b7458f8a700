// The compute choices Vertex offers that the wizard lists and the validator checks: boot disk
// types, the GPUs flex-start serves, MIG partition sizes. Their own file (no rules, no catalog) so
// the wizard's compute step offers them without loading the validation (issue #22).

/**
 * DiskSpec.boot_disk_type [proto:machine_resources]: 'Valid values: "pd-ssd" (Persistent Disk
 * Solid State Drive), "pd-standard" (Persistent Disk Hard Disk Drive) or "hyperdisk-balanced".'
 */
export const DISK_TYPES = ['pd-ssd', 'pd-standard', 'hyperdisk-balanced'] as const;

/**
 * GPUs Dynamic Workload Scheduler serves: "L4, A100, H100, H200, or B200"
 * (cloud.google.com/vertex-ai/docs/training/schedule-jobs-dws, "Requirements").
 */
export const FLEX_START_ACCELERATORS = [
  'NVIDIA_L4',
  'NVIDIA_TESLA_A100',
  'NVIDIA_A100_80GB',
  'NVIDIA_H100_80GB',
  'NVIDIA_H100_MEGA_80GB',
  'NVIDIA_H200_141GB',
  'NVIDIA_B200',
] as const;

/**
 * MIG partition sizes per accelerator. MachineSpec.gpu_partition_size [proto:machine_resources]
 * points at GKE's table (cloud.google.com/kubernetes-engine/docs/how-to/gpus-multi
 * #multi-instance_gpu_partitions): A100 40GB/80GB, H100 80GB, H200 141GB and B200 take MIG.
 */
export const GPU_PARTITION_SIZES: Readonly<Record<string, readonly string[]>> = {
  NVIDIA_TESLA_A100: ['1g.5gb', '2g.10gb', '3g.20gb', '7g.40gb'],
  NVIDIA_A100_80GB: ['1g.10gb', '2g.20gb', '3g.40gb', '7g.80gb'],
  NVIDIA_H100_80GB: ['1g.10gb', '1g.20gb', '2g.20gb', '3g.40gb', '4g.40gb', '7g.80gb'],
  NVIDIA_H100_MEGA_80GB: ['1g.10gb', '1g.20gb', '2g.20gb', '3g.40gb', '4g.40gb', '7g.80gb'],
  NVIDIA_H200_141GB: ['1g.18gb', '1g.35gb', '2g.35gb', '3g.71gb', '4g.71gb', '7g.141gb'],
  NVIDIA_B200: ['1g.23gb', '1g.45gb', '2g.45gb', '3g.90gb', '4g.90gb', '7g.180gb'],
};
