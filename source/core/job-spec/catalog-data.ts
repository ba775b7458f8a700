// The built-in training catalog, as data. Each table names its source, the date of that source
// (or that it is an undated stored copy) and the date it was last checked against it (SOURCES
// below; the facts are summarised in shared/reference/vertex-training-facts.md). New images and
// machine types appear faster than releases: users extend this from their settings file
// (`catalog` key), and the wizard says once when the catalog is old or a framework has no image
// left (catalog-health.ts).
//
// 2026-12-01: the image table was checked row by row against four stored copies of the rebranded
// Agent Platform pages (training/pre-built-containers twice, supported-frameworks twice). None of
// them carries a "last updated" date; all four list the same newest versions (TensorFlow 2.17,
// PyTorch 2.4, scikit-learn 1.6, XGBoost 2.1, Ray 2.47) with the same dates, and no stored Google
// page lists a newer training image. So on 2026-12-01 only the Ray images are still available:
// the wizard says so (catalog-health.ts) instead of offering an expired image as current. The
// other tables were not re-read and keep their 2026-08-22 check date.
import type {
  AcceleratorInfo,
  AcceleratorOption,
  Catalog,
  CatalogSource,
  CatalogTable,
  MachineType,
  PrebuiltImage,
  TpuTopologyOption,
} from './catalog-types.js';
import {PRICES, PRICES_SOURCE} from './price-data.js';

/** When the machine, accelerator, region and Reduction Server tables were last checked. */
const TABLES_CHECKED = '2026-08-22';
/** When the pre-built image table was last checked (against undated stored copies). */
const IMAGES_CHECKED = '2026-12-01';
const UNDATED = 'stored copy, undated';

const AGENT_PLATFORM_DOCS =
  'https://docs.cloud.google.com/gemini-enterprise-agent-platform/machine-learning';

const SOURCES: Record<CatalogTable, CatalogSource> = {
  regions: {
    source: 'gcloud 578.0.0 command_lib/ai/constants.py SUPPORTED_TRAINING_REGIONS',
    sourceDate: '2026-08-04',
    checked: TABLES_CHECKED,
  },
  machineTypes: {
    source: `${AGENT_PLATFORM_DOCS}/training/configure-compute`,
    sourceDate: UNDATED,
    checked: TABLES_CHECKED,
  },
  accelerators: {
    source:
      'googleapis aiplatform v1 accelerator_type.proto (commit of 2026-08-22); ' +
      `${AGENT_PLATFORM_DOCS}/training/configure-compute`,
    sourceDate: '2026-08-22',
    checked: TABLES_CHECKED,
  },
  acceleratorOptions: {
    source: `${AGENT_PLATFORM_DOCS}/training/configure-compute#gpu-compatibility-table`,
    sourceDate: UNDATED,
    checked: TABLES_CHECKED,
  },
  tpuTopologies: {
    source: `${AGENT_PLATFORM_DOCS}/training/configure-compute#tpu`,
    sourceDate: UNDATED,
    checked: TABLES_CHECKED,
  },
  prebuiltImages: {
    source: `${AGENT_PLATFORM_DOCS}/training/pre-built-containers; ${AGENT_PLATFORM_DOCS}/supported-frameworks`,
    sourceDate: UNDATED,
    checked: IMAGES_CHECKED,
  },
  reductionServerImage: {
    source:
      'https://cloud.google.com/vertex-ai/docs/training/distributed-training#reduction-server',
    sourceDate: UNDATED,
    checked: TABLES_CHECKED,
  },
  prices: PRICES_SOURCE,
};

/** The catalog is as current as its least recently checked table. */
export const CATALOG_DATE = Object.values(SOURCES)
  .map((table) => table.checked)
  .reduce((oldest, checked) => (checked < oldest ? checked : oldest));

