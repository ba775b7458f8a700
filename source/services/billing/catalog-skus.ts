// Reads every SKU of one service from Google's Cloud Billing Catalog API, the machine-readable
// list prices behind cloud.google.com's pricing pages: GET https://cloudbilling.googleapis.com/v1/
// services/{service}/skus with `currencyCode`, `pageSize` and `pageToken`, answered as
// {"skus": [...], "nextPageToken": "..."} (ListSkusRequest / ListSkusResponse in
// google/cloud/billing/v1/cloud_catalog.proto; an empty nextPageToken ends the list). It is read
// with Application Default Credentials (google-auth-library as google-gax ships it, the way the
// Vertex clients authenticate, quota project header included), or with an API key (`key=`), which
// Google's "Get Google Cloud pricing information" page (cloud.google.com/billing/docs/how-to/
// get-pricing-information-api) uses. The host follows CLOUDSDK_API_ENDPOINT_OVERRIDES_CLOUDBILLING
// exactly as gcloud reads its api_endpoint_overrides/cloudbilling property (billingEndpoint);
// plain http only to a loopback host, since a token or key travels with every request.
import type {BillingSku} from '../../core/job-spec/billing-sku-reading.js';
import {safeText} from '../../core/text/safe-text.js';
import {commonJsExports} from '../vertex/commonjs-exports.js';
import {CLOUD_PLATFORM_SCOPE} from '../vertex/credential-probe.js';

/** Vertex AI's service in the billing catalog (its `services/{id}` name). */
export const VERTEX_AI_BILLING_SERVICE = 'C7E2-9256-1C43';
export const BILLING_ENDPOINT_ENV = 'CLOUDSDK_API_ENDPOINT_OVERRIDES_CLOUDBILLING';
const DEFAULT_ENDPOINT = 'https://cloudbilling.googleapis.com/';
/** The proto's default and largest page ("Requested page size. Defaults to 5000"). */
const PAGE_SIZE = 5000;
/** Far above Vertex AI's few thousand SKUs: a server that never ends its list is not followed. */
const MAX_PAGES = 100;
const REQUEST_MS = 60_000;
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

export class BillingReadError extends Error {
  constructor(
    message: string,
    /** Missing or refused credentials (exit 4) rather than any other failure. */
    readonly credentials = false,
  ) {
    super(message);
  }
}

export interface BillingEndpoint {
  /** Base URL the "v1/services/…" path is joined to, e.g. https://cloudbilling.googleapis.com/. */
  url: string;
  source: string;
}

export function billingEndpoint(env: Record<string, string | undefined>): BillingEndpoint {
  const raw = env[BILLING_ENDPOINT_ENV]?.trim();
  if (!raw) return {url: DEFAULT_ENDPOINT, source: 'default'};
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `https://${raw}`);
  } catch {
    throw new BillingReadError(
      `${BILLING_ENDPOINT_ENV}="${raw}" is not a URL; set it like https://cloudbilling.googleapis.com/ (or unset it).`,
    );
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && LOOPBACK.has(url.hostname)))
    throw new BillingReadError(
      `${BILLING_ENDPOINT_ENV}="${raw}" must be an https:// URL (plain http only to 127.0.0.1 or localhost): every request carries a credential.`,
    );
  // As gcloud: cloudbilling's client has BASE_URL https://cloudbilling.googleapis.com/ (path "/"),
  // so its override is the base as given (_BuildEndpointOverride, googlecloudsdk/api_lib/util/
  // apis_internal.py) and the method's relative path "v1/{+parent}/skus" (cloudbilling_v1_client.py)
  // is joined to it: "https://host/" and "https://host/proxy/" get v1/… appended, and so does
  // "https://host/v1/" (gcloud then asks /v1/v1/…; checked with `gcloud billing accounts list`).
  return {url: url.href, source: `env ${BILLING_ENDPOINT_ENV}`};
}

export interface ReadSkusOptions {
  service: string;
  currency: string;
  /** An API key instead of Application Default Credentials. */
  apiKey?: string;
  env: Record<string, string | undefined>;
}

export interface ReadSkus {
  skus: BillingSku[];
  pages: number;
  endpoint: BillingEndpoint;
}

type Authorise = (url: string) => Promise<Record<string, string>>;

