// Turns a failed Google API call into one line a user can act on: what went wrong and the next
// step (the login command, the role to grant, the enable command, the quota page). Recognised
// from the real gRPC status code and google.rpc details (ErrorInfo, QuotaFailure) first, and
// from the stable message fragments of the auth library and Vertex second. Pure: no I/O.
import type {StatusDetail} from './worker-protocol.js';
import {DISK_FULL_PATTERN} from '../../emulator/contract/disk-full.js';

export interface ApiErrorLike {
  message?: string;
  code?: number;
  details?: string;
  statusDetails?: StatusDetail[];
  reason?: string;
  domain?: string;
  errorInfoMetadata?: Record<string, string>;
}

export interface ErrorContext {
  project?: string;
  region?: string;
  account?: string;
  /** The x-goog-user-project the auth library sends (backend/adc-source.ts findQuotaProject). */
  quotaProject?: string;
}

export type ErrorKind =
  | 'credentials'
  | 'permission'
  | 'service-disabled'
  | 'project-id'
  | 'quota'
  | 'region'
  | 'bucket-location'
  | 'unreachable'
  | 'not-found'
  | 'too-large'
  | 'disk-full'
  | 'other';

export interface ExplainedError {
  kind: ErrorKind;
  summary: string;
  /** The next step, when there is one to suggest. */
  nextStep?: string;
  /** The script commands' exit code (entry/exit-codes.ts). */
  exitCode: number;
}

// gRPC status codes (google.rpc.Code).
const CODE = {
  NOT_FOUND: 5,
  PERMISSION_DENIED: 7,
  RESOURCE_EXHAUSTED: 8,
  FAILED_PRECONDITION: 9,
  UNIMPLEMENTED: 12,
  UNAVAILABLE: 14,
  DEADLINE_EXCEEDED: 4,
  INVALID_ARGUMENT: 3,
  UNAUTHENTICATED: 16,
} as const;

const EXIT_FAILED = 1;
const EXIT_USAGE = 2;
const EXIT_NOT_FOUND = 3;
const EXIT_CREDENTIALS = 4;

const LOGIN = 'gcloud auth application-default login';
const SET_QUOTA = 'gcloud auth application-default set-quota-project';

/** The role that carries a permission, for the grant command (the narrowest common one). */
export function roleForPermission(permission: string): string {
  if (permission === 'iam.serviceAccounts.actAs') return 'roles/iam.serviceAccountUser';
  if (permission.startsWith('aiplatform.')) return 'roles/aiplatform.user';
  if (permission.startsWith('logging.')) return 'roles/logging.viewer';
  if (permission.startsWith('storage.buckets.')) return 'roles/storage.admin';
  if (permission.startsWith('storage.objects.')) return 'roles/storage.objectAdmin';
  if (permission.startsWith('serviceusage.')) return 'roles/serviceusage.serviceUsageConsumer';
  return 'a role that includes it';
}

