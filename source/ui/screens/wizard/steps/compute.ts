// The Compute step, once per worker pool: machine type, only the accelerators (and TPU topologies)
// that machine takes, a GPU partition only on MIG-capable GPUs, the reservation to consume, boot
// disk; on the primary's page also the job-wide scheduling (flex-start only with the GPUs Dynamic
// Workload Scheduler serves), max wait and timeout.
import type {JobDraft, ReservationAffinityType} from '../../../../core/job-spec/index.js';
import {acceleratorOptionsFor, tpuTopologiesFor} from '../../../../core/job-spec/catalog.js';
import {RESERVATION_NAME_KEY} from '../../../../core/job-spec/draft.js';
import {
  DISK_TYPES,
  FLEX_START_ACCELERATORS,
  GPU_PARTITION_SIZES,
} from '../../../../core/job-spec/compute-choices.js';
import {
  defineStep,
  formatDuration,
  isCustom,
  parseDuration,
  poolOf,
  POOL_PATH,
  wholeNumber,
  withPool,
  type Field,
  type FieldContext,
} from './field-kit.js';

const machineOf = (draft: JobDraft, ctx: FieldContext) => poolOf(draft, ctx.pool).machine;
const flexStartGpu = (draft: JobDraft) =>
  (FLEX_START_ACCELERATORS as readonly string[]).includes(
    draft.workerPools[0]?.machine.acceleratorType ?? '',
  );

