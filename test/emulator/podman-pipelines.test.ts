// Training pipelines whose worker pools are custom containers, under a real engine (Podman),
// through the official PipelineServiceClient, JobServiceClient and Logging client.
// A custom-task TrainingPipeline carries a CustomJobSpec in trainingTaskInputs
// (schema/trainingjob/definition/custom_task_1.0.0.yaml) and runs it as a backing CustomJob named
// in trainingTaskMetadata.backingCustomJob (training_pipeline.proto, TrainingPipeline
// .training_task_metadata; googleapis/python-aiplatform google/cloud/aiplatform/training_jobs.py:
// _CustomTrainingJob._prepare_training_task_inputs_and_output_dir writes {"worker_pool_specs": ...,
// "base_output_directory": {"output_uri_prefix": ...}}, and _wait_callback reads
// training_task_metadata.get("backingCustomJob")). The pipeline follows its backing job's outcome;
// a failed replica is reported in Vertex's words
// (cloud.google.com/vertex-ai/docs/training/understanding-training-service). Nothing is pulled:
// the image is busybox plus a marker file, imported here (container-image.ts).
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import {toProtoValue} from '../../source/core/job-spec/index.js';
import {
  buildBusyboxImage,
  containerSkipReason,
  containersOfEmulator,
  ENGINE,
  removeImage,
  testImageTag,
} from '../helpers/container-image.js';
import {jobLogLines, startTestEmulator, waitFor, type TestEmulator} from '../helpers/emulator.js';

const PARENT = 'projects/test-project/locations/us-central1';
const CUSTOM_TASK =
  'gs://google-cloud-aiplatform/schema/trainingjob/definition/custom_task_1.0.0.yaml';
const IMAGE = testImageTag('pipeline-busybox');
// A file only the image has: a replica that prints it ran inside the container.
const MARKER = 'vtrain-image-marker';
const MARKER_TEXT = 'inside the pipeline test image';

// Each replica prints its CLUSTER_SPEC task and the image's marker file; the worker connects to
// the primary's CLUSTER_SPEC address, which the primary listens on.
const TASK = `$(echo "$CLUSTER_SPEC" | sed -n 's/.*"task":\\({[^}]*}\\).*/\\1/p')`;
const SCRIPT = [
  `task=${TASK}`,
  'echo "task $task"',
  `echo "marker $(cat /${MARKER})"`,
  'echo "model_dir $AIP_MODEL_DIR"',
  'echo "setting $TRAIN_SETTING args $*"',
  'primary=$(echo "$CLUSTER_SPEC" | sed -n \'s/.*"workerpool0":\\["\\([^"]*\\)".*/\\1/p\')',
  'port=${primary##*:}',
  'case "$task" in',
  '  *\'"workerpool0"\'*) echo "primary received: $(nc -l -p "$port")" ;;',
  '  *) until echo "hello from $task" | nc 127.0.0.1 "$port"; do sleep 0.2; done ;;',
  'esac',
].join('\n');

let env: TestEmulator;

const idOf = (name: string) => name.split('/').pop() as string;

/**
 * A worker pool exactly as the Python SDK's CustomContainerTrainingJob._run writes it
 * (training_jobs.py): worker_spec_utils._WorkerPoolSpec.spec_dict in snake_case, to which it adds
 * "containerSpec" in camelCase with env as [{name, value}] (whose names keep their underscores).
 */
const pool = (replicaCount: number, script: string, image = IMAGE) => ({
  machine_spec: {machine_type: 'n1-standard-4'},
  replica_count: replicaCount,
  disk_spec: {boot_disk_type: 'pd-ssd', boot_disk_size_gb: 100},
  containerSpec: {
    imageUri: image,
    command: ['/bin/sh', '-c', script, 'replica'],
    args: ['--epochs=1'],
    env: [{name: 'TRAIN_SETTING', value: 'a_value'}],
  },
});

type Pipeline = {
  name: string;
  state: string;
  error?: {code?: number; message?: string} | null;
  trainingTaskMetadata?: {structValue?: {fields?: Record<string, {stringValue?: string}>}};
};

async function createPipeline(displayName: string, pools: unknown[], outputPrefix?: string) {
  const [created] = await env.clients.pipelines.createTrainingPipeline({
    parent: PARENT,
    trainingPipeline: {
      displayName,
      trainingTaskDefinition: CUSTOM_TASK,
      trainingTaskInputs: toProtoValue({
        worker_pool_specs: pools,
        ...(outputPrefix && {base_output_directory: {output_uri_prefix: outputPrefix}}),
      } as never) as never,
    },
  });
  return created.name as string;
}

const untilPipeline = (name: string, states: string[]) =>
  waitFor(
    async () => {
      const [pipeline] = await env.clients.pipelines.getTrainingPipeline({name});
      return states.includes(String(pipeline.state))
        ? (pipeline as unknown as Pipeline)
        : undefined;
    },
    120_000,
    `${name} to reach ${states.join('/')}`,
  );

const FINISHED = ['PIPELINE_STATE_SUCCEEDED', 'PIPELINE_STATE_FAILED', 'PIPELINE_STATE_CANCELLED'];

