// Options-step fields for a job's storage and private networking: NFS and Lustre mounts (written
// to every used pool, as most jobs mount the same share everywhere), reserved IP ranges of the
// VPC, a Private Service Connect interface, and the persistent resource to run on
// (options-resource.ts). Field shapes
// follow custom_job.proto (CustomJobSpec) and machine_resources.proto (NfsMount, LustreMount).
import type {
  JobDraft,
  LustreMountDraft,
  NfsMountDraft,
  WorkerPoolDraft,
} from '../../../../core/job-spec/index.js';
import {isCustom, type Field} from './field-kit.js';
import {RESOURCE_FIELDS} from './options-resource.js';

const list = (text: string) =>
  text
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');

/** Sets `key` on every used pool (removed when `value` is empty). */
function onEveryPool<K extends 'nfsMounts' | 'lustreMounts'>(
  draft: JobDraft,
  key: K,
  value: WorkerPoolDraft[K],
): JobDraft {
  const pools = draft.workerPools.map((pool) => {
    if (!pool) return pool;
    const next = {...pool};
    if (value && value.length > 0) next[key] = value;
    else delete next[key];
    return next;
  }) as JobDraft['workerPools'];
  return {...draft, workerPools: pools};
}

/** `SERVER:/PATH@MOUNT_POINT` → NfsMount. */
export function parseNfs(item: string): NfsMountDraft | string {
  const match = /^([^:@]+):(\/[^@]*)@(.+)$/.exec(item);
  if (!match)
    return `NFS mounts are SERVER:/PATH@MOUNT_POINT, e.g. 10.0.0.2:/share@data; got ${item}`;
  return {server: match[1]!, path: match[2]!, mountPoint: match[3]!};
}

/** `IP:VOLUME_HANDLE:FILESYSTEM@MOUNT_POINT` → LustreMount. */
export function parseLustre(item: string): LustreMountDraft | string {
  const match = /^([^:@]+):([^:@]+):([^:@]+)@(.+)$/.exec(item);
  if (!match)
    return `Lustre mounts are IP:VOLUME_HANDLE:FILESYSTEM@MOUNT_POINT, e.g. 10.0.0.3:p/us-central1-a/lfs:lfs@scratch; got ${item}`;
  return {
    instanceIp: match[1]!,
    volumeHandle: match[2]!,
    filesystem: match[3]!,
    mountPoint: match[4]!,
  };
}

function mountField<K extends 'nfsMounts' | 'lustreMounts'>(
  key: K,
  label: string,
  hint: string,
  format: (mount: NonNullable<WorkerPoolDraft[K]>[number]) => string,
  parse: (item: string) => NonNullable<WorkerPoolDraft[K]>[number] | string,
): Field {
  return {
    id: key,
    label,
    kind: 'text',
    hint,
    when: isCustom,
    get: (draft) =>
      ((draft.workerPools[0]?.[key] ?? []) as NonNullable<WorkerPoolDraft[K]>[number][])
        .map((m) => format(m))
        .join(', '),
    set: (draft, text) => {
      const mounts: NonNullable<WorkerPoolDraft[K]>[number][] = [];
      for (const item of list(text)) {
        const parsed = parse(item);
        if (typeof parsed === 'string') return parsed;
        mounts.push(parsed);
      }
      return onEveryPool(draft, key, mounts as WorkerPoolDraft[K]);
    },
  };
}

export const NETWORK_FIELDS: Field[] = [
  mountField(
    'nfsMounts',
    'NFS mounts',
    'SERVER:/PATH@MOUNT_POINT, comma-separated; at /mnt/nfs/MOUNT_POINT',
    (m: NfsMountDraft) => `${m.server}:${m.path}@${m.mountPoint}`,
    parseNfs,
  ),
  mountField(
    'lustreMounts',
    'Lustre mounts',
    'IP:VOLUME_HANDLE:FILESYSTEM@MOUNT_POINT; at /mnt/lustre/MOUNT_POINT',
    (m: LustreMountDraft) => `${m.instanceIp}:${m.volumeHandle}:${m.filesystem}@${m.mountPoint}`,
    parseLustre,
  ),
  {
    id: 'reservedIpRanges',
    label: 'Reserved IP ranges',
    kind: 'text',
    hint: 'names of ranges in the network, comma-separated',
    when: isCustom,
    get: (draft) => (draft.reservedIpRanges ?? []).join(', '),
    set: (draft, text) => {
      const next = {...draft};
      const ranges = list(text);
      if (ranges.length > 0) next.reservedIpRanges = ranges;
      else delete next.reservedIpRanges;
      return next;
    },
  },
  {
    id: 'pscInterface',
    label: 'PSC attachment',
    kind: 'text',
    hint: 'Private Service Connect interface: an attachment in the job region',
    when: isCustom,
    get: (draft) => draft.pscInterfaceConfig?.networkAttachment ?? '',
    set: (draft, text) => {
      const next = {...draft};
      if (text.trim()) next.pscInterfaceConfig = {networkAttachment: text.trim()};
      else delete next.pscInterfaceConfig;
      return next;
    },
  },
  ...RESOURCE_FIELDS,
];
