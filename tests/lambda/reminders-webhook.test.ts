import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { CountingReminderMetrics } from '../../lambda/src/adapters/notify/delivery-metrics';
import { WebhookNotifier } from '../../lambda/src/adapters/notify/webhook-notifier';
import { parseWebhookSettings } from '../../lambda/src/adapters/notify/webhook-settings';
import { type ReminderTestStack, seedReminderCatalog, startReminderStack } from './reminders-support';

/** A robot endpoint on 127.0.0.1: /ok answers like WeCom, /slow never in time, /flaky 500 once, /down always 500. */
let receiver: Server;
let base: string;
const received: { path: string; body: any }[] = [];
let flakyCalls = 0;
const pending: ServerResponse[] = [];

beforeAll(async () => {
  receiver = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const path = req.url ?? '';
      received.push({ path, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) });
      if (path.startsWith('/ok')) {
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"errcode":0,"errmsg":"ok"}');
      } else if (path.startsWith('/slow')) {
        pending.push(res); // answered only at teardown: every attempt times out
      } else if (path.startsWith('/flaky')) {
        flakyCalls++;
        if (flakyCalls === 1) res.writeHead(500).end('busy');
        else res.writeHead(200, { 'content-type': 'application/json' }).end('{"errcode":0}');
      } else if (path.startsWith('/refuses')) {
        res
          .writeHead(200, { 'content-type': 'application/json' })
          .end('{"errcode":93000,"errmsg":"invalid webhook url"}');
      } else {
        res.writeHead(500).end('down');
      }
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', () => r()));
  base = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
});
afterAll(async () => {
  for (const res of pending) res.end();
  receiver.closeAllConnections();
  await new Promise<void>((r) => receiver.close(() => r()));
});

describe('webhook delivery through the reminder job', () => {
  let stack: ReminderTestStack;
  let admin: string;
  let result: any;

  beforeAll(async () => {
    stack = await startReminderStack({
      reminders: {
        webhook: parseWebhookSettings({
          timeoutMs: 300,
          retries: 2,
          coordinatorUrls: [`${base}/ok/coordinators`],
        }),
      },
    });
    admin = await seedReminderCatalog(stack, [
      { id: 'w-ok', zh: '司法所机器人', contacts: [{ channel: 'webhook', address: `${base}/ok/w` }] },
      { id: 'w-slow', zh: '慢机器人', contacts: [{ channel: 'webhook', address: `${base}/slow/w` }] },
      { id: 'w-flaky', zh: '偶尔出错', contacts: [{ channel: 'webhook', address: `${base}/flaky/w` }] },
      { id: 'w-down', zh: '总是出错', contacts: [{ channel: 'webhook', address: `${base}/down/w` }] },
    ]);
    const asOf = '2025-10-09T09:30:00+08:00';
    stack.clock.at = new Date(asOf);
    result = (await stack.api('POST', '/api/reminders/run', { token: admin, body: { asOf } })).body;
  }, 60_000);
  afterAll(() => stack.stop());

  it('posts a WeCom/DingTalk text message naming department, month, due date and link', () => {
    const ok = received.filter((r) => r.path === '/ok/w');
    expect(ok).toHaveLength(1);
    expect(ok[0]?.body.msgtype).toBe('text');
    expect(ok[0]?.body.text.content).toContain('司法所机器人');
    expect(ok[0]?.body.text.content).toContain('2025年9月');
    expect(ok[0]?.body.text.content).toContain('2025-10-14');
    expect(ok[0]?.body.text.content).toContain('https://addin.example.cn/addin/taskpane.html');
  });

  it('retries a 500 and succeeds on the second attempt', () => {
    expect(received.filter((r) => r.path === '/flaky/w')).toHaveLength(2);
    expect(result.sent).toContainEqual({ departmentId: 'w-flaky', channel: 'webhook', kind: 'reminder' });
  });

  it('gives up after the configured retries on a timeout and on a lasting 500, records it, counts it, and goes on', () => {
    expect(received.filter((r) => r.path === '/slow/w')).toHaveLength(3);
    expect(received.filter((r) => r.path === '/down/w')).toHaveLength(3);
    const failed = result.failed.map((f: { departmentId: string; error: string }) => [
      f.departmentId,
      f.error,
    ]);
    expect(failed).toEqual(
      expect.arrayContaining([
        ['w-slow', expect.stringContaining('timed out after 300 ms')],
        ['w-down', expect.stringContaining('HTTP 500')],
      ]),
    );
    expect(result.failed).toHaveLength(2);
    // The others were still reminded, on both channels.
    expect(result.sent.map((s: { departmentId: string }) => s.departmentId).sort()).toEqual([
      'alpha',
      'beta',
      'delta',
      'w-flaky',
      'w-ok',
    ]);
    expect((stack.deps.reminders.metrics as CountingReminderMetrics).failures).toBe(2);
  });

  it('does not resend on a second run the same day, failed ones included', async () => {
    const before = received.length;
    const again = await stack.api('POST', '/api/reminders/run', {
      token: admin,
      body: { asOf: '2025-10-09T16:00:00+08:00' },
    });
    expect(again.body.sent).toEqual([]);
    expect(again.body.failed).toEqual([]);
    expect(received.length).toBe(before);
  });
});

describe('WebhookNotifier', () => {
  const message = {
    channel: 'webhook' as const,
    subject: 's',
    body: 'b',
    link: 'l',
    departmentId: 'd',
    period: '2025-09',
    kind: 'reminder' as const,
  };

  it('treats a robot that answers 200 with a non-zero errcode as a failure', async () => {
    const notifier = new WebhookNotifier(parseWebhookSettings({ timeoutMs: 1000, retries: 0 }));
    await expect(notifier.deliver({ ...message, to: `${base}/refuses` })).rejects.toThrow('errcode 93000');
    await expect(notifier.deliver({ ...message, to: `${base}/ok/direct` })).resolves.toBeUndefined();
  });

  it('signs DingTalk robot URLs with timestamp and HMAC when a secret is configured', async () => {
    const url = `${base}/ok/signed?access_token=abc`;
    const notifier = new WebhookNotifier(parseWebhookSettings({ signingSecrets: { [url]: 'SECtest' } }));
    await notifier.deliver({ ...message, to: url });
    const hit = received.filter((r) => r.path.startsWith('/ok/signed')).at(-1);
    const query = new URL(hit?.path ?? '', base).searchParams;
    expect(query.get('access_token')).toBe('abc');
    expect(query.get('timestamp')).toMatch(/^\d{13}$/);
    expect(query.get('sign')).toMatch(/^[A-Za-z0-9+/]+=*$/);
  });
});
