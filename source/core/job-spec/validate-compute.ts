// Rules for the compute options Vertex offers beyond machine and disk: reservations, flex-start
// (Dynamic Workload Scheduler) and Spot, MIG GPU partitions, NFS / Lustre mounts, private
// networking and persistent resources. Each rule names the Google source it follows; the local
// emulator runs the same rules on CreateCustomJob, so it refuses what Vertex documents refusing.
import {
  RESERVATION_AFFINITY_TYPES,
  RESERVATION_NAME_KEY,
  type JobDraft,
  type WorkerPoolDraft,
} from './draft.js';
import type {AddProblem} from './problem.js';
import {FLEX_START_ACCELERATORS, GPU_PARTITION_SIZES} from './compute-choices.js';

// Their own file so the wizard's compute step offers them without loading these rules.
export {FLEX_START_ACCELERATORS, GPU_PARTITION_SIZES} from './compute-choices.js';

/** schedule-jobs-dws "Requirements": a maximum timeout of 7 days or less. */
export const FLEX_START_MAX_TIMEOUT_SECONDS = 7 * 24 * 3600;

/** `projects/P/zones/Z/reservations/NAME`, the reservation's full resource name. */
const RESERVATION_NAME =
  /^projects\/([^/]+)\/zones\/([a-z]+-[a-z]+\d+)-([a-z])\/reservations\/([a-z]([-a-z0-9]*[a-z0-9])?)$/;
/** Compute Engine resource names (RFC 1035), as for reserved IP ranges and attachments. */
const GCE_NAME = /^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$/;
const NETWORK_ATTACHMENT = /^projects\/[^/]+\/regions\/([^/]+)\/networkAttachments\/([^/]+)$/;
/** CreatePersistentResourceRequest.persistent_resource_id [proto:persistent_resource_service]. */
export const PERSISTENT_RESOURCE_ID = /^[a-z]([a-z0-9-]{0,61}[a-z0-9])?$/;
const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
const MOUNT_POINT = /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/;
/** Machine series Compute Engine lists without Hyperdisk Balanced support (compute/docs/disks/hyperdisks). */
const NO_HYPERDISK_FAMILIES = ['n1', 'n2', 'e2', 'a2'];

interface Ctx {
  add: AddProblem;
  family: (machineType: string) => string | undefined;
  defaultBootDisk: (machineType: string) => string | undefined;
}

const usedPools = (draft: JobDraft) =>
  (draft.workerPools as readonly (WorkerPoolDraft | undefined)[]).flatMap((pool, index) =>
    pool ? [{pool, index, path: `workerPools[${index}]`}] : [],
  );

export function validateCompute(draft: JobDraft, ctx: Ctx): void {
  for (const {pool, path} of usedPools(draft)) {
    validateReservation(pool, path, draft.region, ctx.add);
    validatePartition(pool, path, ctx.add);
    validateMounts(pool, path, draft, ctx.add);
    validateBootDisk(pool, path, ctx);
  }
  if (draft.schedulingStrategy === 'FLEX_START') validateFlexStart(draft, ctx.add);
  if (draft.schedulingStrategy === 'SPOT') validateSpot(draft, ctx.add);
  validateNetworking(draft, ctx.add);
}

// ---- Reservations [proto:reservation_affinity] ------------------------------------------------