const backingOf = (pipeline: Pipeline) =>
  pipeline.trainingTaskMetadata?.structValue?.fields?.backingCustomJob?.stringValue ?? '';

describe.skipIf(containerSkipReason !== undefined)(`container pipelines under ${ENGINE}`, () => {
  beforeAll(async () => {
    buildBusyboxImage(IMAGE, {[MARKER]: `${MARKER_TEXT}\n`});
    env = await startTestEmulator({
      queueDelayMs: 0,
      provisionDelayMs: 0,
      containerEngines: [ENGINE],
    });
  }, 120_000);
  afterAll(async () => {
    await env?.close();
    removeImage(IMAGE);
  });
  afterEach(() => {
    // No container of this emulator is left, whatever the test did.
    expect(containersOfEmulator(env.dataDir)).toEqual([]);
  });

  it('runs a 1 + 1 container pool through its backing CustomJob, each replica inside the image', async () => {
    const name = await createPipeline(
      'container pipeline',
      [pool(1, SCRIPT), pool(1, SCRIPT)],
      'gs://out/pipeline1/',
    );
    const pipeline = await untilPipeline(name, FINISHED);
    const backing = backingOf(pipeline);
    expect(backing).toMatch(/^projects\/[^/]+\/locations\/us-central1\/customJobs\/\d+$/);
    const lines = await jobLogLines(env.clients, idOf(backing));
    const of = (replica: string) =>
      lines.filter((line) => line.replica === replica).map((line) => line.message);
    expect(pipeline.state, lines.map((l) => `${l.replica}: ${l.message}`).join('\n')).toBe(
      'PIPELINE_STATE_SUCCEEDED',
    );
    // The backing job is the pool as sent, and it succeeded.
    const [job] = await env.clients.jobs.getCustomJob({name: backing});
    expect(job.state).toBe('JOB_STATE_SUCCEEDED');
    expect(job.jobSpec?.workerPoolSpecs?.map((p) => p.containerSpec?.imageUri)).toEqual([
      IMAGE,
      IMAGE,
    ]);
    // Each replica saw its CLUSTER_SPEC task and the image's own file; the worker reached the
    // primary's address; AIP_MODEL_DIR follows base_output_directory; the spec's env and args.
    expect(of('workerpool0-0')).toContain('task {"type":"workerpool0","index":0}');
    expect(of('workerpool1-0')).toContain('task {"type":"workerpool1","index":0}');
    expect(of('workerpool0-0')).toContain(`marker ${MARKER_TEXT}`);
    expect(of('workerpool1-0')).toContain(`marker ${MARKER_TEXT}`);
    expect(of('workerpool0-0')).toContain('model_dir gs://out/pipeline1/model/');
    expect(of('workerpool1-0')).toContain('setting a_value args --epochs=1');
    expect(of('workerpool0-0')).toContain(
      'primary received: hello from {"type":"workerpool1","index":0}',
    );
  });

  it('FAILS the pipeline when its container exits 3, in the words of the backing job', async () => {
    const name = await createPipeline('failing container', [
      pool(1, 'echo "bad input" >&2; exit 3'),
    ]);
    const pipeline = await untilPipeline(name, FINISHED);
    expect(pipeline.state).toBe('PIPELINE_STATE_FAILED');
    expect(pipeline.error?.code).toBe(3);
    expect(pipeline.error?.message).toBe(
      'The replica workerpool0-0 exited with a non-zero status of 3. Termination reason: Error.\nbad input',
    );
    const [job] = await env.clients.jobs.getCustomJob({name: backingOf(pipeline)});
    expect(job.state).toBe('JOB_STATE_FAILED');
  });

  it('cancels a running container pipeline: its backing job is cancelled, its containers gone', async () => {
    const name = await createPipeline('to cancel', [pool(1, 'echo started; sleep 600')]);
    await untilPipeline(name, ['PIPELINE_STATE_RUNNING']);
    await env.clients.pipelines.cancelTrainingPipeline({name});
    const pipeline = await untilPipeline(name, FINISHED);
    expect(pipeline.state).toBe('PIPELINE_STATE_CANCELLED');
    const [job] = await env.clients.jobs.getCustomJob({name: backingOf(pipeline)});
    expect(job.state).toBe('JOB_STATE_CANCELLED');
  });

  it('explains a missing local image with the commands that would provide it', async () => {
    const missing = 'localhost/vtrain-test-never-built-pipeline:1';
    const name = await createPipeline('missing image', [pool(1, 'true', missing)]);
    const pipeline = await untilPipeline(name, FINISHED);
    expect(pipeline.state).toBe('PIPELINE_STATE_FAILED');
    expect(pipeline.error?.code).toBe(3);
    expect(pipeline.error?.message).toBe(
      'The replica workerpool0-0 could not start. Termination reason: StartError.\n' +
        `workerPoolSpecs[0].containerSpec.imageUri: the image ${missing} is not among podman's local images, and the local emulator never pulls one. ` +
        `Build it (\`podman build -t ${missing} DIR\`), import a root filesystem (\`podman import ROOTFS.tar ${missing}\`) or fetch it once (\`podman pull ${missing}\`), then submit the job again.`,
    );
  });
});
