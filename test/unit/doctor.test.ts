import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {
  formatDoctor,
  runDoctor,
  type DoctorProbes,
} from '../../source/services/backend/doctor-checks.js';
import {resolveBackendChoice} from '../../source/services/backend/resolve-backend.js';
import {explainApiError} from '../../source/services/vertex/explain-error.js';

const home = fs.mkdtempSync(path.join(os.tmpdir(), 'vtrain-doctor-'));
afterAll(() => fs.rmSync(home, {recursive: true, force: true}));

const credentialsFile = {
  kind: 'file',
  path: '/x/adc.json',
  from: 'env GOOGLE_APPLICATION_CREDENTIALS',
  type: 'authorized_user',
} as const;

function vertexProbes(overrides: Partial<DoctorProbes> = {}, flags = {}): DoctorProbes {
  const resolved = resolveBackendChoice(
    {backend: 'vertex', project: 'my-proj-42', stagingBucket: 'my-bucket', ...flags},
    {HOME: home, CLOUDSDK_CORE_ACCOUNT: 'me@example.com'},
    {findCredentials: () => credentialsFile, trainingRegions: ['us-central1']},
  );
  return {
    nodeVersion: 'v20.11.0',
    terminal: {isTTY: true, columns: 120, rows: 40, colorLevel: 2},
    resolved,
    python: {command: 'python3', path: '/usr/bin/python3', version: 'Python 3.11.2'},
    emulator: async () => ({running: false}),
    credentials: async () => ({}),
    endpoint: async () => undefined,
    logging: async () => undefined,
    bucket: async () => ({
      exists: true,
      location: 'US-CENTRAL1',
      locationType: 'region',
      writable: true,
    }),
    explain: (error) => explainApiError(error, {project: 'my-proj-42', region: 'us-central1'}),
    ...overrides,
  };
}

const byId = (report: Awaited<ReturnType<typeof runDoctor>>, id: string) =>
  report.checks.find((check) => check.id === id)!;

