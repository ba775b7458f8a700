// Export → import round trips over the sample drafts, and what malformed files report.
import {describe, expect, it} from 'vitest';
import {
  buildCreateRequest,
  exportCommand,
  gcloudConfigYaml,
  gcloudCreateArgv,
  importJobText,
  draftFromApiJob,
  restBodyJson,
  restRequest,
  type ImportContext,
  type JobDraft,
} from '../../../source/core/job-spec/index.js';
import {baseDraft, packagePool, sampleDrafts} from './fixtures.js';

/** What gcloud passes by flags rather than in its config file. */
function flagContext(draft: JobDraft): ImportContext {
  return {
    project: draft.project,
    region: draft.region,
    displayName: draft.displayName,
    labels: draft.labels,
    ...(draft.encryptionKeyName !== undefined && {encryptionKeyName: draft.encryptionKeyName}),
  };
}

function imported(result: ReturnType<typeof importJobText>): JobDraft {
  if (!result.ok) throw new Error(JSON.stringify(result.errors, null, 2));
  return result.draft;
}

describe('export → import round trips', () => {
  for (const {name, draft} of sampleDrafts()) {
    it(`${name}: REST JSON body`, () => {
      const body = restBodyJson(draft);
      expect(imported(importJobText(body, {project: draft.project, region: draft.region}))).toEqual(
        draft,
      );
    });
    it(`${name}: gcloud --config YAML`, () => {
      const yaml = gcloudConfigYaml(draft);
      expect(imported(importJobText(yaml, flagContext(draft)))).toEqual(draft);
    });
    it(`${name}: create request, and the request object as the API returns it`, () => {
      const {request} = buildCreateRequest(draft);
      expect(imported(importJobText(JSON.stringify(request)))).toEqual(draft);
    });
  }
});