const typeName = (detail: StatusDetail) => String(detail['@type'] ?? '').replace(/^.*\//, '');

function findDetail(error: ApiErrorLike, name: string): StatusDetail | undefined {
  return error.statusDetails?.find((detail) => typeName(detail) === `google.rpc.${name}`);
}

interface ErrorInfo {
  reason?: string;
  domain?: string;
  metadata: Record<string, string>;
}

function errorInfo(error: ApiErrorLike): ErrorInfo | undefined {
  const detail = findDetail(error, 'ErrorInfo');
  if (detail)
    return {
      reason: detail.reason as string | undefined,
      domain: detail.domain as string | undefined,
      metadata: (detail.metadata as Record<string, string> | undefined) ?? {},
    };
  if (error.reason)
    return {reason: error.reason, domain: error.domain, metadata: error.errorInfoMetadata ?? {}};
  return undefined;
}

/** The message without gax's "7 PERMISSION_DENIED: " prefix or grpc-js's plugin wrapper. */
function plainMessage(error: ApiErrorLike): string {
  const text = error.details || error.message || 'unknown error';
  return text
    .replace(/^\d+ [A-Z_]+: /, '')
    .replace(/^Getting metadata from plugin failed with error: /, '')
    .trim();
}

function member(context: ErrorContext): string {
  const account = context.account;
  if (!account) return 'user:YOUR_ACCOUNT';
  return account.endsWith('.gserviceaccount.com') ? `serviceAccount:${account}` : `user:${account}`;
}

function credentialsProblem(error: ApiErrorLike, text: string): ExplainedError | undefined {
  const info = errorInfo(error);
  const reason = info?.reason;
  const missing =
    /Could not load the default credentials|Unable to detect a Project Id|no credentials/i;
  const revoked = /invalid_grant|expired or revoked|invalid_rapt|reauth/i;
  const unauthenticated = error.code === CODE.UNAUTHENTICATED;
  if (!unauthenticated && !missing.test(text) && !revoked.test(text)) return undefined;
  // Short enough for an 80-column status line with its fix: the fix matters more than the detail.
  const expired = reason === 'ACCESS_TOKEN_EXPIRED' || revoked.test(text);
  const none = !expired && (reason === 'CREDENTIALS_MISSING' || missing.test(text));
  const summary = expired
    ? 'Google Cloud credentials expired or were revoked'
    : none
      ? 'No Google Cloud credentials'
      : `Google Cloud rejected the credentials (${reason ?? 'UNAUTHENTICATED'}): ${text}`;
  return {
    kind: 'credentials',
    summary,
    nextStep: `run \`${LOGIN}\` or set GOOGLE_APPLICATION_CREDENTIALS`,
    exitCode: EXIT_CREDENTIALS,
  };
}

/**
 * USER_PROJECT_DENIED (google.api.ErrorReason, domain googleapis.com, metadata `consumer` =
 * "projects/QUOTA_PROJECT" and `service`; googleapis/google/api/error_reason.proto): the caller
 * may not use the project named as x-goog-user-project, i.e. lacks serviceusage.services.use
 * (roles/serviceusage.serviceUsageConsumer) on it. Google's message reads "Caller does not have
 * required permission to use project QUOTA. Grant the caller the
 * roles/serviceusage.serviceUsageConsumer role …".
 */
function userProjectProblem(
  info: ErrorInfo | undefined,
  text: string,
  context: ErrorContext,
): ExplainedError | undefined {
  const fromText = /required permission to use project ([\w.:-]*\w)/.exec(text)?.[1];
  if (info?.reason !== 'USER_PROJECT_DENIED' && !fromText) return undefined;
  const quota =
    context.quotaProject ??
    info?.metadata.consumer?.replace(/^projects\//, '') ??
    fromText ??
    'the quota project';
  const project = context.project ?? 'PROJECT_ID';
  return {
    kind: 'permission',
    summary: `${context.account ?? 'Your account'} may not bill or use quota project ${quota} (needs serviceusage.services.use there)`,
    nextStep: `run \`${SET_QUOTA} ${project}\` (a project where you have roles/serviceusage.serviceUsageConsumer), or ask for that role on ${quota}`,
    exitCode: EXIT_CREDENTIALS,
  };
}

function permissionProblem(
  error: ApiErrorLike,
  text: string,
  context: ErrorContext,
): ExplainedError | undefined {
  const info = errorInfo(error);
  if (error.code !== CODE.PERMISSION_DENIED && !info) return undefined;
  const project = context.project ?? 'PROJECT_ID';
  const userProjectDenied = userProjectProblem(info, text, context);
  if (userProjectDenied) return userProjectDenied;
  if (
    info?.reason === 'SERVICE_DISABLED' ||
    /has not been used in project .* or it is disabled/.test(text)
  ) {
    const service = info?.metadata.service ?? 'aiplatform.googleapis.com';
    const consumer = info?.metadata.consumer?.replace(/^projects\//, '') ?? project;
    const url =
      info?.metadata.activationUrl ??
      `https://console.developers.google.com/apis/api/${service}/overview?project=${consumer}`;
    // With a quota project, Service Usage checks the API on it, not on the job's project
    // (https://cloud.google.com/docs/quotas/set-quota-project): the consumer Google names is the
    // quota project (often as its number, so it is not compared with the job's project here).
    const quota = context.quotaProject;
    if (quota && quota !== context.project)
      return {
        kind: 'service-disabled',
        summary: `The ${service} API is not enabled in ${quota}, the quota project your credentials bill and check (not ${project})`,
        nextStep: `run \`${SET_QUOTA} ${project}\` to bill the job's project, or \`gcloud services enable ${service} --project ${quota}\``,
        exitCode: EXIT_CREDENTIALS,
      };
    return {
      kind: 'service-disabled',
      summary: `The ${service} API is not enabled in project ${consumer}`,
      nextStep: `run \`gcloud services enable ${service} --project ${context.project ?? consumer}\` or open ${url}; it takes a few minutes to take effect`,
      exitCode: EXIT_CREDENTIALS,
    };
  }
  if (
    info?.reason === 'CONSUMER_INVALID' ||
    /Permission denied on resource project [^.]*\s/.test(text)
  ) {
    return {
      kind: 'project-id',
      summary: `Google Cloud does not know project "${context.project ?? '?'}": ${text}`,
      nextStep:
        'use the project ID (not its display name or a deleted project): see `gcloud projects list`, then pass --project PROJECT_ID',
      exitCode: EXIT_CREDENTIALS,
    };
  }
  if (error.code !== CODE.PERMISSION_DENIED) return undefined;
  const permission =
    info?.metadata.permission ??
    /Permission '([^']+)' denied/.exec(text)?.[1] ??
    /\[([a-z]+\.[a-zA-Z.]+)\]/.exec(text)?.[1];
  if (!permission) {
    return {
      kind: 'permission',
      summary: `Permission denied: ${text}`,
      nextStep: `ask a project owner to grant ${member(context)} the Vertex AI User role (roles/aiplatform.user) on ${project}`,
      exitCode: EXIT_CREDENTIALS,
    };
  }
  const role = roleForPermission(permission);
  const resource = info?.metadata.resource ? ` on ${info.metadata.resource}` : '';
  const grant = role.startsWith('roles/')
    ? `grant it with \`gcloud projects add-iam-policy-binding ${project} --member=${member(context)} --role=${role}\` (or ask a project owner)`
    : `ask a project owner for ${role}`;
  return {
    kind: 'permission',
    summary: `${context.account ?? 'Your account'} lacks the permission ${permission}${resource}`,
    nextStep: grant,
    exitCode: EXIT_CREDENTIALS,
  };
}

const MIB = 1024 * 1024;
const size = (bytes: number) =>
  bytes >= MIB ? `${(bytes / MIB).toFixed(1).replace(/\.0$/, '')} MiB` : `${bytes} bytes`;

/**
 * A message over the receiver's gRPC size limit is RESOURCE_EXHAUSTED too, but no quota: grpc-js
 * says "Received message larger than max (N vs. LIMIT)" (stream-decoder.js; its default limit,
 * DEFAULT_MAX_RECEIVE_MESSAGE_LENGTH in constants.js, is 4 MiB) or, from a server that cannot send
 * its answer, "Sent message larger than max" (server-interceptors.js).
 */
function tooLargeProblem(error: ApiErrorLike, text: string): ExplainedError | undefined {
  const match = /(Received|Sent) message larger than max \((\d+) vs\.? (\d+)\)/i.exec(text);
  if (!match || (error.code !== undefined && error.code !== CODE.RESOURCE_EXHAUSTED))
    return undefined;
  const [, direction, actual, limit] = match;
  const sizes = `${size(Number(actual))}, over the ${size(Number(limit))} gRPC message limit`;
  if (direction?.toLowerCase() === 'sent')
    return {
      kind: 'too-large',
      summary: `The answer is too large to send (${sizes})`,
      nextStep: 'ask for less at once: a smaller page size or a narrower filter',
      exitCode: EXIT_FAILED,
    };
  return {
    kind: 'too-large',
    summary: `The request is too large for the service (${sizes}); this is not a quota`,
    nextStep:
      'make it smaller: move large values (environment variables, arguments, inline data) into a file in Cloud Storage that the job reads',
    exitCode: EXIT_USAGE,
  };
}

/**
 * The local emulator's full disk (emulator/contract/disk-full.ts): RESOURCE_EXHAUSTED as
 * google.rpc.Code documents for "the entire file system is out of space", so not a quota; its
 * message already says what to do, and says it in one line.
 */
function diskFullProblem(text: string): ExplainedError | undefined {
  const match = DISK_FULL_PATTERN.exec(text);
  if (!match) return undefined;
  return {kind: 'disk-full', summary: match[0].replace(/\.$/, ''), exitCode: EXIT_FAILED};
}

function quotaProblem(
  error: ApiErrorLike,
  text: string,
  context: ErrorContext,
): ExplainedError | undefined {
  const failure = findDetail(error, 'QuotaFailure');
  const fromMessage = /quota metrics exceed quota limits: ([\w./-]+)/.exec(text)?.[1];
  if (error.code !== CODE.RESOURCE_EXHAUSTED && !failure && !fromMessage) return undefined;
  const violations = (failure?.violations as Array<Record<string, unknown>> | undefined) ?? [];
  const info = errorInfo(error);
  const metric =
    info?.metadata.quota_metric ??
    (violations[0]?.quotaMetric as string | undefined) ??
    fromMessage ??
    (violations[0]?.subject as string | undefined);
  const limit = info?.metadata.quota_limit ?? (violations[0]?.quotaId as string | undefined);
  const where = info?.metadata.quota_location ?? context.region;
  const description = (violations[0]?.description as string | undefined) ?? text;
  const project = context.project ?? info?.metadata.consumer?.replace(/^projects\//, '');
  if (!metric) {
    return {
      kind: 'quota',
      summary: `A quota or rate limit was hit: ${text}`,
      nextStep: "wait a minute and retry; if it persists, check the project's quotas page",
      exitCode: EXIT_FAILED,
    };
  }
  const page = `https://console.cloud.google.com/iam-admin/quotas?${project ? `project=${encodeURIComponent(project)}&` : ''}metric=${encodeURIComponent(metric)}`;
  return {
    kind: 'quota',
    summary: `Quota exhausted: ${metric}${limit ? ` (${limit})` : ''}${where ? ` in ${where}` : ''}: ${description}`,
    nextStep: `request more at ${page}, or choose a smaller machine, another accelerator or another region`,
    exitCode: EXIT_FAILED,
  };
}

function regionProblem(
  error: ApiErrorLike,
  text: string,
  context: ErrorContext,
): ExplainedError | undefined {
  const mismatch = /location ID doesn't match the endpoint|valid location ID is/i.test(text);
  const unsupported =
    /(location|region)\b.*\b(is not supported|not available|unsupported|is not a valid)/i.test(
      text,
    ) ||
    /Name resolution failed for target dns:[a-z0-9-]+-aiplatform\.googleapis\.com/.test(text) ||
    /ENOTFOUND [a-z]+-[a-z]+\d+-aiplatform/.test(text);
  if (!mismatch && !unsupported) return undefined;
  const region = context.region ?? 'the region';
  return {
    kind: 'region',
    summary: mismatch
      ? `The region in the request does not match the endpoint: ${text}`
      : `Vertex AI training is not offered in ${region}: ${text}`,
    nextStep:
      'use a region that offers Vertex AI training (for example us-central1 or europe-west4) with --region or `gcloud config set ai/region REGION`',
    exitCode: EXIT_FAILED,
  };
}

function bucketProblem(text: string, context: ErrorContext): ExplainedError | undefined {
  const match = /bucket of `?(gs:\/\/[^`\s]+)`? is in location `?([\w-]+)`?/i.exec(text);
  if (!match) return undefined;
  const region = context.region ?? /service location `?([\w-]+)/.exec(text)?.[1] ?? 'REGION';
  return {
    kind: 'bucket-location',
    summary: `The staging bucket ${match[1]} is in ${match[2]}, not in the job's region ${region}`,
    nextStep: `use a single-region bucket in ${region}, e.g. \`gcloud storage buckets create gs://NAME --location=${region}\`, and set it as the staging bucket`,
    exitCode: EXIT_FAILED,
  };
}