function validateReservation(
  pool: WorkerPoolDraft,
  path: string,
  region: string,
  add: AddProblem,
): void {
  const affinity = pool.machine.reservationAffinity;
  if (!affinity) return;
  const at = `${path}.machineSpec.reservationAffinity`;
  const type = affinity.reservationAffinityType;
  if (!(RESERVATION_AFFINITY_TYPES as readonly string[]).includes(type)) {
    add(
      'reservation-type',
      `${at}.reservationAffinityType`,
      `reservation affinity type must be ${RESERVATION_AFFINITY_TYPES.join(', ')}; it is ${String(type)}`,
      'pick NO_RESERVATION, ANY_RESERVATION or SPECIFIC_RESERVATION',
    );
    return;
  }
  const values = affinity.values ?? [];
  if (type !== 'SPECIFIC_RESERVATION') {
    // The proto ties key and values to SPECIFIC_RESERVATION ("must be identified via key/values").
    if (affinity.key !== undefined || values.length > 0) {
      add(
        'reservation-unused-name',
        `${at}.reservationAffinityType`,
        `${type} takes no reservation name; key and values apply only to SPECIFIC_RESERVATION`,
        'remove key and values, or switch to SPECIFIC_RESERVATION',
      );
    }
    return;
  }
  if (affinity.key !== RESERVATION_NAME_KEY) {
    add(
      'reservation-key',
      `${at}.key`,
      `SPECIFIC_RESERVATION needs key ${RESERVATION_NAME_KEY}; it is ${affinity.key ?? 'unset'}`,
      `set key: ${RESERVATION_NAME_KEY}`,
    );
  }
  if (values.length === 0) {
    add(
      'reservation-name-required',
      `${at}.values`,
      'SPECIFIC_RESERVATION needs the reservation name',
      `set values: [projects/PROJECT/zones/${region}-a/reservations/NAME]`,
    );
  }
  values.forEach((value, i) => {
    const match = RESERVATION_NAME.exec(value);
    if (!match) {
      add(
        'reservation-name-format',
        `${at}.values[${i}]`,
        `a reservation is named by its full resource name; ${value} is not one`,
        `use projects/PROJECT/zones/${region}-a/reservations/NAME`,
      );
      return;
    }
    const zoneRegion = match[2];
    if (zoneRegion !== region) {
      add(
        'reservation-zone-region',
        `${at}.values[${i}]`,
        `the reservation's zone ${zoneRegion}-${match[3]} is not in the job's region ${region}`,
        `use a reservation in a ${region} zone, or submit the job to ${zoneRegion}`,
      );
    }
  });
}

// ---- GPU partitions [proto:machine_resources gpu_partition_size] -------------------------------

function validatePartition(pool: WorkerPoolDraft, path: string, add: AddProblem): void {
  const size = pool.machine.gpuPartitionSize;
  if (size === undefined) return;
  const at = `${path}.machineSpec.gpuPartitionSize`;
  const accelerator = pool.machine.acceleratorType ?? '';
  const sizes = GPU_PARTITION_SIZES[accelerator];
  if (!sizes) {
    add(
      'gpu-partition-accelerator',
      at,
      `GPU partitions (MIG) need a MIG-capable GPU; ${accelerator || 'this pool has no GPU'}${accelerator ? ' is not one' : ''}`,
      `use ${Object.keys(GPU_PARTITION_SIZES).join(', ')}, or remove gpuPartitionSize`,
    );
    return;
  }
  if (!sizes.includes(size)) {
    add(
      'gpu-partition-size',
      at,
      `${accelerator} does not offer the partition size ${size}`,
      `use one of ${sizes.join(', ')}`,
    );
  }
  if (pool.machine.acceleratorCount !== undefined && pool.machine.acceleratorCount !== 1) {
    add(
      'gpu-partition-count',
      `${path}.machineSpec.acceleratorCount`,
      `with a GPU partition size the accelerator count should be 1; it is ${pool.machine.acceleratorCount}`,
      'set acceleratorCount: 1 (the proto says so for gpu_partition_size)',
      'warning',
    );
  }
}

// ---- Mounts [proto:machine_resources NfsMount, LustreMount] ------------------------------------