describe('commands', () => {
  it('uses hp-tuning-jobs with a config file for tuning jobs', () => {
    const draft = sampleDrafts().find((s) => s.name === 'tuning job')!.draft;
    const argv = gcloudCreateArgv(draft);
    expect(argv.slice(0, 4)).toEqual(['gcloud', 'ai', 'hp-tuning-jobs', 'create']);
    expect(argv).toContain('--config=job.yaml');
    expect(argv).toContain('--labels=team=ml');
    expect(argv.some((a) => a.startsWith('--kms-key=projects/'))).toBe(true);
    const exported = exportCommand(draft);
    expect(exported.file?.contents).toMatch(/^studySpec:\n/);
    expect(exported.file?.contents).toMatch(/timeout: 3600s/);
  });

  it('posts the REST body for pipelines, which gcloud cannot create', () => {
    const draft = sampleDrafts().find((s) => s.name.startsWith('AutoML tabular'))!.draft;
    expect(restRequest(draft).url).toBe(
      'https://us-central1-aiplatform.googleapis.com/v1/projects/my-project/locations/us-central1/trainingPipelines',
    );
    const exported = exportCommand(draft);
    expect(exported.command).toMatch(/^curl -X POST .* --data=@request.json https:\/\//);
    expect(JSON.parse(exported.file?.contents ?? '')).toMatchObject({
      trainingTaskInputs: {targetColumn: 'label', trainBudgetMilliNodeHours: 1000},
    });
  });

  it('keeps simple custom jobs on flags and passes labels with a config file', () => {
    const pool = packagePool();
    const simple = baseDraft({
      timeoutSeconds: undefined,
      workerPools: [{...pool, task: {...pool.task, env: []}}],
    });
    expect(exportCommand(simple).file).toBeUndefined();
    expect(gcloudCreateArgv(simple)).toContain('--labels=team=ml');
    const withComma = {
      ...simple,
      workerPools: [{...pool, task: {...pool.task, env: [], args: ['--layers=1,2']}}],
    } as JobDraft;
    expect(exportCommand(withComma).file?.name).toBe('job.yaml');
    const withTimeout = baseDraft();
    expect(gcloudCreateArgv(withTimeout)).toEqual([
      'gcloud',
      'ai',
      'custom-jobs',
      'create',
      '--project=my-project',
      '--region=us-central1',
      '--display-name=job-1',
      '--config=job.yaml',
      '--labels=team=ml',
    ]);
  });
});

describe('malformed input', () => {
  it('reports YAML syntax errors with line and column', () => {
    const result = importJobText('workerPoolSpecs:\n  - machineSpec: {machineType: n1\n');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors[0]).toMatchObject({line: expect.any(Number), column: expect.any(Number)});
    expect(result.errors[0]?.message).toMatch(/not valid YAML/);
  });

  it('names the field, line and column of unknown keys and wrong types', () => {
    const text = [
      'workerPoolSpecs:',
      '  - machineSpec:',
      '      machineType: n1-standard-4',
      '      accelerator_count: 2',
      '    replicaCount: one',
      '    containerSpec:',
      '      imageUri: gcr.io/p/i:1',
      '      args: --epochs=3',
      'scheduling:',
      '  timeout: 1h',
    ].join('\n');
    const result = importJobText(text);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const byPath = Object.fromEntries(result.errors.map((e) => [e.path, e]));
    expect(byPath['workerPoolSpecs[0].machineSpec.accelerator_count']).toMatchObject({
      line: 4,
      column: 7,
      fix: expect.stringMatching(/acceleratorCount/),
    });
    expect(byPath['workerPoolSpecs[0].replicaCount']).toMatchObject({line: 5, column: 5});
    expect(byPath['workerPoolSpecs[0].containerSpec.args']).toMatchObject({line: 8});
    expect(byPath['scheduling.timeout']).toMatchObject({
      line: 10,
      message: expect.stringMatching(/3600s/),
    });
  });

  it('refuses fields it cannot keep and documents that are not jobs', () => {
    const experiment = importJobText(
      'workerPoolSpecs:\n  - machineSpec: {machineType: n1-standard-4}\n    containerSpec: {imageUri: x}\nexperiment: projects/p/locations/l/metadataStores/default/contexts/e\n',
    );
    expect(experiment.ok).toBe(false);
    if (!experiment.ok) expect(experiment.errors[0]).toMatchObject({path: 'experiment', line: 4});
    const other = importJobText('kind: Deployment\n');
    expect(other.ok).toBe(false);
    if (!other.ok) expect(other.errors[0]?.fix).toMatch(/workerPoolSpecs/);
    const both = importJobText(
      'workerPoolSpecs:\n  - machineSpec: {machineType: n1-standard-4}\n    containerSpec: {imageUri: x}\n    pythonPackageSpec: {executorImageUri: y, pythonModule: m}\n',
    );
    expect(both.ok).toBe(false);
    if (!both.ok) expect(both.errors[0]?.message).toMatch(/not both/);
  });

  it('accepts the single-map worker pool form of the gcloud help example', () => {
    const result = importJobText(
      'workerPoolSpecs:\n  machineSpec:\n    machineType: n1-highmem-2\n  replicaCount: 1\n  containerSpec:\n    imageUri: gcr.io/ucaip-test/ucaip-training-test\n    args:\n    - port=8500\n    command:\n    - start\n',
      {project: 'p', region: 'us-central1', displayName: 'x'},
    );
    expect(imported(result).workerPools[0].task).toEqual({
      kind: 'container',
      imageUri: 'gcr.io/ucaip-test/ucaip-training-test',
      command: ['start'],
      args: ['port=8500'],
      env: [],
    });
  });
});

