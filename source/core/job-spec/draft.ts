// The editable description of a training job, independent of any API or UI. The wizard edits a
// JobDraft; builders turn it into the exact Vertex request and the equivalent gcloud command.

export type TrainingType = 'custom' | 'automl';
export type Workflow = 'custom-job' | 'hyperparameter-tuning-job' | 'training-pipeline';

export interface EnvVar {
  name: string;
  value: string;
}

/** A Python package run by a pre-built training image (PythonPackageSpec). */
export interface PythonPackageTask {
  kind: 'python-package';
  executorImageUri: string;
  /** gs:// URIs of sdists; filled at submit time when `localPackagePath` is staged. */
  packageUris: string[];
  /** A local package folder to stage before submitting (like gcloud's local-package-path). */
  localPackagePath?: string;
  pythonModule: string;
  args: string[];
  env: EnvVar[];
}

/** A custom container image (ContainerSpec). */
export interface ContainerTask {
  kind: 'container';
  imageUri: string;
  command: string[];
  args: string[];
  env: EnvVar[];
}

export type PoolTask = PythonPackageTask | ContainerTask;

export interface MachineDraft {
  machineType: string;
  acceleratorType?: string;
  acceleratorCount?: number;
  /** TPU slice shape such as `2x2` (v5e/v6e); required by those machine types. */
  tpuTopology?: string;
  /** NVIDIA MIG partition such as `1g.10gb` (MachineSpec.gpu_partition_size). */
  gpuPartitionSize?: string;
  /** How the pool consumes Compute Engine reservations (MachineSpec.reservation_affinity). */
  reservationAffinity?: ReservationAffinityDraft;
}

export const RESERVATION_AFFINITY_TYPES = [
  'NO_RESERVATION',
  'ANY_RESERVATION',
  'SPECIFIC_RESERVATION',
] as const;
export type ReservationAffinityType = (typeof RESERVATION_AFFINITY_TYPES)[number];
/** The only key Vertex takes for SPECIFIC_RESERVATION [proto:reservation_affinity]. */
export const RESERVATION_NAME_KEY = 'compute.googleapis.com/reservation-name';

/** google.cloud.aiplatform.v1.ReservationAffinity, kept as written so it round-trips. */
export interface ReservationAffinityDraft {
  reservationAffinityType: ReservationAffinityType;
  /** SPECIFIC_RESERVATION: `compute.googleapis.com/reservation-name`. */
  key?: string;
  /** SPECIFIC_RESERVATION: `projects/P/zones/Z/reservations/NAME`. */
  values?: string[];
}

/** NfsMount [proto:machine_resources]: `server:path` mounted at /mnt/nfs/<mountPoint>. */
export interface NfsMountDraft {
  server: string;
  path: string;
  mountPoint: string;
}

/** LustreMount [proto:machine_resources]. */
export interface LustreMountDraft {
  instanceIp: string;
  volumeHandle: string;
  filesystem: string;
  mountPoint: string;
}

export interface WorkerPoolDraft {
  machine: MachineDraft;
  replicaCount: number;
  task: PoolTask;
  bootDiskType?: string;
  bootDiskSizeGb?: number;
  nfsMounts?: NfsMountDraft[];
  lustreMounts?: LustreMountDraft[];
}

/** Pools by position: 0 primary, 1 workers, 2 parameter servers / Reduction Server, 3 evaluators. */
export type WorkerPoolSlots = [
  WorkerPoolDraft,
  WorkerPoolDraft?,
  WorkerPoolDraft?,
  WorkerPoolDraft?,
];

export type SchedulingStrategy = 'STANDARD' | 'SPOT' | 'FLEX_START';

