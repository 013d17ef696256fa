/**
 * How the task pane signs in, decided when the add-in is built (addin/build.ts injects the result as
 * `__ADDIN_CONFIG__`). Pure so the choice can be unit-tested without a browser.
 */

export interface NaaConfig {
  clientId: string;
  authority: string;
  /** Scopes of the API's access token, e.g. `api://reports.example.gov.cn/<clientId>/access_as_user`. */
  scopes: string[];
}

export interface AddinConfig {
  /** `dev`: choose a demo identity (local stack only); `naa`: Microsoft Nested App Authentication. */
  auth: { mode: 'dev' } | ({ mode: 'naa' } & NaaConfig);
  /** Where the API lives; '' = the origin that served the pane (the local stack, or the deployed CDN). */
  apiBaseUrl: string;
}

export type BuildEnv = Readonly<Record<string, string | undefined>>;

/**
 * Local builds (no ADDIN_BASE_URL) sign in with demo identities. A deployed build must name its Entra ID
 * app registration: a deployed pane without one could not sign anybody in, so the build fails instead.
 */
export function resolveAddinConfig(env: BuildEnv): AddinConfig {
  const apiBaseUrl = (env.ADDIN_API_BASE_URL ?? '').replace(/\/+$/, '');
  const clientId = env.ADDIN_AAD_CLIENT_ID?.trim();
  if (!clientId) {
    if (env.ADDIN_BASE_URL) {
      throw new Error(
        'ADDIN_BASE_URL is set (a deployed build) but ADDIN_AAD_CLIENT_ID is not: set the Entra ID app registration used for Nested App Authentication.',
      );
    }
    return { auth: { mode: 'dev' }, apiBaseUrl };
  }
  const scopes = (env.ADDIN_API_SCOPES ?? '')
    .split(/[\s,]+/)
    .map((s) => s.trim())
    .filter(Boolean);
  if (scopes.length === 0) {
    throw new Error(
      'ADDIN_AAD_CLIENT_ID is set but ADDIN_API_SCOPES is empty: name the API scope to request.',
    );
  }
  return {
    auth: {
      mode: 'naa',
      clientId,
      authority: env.ADDIN_AAD_AUTHORITY?.trim() || 'https://login.microsoftonline.com/organizations',
      scopes,
    },
    apiBaseUrl,
  };
}
