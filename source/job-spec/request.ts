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
  };
  replicaCount?: number | string;
  diskSpec?: {bootDiskType?: string; bootDiskSizeGb?: number};
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

export interface CustomJobSpecLike {
  workerPoolSpecs: WorkerPoolSpecLike[];
  baseOutputDirectory?: {outputUriPrefix: string};
  serviceAccount?: string;
  scheduling?: {timeout?: {seconds: number | string; nanos?: number}};
}

export interface CustomJobLike {
  displayName: string;
  jobSpec: CustomJobSpecLike;
  labels?: Record<string, string>;
}

export interface CreateCustomJobRequest {
  parent: string;
  customJob: CustomJobLike;
}