// Source: gcloud `command_lib/ai/constants.py` SUPPORTED_TRAINING_REGIONS (33 entries), plus the
// newer regions of the 42-entry fallback in gcloud 578.0.0. gcloud itself says the list is a
// fallback and not meant for validation, so an unknown region is only a warning.
const REGIONS = [
  'africa-south1',
  'asia-east1',
  'asia-east2',
  'asia-northeast1',
  'asia-northeast2',
  'asia-northeast3',
  'asia-south1',
  'asia-south2',
  'asia-southeast1',
  'asia-southeast2',
  'australia-southeast1',
  'australia-southeast2',
  'europe-central2',
  'europe-north1',
  'europe-southwest1',
  'europe-west1',
  'europe-west2',
  'europe-west3',
  'europe-west4',
  'europe-west6',
  'europe-west8',
  'europe-west9',
  'europe-west10',
  'europe-west12',
  'me-central1',
  'me-central2',
  'me-west1',
  'northamerica-northeast1',
  'northamerica-northeast2',
  'southamerica-east1',
  'southamerica-west1',
  'us-central1',
  'us-east1',
  'us-east4',
  'us-east5',
  'us-south1',
  'us-west1',
  'us-west2',
  'us-west3',
  'us-west4',
];

// Source: training docs "configure compute" (machine types allowed for custom training) and the
// Compute Engine machine-family pages for vCPU and memory figures.
function series(
  family: string,
  prefix: string,
  sizes: readonly number[],
  memoryPerVcpu: number,
): MachineType[] {
  return sizes.map((vcpus) => ({
    name: `${prefix}-${vcpus}`,
    family,
    vcpus,
    memoryGb: Math.round(vcpus * memoryPerVcpu * 100) / 100,
  }));
}

const GPU = {acceleratorRequired: true} as const;