describe('doctor', () => {
  it('passes every check on a healthy Vertex setup (exit 0), naming whose credentials', async () => {
    const report = await runDoctor(vertexProbes());
    expect(report.checks.filter((c) => c.status !== 'pass')).toEqual([]);
    expect(report.exitCode).toBe(0);
    expect(byId(report, 'credentials').detail).toMatch(/authorized_user.*valid, me@example\.com/);
    expect(byId(report, 'logging')).toMatchObject({
      status: 'pass',
      detail: 'reading log entries of projects/my-proj-42 is allowed',
    });
    expect(byId(report, 'quota-project')).toMatchObject({status: 'pass'});
    expect(formatDoctor(report)).toMatch(/All checks passed\.\n$/);
  });

  it('Cloud Logging PERMISSION_DENIED fails with the logging.viewer grant, exit 4', async () => {
    const denied = Object.assign(
      new Error("7 PERMISSION_DENIED: Permission 'logging.logEntries.list' denied"),
      {
        code: 7,
        statusDetails: [
          {
            '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
            reason: 'IAM_PERMISSION_DENIED',
            domain: 'iam.googleapis.com',
            metadata: {permission: 'logging.logEntries.list', resource: 'projects/my-proj-42'},
          },
        ],
      },
    );
    const report = await runDoctor(
      vertexProbes({
        logging: async () => {
          throw denied;
        },
      }),
    );
    expect(byId(report, 'logging')).toMatchObject({
      status: 'fail',
      detail: expect.stringMatching(/lacks the permission logging\.logEntries\.list/),
      fix: expect.stringMatching(/--role=roles\/logging\.viewer/),
    });
    expect(byId(report, 'api').status).toBe('pass');
    expect(report.exitCode).toBe(4);
  });

  it('a quota project other than the project warns which is billed, with set-quota-project', async () => {
    const probes = vertexProbes();
    probes.resolved = {
      ...probes.resolved,
      quotaProject: {value: 'billing-proj', source: 'quota_project_id in /x/adc.json'},
    };
    const report = await runDoctor(probes);
    expect(byId(report, 'quota-project')).toMatchObject({
      status: 'warn',
      detail: expect.stringMatching(
        /billing-proj .* is billed and checked for the APIs, not my-proj-42/,
      ),
      fix: expect.stringMatching(/gcloud auth application-default set-quota-project my-proj-42/),
    });
    expect(report.exitCode).toBe(0);
  });

  it('fails an old Node and a small terminal, with the fix', async () => {
    const report = await runDoctor(
      vertexProbes({
        nodeVersion: 'v18.19.0',
        terminal: {isTTY: true, columns: 70, rows: 20, colorLevel: 1},
      }),
    );
    expect(byId(report, 'node')).toMatchObject({
      status: 'fail',
      fix: expect.stringMatching(/Node.js 20/),
    });
    expect(byId(report, 'terminal')).toMatchObject({status: 'fail', detail: '70×20, 16 colours'});
    expect(report.exitCode).toBe(1);
  });

  it('missing credentials: fail with the login command, later checks skipped, exit 4', async () => {
    const probes = vertexProbes();
    probes.resolved = {...probes.resolved, credentials: {kind: 'none'}};
    const report = await runDoctor(probes);
    expect(byId(report, 'credentials')).toMatchObject({
      status: 'fail',
      fix: expect.stringMatching(/gcloud auth application-default login/),
    });
    expect(byId(report, 'endpoint').status).toBe('skip');
    expect(byId(report, 'bucket').status).toBe('skip');
    expect(report.exitCode).toBe(4);
  });

  it('revoked credentials are explained', async () => {
    const report = await runDoctor(
      vertexProbes({
        credentials: async () => {
          throw new Error('invalid_grant: Token has been expired or revoked.');
        },
      }),
    );
    expect(byId(report, 'credentials').detail).toMatch(/expired or were revoked/);
    expect(report.exitCode).toBe(4);
  });

  it('an endpoint that does not answer fails the endpoint check and skips the API check', async () => {
    const report = await runDoctor(
      vertexProbes({
        endpoint: async () => {
          throw Object.assign(new Error('14 UNAVAILABLE: No connection established'), {code: 14});
        },
      }),
    );
    expect(byId(report, 'endpoint').status).toBe('fail');
    expect(byId(report, 'api').status).toBe('skip');
    expect(report.exitCode).toBe(1);
  });

  it('the API not enabled: the enable command, exit 4', async () => {
    const report = await runDoctor(
      vertexProbes({
        endpoint: async () => {
          throw {
            code: 7,
            message: 'Vertex AI API has not been used in project 1 before or it is disabled.',
            reason: 'SERVICE_DISABLED',
            errorInfoMetadata: {service: 'aiplatform.googleapis.com', consumer: 'projects/1'},
          };
        },
      }),
    );
    expect(byId(report, 'endpoint').status).toBe('pass');
    expect(byId(report, 'api')).toMatchObject({
      status: 'fail',
      fix: expect.stringMatching(/gcloud services enable aiplatform.googleapis.com/),
    });
    expect(report.exitCode).toBe(4);
  });

  it('a multi-region or missing bucket fails with how to fix it', async () => {
    const multi = await runDoctor(
      vertexProbes({
        bucket: async () => ({exists: true, location: 'US', locationType: 'multi-region'}),
      }),
    );
    expect(byId(multi, 'bucket').detail).toMatch(/is in US \(multi-region\)/);
    const missing = await runDoctor(vertexProbes({bucket: async () => ({exists: false})}));
    expect(byId(missing, 'bucket').detail).toMatch(/does not exist.*--location=us-central1/);
  });

  it('a display name as the project fails; a region outside the built-in list only warns', async () => {
    const report = await runDoctor(
      vertexProbes({}, {project: 'My Project', region: 'mars-north1'}),
    );
    expect(byId(report, 'project').detail).toMatch(/display name/);
    expect(byId(report, 'region')).toMatchObject({
      status: 'warn',
      detail: expect.stringMatching(/"mars-north1".*not in vtrain-tui's list.*using it anyway/),
    });
    const malformed = await runDoctor(vertexProbes({}, {region: 'us'}));
    expect(byId(malformed, 'region')).toMatchObject({
      status: 'fail',
      detail: expect.stringMatching(/"us".*not a region name like us-central1/),
    });
  });

  it('local mode: no cloud checks; python3 missing and an unsafe data folder fail', async () => {
    const resolved = resolveBackendChoice({}, {HOME: home});
    const report = await runDoctor({
      ...vertexProbes(),
      resolved,
      python: {command: 'python3'},
      emulator: async () => ({
        running: false,
        folderProblem: '/d/emulator is accessible to other users (mode 0755)',
      }),
    });
    for (const id of ['credentials', 'endpoint', 'api', 'bucket'])
      expect(byId(report, id).status).toBe('skip');
    expect(byId(report, 'python')).toMatchObject({
      status: 'fail',
      fix: expect.stringMatching(/--python/),
    });
    expect(byId(report, 'emulator')).toMatchObject({
      status: 'fail',
      detail: expect.stringMatching(/mode 0755/),
    });
    expect(report.exitCode).toBe(1);
  });
});

describe('doctor: the container engine for local custom containers', () => {
  it('names the engine, why it was chosen and each host flag', async () => {
    const report = await runDoctor(
      vertexProbes({
        containerEngine: async () => ({
          ok: true,
          binary: 'podman',
          kind: 'podman',
          version: '4.3.1',
          notes: [
            '--ulimit nofile=20000:20000: the runtime may not set ... (error setting rlimit type 7)',
          ],
          skipped: [
            {
              binary: 'docker',
              problem:
                'is installed but its engine does not answer (`docker info`: Cannot connect)',
            },
          ],
        }),
      }),
    );
    expect(byId(report, 'container-engine')).toEqual({
      id: 'container-engine',
      title: 'Container engine for local custom containers',
      status: 'pass',
      detail:
        'podman (podman 4.3.1) (docker is installed but its engine does not answer (`docker info`: Cannot connect)); with --ulimit nofile=20000:20000: the runtime may not set ... (error setting rlimit type 7)',
    });
    expect(report.exitCode).toBe(0);
  });

  it('warns (does not fail) when no engine is usable, with what was tried and the fix', async () => {
    const report = await runDoctor(
      vertexProbes({
        containerEngine: async () => ({
          ok: false,
          tried: [
            {binary: 'docker', problem: 'is not installed'},
            {binary: 'podman', problem: 'is not installed'},
          ],
        }),
      }),
    );
    expect(byId(report, 'container-engine')).toMatchObject({
      status: 'warn',
      detail: 'none usable: docker is not installed; podman is not installed',
      fix: expect.stringMatching(/apt-get install podman runc/),
    });
    expect(report.exitCode).toBe(0);
  });
});