/**
 * Connection refused on a loopback address: nothing of the network is involved; in local mode it
 * is the emulator service that is not answering (stopped, or restarting: the next call starts it).
 */
function localServiceDown(error: ApiErrorLike, text: string): ExplainedError | undefined {
  if (error.code !== undefined && error.code !== CODE.UNAVAILABLE) return undefined;
  const match = /ECONNREFUSED (127(?:\.\d{1,3}){3}|::1|\[::1\]|localhost)(?::(\d+))?/.exec(text);
  if (!match) return undefined;
  const where = match[2] ? `${match[1]}:${match[2]}` : match[1];
  return {
    kind: 'unreachable',
    summary: `The local emulator service is not answering on ${where} (connection refused): it stopped or is restarting`,
    nextStep:
      'check it with `vtrain-tui emulator status` (its log: emulator/service.log in the data folder); the next call starts it again',
    exitCode: EXIT_FAILED,
  };
}

/**
 * The open Vertex session's project, account and quota project (set by
 * backend/vertex-session.ts, cleared when it closes), so an error explained where the caller has
 * no context (a script command, a screen) still names the right projects.
 */
let sessionContext: ErrorContext = {};

export function setSessionErrorContext(context: ErrorContext): void {
  sessionContext = {...context};
}

export function explainApiError(error: unknown, given: ErrorContext = {}): ExplainedError {
  const context = {...sessionContext, ...given};
  const source: ApiErrorLike =
    error && typeof error === 'object' ? (error as ApiErrorLike) : {message: String(error)};
  const text = plainMessage(source);
  const explained =
    credentialsProblem(source, text) ??
    permissionProblem(source, text, context) ??
    tooLargeProblem(source, text) ??
    diskFullProblem(text) ??
    quotaProblem(source, text, context) ??
    bucketProblem(text, context) ??
    regionProblem(source, text, context);
  if (explained) return explained;
  if (source.code === CODE.NOT_FOUND)
    return {kind: 'not-found', summary: `Not found: ${text}`, exitCode: EXIT_NOT_FOUND};
  const local = localServiceDown(source, text);
  if (local) return local;
  if (source.code === CODE.UNAVAILABLE || source.code === CODE.DEADLINE_EXCEEDED)
    return {
      kind: 'unreachable',
      summary: `The service did not answer: ${text}`,
      nextStep: 'check the network (proxy, VPN, firewall) and the endpoint overrides, then retry',
      exitCode: EXIT_FAILED,
    };
  return {kind: 'other', summary: text, exitCode: EXIT_FAILED};
}

/** `summary → next step` on one line, as the status line and commands print it. */
export function formatExplained(explained: ExplainedError): string {
  return explained.nextStep ? `${explained.summary} → ${explained.nextStep}` : explained.summary;
}