const MACHINE_TYPES: MachineType[] = [
  ...series('e2', 'e2-standard', [4, 8, 16, 32], 4),
  ...series('e2', 'e2-highmem', [2, 4, 8, 16], 8),
  ...series('e2', 'e2-highcpu', [16, 32], 1),
  ...series('n1', 'n1-standard', [4, 8, 16, 32, 64, 96], 3.75),
  ...series('n1', 'n1-highmem', [2, 4, 8, 16, 32, 64, 96], 6.5),
  ...series('n1', 'n1-highcpu', [16, 32, 64, 96], 0.9),
  ...series('n2', 'n2-standard', [4, 8, 16, 32, 48, 64, 80], 4),
  ...series('n2', 'n2-highmem', [2, 4, 8, 16, 32, 48, 64, 80], 8),
  ...series('n2', 'n2-highcpu', [16, 32, 48, 64, 80], 1),
  ...series('n4', 'n4-standard', [2, 4, 8, 16, 32, 48, 64, 80], 4),
  ...series('n4', 'n4-highmem', [2, 4, 8, 16, 32, 48, 64, 80], 8),
  ...series('n4', 'n4-highcpu', [2, 4, 8, 16, 32, 48, 64, 80], 2),
  ...series('c2', 'c2-standard', [4, 8, 16, 30, 60], 4),
  {name: 'm1-ultramem-40', family: 'm1', vcpus: 40, memoryGb: 961},
  {name: 'm1-ultramem-80', family: 'm1', vcpus: 80, memoryGb: 1922},
  {name: 'm1-ultramem-160', family: 'm1', vcpus: 160, memoryGb: 3844},
  {name: 'm1-megamem-96', family: 'm1', vcpus: 96, memoryGb: 1433.6},
  {name: 'a2-highgpu-1g', family: 'a2', vcpus: 12, memoryGb: 85, ...GPU},
  {name: 'a2-highgpu-2g', family: 'a2', vcpus: 24, memoryGb: 170, ...GPU},
  {name: 'a2-highgpu-4g', family: 'a2', vcpus: 48, memoryGb: 340, ...GPU},
  {name: 'a2-highgpu-8g', family: 'a2', vcpus: 96, memoryGb: 680, ...GPU},
  {name: 'a2-megagpu-16g', family: 'a2', vcpus: 96, memoryGb: 1360, ...GPU},
  {name: 'a2-ultragpu-1g', family: 'a2', vcpus: 12, memoryGb: 170, ...GPU},
  {name: 'a2-ultragpu-2g', family: 'a2', vcpus: 24, memoryGb: 340, ...GPU},
  {name: 'a2-ultragpu-4g', family: 'a2', vcpus: 48, memoryGb: 680, ...GPU},
  {name: 'a2-ultragpu-8g', family: 'a2', vcpus: 96, memoryGb: 1360, ...GPU},
  {name: 'a3-highgpu-1g', family: 'a3', vcpus: 26, memoryGb: 234, ...GPU},
  {name: 'a3-highgpu-2g', family: 'a3', vcpus: 52, memoryGb: 468, ...GPU},
  {name: 'a3-highgpu-4g', family: 'a3', vcpus: 104, memoryGb: 936, ...GPU},
  {name: 'a3-highgpu-8g', family: 'a3', vcpus: 208, memoryGb: 1872, ...GPU},
  {name: 'a3-megagpu-8g', family: 'a3', vcpus: 208, memoryGb: 1872, ...GPU},
  {
    name: 'a3-ultragpu-8g',
    family: 'a3',
    vcpus: 224,
    memoryGb: 2952,
    defaultBootDisk: 'hyperdisk-balanced',
    ...GPU,
  },
  {
    name: 'a4-highgpu-8g',
    family: 'a4',
    vcpus: 224,
    memoryGb: 3968,
    defaultBootDisk: 'hyperdisk-balanced',
    ...GPU,
  },
  {name: 'a4x-highgpu-4g', family: 'a4x', vcpus: 140, memoryGb: 884, ...GPU},
  ...series('g2', 'g2-standard', [4, 8, 12, 16, 24, 32, 48, 96], 4).map((m) => ({...m, ...GPU})),
  ...series('g4', 'g4-standard', [48, 96, 192, 384], 3.75).map((m) => ({...m, ...GPU})),
  // TPU hosts. cloud-tpu stands for a v2/v3 TPU device; its host size is not published.
  {name: 'cloud-tpu', family: 'tpu', vcpus: 0, memoryGb: 0, ...GPU},
  {name: 'ct5lp-hightpu-1t', family: 'tpu', vcpus: 24, memoryGb: 48, ...GPU},
  {name: 'ct5lp-hightpu-4t', family: 'tpu', vcpus: 112, memoryGb: 192, ...GPU},
  {name: 'ct5lp-hightpu-8t', family: 'tpu', vcpus: 224, memoryGb: 384, ...GPU},
  {name: 'ct6e-standard-1t', family: 'tpu', vcpus: 44, memoryGb: 448, ...GPU},
  {name: 'ct6e-standard-4t', family: 'tpu', vcpus: 180, memoryGb: 720, ...GPU},
  {name: 'ct6e-standard-8t', family: 'tpu', vcpus: 180, memoryGb: 1440, ...GPU},
];

