// The quota project (issue #21, defect 1): google-auth-library sends GOOGLE_CLOUD_QUOTA_PROJECT,
// else the ADC file's quota_project_id, as x-goog-user-project (google-auth-library-nodejs
// src/auth/googleauth.ts #prepareAndCacheClient, src/auth/authclient.ts
// addSharedMetadataHeaders), and Google then bills and checks the API against that project
// (https://cloud.google.com/docs/quotas/set-quota-project). The app resolves it the same way,
// shows it when it differs, and explains SERVICE_DISABLED and USER_PROJECT_DENIED with it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {findAdcSource, findQuotaProject} from '../../source/services/backend/adc-source.js';
import {resolveBackendChoice} from '../../source/services/backend/resolve-backend.js';
import {backendStatusLabel} from '../../source/services/backend/status-label.js';
import {
  explainApiError,
  formatExplained,
  setSessionErrorContext,
} from '../../source/services/vertex/explain-error.js';

let home: string;
let adcFile: string;

function writeAdc(fields: Record<string, string>): void {
  const dir = path.join(home, '.config', 'gcloud');
  fs.mkdirSync(dir, {recursive: true});
  adcFile = path.join(dir, 'application_default_credentials.json');
  fs.writeFileSync(adcFile, JSON.stringify({type: 'authorized_user', ...fields}));
}

beforeEach(() => {
  home = fs.mkdtempSync(path.join(os.tmpdir(), 'vtrain-quota-'));
});
afterEach(() => fs.rmSync(home, {recursive: true, force: true}));

describe('quota project resolution, as google-auth-library does it', () => {
  it("reads the ADC file's quota_project_id", () => {
    writeAdc({quota_project_id: 'billing-proj'});
    expect(findQuotaProject({HOME: home}, findAdcSource({HOME: home}))).toEqual({
      value: 'billing-proj',
      source: `quota_project_id in ${adcFile}`,
    });
  });

  it('GOOGLE_CLOUD_QUOTA_PROJECT wins over the file, and applies to the metadata server too', () => {
    writeAdc({quota_project_id: 'billing-proj'});
    const env = {HOME: home, GOOGLE_CLOUD_QUOTA_PROJECT: 'env-proj'};
    expect(findQuotaProject(env, findAdcSource(env))).toEqual({
      value: 'env-proj',
      source: 'env GOOGLE_CLOUD_QUOTA_PROJECT',
    });
    expect(
      findQuotaProject(env, {kind: 'metadata', reason: 'running on Google Cloud'}),
    ).toMatchObject({value: 'env-proj'});
  });

  it('none when neither is set (an empty variable counts as unset, as `|| null` does)', () => {
    writeAdc({});
    const env = {HOME: home, GOOGLE_CLOUD_QUOTA_PROJECT: ''};
    expect(findQuotaProject(env, findAdcSource(env))).toBeUndefined();
  });

  it('the status line says which project is billed when it differs, and only then', () => {
    writeAdc({quota_project_id: 'billing-proj'});
    const resolve = (project: string) =>
      resolveBackendChoice(
        {backend: 'vertex', project},
        {HOME: home, CLOUDSDK_CORE_ACCOUNT: 'me@example.com'},
      );
    const other = resolve('my-proj-42');
    expect(other.quotaProject?.value).toBe('billing-proj');
    expect(backendStatusLabel(other)).toBe(
      'Vertex AI · my-proj-42 · us-central1 · me@example.com · billed to billing-proj (quota project)',
    );
    expect(backendStatusLabel(resolve('billing-proj'))).not.toMatch(/billed to/);
  });
});

const errorInfo = (reason: string, metadata: Record<string, string>) => ({
  '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
  reason,
  domain: 'googleapis.com',
  metadata,
});

describe('errors about the quota project', () => {
  const context = {project: 'my-proj-42', region: 'us-central1', account: 'me@example.com'};
  const serviceDisabled = {
    code: 7,
    message:
      '7 PERMISSION_DENIED: Vertex AI API has not been used in project 998877665544 before or it is disabled.',
    statusDetails: [
      errorInfo('SERVICE_DISABLED', {
        service: 'aiplatform.googleapis.com',
        consumer: 'projects/998877665544',
      }),
    ],
  };

  it('SERVICE_DISABLED under another quota project names it, not the job project', () => {
    const explained = explainApiError(serviceDisabled, {...context, quotaProject: 'billing-proj'});
    expect(explained.kind).toBe('service-disabled');
    expect(explained.summary).toBe(
      'The aiplatform.googleapis.com API is not enabled in billing-proj, the quota project your credentials bill and check (not my-proj-42)',
    );
    expect(explained.nextStep).toMatch(
      /`gcloud auth application-default set-quota-project my-proj-42`/,
    );
    expect(explained.nextStep).toMatch(
      /`gcloud services enable aiplatform\.googleapis\.com --project billing-proj`/,
    );
  });

  it('SERVICE_DISABLED without a quota project (or the same one) keeps the project advice', () => {
    for (const quotaProject of [undefined, 'my-proj-42']) {
      const explained = explainApiError(serviceDisabled, {
        ...context,
        ...(quotaProject && {quotaProject}),
      });
      expect(explained.nextStep).toMatch(/--project my-proj-42/);
      expect(explained.nextStep).not.toMatch(/set-quota-project/);
    }
  });

  // ErrorInfo as google.api.ErrorReason documents USER_PROJECT_DENIED (error_reason.proto):
  // domain googleapis.com, metadata consumer = the x-goog-user-project, and service.
  const userProjectDenied = {
    code: 7,
    message:
      '7 PERMISSION_DENIED: Caller does not have required permission to use project billing-proj. Grant the caller the roles/serviceusage.serviceUsageConsumer role, or a custom role with the serviceusage.services.use permission, by visiting https://console.developers.google.com/iam-admin/iam/project?project=billing-proj and then retry.',
    statusDetails: [
      errorInfo('USER_PROJECT_DENIED', {
        consumer: 'projects/billing-proj',
        service: 'aiplatform.googleapis.com',
      }),
    ],
  };

  it('USER_PROJECT_DENIED: the quota project and set-quota-project, exit 4', () => {
    for (const error of [
      userProjectDenied,
      // Every plausible shape: details lost (only the message), or ErrorInfo without a message.
      {code: 7, message: userProjectDenied.message},
      {
        code: 7,
        message: '7 PERMISSION_DENIED: denied',
        statusDetails: userProjectDenied.statusDetails,
      },
    ]) {
      const explained = explainApiError(error, context);
      expect(explained).toMatchObject({kind: 'permission', exitCode: 4});
      expect(explained.summary).toBe(
        'me@example.com may not bill or use quota project billing-proj (needs serviceusage.services.use there)',
      );
      expect(formatExplained(explained)).toMatch(
        /→ run `gcloud auth application-default set-quota-project my-proj-42`.*roles\/serviceusage\.serviceUsageConsumer/,
      );
    }
  });

  it("a caller without context (a script command) gets the open session's projects", () => {
    setSessionErrorContext({...context, quotaProject: 'billing-proj'});
    try {
      expect(explainApiError(serviceDisabled).summary).toMatch(/not enabled in billing-proj/);
      expect(explainApiError(userProjectDenied).nextStep).toMatch(/set-quota-project my-proj-42/);
    } finally {
      setSessionErrorContext({});
    }
    expect(explainApiError(userProjectDenied).nextStep).toMatch(/set-quota-project PROJECT_ID/);
  });
});