export interface JobDraft {
  /**
   * Where the wizard submits: the local emulator or Vertex AI. Not part of any request (builders
   * ignore it); unset means the backend the app runs on.
   */
  backend?: 'local' | 'vertex';
  trainingType: TrainingType;
  workflow: Workflow;
  displayName: string;
  project: string;
  region: string;
  workerPools: WorkerPoolSlots;
  labels: Record<string, string>;
  baseOutputDirectory?: string;
  serviceAccount?: string;
  /** Duration in seconds; Vertex defaults to 7 days when unset. Per trial for tuning jobs. */
  timeoutSeconds?: number;
  /** VPC network `projects/{projectNumber}/global/networks/{network}`. */
  network?: string;
  /** Names of reserved IP ranges under `network` the job may use. */
  reservedIpRanges?: string[];
  /** Private Service Connect interface: `projects/P/regions/R/networkAttachments/NAME`. */
  pscInterfaceConfig?: {networkAttachment: string};
  /** Run on the machines of this PersistentResource (same project and region). */
  persistentResourceId?: string;
  restartJobOnWorkerRestart?: boolean;
  disableRetries?: boolean;
  schedulingStrategy?: SchedulingStrategy;
  /** FLEX_START only: how long to queue for resources; 0 waits indefinitely. */
  maxWaitSeconds?: number;
  enableWebAccess?: boolean;
  enableDashboardAccess?: boolean;
  /** `projects/{project}/locations/{location}/tensorboards/{tensorboard}`. */
  tensorboard?: string;
  /** Cloud KMS key (CMEK) `projects/../locations/../keyRings/../cryptoKeys/..`. */
  encryptionKeyName?: string;
  /** Hyperparameter study: required for tuning jobs and for pipelines with tuning. */
  study?: StudyDraft;
  /** Where training data comes from; only training pipelines can use a managed dataset. */
  dataset?: DatasetDraft;
  /** AutoML task inputs; required when trainingType is `automl` (worker pools are then unused). */
  automl?: AutoMlDraft;
  /** Training pipelines: display name of the model the pipeline uploads (modelToUpload). */
  modelDisplayName?: string;
  /**
   * Training pipelines: the container that serves the uploaded model (Model.container_spec,
   * required for custom-trained models; AutoML models do without, model.proto).
   */
  modelContainer?: ModelContainerDraft;
}

/**
 * The serving container of an uploaded model (aiplatform v1 model.proto ModelContainerSpec): a
 * pre-built prediction image or the user's own, with the HTTP routes and port Vertex AI sends
 * prediction and health requests to (unset: Vertex's defaults, port 8080).
 */
export interface ModelContainerDraft {
  imageUri: string;
  predictRoute?: string;
  healthRoute?: string;
  /** ModelContainerSpec.ports[0].containerPort: the only port Vertex AI uses. */
  port?: number;
}

// ---- Hyperparameter study -----------------------------------------------------------------

export type GoalType = 'MAXIMIZE' | 'MINIMIZE';
export type ScaleType = 'UNIT_LINEAR_SCALE' | 'UNIT_LOG_SCALE' | 'UNIT_REVERSE_LOG_SCALE';
export type SearchAlgorithm = 'ALGORITHM_UNSPECIFIED' | 'GRID_SEARCH' | 'RANDOM_SEARCH';
export type MeasurementSelection = 'LAST_MEASUREMENT' | 'BEST_MEASUREMENT';

export interface MetricDraft {
  metricId: string;
  goal: GoalType;
}

interface ParameterBase {
  parameterId: string;
  /** Leave unset for categorical parameters. */
  scale?: ScaleType;
  /** Child parameters that apply only for some values of this one. */
  conditions?: ConditionalParameterDraft[];
}

export interface DoubleParameterDraft extends ParameterBase {
  kind: 'double';
  min: number;
  max: number;
}

export interface IntegerParameterDraft extends ParameterBase {
  kind: 'integer';
  min: number;
  max: number;
}

export interface CategoricalParameterDraft extends ParameterBase {
  kind: 'categorical';
  values: string[];
}

export interface DiscreteParameterDraft extends ParameterBase {
  kind: 'discrete';
  values: number[];
}

