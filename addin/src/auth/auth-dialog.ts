/**
 * The Office dialog's page (auth-dialog.html): the fallback sign-in when the host lacks Nested App
 * Authentication. Signs in with an MSAL redirect, then hands the API token to the pane via messageParent.
 */
import { PublicClientApplication } from '@azure/msal-browser';

async function run(): Promise<void> {
  await Office.onReady();
  const params = new URLSearchParams(window.location.search);
  const clientId = params.get('clientId') ?? sessionStorage.getItem('auth.clientId') ?? '';
  const authority = params.get('authority') ?? sessionStorage.getItem('auth.authority') ?? '';
  const scopes = (params.get('scopes') ?? sessionStorage.getItem('auth.scopes') ?? '')
    .split(' ')
    .filter(Boolean);
  // The redirect back from the identity provider drops the query string: remember it for the return trip.
  sessionStorage.setItem('auth.clientId', clientId);
  sessionStorage.setItem('auth.authority', authority);
  sessionStorage.setItem('auth.scopes', scopes.join(' '));
  const pca = new PublicClientApplication({
    auth: { clientId, authority, redirectUri: window.location.origin + window.location.pathname },
    cache: { cacheLocation: 'sessionStorage' },
  });
  await pca.initialize();
  const result = await pca.handleRedirectPromise();
  if (result?.accessToken) {
    Office.context.ui.messageParent(JSON.stringify({ token: result.accessToken }));
    return;
  }
  await pca.loginRedirect({ scopes });
}

run().catch((error: unknown) => {
  Office.context.ui.messageParent(JSON.stringify({ error: String(error) }));
});