const FIELDS: Field[] = [
  {
    id: 'machineType',
    label: 'Machine type',
    kind: 'choice',
    hint: 'type to filter; grouped by family with vCPUs and memory',
    options: (_draft, ctx) =>
      ctx.catalog.machineTypes.map((machine) => ({
        value: machine.name,
        label: `${machine.family.padEnd(4)} ${machine.name} · ${machine.vcpus} vCPU · ${machine.memoryGb} GB`,
      })),
    get: (draft, ctx) => machineOf(draft, ctx).machineType,
    set: (draft, machineType, ctx) =>
      withPool(draft, ctx.pool, (pool) => {
        // Keep the accelerator only when the new machine takes it.
        const options = acceleratorOptionsFor(machineType, ctx.catalog);
        const keep = options.find((o) => o.acceleratorType === pool.machine.acceleratorType);
        const only =
          options.length > 0 && options.every((o) => o.counts.length === 1) && options.length === 1
            ? options[0]
            : undefined;
        const accelerator = keep ?? only;
        const topologies = tpuTopologiesFor(machineType, ctx.catalog);
        return {
          ...pool,
          machine: {
            machineType,
            ...(accelerator && {
              acceleratorType: accelerator.acceleratorType,
              acceleratorCount: accelerator.counts.includes(pool.machine.acceleratorCount ?? 0)
                ? pool.machine.acceleratorCount
                : accelerator.counts[0],
            }),
            ...(topologies && {tpuTopology: topologies[0]}),
            // The reservation choice stays; a MIG size only while the GPU still offers it.
            ...(pool.machine.reservationAffinity && {
              reservationAffinity: pool.machine.reservationAffinity,
            }),
            ...(pool.machine.gpuPartitionSize &&
              accelerator &&
              GPU_PARTITION_SIZES[accelerator.acceleratorType]?.includes(
                pool.machine.gpuPartitionSize,
              ) && {gpuPartitionSize: pool.machine.gpuPartitionSize}),
          },
        };
      }),
  },
  {
    id: 'accelerator',
    label: 'Accelerator',
    kind: 'choice',
    hint: 'only what this machine type takes',
    options: (draft, ctx) => {
      const machine = machineOf(draft, ctx);
      const options = acceleratorOptionsFor(machine.machineType, ctx.catalog).flatMap((option) =>
        option.counts.map((count) => ({
          value: `${option.acceleratorType}×${count}`,
          label: `${count} × ${option.acceleratorType}`,
        })),
      );
      const required = ctx.catalog.machineTypes.find(
        (m) => m.name === machine.machineType,
      )?.acceleratorRequired;
      return required && options.length > 0 ? options : [{value: '', label: 'none'}, ...options];
    },
    get: (draft, ctx) => {
      const machine = machineOf(draft, ctx);
      return machine.acceleratorType
        ? `${machine.acceleratorType}×${machine.acceleratorCount ?? 1}`
        : '';
    },
    set: (draft, value, ctx) =>
      withPool(draft, ctx.pool, (pool) => {
        const {acceleratorType: _type, acceleratorCount: _count, ...rest} = pool.machine;
        if (value === '') return {...pool, machine: rest};
        const [acceleratorType = '', count = '1'] = value.split('×');
        return {...pool, machine: {...rest, acceleratorType, acceleratorCount: Number(count)}};
      }),
  },
  {
    id: 'tpuTopology',
    label: 'TPU topology',
    kind: 'choice',
    when: (draft, ctx) =>
      tpuTopologiesFor(machineOf(draft, ctx).machineType, ctx.catalog) !== undefined ||
      machineOf(draft, ctx).tpuTopology !== undefined,
    options: (draft, ctx) => {
      const topologies = tpuTopologiesFor(machineOf(draft, ctx).machineType, ctx.catalog);
      return topologies
        ? topologies.map((t) => ({value: t, label: t}))
        : [{value: '', label: 'none (this machine takes no topology)'}];
    },
    get: (draft, ctx) => machineOf(draft, ctx).tpuTopology ?? '',
    set: (draft, tpuTopology, ctx) =>
      withPool(draft, ctx.pool, (pool) => {
        const {tpuTopology: _old, ...machine} = pool.machine;
        return {...pool, machine: tpuTopology ? {...machine, tpuTopology} : machine};
      }),
  },
  {
    id: 'gpuPartition',
    label: 'GPU partition',
    kind: 'choice',
    hint: 'MIG slices of each GPU (A100, H100, H200, B200)',
    // MachineSpec.gpu_partition_size: only sizes the requested accelerator offers.
    when: (draft, ctx) =>
      GPU_PARTITION_SIZES[machineOf(draft, ctx).acceleratorType ?? ''] !== undefined ||
      machineOf(draft, ctx).gpuPartitionSize !== undefined,
    options: (draft, ctx) => [
      {value: '', label: 'whole GPUs'},
      ...(GPU_PARTITION_SIZES[machineOf(draft, ctx).acceleratorType ?? ''] ?? []).map((size) => ({
        value: size,
        label: size,
      })),
    ],
    get: (draft, ctx) => machineOf(draft, ctx).gpuPartitionSize ?? '',
    set: (draft, value, ctx) =>
      withPool(draft, ctx.pool, (pool) => {
        const {gpuPartitionSize: _old, ...machine} = pool.machine;
        return {...pool, machine: value ? {...machine, gpuPartitionSize: value} : machine};
      }),
  },
  {
    id: 'reservation',
    label: 'Reservation',
    kind: 'choice',
    hint: 'Compute Engine reserved capacity this pool consumes',
    options: () => [
      {value: '', label: 'default (Vertex decides)'},
      {value: 'NO_RESERVATION', label: 'no reservation (on-demand only)'},
      {value: 'ANY_RESERVATION', label: 'any matching reservation'},
      {value: 'SPECIFIC_RESERVATION', label: 'a specific reservation'},
    ],
    get: (draft, ctx) => machineOf(draft, ctx).reservationAffinity?.reservationAffinityType ?? '',
    set: (draft, value, ctx) =>
      withPool(draft, ctx.pool, (pool) => {
        const {reservationAffinity: old, ...machine} = pool.machine;
        if (value === '') return {...pool, machine};
        const type = value as ReservationAffinityType;
        const keep = type === 'SPECIFIC_RESERVATION' && old?.values ? {values: old.values} : {};
        return {
          ...pool,
          machine: {
            ...machine,
            reservationAffinity: {
              reservationAffinityType: type,
              ...(type === 'SPECIFIC_RESERVATION' && {key: RESERVATION_NAME_KEY, ...keep}),
            },
          },
        };
      }),
  },
  {
    id: 'reservationName',
    label: 'Reservation name',
    kind: 'text',
    hint: 'projects/PROJECT/zones/ZONE/reservations/NAME (a zone of the region)',
    when: (draft, ctx) =>
      machineOf(draft, ctx).reservationAffinity?.reservationAffinityType === 'SPECIFIC_RESERVATION',
    get: (draft, ctx) => machineOf(draft, ctx).reservationAffinity?.values?.[0] ?? '',
    set: (draft, text, ctx) =>
      withPool(draft, ctx.pool, (pool) => {
        const name = text.trim();
        return {
          ...pool,
          machine: {
            ...pool.machine,
            reservationAffinity: {
              reservationAffinityType: 'SPECIFIC_RESERVATION',
              key: RESERVATION_NAME_KEY,
              ...(name && {values: [name]}),
            },
          },
        };
      }),
  },
  {
    id: 'disk',
    label: 'Boot disk type',
    kind: 'choice',
    options: () => [
      {value: '', label: 'default (pd-ssd)'},
      ...DISK_TYPES.map((type) => ({value: type, label: type})),
    ],
    get: (draft, ctx) => poolOf(draft, ctx.pool).bootDiskType ?? '',
    set: (draft, value, ctx) =>
      withPool(draft, ctx.pool, (pool) => {
        const next = {...pool};
        if (value === '') delete next.bootDiskType;
        else next.bootDiskType = value;
        return next;
      }),
  },
  {
    id: 'diskSize',
    label: 'Boot disk size (GB)',
    kind: 'text',
    hint: '100 to 64000; empty for the default (100)',
    get: (draft, ctx) => String(poolOf(draft, ctx.pool).bootDiskSizeGb ?? ''),
    set: (draft, text, ctx) => {
      if (text.trim() === '')
        return withPool(draft, ctx.pool, ({bootDiskSizeGb: _size, ...pool}) => pool);
      const size = wholeNumber(text, 'the disk size');
      return typeof size === 'string'
        ? size
        : withPool(draft, ctx.pool, (pool) => ({...pool, bootDiskSizeGb: size}));
    },
  },
  {
    id: 'scheduling',
    label: 'Scheduling',
    kind: 'choice',
    when: (_draft, ctx) => ctx.pool === 0,
    hint: 'for the whole job',
    // Flex-start only for the GPUs Dynamic Workload Scheduler serves (schedule-jobs-dws); the
    // same-machine and 7-day rules show as problems, since they depend on other pools and fields.
    options: (draft) => [
      {value: 'STANDARD', label: 'standard (on-demand)'},
      {value: 'SPOT', label: 'Spot VMs (cheaper, can be preempted)'},
      ...(flexStartGpu(draft) || draft.schedulingStrategy === 'FLEX_START'
        ? [{value: 'FLEX_START', label: 'flex-start (waits for capacity, ≤ 7 days)'}]
        : []),
    ],
    get: (draft) => draft.schedulingStrategy ?? 'STANDARD',
    set: (draft, value) => {
      const next = {...draft, schedulingStrategy: value as JobDraft['schedulingStrategy']};
      if (value === 'STANDARD') delete next.schedulingStrategy;
      if (value !== 'FLEX_START') delete next.maxWaitSeconds;
      return next;
    },
  },
  {
    id: 'maxWait',
    label: 'Max wait',
    kind: 'text',
    hint: 'how long flex-start may queue, e.g. 2h (0 waits indefinitely)',
    when: (draft, ctx) =>
      ctx.pool === 0 &&
      (draft.schedulingStrategy === 'FLEX_START' || draft.maxWaitSeconds !== undefined),
    get: (draft) => formatDuration(draft.maxWaitSeconds),
    set: (draft, text) => {
      const seconds = parseDuration(text);
      if (typeof seconds === 'string') return seconds;
      const next = {...draft};
      if (seconds === undefined) delete next.maxWaitSeconds;
      else next.maxWaitSeconds = seconds;
      return next;
    },
  },
  {
    id: 'timeout',
    label: 'Timeout',
    kind: 'text',
    hint: "e.g. 24h; per trial for tuning jobs; empty: Vertex's 7 days",
    when: (_draft, ctx) => ctx.pool === 0,
    get: (draft) => formatDuration(draft.timeoutSeconds),
    set: (draft, text) => {
      const seconds = parseDuration(text);
      if (typeof seconds === 'string') return seconds;
      const next = {...draft};
      if (seconds === undefined) delete next.timeoutSeconds;
      else next.timeoutSeconds = seconds;
      return next;
    },
  },
];

