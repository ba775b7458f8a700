// Which backend, project, region and account a run uses, each with where it came from, in the
// order gcloud users expect: flags → environment → the active gcloud configuration → the
// user's settings → defaults. Shared by the app and every script command (one resolver, so
// `jobs list` and the app always agree). Reads files only (gcloud's config, the ADC file).
import {
  BACKEND_KINDS,
  type BackendKind,
  type BackendSettings,
} from '../../core/settings/user-settings.js';
import {findAdcSource, findQuotaProject, type AdcSource, type QuotaProject} from './adc-source.js';
import {resolveEndpoints, type VertexEndpoints} from '../vertex/endpoints.js';
import {readActiveGcloudConfig, type Env, type GcloudConfig} from './gcloud-config.js';

export {
  BACKEND_KINDS,
  type BackendKind,
  type BackendSettings,
} from '../../core/settings/user-settings.js';

export interface Sourced<T> {
  value: T;
  /** Human wording of the origin: `--project`, `env GOOGLE_CLOUD_PROJECT`, `gcloud config "default"`, … */
  source: string;
}

export interface BackendFlags {
  backend?: string;
  project?: string;
  region?: string;
  stagingBucket?: string;
}

/** The subset of the user's settings that resolution reads. */
export interface ResolvedBackend {
  backend: Sourced<BackendKind>;
  /** Undefined only in Vertex mode when nothing names a project (see `problems`). */
  project: Sourced<string> | undefined;
  region: Sourced<string>;
  account: Sourced<string> | undefined;
  stagingBucket: Sourced<string> | undefined;
  gcloud: GcloudConfig;
  credentials: AdcSource;
  /**
   * Vertex only: the project google-auth-library sends as x-goog-user-project (adc-source.ts
   * findQuotaProject), which Google bills and checks the API against instead of `project`.
   */
  quotaProject?: QuotaProject;
  /** Only for Vertex mode. */
  endpoints: VertexEndpoints | undefined;
  /** Blocking problems, each one line with its fix; empty when the backend can be opened. */
  problems: string[];
  /** Non-blocking remarks (a project number given as the project, …). */
  notes: string[];
}

export class BackendFlagError extends Error {}

export const LOCAL_DEFAULT_PROJECT = 'local-project';
export const DEFAULT_REGION = 'us-central1';

/** `--backend` / VTRAIN_BACKEND: exactly `local` or `vertex`. */
export function parseBackendKind(raw: string, origin: string): BackendKind {
  const value = raw.trim().toLowerCase();
  if ((BACKEND_KINDS as readonly string[]).includes(value)) return value as BackendKind;
  throw new BackendFlagError(
    `${origin} must be "local" (the embedded emulator) or "vertex" (Google Cloud); got "${raw}".`,
  );
}

function first<T>(
  ...candidates: Array<Sourced<T | undefined> | undefined>
): Sourced<T> | undefined {
  for (const candidate of candidates)
    if (candidate && candidate.value !== undefined && candidate.value !== '')
      return candidate as Sourced<T>;
  return undefined;
}

const from = <T>(value: T | undefined, source: string): Sourced<T | undefined> => ({value, source});

// Project IDs: 6–30 characters, lowercase letters, digits and hyphens, starting with a letter and
// not ending with a hyphen; legacy domain-scoped IDs carry a `domain:` prefix.
const PROJECT_ID = /^(?:[a-z0-9.-]+:)?[a-z][a-z0-9-]{4,28}[a-z0-9]$/;

/** Checks a project value: an error line for a display name, a note for a project number. */
export function checkProject(project: Sourced<string>): {problem?: string; note?: string} {
  const value = project.value;
  if (/^\d+$/.test(value))
    return {
      note: `project "${value}" (${project.source}) is a project number; Vertex AI accepts it, but gcloud and the console show the project ID (gcloud projects describe ${value} --format='value(projectId)').`,
    };
  if (PROJECT_ID.test(value)) return {};
  const looksLikeName = /[A-Z\s]/.test(value);
  return {
    problem: looksLikeName
      ? `project "${value}" (${project.source}) looks like a display name, not a project ID; Vertex AI answers "Permission denied on resource project ${value}". Use the ID shown by \`gcloud projects list\` (lowercase, e.g. my-project-123).`
      : `project "${value}" (${project.source}) is not a valid project ID (6–30 lowercase letters, digits or hyphens, starting with a letter); use the ID shown by \`gcloud projects list\`.`,
  };
}

export interface ResolveOptions {
  settings?: BackendSettings;
  /** Known training regions (the catalog's); a region outside it gets a note, never a problem. */
  trainingRegions?: readonly string[];
  /** Test seam for the ADC lookup (defaults to the real files and BIOS check). */
  findCredentials?: (env: Env) => AdcSource;
}

