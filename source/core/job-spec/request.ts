// Shapes of the Vertex v1 request objects, in the camelCase JSON form that the Node client and
// `gcloud --config` accept. Only the fields the product writes are typed.

export interface EnvVarSpec {
  name: string;
  value: string;
}

export interface WorkerPoolSpecLike {
  machineSpec?: {
    machineType: string;
    acceleratorType?: string;
    acceleratorCount?: number;
    tpuTopology?: string;
    gpuPartitionSize?: string;
    reservationAffinity?: {reservationAffinityType: string; key?: string; values?: string[]};
  };
  replicaCount?: number | string;
  diskSpec?: {bootDiskType?: string; bootDiskSizeGb?: number};
  nfsMounts?: {server: string; path: string; mountPoint: string}[];
  lustreMounts?: {
    instanceIp: string;
    volumeHandle: string;
    filesystem: string;
    mountPoint: string;
  }[];
  pythonPackageSpec?: {
    executorImageUri: string;
    packageUris: string[];
    pythonModule: string;
    args?: string[];
    env?: EnvVarSpec[];
  };
  containerSpec?: {
    imageUri: string;
    command?: string[];
    args?: string[];
    env?: EnvVarSpec[];
  };
}

/** google.protobuf.Duration as the Node client takes it; REST and YAML write `"3600s"`. */
export interface DurationLike {
  seconds: number | string;
  nanos?: number;
}

export interface SchedulingLike {
  timeout?: DurationLike;
  restartJobOnWorkerRestart?: boolean;
  strategy?: string;
  disableRetries?: boolean;
  maxWaitDuration?: DurationLike;
}

export interface CustomJobSpecLike {
  workerPoolSpecs: WorkerPoolSpecLike[];
  baseOutputDirectory?: {outputUriPrefix: string};
  serviceAccount?: string;
  network?: string;
  reservedIpRanges?: string[];
  pscInterfaceConfig?: {networkAttachment?: string};
  persistentResourceId?: string;
  scheduling?: SchedulingLike;
  tensorboard?: string;
  enableWebAccess?: boolean;
  enableDashboardAccess?: boolean;
}

export interface EncryptionSpecLike {
  kmsKeyName: string;
}

export interface CustomJobLike {
  displayName: string;
  jobSpec: CustomJobSpecLike;
  labels?: Record<string, string>;
  encryptionSpec?: EncryptionSpecLike;
}

export interface CreateCustomJobRequest {
  parent: string;
  customJob: CustomJobLike;
}

// ---- Hyperparameter tuning ------------------------------------------------------------------

export interface ParameterSpecLike {
  parameterId: string;
  doubleValueSpec?: {minValue: number; maxValue: number};
  integerValueSpec?: {minValue: number | string; maxValue: number | string};
  categoricalValueSpec?: {values: string[]};
  discreteValueSpec?: {values: number[]};
  scaleType?: string;
  conditionalParameterSpecs?: ConditionalParameterSpecLike[];
}

export interface ConditionalParameterSpecLike {
  parentDiscreteValues?: {values: number[]};
  parentIntValues?: {values: (number | string)[]};
  parentCategoricalValues?: {values: string[]};
  parameterSpec: ParameterSpecLike;
}

export interface StudySpecLike {
  metrics: {metricId: string; goal: string}[];
  parameters: ParameterSpecLike[];
  algorithm?: string;
  measurementSelectionType?: string;
}

export interface HyperparameterTuningJobLike {
  displayName: string;
  studySpec: StudySpecLike;
  maxTrialCount: number;
  parallelTrialCount: number;
  maxFailedTrialCount?: number;
  trialJobSpec: CustomJobSpecLike;
  labels?: Record<string, string>;
  encryptionSpec?: EncryptionSpecLike;
}

export interface CreateHyperparameterTuningJobRequest {
  parent: string;
  hyperparameterTuningJob: HyperparameterTuningJobLike;
}

// ---- Training pipelines ---------------------------------------------------------------------

/** google.protobuf.Value in the object form of `@google-cloud/aiplatform`'s `helpers.toValue`. */
export type ProtoValue =
  | {kind?: 'nullValue'; nullValue: 0 | 'NULL_VALUE'}
  | {kind?: 'numberValue'; numberValue: number}
  | {kind?: 'stringValue'; stringValue: string}
  | {kind?: 'boolValue'; boolValue: boolean}
  | {kind?: 'structValue'; structValue: {fields?: Record<string, ProtoValue>}}
  | {kind?: 'listValue'; listValue: {values?: ProtoValue[]}};

export interface InputDataConfigLike {
  datasetId: string;
  fractionSplit?: {trainingFraction: number; validationFraction: number; testFraction: number};
  filterSplit?: {trainingFilter: string; validationFilter: string; testFilter: string};
  predefinedSplit?: {key: string};
  timestampSplit?: {
    trainingFraction: number;
    validationFraction: number;
    testFraction: number;
    key: string;
  };
  gcsDestination?: {outputUriPrefix: string};
  bigqueryDestination?: {outputUri: string};
  annotationsFilter?: string;
  annotationSchemaUri?: string;
  savedQueryId?: string;
}

/** Model.container_spec (aiplatform v1 model.proto ModelContainerSpec), as far as drafts set it. */
export interface ModelContainerSpecLike {
  imageUri: string;
  predictRoute?: string;
  healthRoute?: string;
  ports?: {containerPort: number}[];
}

export interface ModelToUploadLike {
  displayName: string;
  containerSpec?: ModelContainerSpecLike;
}

export interface TrainingPipelineLike {
  displayName: string;
  trainingTaskDefinition: string;
  trainingTaskInputs: ProtoValue;
  inputDataConfig?: InputDataConfigLike;
  modelToUpload?: ModelToUploadLike;
  labels?: Record<string, string>;
  encryptionSpec?: EncryptionSpecLike;
}

export interface CreateTrainingPipelineRequest {
  parent: string;
  trainingPipeline: TrainingPipelineLike;
}

/** JSON values, as trainingTaskInputs holds them before conversion to a protobuf Value. */
export type JsonValue = null | boolean | number | string | JsonValue[] | {[key: string]: JsonValue};