// Source: AcceleratorType enum in aiplatform v1 accelerator_type.proto; P100 end of support from
// the configure-compute page.
const ACCELERATORS: AcceleratorInfo[] = [
  {name: 'NVIDIA_TESLA_K80', kind: 'GPU', label: 'NVIDIA K80', deprecated: true},
  {name: 'NVIDIA_TESLA_P100', kind: 'GPU', label: 'NVIDIA P100', endOfSupport: '2026-09-15'},
  {name: 'NVIDIA_TESLA_V100', kind: 'GPU', label: 'NVIDIA V100'},
  {name: 'NVIDIA_TESLA_P4', kind: 'GPU', label: 'NVIDIA P4'},
  {name: 'NVIDIA_TESLA_T4', kind: 'GPU', label: 'NVIDIA T4'},
  {name: 'NVIDIA_TESLA_A100', kind: 'GPU', label: 'NVIDIA A100 40GB'},
  {name: 'NVIDIA_A100_80GB', kind: 'GPU', label: 'NVIDIA A100 80GB'},
  {name: 'NVIDIA_L4', kind: 'GPU', label: 'NVIDIA L4'},
  {name: 'NVIDIA_H100_80GB', kind: 'GPU', label: 'NVIDIA H100 80GB'},
  {name: 'NVIDIA_H100_MEGA_80GB', kind: 'GPU', label: 'NVIDIA H100 Mega 80GB'},
  {name: 'NVIDIA_H200_141GB', kind: 'GPU', label: 'NVIDIA H200 141GB'},
  {name: 'NVIDIA_B200', kind: 'GPU', label: 'NVIDIA B200'},
  {name: 'NVIDIA_GB200', kind: 'GPU', label: 'NVIDIA GB200'},
  {name: 'NVIDIA_RTX_PRO_6000', kind: 'GPU', label: 'NVIDIA RTX PRO 6000'},
  {name: 'TPU_V2', kind: 'TPU', label: 'TPU v2'},
  {name: 'TPU_V3', kind: 'TPU', label: 'TPU v3'},
  {name: 'TPU_V4_POD', kind: 'TPU', label: 'TPU v4 pod'},
  {name: 'TPU_V5_LITEPOD', kind: 'TPU', label: 'TPU v5e'},
];

function fixed(machineType: string, acceleratorType: string, count: number): AcceleratorOption {
  return {machineType, acceleratorType, counts: [count]};
}

// Source: configure-compute GPU table. The stored copy lost its column layout; N1 rows with
// three values are read as P4 / T4 / V100 (no P100), which matches the GPUDirect section.
function n1Row(
  machines: readonly string[],
  counts: {p4?: number[]; p100?: number[]; t4?: number[]; v100?: number[]},
): AcceleratorOption[] {
  const byType: [string, number[] | undefined][] = [
    ['NVIDIA_TESLA_P4', counts.p4],
    ['NVIDIA_TESLA_P100', counts.p100],
    ['NVIDIA_TESLA_T4', counts.t4],
    ['NVIDIA_TESLA_V100', counts.v100],
  ];
  return machines.flatMap((machineType) =>
    byType
      .filter((entry): entry is [string, number[]] => entry[1] !== undefined)
      .map(([acceleratorType, allowed]) => ({machineType, acceleratorType, counts: allowed})),
  );
}

