// Vertex mode's first step: get an access token through Application Default Credentials (the
// google-auth-library that the official clients use, as google-gax ships it), so a missing,
// expired or revoked credential is reported at once, with its fix, rather than on the first
// call minutes later. Bounded in time: an unreachable token endpoint never hangs the app.
import {commonJsExports} from './commonjs-exports.js';

export const CLOUD_PLATFORM_SCOPE = 'https://www.googleapis.com/auth/cloud-platform';
export const CREDENTIAL_PROBE_MS = 8000;

const UNAUTHENTICATED = 16;

export interface ProbedCredentials {
  /** The identity the credentials name (a service account's email), when they name one. */
  identity?: string;
}

/** `projectId`: the resolved project, so the library never looks one up over the network. */
export async function probeCredentials(
  projectId: string,
  timeoutMs = CREDENTIAL_PROBE_MS,
): Promise<ProbedCredentials> {
  const {GoogleAuth} = await commonJsExports(import('google-gax'));
  const auth = new GoogleAuth({scopes: [CLOUD_PLATFORM_SCOPE], projectId});
  const probe = (async () => {
    const client = await auth.getClient();
    const {token} = await client.getAccessToken();
    if (!token) throw new Error('the credentials gave no access token');
    const credentials = await auth.getCredentials().catch(() => ({client_email: undefined}));
    return credentials.client_email ? {identity: credentials.client_email} : {};
  })();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          Object.assign(
            new Error(
              `could not get a Google Cloud access token within ${Math.round(timeoutMs / 1000)} s (is the token endpoint reachable?)`,
            ),
            {code: UNAUTHENTICATED},
          ),
        ),
      timeoutMs,
    );
  });
  try {
    return await Promise.race([probe, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