export type ParameterDraft =
  DoubleParameterDraft | IntegerParameterDraft | CategoricalParameterDraft | DiscreteParameterDraft;

/** A child parameter active when its parent takes one of `parentValues` (typed by the parent). */
export interface ConditionalParameterDraft {
  parentValues: (string | number)[];
  parameter: ParameterDraft;
}

export interface StudyDraft {
  metrics: MetricDraft[];
  parameters: ParameterDraft[];
  algorithm: SearchAlgorithm;
  measurementSelection?: MeasurementSelection;
  maxTrialCount: number;
  parallelTrialCount: number;
  /** 0 or unset lets Vertex decide. */
  maxFailedTrialCount?: number;
}

// ---- Dataset --------------------------------------------------------------------------------

export type DataSplit =
  | {kind: 'fraction'; training: number; validation: number; test: number}
  | {kind: 'filter'; training: string; validation: string; test: string}
  | {kind: 'predefined'; key: string}
  | {kind: 'timestamp'; training: number; validation: number; test: number; key: string};

export type DataDestination =
  {kind: 'gcs'; outputUriPrefix: string} | {kind: 'bigquery'; outputUri: string};

export interface ManagedDatasetDraft {
  kind: 'managed';
  datasetId: string;
  split?: DataSplit;
  destination?: DataDestination;
  annotationsFilter?: string;
  annotationSchemaUri?: string;
  savedQueryId?: string;
}

/** `none`: the code reads Cloud Storage or BigQuery URIs passed as args or env. */
export type DatasetDraft = {kind: 'none'} | ManagedDatasetDraft;

// ---- AutoML ---------------------------------------------------------------------------------

export const TABULAR_TRANSFORMATIONS = [
  'auto',
  'numeric',
  'categorical',
  'timestamp',
  'text',
  'repeated_numeric',
  'repeated_categorical',
  'repeated_text',
] as const;
export type TabularTransformationType = (typeof TABULAR_TRANSFORMATIONS)[number];

export interface ColumnTransformation {
  type: TabularTransformationType;
  columnName: string;
}

export interface AutoMlTabularDraft {
  kind: 'tabular';
  predictionType: 'classification' | 'regression';
  targetColumn: string;
  transformations: ColumnTransformation[];
  optimizationObjective?: string;
  optimizationObjectiveRecallValue?: number;
  optimizationObjectivePrecisionValue?: number;
  trainBudgetMilliNodeHours: number;
  disableEarlyStopping?: boolean;
  weightColumnName?: string;
}

export interface AutoMlForecastingDraft {
  kind: 'forecasting';
  targetColumn: string;
  timeColumn: string;
  timeSeriesIdentifierColumn: string;
  forecastHorizon: number;
  dataGranularity: {unit: string; quantity: number};
  transformations: ColumnTransformation[];
  availableAtForecastColumns: string[];
  unavailableAtForecastColumns: string[];
  trainBudgetMilliNodeHours: number;
  optimizationObjective?: string;
  contextWindow?: number;
  weightColumn?: string;
}

export interface AutoMlImageDraft {
  kind: 'image-classification' | 'image-object-detection' | 'image-segmentation';
  modelType: string;
  budgetMilliNodeHours: number;
  disableEarlyStopping?: boolean;
  /** Classification only. */
  multiLabel?: boolean;
  baseModelId?: string;
}

export type AutoMlTextDraft =
  | {kind: 'text-classification'; multiLabel: boolean}
  | {kind: 'text-extraction'}
  | {kind: 'text-sentiment'; sentimentMax: number};

export interface AutoMlVideoDraft {
  kind: 'video-classification' | 'video-action-recognition' | 'video-object-tracking';
  modelType: string;
}

export type AutoMlDraft =
  | AutoMlTabularDraft
  | AutoMlForecastingDraft
  | AutoMlImageDraft
  | AutoMlTextDraft
  | AutoMlVideoDraft;

export const POOL_ROLES = ['primary', 'workers', 'parameter servers', 'evaluators'] as const;