const ACCELERATOR_OPTIONS: AcceleratorOption[] = [
  ...n1Row(['n1-standard-4', 'n1-standard-8', 'n1-highmem-2', 'n1-highmem-4', 'n1-highmem-8'], {
    p4: [1, 2, 4],
    p100: [1, 2, 4],
    t4: [1, 2, 4],
    v100: [1, 2, 4, 8],
  }),
  ...n1Row(['n1-standard-16', 'n1-highmem-16', 'n1-highcpu-16'], {
    p4: [1, 2, 4],
    p100: [1, 2, 4],
    t4: [1, 2, 4],
    v100: [2, 4, 8],
  }),
  ...n1Row(['n1-standard-32', 'n1-highmem-32', 'n1-highcpu-32'], {
    p4: [2, 4],
    p100: [2, 4],
    t4: [2, 4],
    v100: [4, 8],
  }),
  ...n1Row(['n1-standard-64', 'n1-highmem-64'], {p4: [4], t4: [4], v100: [8]}),
  ...n1Row(['n1-highcpu-64'], {p4: [4], p100: [4], t4: [4], v100: [8]}),
  ...n1Row(['n1-standard-96', 'n1-highmem-96', 'n1-highcpu-96'], {p4: [4], t4: [4], v100: [8]}),
  ...[1, 2, 4, 8].map((n) => fixed(`a2-highgpu-${n}g`, 'NVIDIA_TESLA_A100', n)),
  fixed('a2-megagpu-16g', 'NVIDIA_TESLA_A100', 16),
  ...[1, 2, 4, 8].map((n) => fixed(`a2-ultragpu-${n}g`, 'NVIDIA_A100_80GB', n)),
  ...[1, 2, 4, 8].map((n) => fixed(`a3-highgpu-${n}g`, 'NVIDIA_H100_80GB', n)),
  fixed('a3-megagpu-8g', 'NVIDIA_H100_MEGA_80GB', 8),
  fixed('a3-ultragpu-8g', 'NVIDIA_H200_141GB', 8),
  fixed('a4-highgpu-8g', 'NVIDIA_B200', 8),
  fixed('a4x-highgpu-4g', 'NVIDIA_GB200', 4),
  ...[4, 8, 12, 16, 32].map((n) => fixed(`g2-standard-${n}`, 'NVIDIA_L4', 1)),
  fixed('g2-standard-24', 'NVIDIA_L4', 2),
  fixed('g2-standard-48', 'NVIDIA_L4', 4),
  fixed('g2-standard-96', 'NVIDIA_L4', 8),
  ...[
    [48, 1],
    [96, 2],
    [192, 4],
    [384, 8],
  ].map(([size, n]) => fixed(`g4-standard-${size}`, 'NVIDIA_RTX_PRO_6000', n ?? 1)),
  // TPU v2/v3: 8 cores for a single device, pods in multiples of 32 (configure-compute, TPU section).
  {machineType: 'cloud-tpu', acceleratorType: 'TPU_V2', counts: [8, 32, 64, 128, 256, 512]},
  {
    machineType: 'cloud-tpu',
    acceleratorType: 'TPU_V3',
    counts: [8, 32, 64, 128, 256, 512, 1024, 2048],
  },
  // v5e: the doc example sets no accelerator; when one is given it is TPU_V5_LITEPOD × chips/VM.
  fixed('ct5lp-hightpu-1t', 'TPU_V5_LITEPOD', 1),
  fixed('ct5lp-hightpu-4t', 'TPU_V5_LITEPOD', 4),
  fixed('ct5lp-hightpu-8t', 'TPU_V5_LITEPOD', 8),
];

// Source: configure-compute, TPU v5e and v6e sections (v6e "analogous topologies up to 16x16").
const MULTI_HOST = ['2x2', '2x4', '4x4', '4x8', '8x8', '8x16', '16x16'];
const TPU_TOPOLOGIES: TpuTopologyOption[] = [
  {machineType: 'ct5lp-hightpu-1t', topologies: ['1x1']},
  {machineType: 'ct5lp-hightpu-4t', topologies: MULTI_HOST},
  {machineType: 'ct5lp-hightpu-8t', topologies: ['2x4']},
  {machineType: 'ct6e-standard-1t', topologies: ['1x1']},
  {machineType: 'ct6e-standard-4t', topologies: MULTI_HOST},
  {machineType: 'ct6e-standard-8t', topologies: ['2x4']},
];

// Source: the image tables of the training "pre-built containers" page (the same tables appear on
// "supported frameworks"). Compact rows: [names, framework, version, python, end of patch and
// support, end of availability]; the accelerator comes from the name (-gpu, -tpu, else CPU).
// Images the page lists as "CPU or GPU" (pytorch-gpu.1-12/1-13) are kept as GPU images.
type ImageRow = [string[], string, string, string, string, string];
function images(rows: readonly ImageRow[]): PrebuiltImage[] {
  return rows.flatMap(([names, framework, version, python, support, availability]) =>
    names.map((name) => ({
      name,
      framework,
      version,
      accelerator: name.includes('-gpu') ? 'GPU' : name.includes('-tpu') ? 'TPU' : 'CPU',
      python,
      endOfSupport: support,
      endOfAvailability: availability,
    })),
  );
}

