// Look-ups over the training catalog. Every function takes the catalog to use (the built-in one by
// default) so that user overrides from settings apply everywhere the same way.
import {BUILTIN_CATALOG} from './catalog-data.js';
import type {
  AcceleratorInfo,
  AcceleratorOption,
  Catalog,
  MachineType,
  PrebuiltImage,
} from './catalog-types.js';

export type * from './catalog-types.js';
export {BUILTIN_CATALOG, CATALOG_DATE} from './catalog-data.js';

// The short lists the current wizard shows (its pickers are not windowed yet). Validation and
// every look-up below use the full catalog; the wizard will switch to it with a windowed picker.
const WIZARD_MACHINES = [
  'n1-standard-4',
  'n1-standard-8',
  'n1-standard-16',
  'n1-highmem-8',
  'e2-standard-4',
  'e2-standard-8',
  'n2-standard-8',
  'g2-standard-8',
  'a2-highgpu-1g',
];
const WIZARD_IMAGES = [
  'pytorch-xla.2-4.py310',
  'pytorch-gpu.2-4.py310',
  'sklearn-cpu.1-6',
  'tf-cpu.2-17.py310',
  'xgboost-cpu.2-1',
];

function pick<T extends {name: string}>(all: readonly T[], names: readonly string[]): T[] {
  return names.flatMap((name) => all.filter((entry) => entry.name === name));
}

/** The wizard's short list of machine types (all are in BUILTIN_CATALOG.machineTypes). */
export const MACHINE_TYPES: readonly MachineType[] = pick(
  BUILTIN_CATALOG.machineTypes,
  WIZARD_MACHINES,
);
/** The wizard's short list of pre-built images (all are in BUILTIN_CATALOG.prebuiltImages). */
export const PREBUILT_IMAGES: readonly PrebuiltImage[] = pick(
  BUILTIN_CATALOG.prebuiltImages,
  WIZARD_IMAGES,
);

export type RegistryPrefix = 'us' | 'europe' | 'asia';

/** Artifact Registry multi-region serving a Vertex region's pre-built images. */
export function imageRegistryPrefix(region: string): RegistryPrefix {
  if (region.startsWith('europe') || region.startsWith('me-') || region.startsWith('africa')) {
    return 'europe';
  }
  if (region.startsWith('asia') || region.startsWith('australia')) return 'asia';
  return 'us';
}

export function prebuiltImageUri(image: string, region: string): string {
  return `${imageRegistryPrefix(region)}-docker.pkg.dev/vertex-ai/training/${image}:latest`;
}

export function reductionServerImageUri(
  region: string,
  catalog: Catalog = BUILTIN_CATALOG,
): string {
  return `${imageRegistryPrefix(region)}-docker.pkg.dev/${catalog.reductionServerImage}:latest`;
}

const PREBUILT_URI =
  /^(us|europe|asia)-docker\.pkg\.dev\/vertex-ai\/training\/([^:@]+)(?::([^@]+))?$/;

/** Parts of a pre-built training image URI (any tag), or undefined when it is not one. */
export function parsePrebuiltUri(
  uri: string,
): {prefix: RegistryPrefix; name: string; tag: string | undefined} | undefined {
  const match = PREBUILT_URI.exec(uri);
  if (!match) return undefined;
  return {prefix: match[1] as RegistryPrefix, name: match[2] ?? '', tag: match[3]};
}

/** The catalog entry of a pre-built image URI with the required `:latest` tag, if it is one. */
export function findPrebuiltImage(
  uri: string,
  catalog: Catalog = BUILTIN_CATALOG,
): PrebuiltImage | undefined {
  const parsed = parsePrebuiltUri(uri);
  if (!parsed || parsed.tag !== 'latest') return undefined;
  return catalog.prebuiltImages.find((image) => image.name === parsed.name);
}

export function isPytorchImage(uri: string): boolean {
  return /\/vertex-ai\/training\/pytorch-/.test(uri);
}

export function isReductionServerImage(uri: string, catalog: Catalog = BUILTIN_CATALOG): boolean {
  const escaped = catalog.reductionServerImage.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`^(us|europe|asia)-docker\\.pkg\\.dev/${escaped}(:latest)?$`).test(uri);
}

export function findMachineType(
  name: string,
  catalog: Catalog = BUILTIN_CATALOG,
): MachineType | undefined {
  return catalog.machineTypes.find((machine) => machine.name === name);
}

/**
 * DiskSpec.boot_disk_type when a pool leaves it out: machine_resources.proto "For non-A3U machines,
 * the default value is "pd-ssd", for A3U machines, the default value is "hyperdisk-balanced"";
 * the catalog's `defaultBootDisk` names the machine types that differ (a3-ultragpu-8g, …).
 */
export function defaultBootDiskType(
  machineType: string,
  catalog: Catalog = BUILTIN_CATALOG,
): string {
  return findMachineType(machineType, catalog)?.defaultBootDisk ?? 'pd-ssd';
}

export function findAccelerator(
  name: string,
  catalog: Catalog = BUILTIN_CATALOG,
): AcceleratorInfo | undefined {
  return catalog.accelerators.find((accelerator) => accelerator.name === name);
}

/** Accelerators (and their allowed counts) a machine type accepts; empty for CPU-only types. */
export function acceleratorOptionsFor(
  machineType: string,
  catalog: Catalog = BUILTIN_CATALOG,
): AcceleratorOption[] {
  return catalog.acceleratorOptions.filter((option) => option.machineType === machineType);
}

/** TPU topologies a machine type accepts, or undefined when it takes none. */
export function tpuTopologiesFor(
  machineType: string,
  catalog: Catalog = BUILTIN_CATALOG,
): string[] | undefined {
  return catalog.tpuTopologies.find((option) => option.machineType === machineType)?.topologies;
}

export function isTpuMachine(machineType: string, catalog: Catalog = BUILTIN_CATALOG): boolean {
  return (
    findMachineType(machineType, catalog)?.family === 'tpu' ||
    tpuTopologiesFor(machineType, catalog) !== undefined ||
    machineType === 'cloud-tpu'
  );
}
