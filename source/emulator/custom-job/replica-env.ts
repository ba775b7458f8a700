// The environment Vertex gives each replica (vertex-training-facts.md §2): CLUSTER_SPEC always,
// TF_CONFIG only for multi-replica jobs, AIP_* (gs:// URIs) when baseOutputDirectory is set,
// CLOUD_ML_* ids, the trial id of a tuning trial, STORAGE_EMULATOR_HOST for the local buckets, and
// the torch.distributed variables for pre-built PyTorch images.
import {
  isPytorchImage,
  type CustomJobSpecLike,
  type ReplicaRef,
} from '../../core/job-spec/index.js';

export type ClusterAddresses = Record<string, string[]>;

const TF_ROLES = ['chief', 'worker', 'ps', 'evaluator'] as const;

export interface ReplicaEnvInput {
  replica: ReplicaRef;
  cluster: ClusterAddresses;
  jobSpec: CustomJobSpecLike;
  projectNumber: string;
  jobId: string;
  /** base_output_directory's gs:// prefix (ending in "/"), if set: AIP_* are URIs under it. */
  outputUri?: string;
  /** STORAGE_EMULATOR_HOST: the local Cloud Storage endpoint replicas reach the buckets through. */
  storageHost?: string;
  /** The trial id ("1", "2", ...) when the job backs a hyperparameter tuning trial. */
  trial?: string;
}

export function replicaEnv(input: ReplicaEnvInput): Record<string, string> {
  const {replica, cluster, jobSpec} = input;
  const env: Record<string, string> = {
    CLUSTER_SPEC: JSON.stringify({
      cluster,
      environment: 'cloud',
      task: {
        type: `workerpool${replica.pool}`,
        index: replica.index,
        ...(input.trial !== undefined && {trial: input.trial}),
      },
      job: jobSpec,
    }),
    CLOUD_ML_PROJECT_ID: input.projectNumber,
    CLOUD_ML_JOB_ID: input.jobId,
  };
  const replicaTotal = Object.values(cluster).reduce((sum, list) => sum + list.length, 0);
  if (replicaTotal > 1) {
    const tfCluster: Record<string, string[]> = {};
    Object.entries(cluster).forEach(([pool, addresses]) => {
      const role = TF_ROLES[Number(pool.replace('workerpool', ''))];
      if (role && role !== 'evaluator') tfCluster[role] = addresses;
    });
    env.TF_CONFIG = JSON.stringify({
      cluster: tfCluster,
      // `cloud` is an internal id on Vertex; the job id is this emulator's equivalent.
      task: {
        type: TF_ROLES[replica.pool],
        index: replica.index,
        ...(input.trial !== undefined && {trial: input.trial}),
        cloud: `vtrain-${input.jobId}`,
      },
      environment: 'cloud',
      job: jobSpec,
    });
  }
  if (input.outputUri) {
    const base = input.outputUri.replace(/\/?$/, '/');
    env.AIP_MODEL_DIR = `${base}model/`;
    env.AIP_CHECKPOINT_DIR = `${base}checkpoints/`;
    env.AIP_TENSORBOARD_LOG_DIR = `${base}logs/`;
  }
  if (input.storageHost) env.STORAGE_EMULATOR_HOST = input.storageHost;
  if (input.trial !== undefined) env.CLOUD_ML_TRIAL_ID = input.trial;
  const pool = jobSpec.workerPoolSpecs[replica.pool];
  const image = pool?.pythonPackageSpec?.executorImageUri ?? pool?.containerSpec?.imageUri ?? '';
  if (isPytorchImage(image)) Object.assign(env, torchEnv(replica, cluster));
  return env;
}

/** torch.distributed env:// variables: one rank per replica, the primary is the master. */
function torchEnv(replica: ReplicaRef, cluster: ClusterAddresses): Record<string, string> {
  const ordered = [0, 1, 2, 3].flatMap((pool) => cluster[`workerpool${pool}`] ?? []);
  const master = cluster.workerpool0?.[0] ?? '127.0.0.1:2222';
  const [host, port] = master.split(':');
  const offset = [0, 1, 2, 3]
    .slice(0, replica.pool)
    .reduce((sum, pool) => sum + (cluster[`workerpool${pool}`]?.length ?? 0), 0);
  return {
    MASTER_ADDR: host ?? '127.0.0.1',
    MASTER_PORT: port ?? '2222',
    WORLD_SIZE: String(ordered.length),
    RANK: String(offset + replica.index),
  };
}