const PY37_2023 = ['3.7', '2023-09-01', '2024-09-01'] as const;
const PY37_NOV_2023 = ['3.7', '2023-11-15', '2024-11-15'] as const;
const PY310_NOV_2023 = ['3.10', '2023-11-15', '2024-11-15'] as const;
const cpuGpu = (prefix: string, tag: string) => [`${prefix}-cpu.${tag}`, `${prefix}-gpu.${tag}`];

const PREBUILT_IMAGES: PrebuiltImage[] = images([
  // TensorFlow
  [cpuGpu('tf', '2-17.py310'), 'TensorFlow', '2.17', '3.10', '2025-07-11', '2026-07-11'],
  [cpuGpu('tf', '2-16.py310'), 'TensorFlow', '2.16', '3.10', '2025-06-28', '2026-06-28'],
  [cpuGpu('tf', '2-15.py310'), 'TensorFlow', '2.15', '3.10', '2024-11-14', '2025-11-14'],
  [['tf-tpu.2-15.cp310'], 'TensorFlow', '2.15', '3.10', '2024-10-23', '2025-10-23'],
  [cpuGpu('tf', '2-14.py310'), 'TensorFlow', '2.14', '3.10', '2024-09-26', '2025-09-26'],
  [cpuGpu('tf', '2-13.py310'), 'TensorFlow', '2.13', '3.10', '2024-07-05', '2025-07-05'],
  [cpuGpu('tf', '2-12.py310'), 'TensorFlow', '2.12', '3.10', '2024-06-30', '2025-06-30'],
  [['tf-tpu.2-12'], 'TensorFlow', '2.12', '3.8', '2024-06-30', '2025-06-30'],
  [cpuGpu('tf', '2-11.py310'), 'TensorFlow', '2.11', ...PY310_NOV_2023],
  [cpuGpu('tf', '2-11'), 'TensorFlow', '2.11', ...PY37_NOV_2023],
  [cpuGpu('tf', '2-9.py310'), 'TensorFlow', '2.9', ...PY310_NOV_2023],
  [cpuGpu('tf', '2-9'), 'TensorFlow', '2.9', ...PY37_NOV_2023],
  [cpuGpu('tf', '2-8.py310'), 'TensorFlow', '2.8', ...PY310_NOV_2023],
  [cpuGpu('tf', '2-8'), 'TensorFlow', '2.8', ...PY37_NOV_2023],
  ...(['2.7', '2.6', '2.5', '2.4', '2.3', '2.2', '2.1', '1.15'].map((version) => [
    cpuGpu('tf', version.replace('.', '-')),
    'TensorFlow',
    version,
    ...PY37_2023,
  ]) as ImageRow[]),
  // PyTorch: the page names the CPU images pytorch-xla (pytorch-cpu only for 1.4).
  [
    ['pytorch-xla.2-4.py310', 'pytorch-gpu.2-4.py310'],
    'PyTorch',
    '2.4',
    '3.10',
    '2025-07-24',
    '2026-07-24',
  ],
  [
    ['pytorch-xla.2-3.py310', 'pytorch-gpu.2-3.py310'],
    'PyTorch',
    '2.3',
    '3.10',
    '2025-04-24',
    '2026-04-24',
  ],
  // 2.2: the CPU image stays available for nine months longer than the GPU one.
  [['pytorch-xla.2-2.py310'], 'PyTorch', '2.2', '3.10', '2025-01-30', '2026-10-23'],
  [['pytorch-gpu.2-2.py310'], 'PyTorch', '2.2', '3.10', '2025-01-30', '2026-01-30'],
  [['pytorch-tpu.2-2.cp310'], 'PyTorch', '2.2', '3.10', '2024-11-06', '2025-11-06'],
  [
    ['pytorch-xla.2-1.py310', 'pytorch-gpu.2-1.py310'],
    'PyTorch',
    '2.1',
    '3.10',
    '2024-10-04',
    '2025-10-04',
  ],
  // The page gives Python 3.8 for this image although its name says cp310.
  [['pytorch-tpu.2-1.cp310'], 'PyTorch', '2.1', '3.8', '2024-10-23', '2025-10-23'],
  [
    ['pytorch-xla.2-0.py310', 'pytorch-gpu.2-0.py310'],
    'PyTorch',
    '2.0',
    '3.10',
    '2024-03-15',
    '2025-03-15',
  ],
  [['pytorch-tpu.2-0'], 'PyTorch', '2.0', '3.8', '2024-05-15', '2025-05-15'],
  [['pytorch-gpu.1-13.py310'], 'PyTorch', '1.13', '3.10', '2024-05-15', '2025-05-15'],
  [['pytorch-gpu.1-13'], 'PyTorch', '1.13', '3.7', '2023-12-08', '2024-12-08'],
  [['pytorch-gpu.1-12.py310'], 'PyTorch', '1.12', '3.10', '2024-05-15', '2025-05-15'],
  [['pytorch-gpu.1-12'], 'PyTorch', '1.12', ...PY37_2023],
  ...(['1.11', '1.10', '1.9', '1.7', '1.6'].map((version) => [
    [`pytorch-xla.${version.replace('.', '-')}`, `pytorch-gpu.${version.replace('.', '-')}`],
    'PyTorch',
    version,
    ...PY37_2023,
  ]) as ImageRow[]),
  [['pytorch-cpu.1-4', 'pytorch-gpu.1-4'], 'PyTorch', '1.4', ...PY37_2023],
  // scikit-learn
  [cpuGpu('sklearn', '1-6'), 'scikit-learn', '1.6', '3.10', '2025-07-11', '2026-07-11'],
  [cpuGpu('sklearn', '1-0'), 'scikit-learn', '1.0', '3.10', '2024-06-30', '2025-06-30'],
  [['scikit-learn-cpu.0-23'], 'scikit-learn', '0.23', ...PY37_2023],
  // XGBoost
  [cpuGpu('xgboost', '2-1'), 'XGBoost', '2.1', '3.10', '2025-07-11', '2026-07-11'],
  [cpuGpu('xgboost', '1-6'), 'XGBoost', '1.6', '3.10', '2024-06-30', '2025-06-30'],
  [['xgboost-cpu.1-1'], 'XGBoost', '1.1', ...PY37_NOV_2023],
  // Ray (the page's "Ray on Vertex AI" table; versions 2.47.1, 2.42.0, 2.33.0, 2.9.3)
  [cpuGpu('ray', '2-47.py311'), 'Ray', '2.47', '3.11', '2026-07-28', '2027-07-28'],
  [cpuGpu('ray', '2-42.py311'), 'Ray', '2.42', '3.11', '2026-03-01', '2027-03-01'],
  [cpuGpu('ray', '2-42.py310'), 'Ray', '2.42', '3.10', '2026-03-01', '2027-03-01'],
  [cpuGpu('ray', '2-33.py310'), 'Ray', '2.33', '3.10', '2025-09-16', '2026-09-16'],
  [cpuGpu('ray', '2-9.py310'), 'Ray', '2.9', '3.10', '2025-05-07', '2026-05-07'],
]);

export const BUILTIN_CATALOG: Catalog = {
  date: CATALOG_DATE,
  sources: SOURCES,
  regions: REGIONS,
  machineTypes: MACHINE_TYPES,
  accelerators: ACCELERATORS,
  acceleratorOptions: ACCELERATOR_OPTIONS,
  tpuTopologies: TPU_TOPOLOGIES,
  prebuiltImages: PREBUILT_IMAGES,
  // Source: distributed-training page, Reduction Server section (note the -restricted project).
  reductionServerImage: 'vertex-ai-restricted/training/reductionserver',
  prices: PRICES,
};
