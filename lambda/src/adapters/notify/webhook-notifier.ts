import { createHmac } from 'node:crypto';
import type { Notifier, OutgoingMessage } from '../../../../shared/src/ports/notifier';
import type { WebhookSettings } from './webhook-settings';

/**
 * Reminders as a JSON POST to a group robot. `{"msgtype":"text","text":{"content":…}}` is the text
 * message of both WeCom (企业微信群机器人) and DingTalk (钉钉自定义机器人); both answer HTTP 200 with
 * `{"errcode":0}` on success and a non-zero errcode (still HTTP 200) when they refuse, so that counts
 * as a failure too. Each attempt is bounded by `timeoutMs`; the caller retries.
 */
export class WebhookNotifier implements Notifier {
  readonly channel = 'webhook' as const;
  readonly attempts: number;

  constructor(
    private readonly settings: WebhookSettings,
    private readonly fetchImpl: typeof fetch = fetch,
  ) {
    this.attempts = settings.retries + 1;
  }

  async deliver(m: OutgoingMessage): Promise<void> {
    const url = this.signedUrl(m.to);
    const payload = {
      msgtype: 'text',
      text: { content: `${m.subject}\n${m.body}` },
      // Ignored by the robots; lets a custom receiver route without parsing the text.
      reminder: { kind: m.kind, period: m.period, departmentId: m.departmentId, link: m.link },
    };
    let res: Response;
    try {
      res = await this.fetchImpl(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json; charset=utf-8' },
        body: JSON.stringify(payload),
        signal: AbortSignal.timeout(this.settings.timeoutMs),
      });
    } catch (err) {
      const name = (err as { name?: string }).name;
      if (name === 'TimeoutError' || name === 'AbortError') {
        throw new Error(`webhook timed out after ${this.settings.timeoutMs} ms`, { cause: err });
      }
      throw new Error(`webhook unreachable: ${(err as Error).message}`, { cause: err });
    }
    const text = await res.text().catch(() => '');
    if (!res.ok) throw new Error(`webhook answered HTTP ${res.status}`);
    let errcode: unknown;
    try {
      errcode = (JSON.parse(text) as { errcode?: unknown }).errcode;
    } catch {
      // Not JSON: a plain receiver that answered 2xx has taken the message.
    }
    if (errcode !== undefined && errcode !== 0) {
      throw new Error(`webhook refused the message: errcode ${String(errcode)} ${text.slice(0, 200)}`);
    }
  }

  /** DingTalk 加签: `timestamp` and `sign` = base64(HMAC-SHA256(secret, "<timestamp>\n<secret>")). */
  private signedUrl(url: string): string {
    const secret = this.settings.signingSecrets[url];
    if (!secret) return url;
    const timestamp = Date.now();
    const sign = createHmac('sha256', secret).update(`${timestamp}\n${secret}`).digest('base64');
    const u = new URL(url);
    u.searchParams.set('timestamp', String(timestamp));
    u.searchParams.set('sign', sign);
    return u.toString();
  }
}