function validateMounts(pool: WorkerPoolDraft, path: string, draft: JobDraft, add: AddProblem) {
  const points = new Set<string>();
  const checkPoint = (mountPoint: string, at: string, root: string) => {
    if (mountPoint === '') {
      add('mount-point-required', at, 'mountPoint is required', `name the folder under ${root}`);
    } else if (!MOUNT_POINT.test(mountPoint)) {
      add(
        'mount-point-format',
        at,
        `mountPoint is one folder name under ${root}; ${mountPoint} is not`,
        'use letters, digits, _ . or -, e.g. data',
      );
    } else if (points.has(`${root}/${mountPoint}`)) {
      add(
        'mount-point-unique',
        at,
        `two mounts use ${root}/${mountPoint}`,
        'give each mount its own mountPoint',
      );
    }
    points.add(`${root}/${mountPoint}`);
  };
  (pool.nfsMounts ?? []).forEach((mount, i) => {
    const at = `${path}.nfsMounts[${i}]`;
    if (!IPV4.test(mount.server)) {
      add(
        'nfs-server',
        `${at}.server`,
        `the NFS server is its IP address; ${mount.server || 'it is empty'}${mount.server ? ' is not one' : ''}`,
        'use the Filestore or NFS server IP, e.g. 10.0.0.2',
      );
    }
    if (!mount.path.startsWith('/')) {
      add(
        'nfs-path',
        `${at}.path`,
        `the exported path has to start with "/"; it is ${mount.path || 'empty'}`,
        'use the share path, e.g. /share',
      );
    }
    checkPoint(mount.mountPoint, `${at}.mountPoint`, '/mnt/nfs');
  });
  (pool.lustreMounts ?? []).forEach((mount, i) => {
    const at = `${path}.lustreMounts[${i}]`;
    if (!IPV4.test(mount.instanceIp)) {
      add(
        'lustre-instance-ip',
        `${at}.instanceIp`,
        `instanceIp is the Lustre instance's IP address; ${mount.instanceIp || 'it is empty'}`,
        'use the instance IP shown by gcloud lustre instances describe',
      );
    }
    for (const key of ['volumeHandle', 'filesystem'] as const) {
      if (mount[key] === '') add('lustre-required', `${at}.${key}`, `${key} is required`, 'add it');
    }
    checkPoint(mount.mountPoint, `${at}.mountPoint`, '/mnt/lustre');
  });
  const mounts = (pool.nfsMounts?.length ?? 0) + (pool.lustreMounts?.length ?? 0);
  if (mounts > 0 && !draft.network && !draft.pscInterfaceConfig) {
    // Filestore / Managed Lustre are reached over the VPC (vertex-ai/docs/training/train-nfs-share).
    add(
      'mount-network',
      'network',
      'NFS and Lustre servers are reached over your VPC; this job is not connected to one',
      'set network (VPC peering) or a PSC interface network attachment',
      'warning',
    );
  }
}

function validateBootDisk(pool: WorkerPoolDraft, path: string, ctx: Ctx): void {
  const type = pool.bootDiskType;
  const machine = pool.machine.machineType;
  const family = ctx.family(machine);
  if (type === 'hyperdisk-balanced' && family && NO_HYPERDISK_FAMILIES.includes(family)) {
    ctx.add(
      'disk-hyperdisk-series',
      `${path}.diskSpec.bootDiskType`,
      `Compute Engine does not list the ${family.toUpperCase()} series for Hyperdisk Balanced`,
      'use pd-ssd on this machine, or a machine series that takes Hyperdisk (A3, A4, C3, N4…)',
      'warning',
    );
  }
  // DiskSpec.boot_disk_type: A3 Ultra defaults to hyperdisk-balanced [proto:machine_resources].
  if (
    type &&
    type !== 'hyperdisk-balanced' &&
    ctx.defaultBootDisk(machine) === 'hyperdisk-balanced'
  ) {
    ctx.add(
      'disk-hyperdisk-only',
      `${path}.diskSpec.bootDiskType`,
      `${machine} boots from Hyperdisk Balanced; ${type} is not offered on it`,
      'use hyperdisk-balanced, or leave the type empty',
      'warning',
    );
  }
}

// ---- Flex-start and Spot ------------------------------------------------------------------------

function machineKey(pool: WorkerPoolDraft): string {
  const m = pool.machine;
  return `${m.machineType} ${m.acceleratorType ?? '-'}×${m.acceleratorCount ?? 0}`;
}

/** cloud.google.com/vertex-ai/docs/training/schedule-jobs-dws, "Requirements". */
function validateFlexStart(draft: JobDraft, add: AddProblem): void {
  const pools = usedPools(draft);
  for (const {pool, path} of pools) {
    const gpu = pool.machine.acceleratorType;
    if (!gpu || !(FLEX_START_ACCELERATORS as readonly string[]).includes(gpu)) {
      add(
        'flex-start-gpu',
        `${path}.machineSpec.acceleratorType`,
        `flex-start (Dynamic Workload Scheduler) needs L4, A100, H100, H200 or B200 GPUs; ${gpu ? `${gpu} is not one` : 'this pool has no GPU'}`,
        'pick one of those GPUs, or use the STANDARD or SPOT strategy',
      );
    }
  }
  const first = pools[0];
  for (const {pool, path} of pools.slice(1)) {
    if (first && machineKey(pool) !== machineKey(first.pool)) {
      add(
        'flex-start-same-machine',
        `${path}.machineSpec`,
        `flex-start needs the same machine configuration in every pool; this pool has ${machineKey(pool)}, pool 0 ${machineKey(first.pool)}`,
        "give every pool the primary pool's machine type and accelerators",
      );
    }
  }
  if (draft.timeoutSeconds !== undefined && draft.timeoutSeconds > FLEX_START_MAX_TIMEOUT_SECONDS) {
    add(
      'flex-start-timeout',
      'timeout',
      `flex-start jobs run at most 7 days; the timeout is ${draft.timeoutSeconds}s`,
      'set a timeout of at most 604800 seconds',
    );
  }
}

