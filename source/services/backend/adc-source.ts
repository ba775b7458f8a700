// Where Application Default Credentials will come from, found the way google-auth-library looks
// (GOOGLE_APPLICATION_CREDENTIALS, then ~/.config/gcloud/application_default_credentials.json,
// then the metadata server), without a network call. The app never writes a credential; it only
// reads the file's type and, for service accounts, whose it is, to show and explain.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type {Env} from './gcloud-config.js';

export type AdcSource =
  | {
      kind: 'file';
      path: string;
      /** "env GOOGLE_APPLICATION_CREDENTIALS" or "gcloud auth application-default login". */
      from: string;
      /** The file's `type`: authorized_user, service_account, external_account, … */
      type?: string;
      /** The identity named in the file, when it names one (service accounts, impersonation). */
      account?: string;
      /** The file's `quota_project_id`, sent as x-goog-user-project (see quotaProject below). */
      quotaProjectId?: string;
      /** Set when the file cannot be read or is not a credentials file. */
      problem?: string;
    }
  | {kind: 'metadata'; reason: string}
  | {kind: 'none'};

export function wellKnownAdcFile(env: Env): string | undefined {
  const home = env.HOME || os.homedir();
  return home
    ? path.join(home, '.config', 'gcloud', 'application_default_credentials.json')
    : undefined;
}

function describeFile(file: string, from: string): AdcSource {
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    const reason =
      (error as NodeJS.ErrnoException).code === 'ENOENT'
        ? 'the file does not exist'
        : error instanceof SyntaxError
          ? 'the file is not valid JSON'
          : (error as Error).message;
    return {kind: 'file', path: file, from, problem: reason};
  }
  const fields = (parsed ?? {}) as Record<string, unknown>;
  const type = typeof fields.type === 'string' ? fields.type : undefined;
  const impersonated =
    typeof fields.service_account_impersonation_url === 'string'
      ? /serviceAccounts\/([^:/]+):generateAccessToken/.exec(
          fields.service_account_impersonation_url,
        )?.[1]
      : undefined;
  const account =
    (typeof fields.client_email === 'string' ? fields.client_email : undefined) ?? impersonated;
  return {
    kind: 'file',
    path: file,
    from,
    ...(type ? {type} : {problem: 'the file has no "type" field, so it is not a credentials file'}),
    ...(account && {account}),
    ...(typeof fields.quota_project_id === 'string' &&
      fields.quota_project_id.trim() && {quotaProjectId: fields.quota_project_id.trim()}),
  };
}

export interface QuotaProject {
  value: string;
  /** "env GOOGLE_CLOUD_QUOTA_PROJECT" or "quota_project_id in PATH". */
  source: string;
}

/**
 * The project Google bills and checks the API against when it differs from the request's: the
 * x-goog-user-project header google-auth-library sends. Its order, read in
 * google-auth-library-nodejs 10.x: src/auth/googleauth.ts #prepareAndCacheClient sets
 * `credential.quotaProjectId = process.env.GOOGLE_CLOUD_QUOTA_PROJECT` when set (any credential
 * type, the metadata server's too), over the file's `quota_project_id` that refreshclient.ts
 * (authorized_user), jwtclient.ts (service_account) and authclient.ts (external accounts) read;
 * authclient.ts addSharedMetadataHeaders then sends it as `x-goog-user-project` unless the
 * request already has one. See https://cloud.google.com/docs/quotas/set-quota-project.
 */
export function findQuotaProject(env: Env, source: AdcSource): QuotaProject | undefined {
  const fromEnv = env.GOOGLE_CLOUD_QUOTA_PROJECT?.trim();
  if (fromEnv) return {value: fromEnv, source: 'env GOOGLE_CLOUD_QUOTA_PROJECT'};
  if (source.kind === 'file' && source.quotaProjectId)
    return {value: source.quotaProjectId, source: `quota_project_id in ${source.path}`};
  return undefined;
}

/** True on Google Cloud (Compute Engine BIOS or a serverless runtime), as gcp-metadata checks. */
export function onGoogleCloud(
  env: Env,
  readFile = (file: string) => fs.readFileSync(file, 'utf8'),
): boolean {
  if (env.CLOUD_RUN_JOB || env.FUNCTION_NAME || env.K_SERVICE) return true;
  try {
    return /Google/.test(readFile('/sys/class/dmi/id/bios_vendor'));
  } catch {
    return false;
  }
}

export function findAdcSource(env: Env, onGcp = () => onGoogleCloud(env)): AdcSource {
  const explicit = env.GOOGLE_APPLICATION_CREDENTIALS?.trim();
  if (explicit) return describeFile(path.resolve(explicit), 'env GOOGLE_APPLICATION_CREDENTIALS');
  const wellKnown = wellKnownAdcFile(env);
  if (wellKnown && fs.existsSync(wellKnown))
    return describeFile(wellKnown, 'gcloud auth application-default login');
  const detection = env.METADATA_SERVER_DETECTION?.trim().toLowerCase();
  if (detection === 'none') return {kind: 'none'};
  if (detection === 'assume-present' || detection === 'ping-only')
    return {kind: 'metadata', reason: `METADATA_SERVER_DETECTION=${detection}`};
  return onGcp() ? {kind: 'metadata', reason: 'running on Google Cloud'} : {kind: 'none'};
}