export function resolveBackendChoice(
  flags: BackendFlags,
  env: Env,
  options: ResolveOptions = {},
): ResolvedBackend {
  const settings = options.settings ?? {};
  const backendFlag = flags.backend?.trim()
    ? parseBackendKind(flags.backend, '--backend')
    : undefined;
  const backendEnv = env.VTRAIN_BACKEND?.trim()
    ? parseBackendKind(env.VTRAIN_BACKEND, 'VTRAIN_BACKEND')
    : undefined;
  const backend = first<BackendKind>(
    from(backendFlag, '--backend'),
    from(backendEnv, 'env VTRAIN_BACKEND'),
    from(settings.backend, 'settings (last used)'),
    from<BackendKind>('local', 'default (first run)'),
  )!;
  const gcloud = readActiveGcloudConfig(env);
  const gcloudSource = `gcloud config "${gcloud.name}"`;
  const vertex = backend.value === 'vertex';
  const problems: string[] = [];
  const notes: string[] = [];

  let project = first<string>(
    from(flags.project?.trim(), '--project'),
    from(env.GOOGLE_CLOUD_PROJECT?.trim(), 'env GOOGLE_CLOUD_PROJECT'),
    from(env.CLOUDSDK_CORE_PROJECT?.trim(), 'env CLOUDSDK_CORE_PROJECT'),
    from(gcloud.project, gcloudSource),
    from(settings.project, 'settings'),
  );
  if (!project && !vertex) project = {value: LOCAL_DEFAULT_PROJECT, source: 'default (local)'};
  if (project) {
    const checked = checkProject(project);
    if (checked.problem) (vertex ? problems : notes).push(checked.problem);
    if (checked.note) notes.push(checked.note);
  } else {
    problems.push(
      'no Google Cloud project is set for --backend vertex: pass --project PROJECT_ID, set GOOGLE_CLOUD_PROJECT, or run `gcloud config set project PROJECT_ID`.',
    );
  }

  const region = first<string>(
    from(flags.region?.trim(), '--region'),
    from(env.CLOUDSDK_AI_REGION?.trim(), 'env CLOUDSDK_AI_REGION'),
    from(gcloud.region, gcloudSource),
    from(settings.region, 'settings'),
    from(DEFAULT_REGION, 'default'),
  )!;
  if (!/^[a-z]+-[a-z]+\d+$/.test(region.value)) {
    problems.push(
      `region "${region.value}" (${region.source}) is not a region name like us-central1; Vertex AI needs a single region (not a multi-region such as "us" or a zone such as "us-central1-a"): pass --region REGION or run \`gcloud config set ai/region REGION\`.`,
    );
  } else if (vertex && options.trainingRegions && !options.trainingRegions.includes(region.value)) {
    // A warning, never a refusal: the list is gcloud's, and gcloud says of it "They should ONLY be
    // used as fallbacks within the Google Default Universe when dynamic region lookups fail. Do
    // not use for validation or prompting in non GDU environments." (googlecloudsdk
    // command_lib/ai/constants.py, above SUPPORTED_REGION / SUPPORTED_TRAINING_REGIONS). A new
    // region is missing from it until the next release; the regional endpoint answers instead.
    notes.push(
      `region "${region.value}" (${region.source}) is not in vtrain-tui's list of Vertex AI training regions; using it anyway (the list lags behind new regions). If Vertex AI does not train there, its endpoint will say so.`,
    );
  }

  const credentials = vertex
    ? (options.findCredentials ?? ((e: Env) => findAdcSource(e)))(env)
    : ({kind: 'none'} as const);
  const account = vertex
    ? first<string>(
        from(credentials.kind === 'file' ? credentials.account : undefined, 'credentials file'),
        from(env.CLOUDSDK_CORE_ACCOUNT?.trim(), 'env CLOUDSDK_CORE_ACCOUNT'),
        from(gcloud.account, gcloudSource),
      )
    : undefined;
  const quotaProject = vertex ? findQuotaProject(env, credentials) : undefined;

  let endpoints: VertexEndpoints | undefined;
  if (vertex) {
    try {
      endpoints = resolveEndpoints(region.value, env);
    } catch (error) {
      problems.push((error as Error).message);
    }
  }
  const stagingBucket = first<string>(
    from(flags.stagingBucket?.trim(), '--staging-bucket'),
    from(env.VTRAIN_STAGING_BUCKET?.trim(), 'env VTRAIN_STAGING_BUCKET'),
    from(settings.stagingBucket, 'settings'),
  );
  return {
    backend,
    project,
    region,
    account,
    stagingBucket,
    gcloud,
    credentials,
    ...(quotaProject && {quotaProject}),
    endpoints,
    problems,
    notes,
  };
}
