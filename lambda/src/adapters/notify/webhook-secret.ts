import { GetSecretValueCommand, type SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { parseWebhookSettings, type WebhookSettings } from './webhook-settings';

/** The webhook settings kept in Secrets Manager (robot URLs carry their access tokens). */
export async function loadWebhookSecret(
  client: SecretsManagerClient,
  secretName: string,
): Promise<WebhookSettings> {
  const res = await client.send(new GetSecretValueCommand({ SecretId: secretName }));
  if (!res.SecretString) throw new Error(`secret ${secretName} has no string value`);
  return parseWebhookSettings(JSON.parse(res.SecretString));
}
