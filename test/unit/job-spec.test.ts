import {describe, expect, it} from 'vitest';
import {
  buildCreateCustomJobRequest,
  exampleDraft,
  gcloudCreateArgv,
  localObjectPath,
  needsConfigFile,
  parseGcsUri,
  prebuiltImageUri,
  replicasOf,
  shellQuote,
  validateDraft,
  type JobDraft,
} from '../../source/core/job-spec/index.js';

const draft = (): JobDraft =>
  exampleDraft({
    project: 'p',
    region: 'europe-west4',
    packagePath: '/pkg',
    stagingBucket: 'bkt',
    now: new Date('2026-01-02T03:04:05Z'),
  });

describe('request builder', () => {
  it('builds a primary and a worker pool with the package spec', () => {
    const request = buildCreateCustomJobRequest(draft());
    expect(request.parent).toBe('projects/p/locations/europe-west4');
    expect(request.customJob.displayName).toBe('example-linear-20260102030405');
    const pools = request.customJob.jobSpec.workerPoolSpecs;
    expect(pools).toHaveLength(2);
    expect(pools[1]?.replicaCount).toBe(2);
    expect(pools[0]?.pythonPackageSpec?.executorImageUri).toBe(
      'europe-docker.pkg.dev/vertex-ai/training/pytorch-xla.2-4.py310:latest',
    );
    expect(pools[0]?.pythonPackageSpec?.packageUris).toEqual([
      'gs://bkt/vtrain-packages/trainer-0.1.0.tar.gz',
    ]);
  });

  it('writes empty middle pools as {} and trims empty trailing pools', () => {
    const base = draft();
    const withEvaluator: JobDraft = {
      ...base,
      workerPools: [base.workerPools[0], undefined, undefined, base.workerPools[0]],
    };
    expect(
      buildCreateCustomJobRequest(withEvaluator).customJob.jobSpec.workerPoolSpecs.map(
        (p) => Object.keys(p).length > 0,
      ),
    ).toEqual([true, false, false, true]);
    const primaryOnly: JobDraft = {
      ...base,
      workerPools: [base.workerPools[0], undefined, undefined],
    };
    expect(buildCreateCustomJobRequest(primaryOnly).customJob.jobSpec.workerPoolSpecs).toHaveLength(
      1,
    );
  });

  it('sends a timeout as a protobuf Duration object', () => {
    expect(
      buildCreateCustomJobRequest({...draft(), timeoutSeconds: 600}).customJob.jobSpec.scheduling,
    ).toEqual({timeout: {seconds: 600}});
  });
});

describe('gcloud command', () => {
  it('expresses the example with --worker-pool-spec flags', () => {
    const argv = gcloudCreateArgv(draft());
    expect(argv.slice(0, 4)).toEqual(['gcloud', 'ai', 'custom-jobs', 'create']);
    expect(argv.filter((a) => a.startsWith('--worker-pool-spec='))).toEqual([
      '--worker-pool-spec=machine-type=n1-standard-4,replica-count=1,executor-image-uri=europe-docker.pkg.dev/vertex-ai/training/pytorch-xla.2-4.py310:latest,python-module=trainer.task',
      '--worker-pool-spec=machine-type=n1-standard-4,replica-count=2,executor-image-uri=europe-docker.pkg.dev/vertex-ai/training/pytorch-xla.2-4.py310:latest,python-module=trainer.task',
    ]);
    expect(argv).toContain('--python-package-uris=gs://bkt/vtrain-packages/trainer-0.1.0.tar.gz');
  });

  it('falls back to --config when flags cannot express the draft', () => {
    const withTimeout = {...draft(), timeoutSeconds: 60};
    expect(needsConfigFile(withTimeout)).toMatch(/timeout/);
    expect(gcloudCreateArgv(withTimeout)).toContain('--config=job.yaml');
  });

  it('quotes words for display', () => {
    expect(shellQuote('plain-word')).toBe('plain-word');
    expect(shellQuote("it's here")).toBe(`'it'"'"'s here'`);
  });
});

describe('validation', () => {
  it('accepts the example draft with warnings only', () => {
    const problems = validateDraft(draft(), new Date('2026-01-01'));
    expect(problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(problems.map((p) => p.field)).toContain('timeout');
  });

  it('names the field and the fix for a primary pool with 2 replicas', () => {
    const base = draft();
    const problems = validateDraft({
      ...base,
      workerPools: [{...base.workerPools[0], replicaCount: 2}, base.workerPools[1]],
    });
    expect(problems).toContainEqual(
      expect.objectContaining({
        field: 'workerPools[0].replicaCount',
        severity: 'error',
        fix: expect.stringMatching(/set it to 1/),
      }),
    );
  });

  it('rejects bad labels and empty names', () => {
    const problems = validateDraft({...draft(), displayName: ' ', labels: {Bad: 'x'}});
    expect(problems.map((p) => p.field)).toEqual(
      expect.arrayContaining(['displayName', 'labels.Bad']),
    );
  });

  it('warns about images past end of availability', () => {
    expect(
      validateDraft(draft(), new Date('2026-11-26')).some((p) =>
        /end of availability/.test(p.message),
      ),
    ).toBe(true);
    expect(
      validateDraft(draft(), new Date('2026-01-01')).some((p) =>
        /end of availability/.test(p.message),
      ),
    ).toBe(false);
  });
});

describe('replicas and URIs', () => {
  it('names replicas workerpoolN-I and skips empty pools', () => {
    expect(
      replicasOf([
        {machineSpec: {machineType: 'a'}, replicaCount: 1},
        {},
        {machineSpec: {machineType: 'a'}, replicaCount: '2'},
      ]).map((r) => r.name),
    ).toEqual(['workerpool0-0', 'workerpool2-0', 'workerpool2-1']);
  });

  it('maps regions to image registries', () => {
    expect(prebuiltImageUri('x', 'asia-east1')).toMatch(/^asia-docker/);
    expect(prebuiltImageUri('x', 'us-central1')).toMatch(/^us-docker/);
  });

  it('keeps gs:// objects inside their bucket folder', () => {
    expect(localObjectPath('/root/b', 'gs://my-bucket/a/b.tar.gz')).toBe(
      '/root/b/my-bucket/a/b.tar.gz',
    );
    expect(() => parseGcsUri('gs://my-bucket/../etc/passwd')).toThrow(/\.\./);
    expect(() => parseGcsUri('http://x/y')).toThrow(/gs:\/\//);
  });
});
