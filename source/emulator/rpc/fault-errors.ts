// The errors the fault mode injects, shaped as Google APIs return them, so the app's explanations
// (services/vertex/explain-error.ts) are tested against the real status codes and google.rpc details:
//   PERMISSION_DENIED   ErrorInfo IAM_PERMISSION_DENIED with the permission (fault `permission`)
//   SERVICE_DISABLED    PERMISSION_DENIED + ErrorInfo SERVICE_DISABLED (service, consumer, URL)
//   RESOURCE_EXHAUSTED  QuotaFailure + ErrorInfo RATE_LIMIT_EXCEEDED with the quota metric
//   UNAUTHENTICATED     ErrorInfo ACCESS_TOKEN_EXPIRED
//   USER_PROJECT_DENIED PERMISSION_DENIED + ErrorInfo USER_PROJECT_DENIED (consumer = the quota
//                       project, fault `quotaProject`), as google.api.ErrorReason documents it
// Other codes (UNAVAILABLE, DEADLINE_EXCEEDED, INTERNAL) carry no details.
import * as grpc from '@grpc/grpc-js';
import {RpcError} from './grpc-errors.js';
import {statusDetailsMetadata, type RpcDetail} from './rpc-status.js';

export const DETAILED_FAULT_CODES = [
  'PERMISSION_DENIED',
  'SERVICE_DISABLED',
  'RESOURCE_EXHAUSTED',
  'UNAUTHENTICATED',
  'USER_PROJECT_DENIED',
];

export interface FaultShape {
  code: string;
  /** PERMISSION_DENIED: the permission named (default from the method). */
  permission?: string;
  /** RESOURCE_EXHAUSTED: the quota metric (default: custom training CPUs). */
  quotaMetric?: string;
  /** USER_PROJECT_DENIED: the x-goog-user-project refused (default "quota-project"). */
  quotaProject?: string;
}

const VERTEX = 'aiplatform.googleapis.com';

/**
 * e.g. CreateCustomJob → aiplatform.customJobs.create; Cloud Logging's reads need
 * logging.logEntries.list (https://cloud.google.com/logging/docs/access-control).
 */
function permissionFor(handlerName: string): string {
  const method = handlerName.charAt(0).toUpperCase() + handlerName.slice(1);
  if (/^(List|Tail)LogEntries$/.test(method)) return 'logging.logEntries.list';
  const match = /^(Create|Get|List|Cancel|Delete)(.+?)s?$/.exec(method);
  if (!match) return `${VERTEX.split('.')[0]}.${method}`;
  const resource = match[2]!.charAt(0).toLowerCase() + match[2]!.slice(1);
  return `aiplatform.${resource}s.${match[1]!.toLowerCase()}`;
}

function detailed(code: grpc.status, message: string, details: RpcDetail[]): RpcError {
  return new RpcError(code, message, statusDetailsMetadata(code, message, details));
}

export function injectedFault(shape: FaultShape, method: string, call: number): RpcError {
  const project = process.env.VTRAIN_EMULATOR_PROJECT_NUMBER ?? '000000000000';
  const note = `(injected on ${method}, call ${call})`;
  switch (shape.code) {
    case 'PERMISSION_DENIED': {
      const permission = shape.permission ?? permissionFor(method);
      // Log entries are read on the project (ListLogEntriesRequest.resource_names), not a location.
      const logging = permission.startsWith('logging.');
      const resource = logging
        ? `projects/${project}`
        : `projects/${project}/locations/us-central1`;
      const service = logging ? 'logging.googleapis.com' : VERTEX;
      return detailed(
        grpc.status.PERMISSION_DENIED,
        `Permission '${permission}' denied on resource '//${service}/${resource}' (or it may not exist). ${note}`,
        [
          {
            type: 'ErrorInfo',
            reason: 'IAM_PERMISSION_DENIED',
            domain: 'iam.googleapis.com',
            metadata: {permission, resource},
          },
        ],
      );
    }
    case 'SERVICE_DISABLED': {
      const url = `https://console.developers.google.com/apis/api/${VERTEX}/overview?project=${project}`;
      return detailed(
        grpc.status.PERMISSION_DENIED,
        `Vertex AI API has not been used in project ${project} before or it is disabled. Enable it by visiting ${url} then retry. ${note}`,
        [
          {
            type: 'ErrorInfo',
            reason: 'SERVICE_DISABLED',
            domain: 'googleapis.com',
            metadata: {
              service: VERTEX,
              consumer: `projects/${project}`,
              activationUrl: url,
              serviceTitle: 'Vertex AI API',
            },
          },
        ],
      );
    }
    case 'USER_PROJECT_DENIED': {
      // google.api.ErrorReason.USER_PROJECT_DENIED (googleapis google/api/error_reason.proto):
      // domain googleapis.com, metadata consumer "projects/…" (the x-goog-user-project) and
      // service; the message is Service Usage's, naming roles/serviceusage.serviceUsageConsumer.
      const quota = shape.quotaProject ?? 'quota-project';
      return detailed(
        grpc.status.PERMISSION_DENIED,
        `Caller does not have required permission to use project ${quota}. Grant the caller the roles/serviceusage.serviceUsageConsumer role, or a custom role with the serviceusage.services.use permission, by visiting https://console.developers.google.com/iam-admin/iam/project?project=${quota} and then retry. Propagation of the new permission may take a few minutes. ${note}`,
        [
          {
            type: 'ErrorInfo',
            reason: 'USER_PROJECT_DENIED',
            domain: 'googleapis.com',
            metadata: {consumer: `projects/${quota}`, service: VERTEX},
          },
        ],
      );
    }
    case 'RESOURCE_EXHAUSTED': {
      const metric = shape.quotaMetric ?? `${VERTEX}/custom_model_training_cpus`;
      const description = `The following quota metrics exceed quota limits: ${metric} ${note}`;
      return detailed(grpc.status.RESOURCE_EXHAUSTED, description, [
        {
          type: 'QuotaFailure',
          violations: [{subject: `projects/${project}`, description}],
        },
        {
          type: 'ErrorInfo',
          reason: 'RATE_LIMIT_EXCEEDED',
          domain: 'googleapis.com',
          metadata: {
            quota_metric: metric,
            quota_limit: 'CustomModelTrainingCPUsPerProjectPerRegion',
            quota_location: 'us-central1',
            consumer: `projects/${project}`,
            service: VERTEX,
          },
        },
      ]);
    }
    case 'UNAUTHENTICATED':
      return detailed(
        grpc.status.UNAUTHENTICATED,
        `Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential. ${note}`,
        [
          {
            type: 'ErrorInfo',
            reason: 'ACCESS_TOKEN_EXPIRED',
            domain: 'googleapis.com',
            metadata: {method: `google.cloud.aiplatform.v1.JobService.${method}`, service: VERTEX},
          },
        ],
      );
    default: {
      const code = grpc.status[shape.code as keyof typeof grpc.status] as grpc.status;
      return new RpcError(code, `Injected fault: ${shape.code} on ${method} (call ${call}).`);
    }
  }
}
