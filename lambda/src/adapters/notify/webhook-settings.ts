import { z } from 'zod';

/**
 * Webhook settings (deployed: the JSON of the Secrets Manager secret named by WEBHOOK_SECRET_NAME;
 * locally or as an override: WEBHOOK_CONFIG). Department robots are the departments' own `webhook`
 * contacts; these settings add the coordinators' robot, a fallback robot for departments without a
 * contact, DingTalk signing secrets and the delivery limits.
 *
 * ```json
 * { "timeoutMs": 5000, "retries": 2,
 *   "coordinatorUrls": ["https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…"],
 *   "fallbackUrls": ["https://oapi.dingtalk.com/robot/send?access_token=…"],
 *   "signingSecrets": { "https://oapi.dingtalk.com/robot/send?access_token=…": "SEC…" } }
 * ```
 */
export const webhookSettingsSchema = z.strictObject({
  /** Per attempt; a robot that does not answer in time counts as a failed attempt. */
  timeoutMs: z.number().int().min(100).max(60_000).default(5_000),
  /** Retries after the first attempt. */
  retries: z.number().int().min(0).max(5).default(2),
  coordinatorUrls: z.array(z.url()).max(20).default([]),
  fallbackUrls: z.array(z.url()).max(20).default([]),
  /** DingTalk "加签": the robot URL (as configured anywhere) -> its SEC… secret. */
  signingSecrets: z.record(z.string(), z.string().min(1)).default({}),
});

export type WebhookSettings = z.infer<typeof webhookSettingsSchema>;

export function parseWebhookSettings(json: unknown): WebhookSettings {
  return webhookSettingsSchema.parse(json ?? {});
}

export const DEFAULT_WEBHOOK_SETTINGS: WebhookSettings = parseWebhookSettings({});
