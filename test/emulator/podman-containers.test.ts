// Custom-container jobs under a real engine (Podman), through the official JobServiceClient and
// Logging client: Vertex's contract inside the container (CLUSTER_SPEC, TF_CONFIG, AIP_*, the
// spec's command/args/env, each replica's address reachable by the others on the host network),
// the container's output as the replica's log lines, an exit code reported in Vertex's words
// (cloud.google.com/vertex-ai/docs/training/understanding-training-service, "The replica
// REPLICA_NAME exited with a non-zero status of EXIT_CODE. Termination reason: REASON."), cancel
// stopping the containers, a SIGABRT exit restarted in place, custom-container trials, a missing
// local image explained (for a job and for a trial), and no container left after any test.
// The image is busybox alone, imported here (container-image.ts): nothing is pulled.
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import {stagePackageLocally} from '../../source/services/vertex/package-staging.js';
import {
  imageExists,
  containerSkipReason,
  containersNamed,
  containersOfEmulator,
  ENGINE,
  testImageTag,
} from '../helpers/container-image.js';
import {closeContainerEmulator, startContainerEmulator} from '../helpers/container-emulator.js';
import {
  EXAMPLE_PACKAGE,
  jobLogLines,
  processesMatching,
  waitFor,
  type TestEmulator,
} from '../helpers/emulator.js';

const PARENT = 'projects/test-project/locations/us-central1';
const TERMINAL = ['JOB_STATE_SUCCEEDED', 'JOB_STATE_FAILED', 'JOB_STATE_CANCELLED'];
const IMAGE = testImageTag('busybox');

// Each replica prints its CLUSTER_SPEC task and the other variables; the primary listens on its
// own CLUSTER_SPEC address until both workers have reached it there, each worker connects to
// the primary's address and says who it is.
const TASK_OF = (variable: string) =>
  `$(echo "$${variable}" | sed -n 's/.*"task":\\({[^}]*}\\).*/\\1/p')`;
const REPLICA_SCRIPT = [
  `task=${TASK_OF('CLUSTER_SPEC')}`,
  'echo "task $task"',
  `echo "tf_config_task ${TASK_OF('TF_CONFIG')}"`,
  'echo "model_dir $AIP_MODEL_DIR"',
  'echo "greeting $GREETING"',
  'echo "args $*"',
  'primary=$(echo "$CLUSTER_SPEC" | sed -n \'s/.*"workerpool0":\\["\\([^"]*\\)".*/\\1/p\')',
  'port=${primary##*:}',
  'case "$task" in',
  '  *\'"workerpool0"\'*)',
  '    for n in 1 2; do echo "primary received: $(nc -l -p "$port")"; done ;;',
  '  *)',
  '    until echo "hello from $task" | nc 127.0.0.1 "$port"; do sleep 0.2; done',
  '    echo "reached the primary at $primary" ;;',
  'esac',
].join('\n');

let env: TestEmulator;

const idOf = (name: string) => name.split('/').pop() as string;

function pool(replicaCount: number, script: string, extra: Record<string, unknown> = {}) {
  return {
    machineSpec: {machineType: 'n1-standard-4'},
    replicaCount,
    containerSpec: {
      imageUri: IMAGE,
      command: ['/bin/sh', '-c', script, 'replica'],
      args: ['--epochs=1', '$(touch /tmp/pwned)'],
      env: [{name: 'GREETING', value: 'a value; with spaces'}],
      ...extra,
    },
  };
}

async function create(workerPoolSpecs: unknown[], baseOutputDirectory?: string) {
  const [job] = await env.clients.jobs.createCustomJob({
    parent: PARENT,
    customJob: {
      displayName: 'container',
      jobSpec: {
        workerPoolSpecs,
        ...(baseOutputDirectory && {baseOutputDirectory: {outputUriPrefix: baseOutputDirectory}}),
      },
    },
  } as never);
  return job as {name: string};
}

async function until(name: string, states: string[]) {
  return waitFor(
    async () => {
      const [job] = await env.clients.jobs.getCustomJob({name});
      return states.includes(String(job.state))
        ? (job as {state: string; error?: {code?: number; message?: string} | null})
        : undefined;
    },
    90_000,
    `${name} to reach ${states.join('/')}`,
  );
}

