/**
 * Deployed sign-in: Microsoft's Nested App Authentication (the host's own account, no popup), with the
 * Office dialog as fallback where NAA is not supported (older Excel). Loaded on demand so the local
 * build's initial bundle carries none of MSAL.
 */
import { createNestablePublicClientApplication, InteractionRequiredAuthError } from '@azure/msal-browser';
import type { NaaConfig } from './auth-config';

export async function acquireTokenWithNaa(config: NaaConfig): Promise<string> {
  const supported =
    typeof Office !== 'undefined' && Office.context?.requirements?.isSetSupported('NestedAppAuth', '1.1');
  if (!supported) return acquireTokenWithDialog(config);
  const pca = await createNestablePublicClientApplication({
    auth: { clientId: config.clientId, authority: config.authority },
  });
  const request = { scopes: config.scopes };
  try {
    return (await pca.acquireTokenSilent(request)).accessToken;
  } catch (error) {
    if (!(error instanceof InteractionRequiredAuthError)) {
      // NAA itself failed (e.g. the host's broker is unavailable): the dialog still works.
      return acquireTokenWithDialog(config);
    }
    return (await pca.acquireTokenPopup(request)).accessToken;
  }
}

/** Opens auth-dialog.html in an Office dialog; it signs in with MSAL redirect and messages the token back. */
function acquireTokenWithDialog(config: NaaConfig): Promise<string> {
  const url = new URL('auth-dialog.html', window.location.href);
  url.searchParams.set('clientId', config.clientId);
  url.searchParams.set('authority', config.authority);
  url.searchParams.set('scopes', config.scopes.join(' '));
  return new Promise((resolve, reject) => {
    Office.context.ui.displayDialogAsync(url.toString(), { height: 60, width: 30 }, (result) => {
      if (result.status !== Office.AsyncResultStatus.Succeeded) {
        reject(new Error(result.error.message));
        return;
      }
      const dialog = result.value;
      dialog.addEventHandler(Office.EventType.DialogMessageReceived, (arg) => {
        dialog.close();
        const message = JSON.parse((arg as { message: string }).message) as {
          token?: string;
          error?: string;
        };
        if (message.token) resolve(message.token);
        else reject(new Error(message.error ?? 'sign-in failed'));
      });
      dialog.addEventHandler(Office.EventType.DialogEventReceived, () => reject(new Error('dialog closed')));
    });
  });
}