const POOL = POOL_PATH;

export const computeStep = defineStep({
  id: 'compute',
  title: 'Compute',
  kind: 'form',
  perPool: true,
  when: isCustom,
  fields: FIELDS,
  claims: [
    {path: new RegExp(`^${POOL}\\.machineSpec\\.machineType$`), field: 'machineType'},
    {path: new RegExp(`^${POOL}\\.machineSpec\\.accelerator(Type|Count)$`), field: 'accelerator'},
    {path: new RegExp(`^${POOL}\\.machineSpec\\.tpuTopology$`), field: 'tpuTopology'},
    {path: new RegExp(`^${POOL}\\.machineSpec\\.gpuPartitionSize$`), field: 'gpuPartition'},
    {
      path: new RegExp(`^${POOL}\\.machineSpec\\.reservationAffinity\\.(key|values)`),
      field: 'reservationName',
    },
    {path: new RegExp(`^${POOL}\\.machineSpec\\.reservationAffinity`), field: 'reservation'},
    {path: new RegExp(`^${POOL}\\.machineSpec`), field: 'machineType'},
    {path: new RegExp(`^${POOL}\\.diskSpec\\.bootDiskSizeGb$`), field: 'diskSize'},
    {path: new RegExp(`^${POOL}\\.diskSpec`), field: 'disk'},
    {path: /^scheduling\.maxWaitDuration$/, field: 'maxWait'},
    {path: /^scheduling\./, field: 'scheduling'},
    {path: /^timeout$/, field: 'timeout'},
  ],
  summary: (draft) => {
    const machine = draft.workerPools[0]?.machine;
    if (!machine) return 'no primary pool';
    const accelerator = machine.acceleratorType
      ? ` + ${machine.acceleratorCount ?? 1}× ${machine.acceleratorType}`
      : '';
    const partition = machine.gpuPartitionSize ? ` (${machine.gpuPartitionSize})` : '';
    return `${machine.machineType}${accelerator}${partition}${scheduleNote(draft)}${reservationNote(draft)}`;
  },
});

function scheduleNote(draft: JobDraft): string {
  if (draft.schedulingStrategy === 'SPOT') return ' · Spot';
  if (draft.schedulingStrategy !== 'FLEX_START') return '';
  const wait = draft.maxWaitSeconds;
  return ` · flex-start${wait === undefined ? '' : `, max wait ${wait === 0 ? '∞' : formatDuration(wait)}`}`;
}

function reservationNote(draft: JobDraft): string {
  const affinity = draft.workerPools[0]?.machine.reservationAffinity;
  switch (affinity?.reservationAffinityType) {
    case 'SPECIFIC_RESERVATION':
      return ` · reservation ${affinity.values?.[0]?.split('/').pop() ?? '?'}`;
    case 'ANY_RESERVATION':
      return ' · any reservation';
    case 'NO_RESERVATION':
      return ' · no reservation';
    default:
      return '';
  }
}