describe.skipIf(containerSkipReason !== undefined)(`container jobs under ${ENGINE}`, () => {
  beforeAll(async () => {
    env = await startContainerEmulator(IMAGE);
  }, 120_000);
  afterAll(() => closeContainerEmulator(env, IMAGE));
  afterEach(() => {
    // No container of this emulator's jobs is left, whatever the test did (other test files may
    // run containers of their own meanwhile: only this emulator's label counts).
    expect(containersOfEmulator(env.dataDir)).toEqual([]);
  });

  it('runs a 1 + 2 replica job: each replica sees its task, the workers reach the primary', async () => {
    const job = await create([pool(1, REPLICA_SCRIPT), pool(2, REPLICA_SCRIPT)], 'gs://out/run1/');
    const done = await until(job.name, TERMINAL);
    const lines = await jobLogLines(env.clients, idOf(job.name));
    const of = (replica: string) =>
      lines.filter((line) => line.replica === replica).map((line) => line.message);
    expect(done.state, JSON.stringify(lines.map((l) => `${l.replica}: ${l.message}`))).toBe(
      'JOB_STATE_SUCCEEDED',
    );
    expect(of('workerpool0-0')).toContain('task {"type":"workerpool0","index":0}');
    expect(of('workerpool1-0')).toContain('task {"type":"workerpool1","index":0}');
    expect(of('workerpool1-1')).toContain('task {"type":"workerpool1","index":1}');
    // TF_CONFIG (multi-replica jobs), AIP_* (baseOutputDirectory), the spec's env and args.
    expect(of('workerpool1-1')).toContain(
      'tf_config_task {"type":"worker","index":1,"cloud":"vtrain-' + idOf(job.name) + '"}',
    );
    expect(of('workerpool0-0')).toContain('model_dir gs://out/run1/model/');
    expect(of('workerpool0-0')).toContain('greeting a value; with spaces');
    expect(of('workerpool0-0')).toContain('args --epochs=1 $(touch /tmp/pwned)');
    const received = of('workerpool0-0')
      .filter((m) => m.startsWith('primary received:'))
      .sort();
    expect(received).toEqual([
      'primary received: hello from {"type":"workerpool1","index":0}',
      'primary received: hello from {"type":"workerpool1","index":1}',
    ]);
    expect(await processesMatching(`vtrain-${idOf(job.name)}`)).toEqual([]);
  });

  it('FAILS a job whose container exits 3, in Vertex words with the stderr tail', async () => {
    const job = await create([pool(1, 'echo "bad input" >&2; exit 3')]);
    const done = await until(job.name, TERMINAL);
    expect(done.state).toBe('JOB_STATE_FAILED');
    expect(done.error?.code).toBe(3);
    expect(done.error?.message).toBe(
      'The replica workerpool0-0 exited with a non-zero status of 3. Termination reason: Error.\nbad input',
    );
    const lines = await jobLogLines(env.clients, idOf(job.name));
    expect(lines).toContainEqual(
      expect.objectContaining({replica: 'workerpool0-0', severity: 'ERROR', message: 'bad input'}),
    );
  });

  it('restarts a container killed by SIGABRT in place, as a process replica, then FAILS with 134', async () => {
    // The inner shell aborts; PID 1 reports 128 + 6 as the container's exit, like a process.
    const job = await create([pool(1, 'echo attempt; sh -c "kill -ABRT \\$\\$"; exit $?')]);
    const done = await until(job.name, TERMINAL);
    expect(done.state).toBe('JOB_STATE_FAILED');
    expect(done.error?.message).toMatch(
      /^The replica workerpool0-0 exited with a non-zero status of 134\. Termination reason: Error\./,
    );
    const lines = await jobLogLines(env.clients, idOf(job.name));
    expect(
      lines.filter((l) => l.replica === 'workerpool0-0' && l.message === 'attempt'),
    ).toHaveLength(6);
    expect(lines.map((l) => l.message)).toContain(
      'The replica workerpool0-0 exited with a non-zero status of 134 and was restarted (restart 5 of 5).',
    );
  });

  it('cancels a running container job: the containers and their clients are gone', async () => {
    const job = await create([
      pool(1, 'echo started; sleep 600'),
      pool(1, 'echo started; sleep 600'),
    ]);
    await until(job.name, ['JOB_STATE_RUNNING']);
    const id = idOf(job.name);
    await waitFor(
      async () => (containersNamed(`vtrain-${id}-`).length === 2 ? true : undefined),
      60_000,
      'both containers to exist',
    );
    await env.clients.jobs.cancelCustomJob({name: job.name});
    const done = await until(job.name, TERMINAL);
    expect(done.state).toBe('JOB_STATE_CANCELLED');
    expect(containersNamed(`vtrain-${id}-`)).toEqual([]);
    expect(await processesMatching(`vtrain-${id}`)).toEqual([]);
  });

  it('runs custom-container trials: each gets its parameters and reports through the metric file', async () => {
    // cloudml-hypertune's file format (study/metrics-file.ts): JSON lines with the metric's tag.
    const trialScript = [
      'for arg in "$@"; do case "$arg" in --units=*) units=${arg#--units=} ;; esac; done',
      'echo "trial $CLOUD_ML_TRIAL_ID units $units"',
      'echo "{\\"score\\": \\"$units\\", \\"trial\\": \\"$CLOUD_ML_TRIAL_ID\\"}" > "$CLOUD_ML_HP_METRIC_FILE"',
    ].join('\n');
    const [created] = await env.clients.jobs.createHyperparameterTuningJob({
      parent: PARENT,
      hyperparameterTuningJob: {
        displayName: 'container trials',
        studySpec: {
          metrics: [{metricId: 'score', goal: 'MAXIMIZE'}],
          parameters: [{parameterId: 'units', integerValueSpec: {minValue: 1, maxValue: 2}}],
          algorithm: 'GRID_SEARCH',
        },
        maxTrialCount: 2,
        parallelTrialCount: 2,
        trialJobSpec: {workerPoolSpecs: [pool(1, trialScript)]},
      },
    } as never);
    const name = created.name as string;
    const done = await waitFor(
      async () => {
        const [job] = await env.clients.jobs.getHyperparameterTuningJob({name});
        return TERMINAL.includes(String(job.state)) ? job : undefined;
      },
      120_000,
      'the tuning job to finish',
    );
    expect(done.state, JSON.stringify(done.error)).toBe('JOB_STATE_SUCCEEDED');
    const scores = (done.trials ?? [])
      .map((trial) => ({
        units: Number(trial.parameters?.[0]?.value?.numberValue),
        score: trial.finalMeasurement?.metrics?.[0]?.value,
      }))
      .sort((a, b) => a.units - b.units);
    expect(scores).toEqual([
      {units: 1, score: 1},
      {units: 2, score: 2},
    ]);
  });

  it('explains a missing local image in a custom-container trial and its failed tuning job', async () => {
    const missing = 'localhost/vtrain-test-never-built-trial:1';
    const [created] = await env.clients.jobs.createHyperparameterTuningJob({
      parent: PARENT,
      hyperparameterTuningJob: {
        displayName: 'missing trial image',
        studySpec: {
          metrics: [{metricId: 'score', goal: 'MAXIMIZE'}],
          parameters: [{parameterId: 'units', integerValueSpec: {minValue: 1, maxValue: 2}}],
          algorithm: 'GRID_SEARCH',
        },
        maxTrialCount: 1,
        parallelTrialCount: 1,
        maxFailedTrialCount: 1,
        trialJobSpec: {workerPoolSpecs: [{...pool(1, 'true'), containerSpec: {imageUri: missing}}]},
      },
    } as never);
    const name = created.name as string;
    const done = await waitFor(
      async () => {
        const [job] = await env.clients.jobs.getHyperparameterTuningJob({name});
        return TERMINAL.includes(String(job.state)) ? job : undefined;
      },
      60_000,
      'the tuning job to finish',
    );
    const explained =
      `workerPoolSpecs[0].containerSpec.imageUri: the image ${missing} is not among podman's local images, and the local emulator never pulls one. ` +
      `Build it (\`podman build -t ${missing} DIR\`), import a root filesystem (\`podman import ROOTFS.tar ${missing}\`) or fetch it once (\`podman pull ${missing}\`), then submit the job again.`;
    expect(done.state).toBe('JOB_STATE_FAILED');
    expect(done.trials?.[0]?.state).toBe('INFEASIBLE');
    expect(done.trials?.[0]?.infeasibleReason).toContain(explained);
    expect(done.error?.message).toContain(explained);
  });

  it('explains a missing local image with the commands that would provide it', async () => {
    const missing = 'localhost/vtrain-test-never-built:1';
    const job = await create([{...pool(1, 'true'), containerSpec: {imageUri: missing}}]);
    const done = await until(job.name, TERMINAL);
    expect(done.state).toBe('JOB_STATE_FAILED');
    expect(done.error?.code).toBe(3);
    expect(done.error?.message).toBe(
      'The replica workerpool0-0 could not start. Termination reason: StartError.\n' +
        `workerPoolSpecs[0].containerSpec.imageUri: the image ${missing} is not among podman's local images, and the local emulator never pulls one. ` +
        `Build it (\`podman build -t ${missing} DIR\`), import a root filesystem (\`podman import ROOTFS.tar ${missing}\`) or fetch it once (\`podman pull ${missing}\`), then submit the job again.`,
    );
  });
});

