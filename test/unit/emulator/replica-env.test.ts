import {describe, expect, it} from 'vitest';
import {replicaEnv} from '../../../source/emulator/custom-job/replica-env.js';

const cluster = {
  workerpool0: ['127.0.0.1:1000'],
  workerpool1: ['127.0.0.1:1001', '127.0.0.1:1002'],
  workerpool2: ['127.0.0.1:1003'],
};
const pool = (replicaCount: number) => ({
  machineSpec: {machineType: 'n1-standard-4'},
  replicaCount,
  pythonPackageSpec: {
    executorImageUri: 'us-docker.pkg.dev/vertex-ai/training/pytorch-xla.2-4.py310:latest',
    packageUris: [],
    pythonModule: 'm',
  },
});
const jobSpec = {workerPoolSpecs: [pool(1), pool(2), pool(1)]};

describe('replica environment', () => {
  it('sets CLUSTER_SPEC with the task of this replica', () => {
    const env = replicaEnv({
      replica: {pool: 1, index: 1, name: 'workerpool1-1'},
      cluster,
      jobSpec,
      projectNumber: '123',
      jobId: '9',
    });
    const spec = JSON.parse(env.CLUSTER_SPEC as string);
    expect(spec).toMatchObject({
      cluster,
      environment: 'cloud',
      task: {type: 'workerpool1', index: 1},
      job: jobSpec,
    });
    expect(env.CLOUD_ML_JOB_ID).toBe('9');
  });

  it('maps pools to TF_CONFIG roles chief/worker/ps', () => {
    const env = replicaEnv({
      replica: {pool: 2, index: 0, name: 'workerpool2-0'},
      cluster,
      jobSpec,
      projectNumber: '1',
      jobId: '9',
    });
    const tf = JSON.parse(env.TF_CONFIG as string);
    expect(Object.keys(tf.cluster).sort()).toEqual(['chief', 'ps', 'worker']);
    expect(tf.task).toEqual({type: 'ps', index: 0, cloud: 'vtrain-9'});
  });

  it('omits TF_CONFIG for a single replica and sets AIP_* only with an output dir', () => {
    const single = replicaEnv({
      replica: {pool: 0, index: 0, name: 'workerpool0-0'},
      cluster: {workerpool0: ['127.0.0.1:1']},
      jobSpec,
      projectNumber: '1',
      jobId: '9',
    });
    expect(single.TF_CONFIG).toBeUndefined();
    expect(single.AIP_MODEL_DIR).toBeUndefined();
    const withOutput = replicaEnv({
      replica: {pool: 0, index: 0, name: 'workerpool0-0'},
      cluster,
      jobSpec,
      projectNumber: '1',
      jobId: '9',
      outputUri: 'gs://out/run',
      storageHost: 'http://127.0.0.1:9/t/token',
    });
    expect(withOutput.AIP_MODEL_DIR).toBe('gs://out/run/model/');
    expect(withOutput.AIP_CHECKPOINT_DIR).toBe('gs://out/run/checkpoints/');
    expect(withOutput.AIP_TENSORBOARD_LOG_DIR).toBe('gs://out/run/logs/');
    expect(withOutput.STORAGE_EMULATOR_HOST).toBe('http://127.0.0.1:9/t/token');
    expect(withOutput.CLOUD_ML_TRIAL_ID).toBeUndefined();
  });

  it('gives PyTorch images torch.distributed variables with global ranks', () => {
    const env = replicaEnv({
      replica: {pool: 1, index: 1, name: 'workerpool1-1'},
      cluster,
      jobSpec,
      projectNumber: '1',
      jobId: '9',
    });
    expect(env).toMatchObject({
      MASTER_ADDR: '127.0.0.1',
      MASTER_PORT: '1000',
      WORLD_SIZE: '4',
      RANK: '2',
    });
  });
});