function tpuChips(pool: WorkerPoolDraft): number {
  const topology = pool.machine.tpuTopology;
  if (topology) return topology.split('x').reduce((n, d) => n * Number(d), 1);
  return pool.machine.acceleratorCount ?? 0;
}

/** cloud.google.com/vertex-ai/docs/training/use-spot-vms: "Using Spot VMs with TPU Pods isn't supported". */
function validateSpot(draft: JobDraft, add: AddProblem): void {
  for (const {pool, path} of usedPools(draft)) {
    const tpu = pool.machine.acceleratorType ?? '';
    // A pod (slice) spans hosts: TPU_V4_POD, or more chips than one host holds (8).
    const pod = tpu.endsWith('_POD') || (tpu.startsWith('TPU_') && tpuChips(pool) > 8);
    if (pod) {
      add(
        'spot-tpu-pod',
        `${path}.machineSpec.acceleratorType`,
        'Spot VMs cannot run TPU Pods (multi-host TPU slices)',
        'use the STANDARD strategy, or a single-host TPU (8 chips or fewer)',
      );
    }
  }
}

// ---- Private networking ---------------------------------------------------------------------

function validateNetworking(draft: JobDraft, add: AddProblem): void {
  const ranges = draft.reservedIpRanges ?? [];
  if (ranges.length > 0 && !draft.network) {
    // CustomJobSpec.reserved_ip_ranges: "reserved ip ranges under the VPC network".
    add(
      'reserved-ip-ranges-network',
      'reservedIpRanges',
      "reserved IP ranges are ranges of the job's VPC network; no network is set",
      'set network: projects/PROJECT_NUMBER/global/networks/NETWORK, or remove the ranges',
    );
  }
  ranges.forEach((range, i) => {
    if (!GCE_NAME.test(range)) {
      add(
        'reserved-ip-range-name',
        `reservedIpRanges[${i}]`,
        `a reserved range is named like a Compute Engine resource; ${range || 'an empty name'} is not`,
        'use the allocated range name, e.g. vertex-ai-ip-range',
      );
    }
  });
  const attachment = draft.pscInterfaceConfig?.networkAttachment;
  if (draft.pscInterfaceConfig && !attachment) {
    add(
      'psc-network-attachment',
      'pscInterfaceConfig.networkAttachment',
      'a PSC interface needs its network attachment',
      "set networkAttachment to the attachment name in the job's region",
    );
  } else if (attachment) {
    const full = NETWORK_ATTACHMENT.exec(attachment);
    if (!full && !GCE_NAME.test(attachment)) {
      add(
        'psc-network-attachment',
        'pscInterfaceConfig.networkAttachment',
        `${attachment} is neither a network attachment name nor its resource name`,
        `use NAME or projects/PROJECT/regions/${draft.region}/networkAttachments/NAME`,
      );
    } else if (full && full[1] !== draft.region) {
      // PscInterfaceConfig.network_attachment: "within the region and user project".
      add(
        'psc-attachment-region',
        'pscInterfaceConfig.networkAttachment',
        `the network attachment is in ${full[1]}, not in the job's region ${draft.region}`,
        `use an attachment in ${draft.region}`,
      );
    }
  }
  const resource = draft.persistentResourceId;
  if (resource !== undefined && !PERSISTENT_RESOURCE_ID.test(resource)) {
    add(
      'persistent-resource-id',
      'persistentResourceId',
      `a persistent resource id is up to 63 lowercase letters, digits or -, starting with a letter; ${resource || 'it is empty'}`,
      'use the id shown by gcloud ai persistent-resources list, e.g. my-pool',
    );
  }
}
