// CustomJobSpec (worker pools, scheduling and job options) → draft parts; shared by every
// resource kind, since tuning jobs and pipelines embed a CustomJobSpec.
import {
  RESERVATION_AFFINITY_TYPES,
  type EnvVar,
  type JobDraft,
  type LustreMountDraft,
  type NfsMountDraft,
  type PoolTask,
  type ReservationAffinityDraft,
  type SchedulingStrategy,
  type WorkerPoolDraft,
  type WorkerPoolSlots,
} from './draft.js';
import type {Json, PathKey, Reader} from './import-reader.js';

export function defaultWorkerPool(): WorkerPoolDraft {
  return {
    machine: {machineType: 'n1-standard-4'},
    replicaCount: 1,
    task: {kind: 'container', imageUri: '', command: [], args: [], env: []},
  };
}

const JOB_SPEC_KEYS = [
  'workerPoolSpecs',
  'scheduling',
  'serviceAccount',
  'network',
  'baseOutputDirectory',
  'tensorboard',
  'enableWebAccess',
  'enableDashboardAccess',
  'persistentResourceId',
  'reservedIpRanges',
  'pscInterfaceConfig',
];
const JOB_SPEC_UNSUPPORTED = [
  'protectedArtifactLocationId',
  'experiment',
  'experimentRun',
  'models',
];
const STRATEGIES: readonly SchedulingStrategy[] = ['STANDARD', 'SPOT', 'FLEX_START'];

export type JobOptions = Pick<
  JobDraft,
  | 'timeoutSeconds'
  | 'restartJobOnWorkerRestart'
  | 'schedulingStrategy'
  | 'disableRetries'
  | 'maxWaitSeconds'
  | 'serviceAccount'
  | 'network'
  | 'reservedIpRanges'
  | 'pscInterfaceConfig'
  | 'persistentResourceId'
  | 'baseOutputDirectory'
  | 'tensorboard'
  | 'enableWebAccess'
  | 'enableDashboardAccess'
>;

function readEnv(r: Reader, value: unknown, path: PathKey[]): EnvVar[] {
  return r.list(value, path).flatMap((item, i) => {
    const env = r.object(item, [...path, i], ['name', 'value']);
    if (!env) return [];
    const name = r.string(env.name, [...path, i, 'name'], true);
    const text = r.strict ? r.string(env.value, [...path, i, 'value']) : String(env.value ?? '');
    return name === undefined ? [] : [{name, value: text ?? ''}];
  });
}

function readPool(r: Reader, value: unknown, path: PathKey[]): WorkerPoolDraft | undefined {
  const spec = r.object(value, path, [
    'machineSpec',
    'replicaCount',
    'diskSpec',
    'containerSpec',
    'pythonPackageSpec',
    'nfsMounts',
    'lustreMounts',
  ]);
  if (!spec) return undefined;
  const machineValue = spec.machineSpec as Json | null | undefined;
  const hasTask = spec.containerSpec || spec.pythonPackageSpec;
  // `{}` (or, from the API, a spec with no machine) is an unused slot.
  if (!machineValue && !hasTask) return undefined;
  const machine = r.object(
    machineValue,
    [...path, 'machineSpec'],
    [
      'machineType',
      'acceleratorType',
      'acceleratorCount',
      'tpuTopology',
      'gpuPartitionSize',
      'reservationAffinity',
    ],
  );
  if (!machine)
    r.error(
      [...path, 'machineSpec'],
      'a used worker pool needs a machineSpec',
      'add machineSpec: {machineType: n1-standard-4}',
    );
  const machineType =
    r.string(machine?.machineType, [...path, 'machineSpec', 'machineType'], true) ?? '';
  const acceleratorType = r.string(machine?.acceleratorType, [
    ...path,
    'machineSpec',
    'acceleratorType',
  ]);
  const acceleratorCount = r.integer(machine?.acceleratorCount, [
    ...path,
    'machineSpec',
    'acceleratorCount',
  ]);
  const tpuTopology = r.string(machine?.tpuTopology, [...path, 'machineSpec', 'tpuTopology']);
  const gpuPartitionSize = r.string(machine?.gpuPartitionSize, [
    ...path,
    'machineSpec',
    'gpuPartitionSize',
  ]);
  const reservationAffinity = readAffinity(r, machine?.reservationAffinity, [
    ...path,
    'machineSpec',
    'reservationAffinity',
  ]);
  const disk = r.object(spec.diskSpec, [...path, 'diskSpec'], ['bootDiskType', 'bootDiskSizeGb']);
  const bootDiskType = r.string(disk?.bootDiskType, [...path, 'diskSpec', 'bootDiskType']);
  const bootDiskSizeGb = r.integer(disk?.bootDiskSizeGb, [...path, 'diskSpec', 'bootDiskSizeGb']);
  const task = readTask(r, spec, path);
  const pool: WorkerPoolDraft = {
    machine: {
      machineType,
      ...(acceleratorType !== undefined && {acceleratorType}),
      ...(acceleratorType !== undefined && acceleratorCount !== undefined && {acceleratorCount}),
      ...(acceleratorType === undefined &&
        r.strict &&
        acceleratorCount !== undefined && {acceleratorCount}),
      ...(tpuTopology !== undefined && {tpuTopology}),
      ...(gpuPartitionSize !== undefined && {gpuPartitionSize}),
      ...(reservationAffinity !== undefined && {reservationAffinity}),
    },
    replicaCount: r.integer(spec.replicaCount, [...path, 'replicaCount']) ?? 1,
    task: task ?? {kind: 'container', imageUri: '', command: [], args: [], env: []},
  };
  if (bootDiskType !== undefined) pool.bootDiskType = bootDiskType;
  if (bootDiskSizeGb !== undefined) pool.bootDiskSizeGb = bootDiskSizeGb;
  const nfsMounts = readMounts(r, spec.nfsMounts, [...path, 'nfsMounts'], NFS_KEYS);
  if (nfsMounts.length > 0) pool.nfsMounts = nfsMounts as unknown as NfsMountDraft[];
  const lustreMounts = readMounts(r, spec.lustreMounts, [...path, 'lustreMounts'], LUSTRE_KEYS);
  if (lustreMounts.length > 0) pool.lustreMounts = lustreMounts as unknown as LustreMountDraft[];
  return pool;
}

