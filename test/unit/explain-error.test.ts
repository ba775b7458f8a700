import {describe, expect, it} from 'vitest';
import {explainApiError, formatExplained} from '../../source/services/vertex/explain-error.js';
import {serializeError} from '../../source/services/vertex/worker-protocol.js';

const context = {project: 'my-proj-42', region: 'us-central1', account: 'me@example.com'};
const errorInfo = (
  reason: string,
  metadata: Record<string, string>,
  domain = 'googleapis.com',
) => ({
  '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
  reason,
  domain,
  metadata,
});

describe('explainApiError', () => {
  it('missing ADC: the auth library message → login command, exit 4', () => {
    const explained = explainApiError(
      new Error(
        'Could not load the default credentials. Browse to https://cloud.google.com/docs/authentication/getting-started for more information.',
      ),
    );
    expect(explained.kind).toBe('credentials');
    expect(explained.exitCode).toBe(4);
    expect(explained.summary).toMatch(/^No Google Cloud credentials$/);
    expect(explained.nextStep).toMatch(/gcloud auth application-default login/);
  });

  it('the same message wrapped by grpc-js call credentials is still recognised', () => {
    const explained = explainApiError({
      code: 14,
      message:
        '14 UNAVAILABLE: Getting metadata from plugin failed with error: Could not load the default credentials.',
    });
    expect(explained.kind).toBe('credentials');
    expect(explained.summary).not.toMatch(/Getting metadata/);
  });

  it('expired or revoked credentials (invalid_grant, ACCESS_TOKEN_EXPIRED)', () => {
    expect(
      explainApiError({message: 'invalid_grant: Token has been expired or revoked.'}).summary,
    ).toMatch(/expired or were revoked/);
    const expired = explainApiError({
      code: 16,
      message: '16 UNAUTHENTICATED: Request had invalid authentication credentials.',
      statusDetails: [errorInfo('ACCESS_TOKEN_EXPIRED', {method: 'CreateCustomJob'})],
    });
    expect(expired).toMatchObject({kind: 'credentials', exitCode: 4});
    expect(expired.summary).toMatch(/expired/);
  });

  it('PERMISSION_DENIED names the permission from ErrorInfo and the grant command', () => {
    const explained = explainApiError(
      {
        code: 7,
        message:
          "7 PERMISSION_DENIED: Permission 'aiplatform.customJobs.create' denied on resource '//aiplatform.googleapis.com/projects/my-proj-42/locations/us-central1' (or it may not exist).",
        statusDetails: [
          errorInfo(
            'IAM_PERMISSION_DENIED',
            {
              permission: 'aiplatform.customJobs.create',
              resource: 'projects/my-proj-42/locations/us-central1',
            },
            'aiplatform.googleapis.com',
          ),
        ],
      },
      context,
    );
    expect(explained.kind).toBe('permission');
    expect(explained.exitCode).toBe(4);
    expect(explained.summary).toBe(
      'me@example.com lacks the permission aiplatform.customJobs.create on projects/my-proj-42/locations/us-central1',
    );
    expect(explained.nextStep).toContain(
      'gcloud projects add-iam-policy-binding my-proj-42 --member=user:me@example.com --role=roles/aiplatform.user',
    );
  });

  it('PERMISSION_DENIED without details falls back to the message, and service accounts get serviceAccount:', () => {
    const explained = explainApiError(
      {code: 7, message: "Permission 'logging.logEntries.list' denied on resource."},
      {...context, account: 'ci@p.iam.gserviceaccount.com'},
    );
    expect(explained.summary).toMatch(/logging\.logEntries\.list/);
    expect(explained.nextStep).toMatch(
      /--member=serviceAccount:ci@p\.iam\.gserviceaccount\.com --role=roles\/logging\.viewer/,
    );
  });

  it('SERVICE_DISABLED: the enable command and the activation URL', () => {
    const explained = explainApiError(
      {
        code: 7,
        message:
          '7 PERMISSION_DENIED: Vertex AI API has not been used in project 123456789012 before or it is disabled.',
        statusDetails: [
          errorInfo('SERVICE_DISABLED', {
            service: 'aiplatform.googleapis.com',
            consumer: 'projects/123456789012',
            activationUrl:
              'https://console.developers.google.com/apis/api/aiplatform.googleapis.com/overview?project=123456789012',
          }),
        ],
      },
      context,
    );
    expect(explained.kind).toBe('service-disabled');
    expect(explained.summary).toBe(
      'The aiplatform.googleapis.com API is not enabled in project 123456789012',
    );
    expect(explained.nextStep).toMatch(
      /gcloud services enable aiplatform.googleapis.com --project my-proj-42/,
    );
    expect(explained.nextStep).toMatch(/overview\?project=123456789012/);
  });

  it('CONSUMER_INVALID: a display name used as the project', () => {
    const explained = explainApiError(
      {
        code: 7,
        message: 'Permission denied on resource project My First Project.',
        statusDetails: [errorInfo('CONSUMER_INVALID', {consumer: 'projects/My First Project'})],
      },
      {project: 'My First Project'},
    );
    expect(explained.kind).toBe('project-id');
    expect(explained.nextStep).toMatch(/gcloud projects list/);
  });

  it('RESOURCE_EXHAUSTED with QuotaFailure: metric, region and the quota page', () => {
    const explained = explainApiError(
      {
        code: 8,
        message:
          '8 RESOURCE_EXHAUSTED: The following quota metrics exceed quota limits: aiplatform.googleapis.com/custom_model_training_nvidia_t4_gpus',
        statusDetails: [
          {
            '@type': 'type.googleapis.com/google.rpc.QuotaFailure',
            violations: [
              {
                subject: 'projects/my-proj-42',
                description: 'Requested 4 NVIDIA_TESLA_T4, limit is 0 in us-central1.',
              },
            ],
          },
          errorInfo('RATE_LIMIT_EXCEEDED', {
            quota_metric: 'aiplatform.googleapis.com/custom_model_training_nvidia_t4_gpus',
            quota_limit: 'CustomModelTrainingNvidiaT4GpusPerProjectPerRegion',
            quota_location: 'us-central1',
          }),
        ],
      },
      context,
    );
    expect(explained.kind).toBe('quota');
    expect(explained.exitCode).toBe(1);
    expect(explained.summary).toBe(
      'Quota exhausted: aiplatform.googleapis.com/custom_model_training_nvidia_t4_gpus (CustomModelTrainingNvidiaT4GpusPerProjectPerRegion) in us-central1: Requested 4 NVIDIA_TESLA_T4, limit is 0 in us-central1.',
    );
    expect(explained.nextStep).toContain(
      'https://console.cloud.google.com/iam-admin/quotas?project=my-proj-42&metric=aiplatform.googleapis.com%2Fcustom_model_training_nvidia_t4_gpus',
    );
  });

  it('the quota metric from the message alone', () => {
    const explained = explainApiError({
      code: 8,
      message:
        'The following quota metrics exceed quota limits: aiplatform.googleapis.com/custom_model_training_cpus',
    });
    expect(explained.summary).toMatch(/custom_model_training_cpus/);
  });

  it('unsupported region and endpoint/region mismatch', () => {
    expect(
      explainApiError(
        {
          code: 14,
          message:
            '14 UNAVAILABLE: Name resolution failed for target dns:mars-north1-aiplatform.googleapis.com:443',
        },
        {region: 'mars-north1'},
      ),
    ).toMatchObject({kind: 'region', summary: expect.stringMatching(/not offered in mars-north1/)});
    expect(
      explainApiError({
        code: 3,
        message:
          "The provided location ID doesn't match the endpoint. The valid location ID is `us-central1`.",
      }).kind,
    ).toBe('region');
  });

  it('bucket in a multi-region (the FailedPrecondition Vertex returns)', () => {
    const explained = explainApiError(
      {
        code: 9,
        message:
          'The Cloud Storage bucket of `gs://my-bucket/x` is in location `us`. It must be in the same regional location as the service location `us-central1`.',
      },
      {region: 'us-central1'},
    );
    expect(explained.kind).toBe('bucket-location');
    expect(explained.nextStep).toMatch(/--location=us-central1/);
  });

  it('NOT_FOUND → exit 3; anything else keeps its message, exit 1', () => {
    expect(explainApiError({code: 5, message: '5 NOT_FOUND: CustomJob x not found'})).toMatchObject(
      {
        kind: 'not-found',
        exitCode: 3,
        summary: 'Not found: CustomJob x not found',
      },
    );
    const other = explainApiError({code: 3, message: '3 INVALID_ARGUMENT: bad field'});
    expect(other).toEqual({kind: 'other', summary: 'bad field', exitCode: 1});
    expect(formatExplained(explainApiError('boom'))).toBe('boom');
  });
});

