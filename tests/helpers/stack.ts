import { randomUUID } from 'node:crypto';
import { type LocalStack, startLocalStack } from '../../lambda/src/local/server';

export interface TestStack extends LocalStack {
  token(claims: {
    sub?: string;
    name?: string;
    role: 'clerk' | 'coordinator';
    departmentId?: string;
  }): Promise<string>;
  api(
    method: string,
    path: string,
    options?: { token?: string; body?: unknown; headers?: Record<string, string>; raw?: string },
  ): Promise<ApiResponse>;
}

export interface ApiResponse {
  status: number;
  headers: Headers;
  body: any;
}

/**
 * A real local stack for one test file: the same HTTP server and handlers as `npm start`, on the
 * run's shared DynamoDB Local, with a table of its own so files never see each other's data.
 */
export async function startTestStack(options: { seedDemo?: boolean } = {}): Promise<TestStack> {
  const endpoint = process.env.DYNAMODB_ENDPOINT;
  if (!endpoint)
    throw new Error('DYNAMODB_ENDPOINT is not set: run through jest (globalSetup starts DynamoDB Local)');
  const stack = await startLocalStack({
    port: 0,
    dataDir: null,
    dynamoEndpoint: endpoint,
    tableName: `t-${randomUUID()}`,
    seedDemo: options.seedDemo ?? false,
  });
  return {
    ...stack,
    token: (claims) =>
      stack.auth.issue({
        sub: claims.sub ?? `${claims.role}-${claims.departmentId ?? 'all'}`,
        name: claims.name ?? 'Test',
        ...claims,
      }),
    api: async (method, path, opts = {}) => {
      const headers: Record<string, string> = { ...opts.headers };
      if (opts.token) headers.authorization = `Bearer ${opts.token}`;
      let body: string | undefined = opts.raw;
      if (opts.body !== undefined) {
        body = JSON.stringify(opts.body);
        headers['content-type'] ??= 'application/json';
      }
      const res = await fetch(`${stack.url}${path}`, { method, headers, body });
      const textBody = await res.text();
      let parsed: unknown = textBody;
      try {
        parsed = textBody ? JSON.parse(textBody) : undefined;
      } catch {
        // not JSON: keep the text
      }
      return { status: res.status, headers: res.headers, body: parsed };
    },
  };
}

/** A small catalogue for tests: a street with two departments and a grouping unit with one child. */
export async function seedSmallCatalog(stack: TestStack): Promise<{ admin: string }> {
  const admin = await stack.token({ role: 'coordinator', sub: 'admin' });
  const put = async (path: string, body: unknown) => {
    const res = await stack.api('PUT', path, { token: admin, body });
    if (res.status >= 300) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body)}`);
  };
  const name = (zh: string, en: string) => ({ 'zh-CN': zh, en });
  await put('/api/metrics/requests', { name: name('受理申请', 'Requests'), unit: name('件', 'cases') });
  await put('/api/metrics/answered', { name: name('已答复', 'Answered'), unit: name('件', 'cases') });
  await put('/api/metrics/lectures', { name: name('法治讲座', 'Lectures'), unit: name('场', 'lectures') });
  await put('/api/departments/street', {
    name: name('街道', 'Street'),
    parentId: null,
    metrics: [],
    contacts: [],
  });
  await put('/api/departments/office', {
    name: name('办公室', 'Office'),
    parentId: 'street',
    metrics: ['requests', 'answered'],
    contacts: [{ channel: 'email', address: 'office@example.cn' }],
  });
  await put('/api/departments/judicial', {
    name: name('司法所', 'Judicial'),
    parentId: 'street',
    metrics: ['lectures'],
    contacts: [],
  });
  await put('/api/departments/area', {
    name: name('片区', 'Area'),
    parentId: 'street',
    metrics: [],
    contacts: [],
  });
  await put('/api/departments/area-one', {
    name: name('一村', 'Area One'),
    parentId: 'area',
    metrics: ['lectures'],
    contacts: [],
  });
  await put('/api/rules/answered-le-requests', {
    left: 'answered',
    op: '<=',
    right: 'requests',
    severity: 'error',
    message: name('答复数不能多于受理数。', 'Answered cannot exceed requests.'),
  });
  return { admin };
}
