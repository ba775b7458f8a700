// Each explained error of the app, driven by the emulator's fault mode through the official
// clients: the status code and google.rpc details travel in grpc-status-details-bin, google-gax
// decodes them, the worker protocol serializes them, and explainApiError reads them.
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {startTestEmulator, type TestEmulator} from '../helpers/emulator.js';
import {explainApiError} from '../../source/services/vertex/explain-error.js';
import {serializeError} from '../../source/services/vertex/worker-protocol.js';

const PARENT = 'projects/test-project/locations/us-central1';
const context = {project: 'test-project', region: 'us-central1', account: 'me@example.com'};
let env: TestEmulator;

beforeAll(async () => {
  env = await startTestEmulator({
    faults: {
      errors: [
        {method: 'CreateCustomJob', code: 'PERMISSION_DENIED'},
        {method: 'ListCustomJobs', code: 'SERVICE_DISABLED'},
        {
          method: 'CancelCustomJob',
          code: 'RESOURCE_EXHAUSTED',
          quotaMetric: 'aiplatform.googleapis.com/custom_model_training_nvidia_t4_gpus',
        },
        {method: 'GetCustomJob', code: 'UNAUTHENTICATED'},
        {
          method: 'GetHyperparameterTuningJob',
          code: 'USER_PROJECT_DENIED',
          quotaProject: 'billing-proj',
        },
        {method: 'ListLogEntries', code: 'PERMISSION_DENIED'},
      ],
    },
  });
});
afterAll(() => env?.close());

async function failure(call: () => Promise<unknown>) {
  const error = await call().then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeDefined();
  // The same path the app takes: serialized across the worker boundary, then explained.
  const serialized = serializeError(error);
  return {serialized, explained: explainApiError(structuredClone(serialized), context)};
}

describe('explained faults through the official clients', () => {
  it('PERMISSION_DENIED carries ErrorInfo with the permission', async () => {
    const {serialized, explained} = await failure(() =>
      env.clients.jobs.createCustomJob({parent: PARENT, customJob: {displayName: 'x'}}),
    );
    expect(serialized.code).toBe(7);
    expect(serialized.statusDetails?.[0]).toMatchObject({
      '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
      reason: 'IAM_PERMISSION_DENIED',
      metadata: {permission: 'aiplatform.customJobs.create'},
    });
    expect(explained).toMatchObject({kind: 'permission', exitCode: 4});
    expect(explained.summary).toMatch(/lacks the permission aiplatform\.customJobs\.create/);
    expect(explained.nextStep).toMatch(/--role=roles\/aiplatform\.user/);
  });

  it('SERVICE_DISABLED: the enable command with the consumer project', async () => {
    const {serialized, explained} = await failure(() =>
      env.clients.jobs.listCustomJobs({parent: PARENT}, {autoPaginate: false}),
    );
    expect(serialized.reason).toBe('SERVICE_DISABLED');
    expect(serialized.errorInfoMetadata?.service).toBe('aiplatform.googleapis.com');
    expect(explained.kind).toBe('service-disabled');
    expect(explained.nextStep).toMatch(
      /gcloud services enable aiplatform\.googleapis\.com --project test-project/,
    );
  });

  it('RESOURCE_EXHAUSTED carries QuotaFailure and the quota metric', async () => {
    const {serialized, explained} = await failure(() =>
      env.clients.jobs.cancelCustomJob({name: `${PARENT}/customJobs/1`}),
    );
    expect(serialized.code).toBe(8);
    expect(
      serialized.statusDetails?.some((d) => d['@type'].endsWith('google.rpc.QuotaFailure')),
    ).toBe(true);
    expect(explained.kind).toBe('quota');
    expect(explained.summary).toMatch(/custom_model_training_nvidia_t4_gpus.*in us-central1/);
    expect(explained.nextStep).toMatch(/console\.cloud\.google\.com\/iam-admin\/quotas/);
  });

  it('UNAUTHENTICATED with ACCESS_TOKEN_EXPIRED → the login command, exit 4', async () => {
    const {serialized, explained} = await failure(() =>
      env.clients.jobs.getCustomJob({name: `${PARENT}/customJobs/1`}),
    );
    expect(serialized.code).toBe(16);
    expect(serialized.reason).toBe('ACCESS_TOKEN_EXPIRED');
    expect(explained).toMatchObject({kind: 'credentials', exitCode: 4});
    expect(explained.nextStep).toMatch(/gcloud auth application-default login/);
  });

  // google.api.ErrorReason.USER_PROJECT_DENIED (googleapis google/api/error_reason.proto): the
  // x-goog-user-project is refused; https://cloud.google.com/docs/quotas/set-quota-project.
  it('USER_PROJECT_DENIED names the quota project and set-quota-project', async () => {
    const {serialized, explained} = await failure(() =>
      env.clients.jobs.getHyperparameterTuningJob({
        name: `${PARENT}/hyperparameterTuningJobs/1`,
      }),
    );
    expect(serialized.code).toBe(7);
    expect(serialized.statusDetails?.[0]).toMatchObject({
      '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
      reason: 'USER_PROJECT_DENIED',
      domain: 'googleapis.com',
      metadata: {consumer: 'projects/billing-proj', service: 'aiplatform.googleapis.com'},
    });
    expect(explained).toMatchObject({kind: 'permission', exitCode: 4});
    expect(explained.summary).toMatch(/may not bill or use quota project billing-proj/);
    expect(explained.nextStep).toMatch(
      /gcloud auth application-default set-quota-project test-project/,
    );
  });

  it('Cloud Logging PERMISSION_DENIED asks for roles/logging.viewer', async () => {
    const {explained} = await failure(() =>
      env.clients.logging.listLogEntries(
        {resourceNames: ['projects/test-project'], pageSize: 1},
        {autoPaginate: false},
      ),
    );
    expect(explained.summary).toMatch(/lacks the permission logging\.logEntries\.list/);
    expect(explained.nextStep).toMatch(/--role=roles\/logging\.viewer/);
  });
});