describe('serializeError', () => {
  it('carries decoded google.rpc details as plain data with their type', () => {
    class FakeDecoded {
      $type = {fullName: '.google.rpc.ErrorInfo'};
      reason = 'SERVICE_DISABLED';
      toJSON() {
        return {reason: this.reason, domain: 'googleapis.com', metadata: {service: 's'}};
      }
    }
    const error = Object.assign(new Error('7 PERMISSION_DENIED: x'), {
      code: 7,
      details: 'x',
      statusDetails: [new FakeDecoded()],
      reason: 'SERVICE_DISABLED',
      domain: 'googleapis.com',
      errorInfoMetadata: {service: 's'},
    });
    const serialized = serializeError(error);
    expect(serialized).toEqual({
      message: '7 PERMISSION_DENIED: x',
      code: 7,
      details: 'x',
      statusDetails: [
        {
          '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
          reason: 'SERVICE_DISABLED',
          domain: 'googleapis.com',
          metadata: {service: 's'},
        },
      ],
      reason: 'SERVICE_DISABLED',
      domain: 'googleapis.com',
      errorInfoMetadata: {service: 's'},
    });
    expect(structuredClone(serialized)).toEqual(serialized);
    expect(explainApiError(serialized).kind).toBe('service-disabled');
  });
});

describe('the create path: an AutoML pipeline the local emulator refuses', () => {
  it('says it was checked and found valid, and that Vertex AI trains it (not "change the field")', async () => {
    const {explainApiError: explainSubmit} =
      await import('../../source/services/vertex/explain-api-error.js');
    const {ApiError} = await import('../../source/services/vertex/api.js');
    const {AUTOML_ONLY_ON_VERTEX} = await import('../../source/emulator/pipeline/automl-check.js');
    const refused = new ApiError(
      `9 FAILED_PRECONDITION: ${AUTOML_ONLY_ON_VERTEX}`,
      9,
      AUTOML_ONLY_ON_VERTEX,
    );
    const said = explainSubmit(refused);
    expect(said.message).toMatch(/found no problem in it, but it does not train AutoML models/);
    expect(said.next).toMatch(/submit it to Vertex AI/);
    expect(said.next).not.toMatch(/change the field/);
    // Another refusal keeps the general advice.
    const other = explainSubmit(new ApiError('9 FAILED_PRECONDITION: no', 9, 'no'));
    expect(other.next).toMatch(/change the field it names/);
  });
});