async function adcHeaders(env: Record<string, string | undefined>): Promise<Authorise> {
  const {GoogleAuth} = await commonJsExports(import('google-gax'));
  // Off Google Cloud, no metadata-server probe (seconds of DNS and retries), as the Vertex
  // clients do (services/vertex/clients.ts quietOffGoogleCloud).
  process.env.METADATA_SERVER_DETECTION ??= 'bios-only';
  // The catalog belongs to no project, but without a project id google-auth-library looks one up
  // when it makes a client (for an external account: a Resource Manager call), which this read
  // does not need; the id only answers getProjectId(). The x-goog-user-project header comes
  // from the credential's quota project (or GOOGLE_CLOUD_QUOTA_PROJECT), not from it.
  const projectId =
    env.GOOGLE_CLOUD_PROJECT?.trim() || env.CLOUDSDK_CORE_PROJECT?.trim() || 'vtrain-tui';
  const auth = new GoogleAuth({scopes: [CLOUD_PLATFORM_SCOPE], projectId});
  let client;
  try {
    client = await auth.getClient();
  } catch (error) {
    throw new BillingReadError(
      `no Application Default Credentials (${safeText((error as Error).message).split('. ')[0]}); run \`gcloud auth application-default login\`, or pass --api-key KEY`,
      true,
    );
  }
  return async (url) => {
    try {
      const headers = await client.getRequestHeaders(url);
      return Object.fromEntries(headers.entries());
    } catch (error) {
      throw new BillingReadError(
        `could not get an access token: ${safeText((error as Error).message)}; run \`gcloud auth application-default login\`, or pass --api-key KEY`,
        true,
      );
    }
  };
}

/** Google's JSON error ({"error": {"code", "message", "status"}}) as one line. */
function apiError(status: number, body: string): BillingReadError {
  let message = body.slice(0, 300);
  try {
    const parsed = JSON.parse(body) as {error?: {message?: string; status?: string}};
    if (parsed.error?.message)
      message = `${parsed.error.status ?? status}: ${parsed.error.message}`;
  } catch {
    // not JSON: the start of the body
  }
  const denied = status === 401 || status === 403;
  const fix = denied
    ? '; check the credentials (`gcloud auth application-default login`) or the API key, and that the Cloud Billing API is enabled for the quota project'
    : '';
  return new BillingReadError(
    `the Cloud Billing Catalog API answered HTTP ${status} (${safeText(message)})${fix}`,
    denied,
  );
}

export async function readServiceSkus(options: ReadSkusOptions): Promise<ReadSkus> {
  const endpoint = billingEndpoint(options.env);
  const authorise: Authorise = options.apiKey ? async () => ({}) : await adcHeaders(options.env);
  const skus: BillingSku[] = [];
  let pageToken = '';
  for (let page = 1; page <= MAX_PAGES; page += 1) {
    const url = new URL(`v1/services/${encodeURIComponent(options.service)}/skus`, endpoint.url);
    url.searchParams.set('currencyCode', options.currency);
    url.searchParams.set('pageSize', String(PAGE_SIZE));
    if (pageToken) url.searchParams.set('pageToken', pageToken);
    if (options.apiKey) url.searchParams.set('key', options.apiKey);
    let response: Response;
    try {
      response = await fetch(url, {
        headers: {accept: 'application/json', ...(await authorise(url.href))},
        signal: AbortSignal.timeout(REQUEST_MS),
      });
    } catch (error) {
      if (error instanceof BillingReadError) throw error;
      const cause = (error as {cause?: Error}).cause?.message ?? (error as Error).message;
      throw new BillingReadError(
        `cannot reach the Cloud Billing Catalog API at ${endpoint.url} (${safeText(cause)})`,
      );
    }
    const body = await response.text();
    if (!response.ok) throw apiError(response.status, body);
    let parsed: {skus?: unknown; nextPageToken?: unknown};
    try {
      parsed = JSON.parse(body) as typeof parsed;
    } catch {
      throw new BillingReadError(
        `the Cloud Billing Catalog API answered page ${page} with something that is not JSON`,
      );
    }
    if (parsed.skus !== undefined && !Array.isArray(parsed.skus))
      throw new BillingReadError(`page ${page} of the SKU list has no "skus" list`);
    skus.push(...((parsed.skus as BillingSku[] | undefined) ?? []));
    pageToken = typeof parsed.nextPageToken === 'string' ? parsed.nextPageToken : '';
    if (!pageToken) return {skus, pages: page, endpoint};
  }
  throw new BillingReadError(
    `the SKU list did not end after ${MAX_PAGES} pages of ${PAGE_SIZE}; nothing was written`,
  );
}