const NFS_KEYS = ['server', 'path', 'mountPoint'] as const;
const LUSTRE_KEYS = ['instanceIp', 'volumeHandle', 'filesystem', 'mountPoint'] as const;

/** NfsMount / LustreMount lists [proto:machine_resources]: every field is a required string. */
function readMounts(
  r: Reader,
  value: unknown,
  path: PathKey[],
  keys: readonly string[],
): Record<string, string>[] {
  return r.list(value, path).flatMap((item, i) => {
    const mount = r.object(item, [...path, i], keys);
    if (!mount) return [];
    const out: Record<string, string> = {};
    for (const key of keys) out[key] = r.string(mount[key], [...path, i, key], true) ?? '';
    return [out];
  });
}

function readAffinity(
  r: Reader,
  value: unknown,
  path: PathKey[],
): ReservationAffinityDraft | undefined {
  const o = r.object(value, path, ['reservationAffinityType', 'key', 'values']);
  if (!o) return undefined;
  const type = r.enumName(
    o.reservationAffinityType,
    [...path, 'reservationAffinityType'],
    RESERVATION_AFFINITY_TYPES,
  );
  if (type === undefined) {
    if (o.reservationAffinityType === undefined)
      r.error(
        [...path, 'reservationAffinityType'],
        'reservationAffinityType is required',
        `use one of ${RESERVATION_AFFINITY_TYPES.join(', ')}`,
      );
    return undefined;
  }
  const key = r.string(o.key, [...path, 'key']);
  const values = o.values === undefined ? undefined : r.stringList(o.values, [...path, 'values']);
  return {
    reservationAffinityType: type,
    ...(key !== undefined && {key}),
    ...(values !== undefined && values.length > 0 && {values}),
  };
}

function readTask(r: Reader, spec: Json, path: PathKey[]): PoolTask | undefined {
  const container = spec.containerSpec;
  const pkg = spec.pythonPackageSpec;
  if (container && pkg) {
    r.error(
      path,
      'a worker pool has either containerSpec or pythonPackageSpec, not both',
      'keep only one of them',
    );
    return undefined;
  }
  if (pkg) {
    const p = [...path, 'pythonPackageSpec'];
    const o = r.object(pkg, p, ['executorImageUri', 'packageUris', 'pythonModule', 'args', 'env']);
    if (!o) return undefined;
    return {
      kind: 'python-package',
      executorImageUri: r.string(o.executorImageUri, [...p, 'executorImageUri'], true) ?? '',
      packageUris: r.stringList(o.packageUris, [...p, 'packageUris']),
      pythonModule: r.string(o.pythonModule, [...p, 'pythonModule'], true) ?? '',
      args: r.stringList(o.args, [...p, 'args']),
      env: readEnv(r, o.env, [...p, 'env']),
    };
  }
  if (container) {
    const p = [...path, 'containerSpec'];
    const o = r.object(container, p, ['imageUri', 'command', 'args', 'env']);
    if (!o) return undefined;
    return {
      kind: 'container',
      imageUri: r.string(o.imageUri, [...p, 'imageUri'], true) ?? '',
      command: r.stringList(o.command, [...p, 'command']),
      args: r.stringList(o.args, [...p, 'args']),
      env: readEnv(r, o.env, [...p, 'env']),
    };
  }
  r.error(
    path,
    'a used worker pool needs containerSpec or pythonPackageSpec',
    'add containerSpec: {imageUri: ...} or a pythonPackageSpec',
  );
  return undefined;
}