describe('clone from an API object', () => {
  it('reads a CustomJob with proto3 defaults and output-only fields', () => {
    // The shape the Node client returns over gRPC: defaults filled in, longs and enums as strings.
    const job = {
      name: 'projects/proj/locations/europe-west4/customJobs/123',
      displayName: 'from-api',
      state: 'JOB_STATE_SUCCEEDED',
      labels: {},
      encryptionSpec: null,
      jobSpec: {
        workerPoolSpecs: [
          {
            machineSpec: {
              machineType: 'n1-standard-8',
              acceleratorType: 'NVIDIA_TESLA_T4',
              acceleratorCount: 1,
              tpuTopology: '',
              gpuPartitionSize: '',
              reservationAffinity: null,
            },
            replicaCount: '1',
            nfsMounts: [],
            diskSpec: {bootDiskType: 'pd-ssd', bootDiskSizeGb: 100},
            containerSpec: {imageUri: 'gcr.io/p/i:1', command: [], args: ['--a'], env: []},
            pythonPackageSpec: null,
            task: 'containerSpec',
          },
          {
            machineSpec: null,
            replicaCount: '0',
            nfsMounts: [],
            diskSpec: null,
            containerSpec: null,
            pythonPackageSpec: null,
          },
          {
            machineSpec: {
              machineType: 'n1-highcpu-16',
              acceleratorType: 'ACCELERATOR_TYPE_UNSPECIFIED',
              acceleratorCount: 0,
              tpuTopology: '',
            },
            replicaCount: '2',
            containerSpec: {
              imageUri: 'gcr.io/p/ps:1',
              command: [],
              args: [],
              env: [{name: 'A', value: 'b'}],
            },
          },
        ],
        scheduling: {
          timeout: {seconds: '7200', nanos: 0},
          restartJobOnWorkerRestart: false,
          strategy: 'STRATEGY_UNSPECIFIED',
          disableRetries: false,
          maxWaitDuration: null,
        },
        serviceAccount: '',
        network: '',
        baseOutputDirectory: {outputUriPrefix: 'gs://b/out/'},
        enableWebAccess: false,
        persistentResourceId: '',
      },
      createTime: {seconds: '1700000000', nanos: 0},
    };
    const result = draftFromApiJob(job);
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.warnings).toEqual([]);
    expect(result.draft).toEqual({
      trainingType: 'custom',
      workflow: 'custom-job',
      displayName: 'from-api',
      project: 'proj',
      region: 'europe-west4',
      labels: {},
      workerPools: [
        {
          machine: {
            machineType: 'n1-standard-8',
            acceleratorType: 'NVIDIA_TESLA_T4',
            acceleratorCount: 1,
          },
          replicaCount: 1,
          bootDiskType: 'pd-ssd',
          bootDiskSizeGb: 100,
          task: {kind: 'container', imageUri: 'gcr.io/p/i:1', command: [], args: ['--a'], env: []},
        },
        undefined,
        {
          machine: {machineType: 'n1-highcpu-16'},
          replicaCount: 2,
          task: {
            kind: 'container',
            imageUri: 'gcr.io/p/ps:1',
            command: [],
            args: [],
            env: [{name: 'A', value: 'b'}],
          },
        },
      ],
      timeoutSeconds: 7200,
      baseOutputDirectory: 'gs://b/out/',
    });
  });

  it('warns about fields the clone drops', () => {
    const result = draftFromApiJob({
      displayName: 'x',
      jobSpec: {
        workerPoolSpecs: [
          {
            machineSpec: {machineType: 'n1-standard-4'},
            containerSpec: {imageUri: 'i'},
            nfsMounts: [{server: 's', path: '/p', mountPoint: 'm'}],
          },
        ],
        persistentResourceId: 'pr-1',
        experiment: 'projects/p/locations/l/metadataStores/default/contexts/e',
      },
    });
    expect(result.ok).toBe(true);
    expect(result.warnings.map((w) => w.path)).toEqual(['jobSpec.experiment']);
    // Issue 25: mounts and the persistent resource are carried, no longer dropped.
    if (result.ok) {
      expect(result.draft.persistentResourceId).toBe('pr-1');
      expect(result.draft.workerPools[0].nfsMounts).toEqual([
        {server: 's', path: '/p', mountPoint: 'm'},
      ]);
    }
  });
});
