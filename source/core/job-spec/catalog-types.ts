// Shapes of the training catalog: what Vertex offers for custom training. The data lives in
// catalog-data.ts; users can override or extend it from their settings (catalog-merge.ts).

export type ImageFramework =
  'PyTorch' | 'TensorFlow' | 'scikit-learn' | 'XGBoost' | 'Ray' | (string & {});

export interface PrebuiltImage {
  /** Image name without registry prefix or tag, e.g. `pytorch-xla.2-4.py310`. */
  name: string;
  framework: ImageFramework;
  version: string;
  accelerator: 'CPU' | 'GPU' | 'TPU';
  python: string;
  /** End of patch and support (ISO date), when known. */
  endOfSupport?: string;
  /** End of availability (ISO date): after it Vertex may refuse the image. */
  endOfAvailability: string;
}

export type MachineFamily =
  | 'e2'
  | 'n1'
  | 'n2'
  | 'n4'
  | 'c2'
  | 'm1'
  | 'a2'
  | 'a3'
  | 'a4'
  | 'a4x'
  | 'g2'
  | 'g4'
  | 'tpu'
  | (string & {});

export interface MachineType {
  name: string;
  family: MachineFamily;
  vcpus: number;
  memoryGb: number;
  /** GPU/TPU machine types that Vertex only accepts with their accelerators. */
  acceleratorRequired?: boolean;
  /** Default boot disk type when it is not pd-ssd. */
  defaultBootDisk?: string;
}

export interface AcceleratorInfo {
  /** AcceleratorType enum name, e.g. `NVIDIA_TESLA_T4`. */
  name: string;
  kind: 'GPU' | 'TPU';
  label: string;
  /** Deprecated in the API (e.g. K80): warn. */
  deprecated?: boolean;
  /** End of support (ISO date): warn once reached or near. */
  endOfSupport?: string;
}

/** Which accelerator counts a machine type accepts. */
export interface AcceleratorOption {
  machineType: string;
  acceleratorType: string;
  counts: number[];
}

/** TPU slice shapes a machine type accepts (v5e, v6e). */
export interface TpuTopologyOption {
  machineType: string;
  topologies: string[];
}

/** The tables of the catalog, each with its own source and check date. */
export type CatalogTable =
  | 'regions'
  | 'machineTypes'
  | 'accelerators'
  | 'acceleratorOptions'
  | 'tpuTopologies'
  | 'prebuiltImages'
  | 'reductionServerImage'
  | 'prices';

export interface CatalogSource {
  /** Public page (or tool source) the table was read from, or `settings file` for overrides. */
  source: string;
  /**
   * Date of the source itself (ISO date, e.g. a release or commit date), or `stored copy, undated`
   * when the copy that was read states none. Absent for settings-file overrides.
   */
  sourceDate?: string;
  /** When the table was last checked against that source (ISO date). */
  checked: string;
}

export interface Catalog {
  /** When the data was last checked against its sources (ISO date): the oldest table's check. */
  date: string;
  /** Where each table comes from and when it was checked. */
  sources: Record<CatalogTable, CatalogSource>;
  regions: string[];
  machineTypes: MachineType[];
  accelerators: AcceleratorInfo[];
  acceleratorOptions: AcceleratorOption[];
  tpuTopologies: TpuTopologyOption[];
  prebuiltImages: PrebuiltImage[];
  /** Reduction Server image path after the registry host, e.g. `vertex-ai-restricted/training/reductionserver`. */
  reductionServerImage: string;
  /** Custom-training list prices (price-data.ts); a resource missing here is not priced. */
  prices: PriceEntry[];
}

/**
 * One Vertex AI custom-training list price: a machine type or an accelerator (per unit) in one
 * region, in USD per hour, with the Spot price when Google lists one.
 */
export interface PriceEntry {
  kind: 'machine' | 'accelerator';
  /** Machine type name (`n1-standard-4`) or AcceleratorType enum name (`NVIDIA_TESLA_T4`). */
  name: string;
  region: string;
  usdPerHour: number;
  spotUsdPerHour?: number;
}