// A Python package pool on a pre-built image, with packagesInImage: inside the image when the
// engine has it (here a busybox stand-in whose python3 reports how it was run), else the local
// Python with a warning. The stand-in takes a real catalog URI, so the test skips rather than
// replace an image of that name the user may have.
const PREBUILT = 'us-docker.pkg.dev/vertex-ai/training/pytorch-xla.2-4.py310:latest';
const NOT_LOCAL = 'us-docker.pkg.dev/vertex-ai/training/pytorch-xla.2-3.py310:latest';
const PACKAGE_URI = 'gs://staging/in-image/trainer-0.1.tar.gz';
const canUsePrebuiltName =
  containerSkipReason === undefined && !imageExists(PREBUILT) && !imageExists(NOT_LOCAL);

describe.skipIf(!canUsePrebuiltName)('Python packages inside their pre-built image', () => {
  beforeAll(async () => {
    env = await startContainerEmulator(
      PREBUILT,
      {packagesInImage: true},
      {
        'bin/python3':
          '#!/bin/sh\necho "python3 in the image: $*"\necho "code: $(ls "$PYTHONPATH" | tr "\\n" " ")"\n',
      },
    );
    await stagePackageLocally(EXAMPLE_PACKAGE, PACKAGE_URI, env.bucketRoot);
  }, 120_000);
  afterAll(() => closeContainerEmulator(env, PREBUILT));
  afterEach(() => expect(containersOfEmulator(env.dataDir)).toEqual([]));

  const packageJob = async (image: string) =>
    create([
      {
        machineSpec: {machineType: 'n1-standard-4'},
        replicaCount: 1,
        pythonPackageSpec: {
          executorImageUri: image,
          packageUris: [PACKAGE_URI],
          pythonModule: 'trainer.task',
          args: ['--epochs=1'],
        },
      },
    ]);

  it('runs `python3 -m MODULE ARGS` in the image, the extracted package mounted', async () => {
    const job = await packageJob(PREBUILT);
    const done = await until(job.name, TERMINAL);
    const messages = (await jobLogLines(env.clients, idOf(job.name))).map((l) => l.message);
    expect(done.state, messages.join('\n')).toBe('JOB_STATE_SUCCEEDED');
    expect(messages).toContain('python3 in the image: -m trainer.task --epochs=1');
    expect(messages.find((m) => m.startsWith('code: '))).toMatch(/\btrainer\b/);
  });

  it('falls back to the local Python with a warning when the image is not local', async () => {
    const job = await packageJob(NOT_LOCAL);
    const done = await until(job.name, TERMINAL);
    const lines = await jobLogLines(env.clients, idOf(job.name));
    expect(done.state).toBe('JOB_STATE_SUCCEEDED');
    expect(lines).toContainEqual(
      expect.objectContaining({
        replica: 'service',
        severity: 'WARNING',
        message: expect.stringMatching(
          /^workerPoolSpecs\[0\] runs with the local Python: its pre-built image: the image .*pytorch-xla\.2-3\.py310:latest is not among podman's local images/,
        ),
      }),
    );
  });
});