/** Worker pools and job options of a CustomJobSpec. */
export function readJobSpec(
  r: Reader,
  value: unknown,
  path: PathKey[],
): {workerPools: WorkerPoolSlots; options: JobOptions} {
  const spec = r.object(value, path, JOB_SPEC_KEYS, JOB_SPEC_UNSUPPORTED) ?? {};
  const poolsPath = [...path, 'workerPoolSpecs'];
  let list = r.list(spec.workerPoolSpecs, poolsPath);
  // gcloud's help shows a single pool written as a map rather than a list; accept it.
  if (r.strict && spec.workerPoolSpecs && !Array.isArray(spec.workerPoolSpecs)) {
    r.problems.pop();
    list = [spec.workerPoolSpecs];
  }
  if (list.length > 4)
    r.error(
      poolsPath,
      `at most 4 worker pools; there are ${list.length}`,
      'remove the extra pools',
    );
  const pools = list.slice(0, 4).map((item, i) => readPool(r, item, [...poolsPath, i]));
  if (!pools[0])
    r.error(
      [...poolsPath, 0],
      'worker pool 0 (the primary replica) is required',
      'describe the primary pool first',
    );
  const workerPools: WorkerPoolSlots = [
    pools[0] ?? defaultWorkerPool(),
    pools[1],
    pools[2],
    pools[3],
  ];
  while (workerPools.length > 1 && workerPools[workerPools.length - 1] === undefined)
    workerPools.pop();
  const sPath = [...path, 'scheduling'];
  const scheduling = r.object(spec.scheduling, sPath, [
    'timeout',
    'restartJobOnWorkerRestart',
    'strategy',
    'disableRetries',
    'maxWaitDuration',
  ]);
  const options: JobOptions = {};
  const set = <K extends keyof JobOptions>(key: K, v: JobOptions[K] | undefined) => {
    if (v !== undefined) options[key] = v;
  };
  set('timeoutSeconds', r.duration(scheduling?.timeout, [...sPath, 'timeout']));
  set(
    'restartJobOnWorkerRestart',
    r.boolean(scheduling?.restartJobOnWorkerRestart, [...sPath, 'restartJobOnWorkerRestart']),
  );
  set('schedulingStrategy', r.enumName(scheduling?.strategy, [...sPath, 'strategy'], STRATEGIES));
  set('disableRetries', r.boolean(scheduling?.disableRetries, [...sPath, 'disableRetries']));
  set('maxWaitSeconds', r.duration(scheduling?.maxWaitDuration, [...sPath, 'maxWaitDuration']));
  set('serviceAccount', r.string(spec.serviceAccount, [...path, 'serviceAccount']));
  set('network', r.string(spec.network, [...path, 'network']));
  if (spec.reservedIpRanges !== undefined) {
    const ranges = r.stringList(spec.reservedIpRanges, [...path, 'reservedIpRanges']);
    if (ranges.length > 0) options.reservedIpRanges = ranges;
  }
  const psc = r.object(
    spec.pscInterfaceConfig,
    [...path, 'pscInterfaceConfig'],
    ['networkAttachment'],
    ['dnsPeeringConfigs'],
  );
  if (psc) {
    const attachment = r.string(psc.networkAttachment, [
      ...path,
      'pscInterfaceConfig',
      'networkAttachment',
    ]);
    if (attachment !== undefined) options.pscInterfaceConfig = {networkAttachment: attachment};
  }
  set(
    'persistentResourceId',
    r.string(spec.persistentResourceId, [...path, 'persistentResourceId']),
  );
  const output = r.object(
    spec.baseOutputDirectory,
    [...path, 'baseOutputDirectory'],
    ['outputUriPrefix'],
  );
  set(
    'baseOutputDirectory',
    r.string(output?.outputUriPrefix, [...path, 'baseOutputDirectory', 'outputUriPrefix']),
  );
  set('tensorboard', r.string(spec.tensorboard, [...path, 'tensorboard']));
  set('enableWebAccess', r.boolean(spec.enableWebAccess, [...path, 'enableWebAccess']));
  set(
    'enableDashboardAccess',
    r.boolean(spec.enableDashboardAccess, [...path, 'enableDashboardAccess']),
  );
  return {workerPools, options};
}
