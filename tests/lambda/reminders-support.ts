import { randomUUID } from 'node:crypto';
import { type LocalStack, type LocalStackOptions, startLocalStack } from '../../lambda/src/local/server';

export interface ReminderTestStack extends LocalStack {
  token(claims: { sub?: string; role: 'clerk' | 'coordinator'; departmentId?: string }): Promise<string>;
  api(
    method: string,
    path: string,
    options?: { token?: string; body?: unknown },
  ): Promise<{ status: number; body: any }>;
}

/** A local stack on the run's DynamoDB Local with reminder settings of the test's choosing. */
export async function startReminderStack(
  options: Pick<LocalStackOptions, 'reminders' | 'reminderTimer'> = {},
): Promise<ReminderTestStack> {
  const endpoint = process.env.DYNAMODB_ENDPOINT;
  if (!endpoint) throw new Error('DYNAMODB_ENDPOINT is not set: run through jest');
  const stack = await startLocalStack({
    port: 0,
    dataDir: null,
    dynamoEndpoint: endpoint,
    tableName: `t-${randomUUID()}`,
    seedDemo: false,
    ...options,
    reminders: {
      addinUrl: 'https://addin.example.cn',
      coordinatorEmails: ['fzb@example.cn'],
      ...options.reminders,
    },
  });
  return {
    ...stack,
    token: (claims) =>
      stack.auth.issue({
        sub: claims.sub ?? `${claims.role}-${claims.departmentId ?? 'all'}`,
        name: 'Test',
        ...claims,
      }),
    api: async (method, path, opts = {}) => {
      const headers: Record<string, string> = {};
      if (opts.token) headers.authorization = `Bearer ${opts.token}`;
      if (opts.body !== undefined) headers['content-type'] = 'application/json';
      const res = await fetch(`${stack.url}${path}`, {
        method,
        headers,
        body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
      });
      const text = await res.text();
      let body: unknown = text;
      try {
        body = text ? JSON.parse(text) : undefined;
      } catch {
        // keep the text
      }
      return { status: res.status, body };
    },
  };
}

const name = (zh: string, en: string) => ({ 'zh-CN': zh, en });

/**
 * street (grouping) > alpha (e-mail), beta (e-mail), gamma (no contact), area (grouping) > delta (e-mail);
 * plus any extra departments with their own contacts.
 */
export async function seedReminderCatalog(
  stack: ReminderTestStack,
  extra: { id: string; zh: string; contacts: { channel: 'email' | 'webhook'; address: string }[] }[] = [],
): Promise<string> {
  const admin = await stack.token({ role: 'coordinator', sub: 'admin' });
  const put = async (path: string, body: unknown) => {
    const res = await stack.api('PUT', path, { token: admin, body });
    if (res.status >= 300) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body)}`);
  };
  await put('/api/metrics/lectures', { name: name('法治讲座', 'Lectures'), unit: name('场', 'lectures') });
  await put('/api/departments/street', {
    name: name('张庙街道', 'Street'),
    parentId: null,
    metrics: [],
    contacts: [],
  });
  const dept = (
    id: string,
    zh: string,
    parentId: string,
    contacts: { channel: 'email' | 'webhook'; address: string }[],
  ) => put(`/api/departments/${id}`, { name: name(zh, id), parentId, metrics: ['lectures'], contacts });
  await dept('alpha', '司法所', 'street', [{ channel: 'email', address: 'alpha@example.cn' }]);
  await dept('beta', '公共法律服务站', 'street', [{ channel: 'email', address: 'beta@example.cn' }]);
  await dept('gamma', '城管执法中队', 'street', []);
  await put('/api/departments/area', {
    name: name('居民区', 'Area'),
    parentId: 'street',
    metrics: [],
    contacts: [],
  });
  await dept('delta', '通河一村居民区', 'area', [{ channel: 'email', address: 'delta@example.cn' }]);
  for (const e of extra) await dept(e.id, e.zh, 'street', e.contacts);
  return admin;
}

/** Every calendar day from `from` to `to` (YYYY-MM-DD), both included. */
export function daysBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += 86_400_000) {
    out.push(new Date(t).toISOString().slice(0, 10));
  }
  return out;
}
