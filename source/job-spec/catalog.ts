// Catalog data for the wizard. Source: Vertex AI docs "pre-built containers" and "configure
// compute" pages as summarised in shared/reference/vertex-training-facts.md §3 and §5 (read 2026-08).
// Issue #3 extends this to the full machine/accelerator matrix and user overrides.

export const CATALOG_DATE = '2026-08-22';

export interface MachineType {
  name: string;
  vcpus: number;
  memoryGb: number;
}

export const MACHINE_TYPES: readonly MachineType[] = [
  {name: 'n1-standard-4', vcpus: 4, memoryGb: 15},
  {name: 'n1-standard-8', vcpus: 8, memoryGb: 30},
  {name: 'n1-standard-16', vcpus: 16, memoryGb: 60},
  {name: 'n1-highmem-8', vcpus: 8, memoryGb: 52},
  {name: 'e2-standard-4', vcpus: 4, memoryGb: 16},
  {name: 'e2-standard-8', vcpus: 8, memoryGb: 32},
  {name: 'n2-standard-8', vcpus: 8, memoryGb: 32},
  {name: 'g2-standard-8', vcpus: 8, memoryGb: 32},
  {name: 'a2-highgpu-1g', vcpus: 12, memoryGb: 85},
];

export interface PrebuiltImage {
  /** Image name without registry prefix or tag, e.g. `pytorch-xla.2-4.py310`. */
  name: string;
  framework: 'PyTorch' | 'TensorFlow' | 'scikit-learn' | 'XGBoost';
  version: string;
  accelerator: 'CPU' | 'GPU';
  python: string;
  /** End of availability (ISO date). */
  endOfAvailability: string;
}

export const PREBUILT_IMAGES: readonly PrebuiltImage[] = [
  {
    name: 'pytorch-xla.2-4.py310',
    framework: 'PyTorch',
    version: '2.4',
    accelerator: 'CPU',
    python: '3.10',
    endOfAvailability: '2026-07-24',
  },
  {
    name: 'pytorch-gpu.2-4.py310',
    framework: 'PyTorch',
    version: '2.4',
    accelerator: 'GPU',
    python: '3.10',
    endOfAvailability: '2026-07-24',
  },
  {
    name: 'sklearn-cpu.1-6',
    framework: 'scikit-learn',
    version: '1.6',
    accelerator: 'CPU',
    python: '3.10',
    endOfAvailability: '2026-07-11',
  },
  {
    name: 'tf-cpu.2-17.py310',
    framework: 'TensorFlow',
    version: '2.17',
    accelerator: 'CPU',
    python: '3.10',
    endOfAvailability: '2026-07-11',
  },
  {
    name: 'xgboost-cpu.2-1',
    framework: 'XGBoost',
    version: '2.1',
    accelerator: 'CPU',
    python: '3.10',
    endOfAvailability: '2026-07-11',
  },
];

/** Artifact Registry multi-region serving a Vertex region's pre-built images. */
export function imageRegistryPrefix(region: string): 'us' | 'europe' | 'asia' {
  if (region.startsWith('europe')) return 'europe';
  if (region.startsWith('asia') || region.startsWith('australia')) return 'asia';
  return 'us';
}

export function prebuiltImageUri(image: string, region: string): string {
  return `${imageRegistryPrefix(region)}-docker.pkg.dev/vertex-ai/training/${image}:latest`;
}

const PREBUILT_URI = /^(us|europe|asia)-docker\.pkg\.dev\/vertex-ai\/training\/([^:]+):latest$/;

/** The catalog entry of a pre-built image URI, if it is one. */
export function findPrebuiltImage(uri: string): PrebuiltImage | undefined {
  const name = PREBUILT_URI.exec(uri)?.[2];
  return PREBUILT_IMAGES.find((image) => image.name === name);
}

export function isPytorchImage(uri: string): boolean {
  return /\/vertex-ai\/training\/pytorch-/.test(uri);
}
