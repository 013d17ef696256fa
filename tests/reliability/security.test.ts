import { request } from 'node:http';
import { SignJWT } from 'jose';
import { logger, redactSecrets } from '../../lambda/src/adapters/logger';
import { runScheduled } from '../../lambda/src/handlers/reminders';
import { LOCAL_AUDIENCE, LOCAL_ISSUER } from '../../lambda/src/local/local-auth';
import { buildDeps } from '../../lambda/src/wiring';
import { seedSmallCatalog, startTestStack, type TestStack } from '../helpers/stack';

/**
 * What an attacker would try first: forged and stale tokens, path tricks, oversized headers, a clerk
 * walking every route of another department, and fishing secrets out of the logs.
 */
let stack: TestStack;
let admin: string;
let judicialClerk: string;
/** Everything the process wrote to stdout/stderr while this file ran (Powertools logs go there). */
let captured = '';
const writes: jest.SpyInstance[] = [];

beforeAll(async () => {
  for (const stream of [process.stdout, process.stderr]) {
    const original = stream.write.bind(stream);
    writes.push(
      jest.spyOn(stream, 'write').mockImplementation(((chunk: string | Uint8Array, ...rest: never[]) => {
        captured += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
        return original(chunk, ...rest);
      }) as never),
    );
  }
  // The most talkative level: a secret that shows up at any level shows up here.
  logger.setLogLevel('DEBUG');
  stack = await startTestStack();
  ({ admin } = await seedSmallCatalog(stack));
  judicialClerk = await stack.token({ role: 'clerk', departmentId: 'judicial', sub: 'judicial-clerk' });
  const res = await stack.api('PUT', '/api/submissions/office/2023-01', {
    token: admin,
    body: { values: { requests: 4, answered: 2 }, note: 'baseline' },
  });
  expect(res.status).toBe(201);
});
afterAll(async () => {
  logger.setLogLevel('SILENT');
  for (const w of writes) w.mockRestore();
  await stack.stop();
});

const claims = { sub: 'mallory', name: 'M', role: 'coordinator' };
const now = () => Math.floor(Date.now() / 1000);
const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');

describe('forged and stale tokens are refused with 401', () => {
  const other = new TextEncoder().encode('a-different-secret-of-32-bytes-or-more!');
  const cases: [string, () => Promise<string>][] = [
    [
      'alg none',
      async () =>
        `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ ...claims, iss: LOCAL_ISSUER, aud: LOCAL_AUDIENCE, exp: now() + 600 })}.`,
    ],
    [
      'alg none with a signature part',
      async () =>
        `${b64({ alg: 'none' })}.${b64({ ...claims, iss: LOCAL_ISSUER, aud: LOCAL_AUDIENCE, exp: now() + 600 })}.c2ln`,
    ],
    [
      'wrong issuer',
      () =>
        new SignJWT(claims)
          .setProtectedHeader({ alg: 'HS256' })
          .setIssuer('https://evil.example')
          .setAudience(LOCAL_AUDIENCE)
          .setExpirationTime('1h')
          .sign(stack.auth.secret),
    ],
    [
      'wrong audience',
      () =>
        new SignJWT(claims)
          .setProtectedHeader({ alg: 'HS256' })
          .setIssuer(LOCAL_ISSUER)
          .setAudience('another-api')
          .setExpirationTime('1h')
          .sign(stack.auth.secret),
    ],
    [
      'no audience',
      () =>
        new SignJWT(claims)
          .setProtectedHeader({ alg: 'HS256' })
          .setIssuer(LOCAL_ISSUER)
          .setExpirationTime('1h')
          .sign(stack.auth.secret),
    ],
    [
      'expired',
      () =>
        new SignJWT(claims)
          .setProtectedHeader({ alg: 'HS256' })
          .setIssuer(LOCAL_ISSUER)
          .setAudience(LOCAL_AUDIENCE)
          .setExpirationTime(now() - 120)
          .sign(stack.auth.secret),
    ],
    [
      'not yet valid (nbf in an hour)',
      () =>
        new SignJWT(claims)
          .setProtectedHeader({ alg: 'HS256' })
          .setIssuer(LOCAL_ISSUER)
          .setAudience(LOCAL_AUDIENCE)
          .setNotBefore(now() + 3600)
          .setExpirationTime('2h')
          .sign(stack.auth.secret),
    ],
    [
      'signed by another key',
      () =>
        new SignJWT(claims)
          .setProtectedHeader({ alg: 'HS256' })
          .setIssuer(LOCAL_ISSUER)
          .setAudience(LOCAL_AUDIENCE)
          .setExpirationTime('1h')
          .sign(other),
    ],
    [
      'right key, other algorithm (HS512)',
      () =>
        new SignJWT(claims)
          .setProtectedHeader({ alg: 'HS512' })
          .setIssuer(LOCAL_ISSUER)
          .setAudience(LOCAL_AUDIENCE)
          .setExpirationTime('1h')
          .sign(stack.auth.secret),
    ],
    [
      'payload altered after signing',
      async () => {
        const good = await stack.token({ role: 'clerk', departmentId: 'judicial' });
        const [h, , s] = good.split('.');
        return `${h}.${b64({ ...claims, iss: LOCAL_ISSUER, aud: LOCAL_AUDIENCE, exp: now() + 600 })}.${s}`;
      },
    ],
  ];
  it.each(cases)('%s', async (_name, make) => {
    const token = await make();
    for (const [method, path] of [
      ['GET', '/api/metrics'],
      ['GET', '/api/aggregates?from=2023-01&to=2023-01'],
      ['PUT', '/api/metrics/forged'],
    ] as const) {
      const res = await stack.api(method, path, {
        token,
        body:
          method === 'PUT'
            ? { name: { 'zh-CN': '伪', en: 'Forged' }, unit: { 'zh-CN': '件', en: 'x' } }
            : undefined,
      });
      expect(res.status).toBe(401);
      expect(res.body.type).toBe('/problems/unauthorized');
    }
  });

  it('wrote nothing for any of them', async () => {
    const metrics = await stack.api('GET', '/api/metrics', { token: admin });
    expect(metrics.body.metrics.map((m: { metricId: string }) => m.metricId)).not.toContain('forged');
  });

  it('takes the token only from the Authorization header', async () => {
    const token = await stack.token({ role: 'coordinator', sub: 'x' });
    const res = await stack.api('GET', `/api/metrics?access_token=${token}`);
    expect(res.status).toBe(401);
  });
});

describe('path traversal and odd ids', () => {
  const paths = [
    '/api/submissions/..%2Foffice/2023-01',
    '/api/submissions/office%2F..%2Fjudicial/2023-01',
    '/api/submissions/judicial%2F..%2Foffice/2023-01',
    '/api/submissions/office/..%2F2023-01',
    '/api/submissions/office/2023-01%2F..%2F2023-02',
    '/api/submissions/%2e%2e/2023-01',
    '/api/submissions/office%00/2023-01',
    '/api/submissions/OFFICE/2023-01',
    '/api/submissions/office/2023-01/../../judicial/2023-01',
    '/api/departments/..%2F..%2Fetc%2Fpasswd',
    '/api/aggregates?from=2023-01&to=2023-01&departmentId=..%2Foffice',
    '/api/aggregates?from=2023-01&to=2023-01&departmentId=office&departmentId=judicial',
    '/api/calendar/..%2F2024',
    '/api/periods/2023-01%2Flock',
  ];
  it.each(paths)('%s as the judicial clerk reaches nothing of the office', async (path) => {
    const res = await stack.api('GET', path, { token: judicialClerk });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(JSON.stringify(res.body ?? '')).not.toContain('"requests":4');
  });

  it.each([
    '/addin/..%2F..%2Fpackage.json',
    '/addin/%2e%2e/%2e%2e/package.json',
    '/addin/..%5c..%5cpackage.json',
    '/addin/%2e%2e%2f%2e%2e%2flambda%2fsrc%2fwiring.ts',
    '/addin/....//....//package.json',
  ])('the static file server does not serve %s', async (path) => {
    const res = await fetch(`${stack.url}${path}`);
    const body = await res.text();
    expect([400, 404]).toContain(res.status);
    expect(body).not.toContain('"devDependencies"');
    expect(body).not.toContain('buildDeps');
  });

  it('a write to a traversal id stores nothing anywhere', async () => {
    const res = await stack.api('PUT', '/api/submissions/office%2F..%2Fjudicial/2023-01', {
      token: admin,
      body: { values: { lectures: 1 } },
    });
    expect(res.status).toBe(400);
    const judicial = await stack.api('GET', '/api/submissions/judicial/2023-01', { token: admin });
    expect(judicial.status).toBe(404);
  });
});

/** A raw request, so header sizes are not limited by the client. */
function rawGet(path: string, headers: Record<string, string>): Promise<number> {
  const url = new URL(stack.url);
  return new Promise((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, path, method: 'GET', headers }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('oversized headers', () => {
  it.each([
    ['a 20 KB Authorization header', { authorization: `Bearer ${'a'.repeat(20_000)}` }],
    ['a 64 KB cookie', { cookie: `c=${'x'.repeat(64_000)}` }],
    [
      '300 headers of 100 bytes',
      Object.fromEntries(Array.from({ length: 300 }, (_, i) => [`x-h${i}`, 'v'.repeat(100)])),
    ],
    ['a 20 KB If-Match', { 'if-match': `"${'9'.repeat(20_000)}"` }],
  ])('%s is refused with 431 and the server keeps serving', async (_name, headers) => {
    const status = await rawGet('/api/metrics', headers as Record<string, string>).catch(() => 0);
    // Node's HTTP parser answers 431 (or drops the connection) before any handler runs.
    expect([0, 431]).toContain(status);
    const after = await stack.api('GET', '/api/health');
    expect(after.status).toBe(200);
  });

  it('a long but legal If-Match on a write is a 400, not a 500, and stores nothing', async () => {
    const res = await stack.api('PUT', '/api/submissions/office/2023-01', {
      token: admin,
      body: { values: { requests: 5, answered: 5 }, note: 'x' },
      headers: { 'if-match': `"${'9'.repeat(4000)}"` },
    });
    expect([400, 412]).toContain(res.status);
    const current = await stack.api('GET', '/api/submissions/office/2023-01', { token: admin });
    expect(current.body.values).toEqual({ requests: 4, answered: 2 });
  });
});

describe("a clerk trying every route of another department's", () => {
  /** Routes any signed-in user may call; their answers must still carry nothing of the office. */
  const OPEN = new Set([
    'GET /api/health',
    'GET /api/openapi.json',
    'POST /api/dev/token',
    'GET /api/metrics',
    'GET /api/departments',
    'GET /api/rules',
    'GET /api/calendar/{year}',
    'GET /api/submissions',
  ]);
  const fill = (path: string) =>
    path
      .replace('{departmentId}', 'office')
      .replace('{period}', '2023-01')
      .replace('{metricId}', 'requests')
      .replace('{ruleId}', 'answered-le-requests')
      .replace('{year}', '2023');
  const bodies: Record<string, unknown> = {
    'PUT /api/submissions/{departmentId}/{period}': {
      values: { requests: 99, answered: 1 },
      note: 'intrusion',
    },
    'PUT /api/metrics/{metricId}': {
      name: { 'zh-CN': '改', en: 'Changed' },
      unit: { 'zh-CN': '件', en: 'x' },
    },
    'PUT /api/departments/{departmentId}': {
      name: { 'zh-CN': '改', en: 'Changed' },
      parentId: null,
      metrics: [],
      contacts: [{ channel: 'webhook', address: 'https://evil.example/hook' }],
    },
    'PUT /api/rules/{ruleId}': {
      left: 'answered',
      op: '>=',
      right: 'requests',
      severity: 'error',
      message: { 'zh-CN': '改', en: 'x' },
    },
    'PUT /api/calendar/{year}': { holidays: [], workdays: [] },
    'POST /api/reminders/run': { asOf: '2023-02-15T09:30:00+08:00' },
    'POST /api/aggregates/batch': { queries: [{ from: '2023-01', to: '2023-01', departmentId: 'office' }] },
  };

  it('is refused on every office route, and on the others sees nothing of the office', async () => {
    const doc = (await stack.api('GET', '/api/openapi.json')).body;
    const routes = Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(
      ([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`),
    );
    expect(routes.length).toBeGreaterThan(20);
    const outcomes: string[] = [];
    for (const route of routes) {
      const [method, template] = route.split(' ') as [string, string];
      const sep = template.includes('?') ? '&' : '?';
      // Optional departmentId / period / range parameters point at the office too.
      const path = `${fill(template)}${sep}departmentId=office&period=2023-01&from=2023-01&to=2023-01&format=csv`;
      const res = await stack.api(method, path, { token: judicialClerk, body: bodies[route] });
      if (OPEN.has(route)) {
        if (res.status >= 500) outcomes.push(`${route}: ${res.status}`);
        if (route === 'GET /api/submissions') {
          const ids = (res.body.submissions as { departmentId: string }[]).map((s) => s.departmentId);
          if (ids.includes('office')) outcomes.push(`${route}: listed the office`);
        }
      } else if (route === 'POST /api/aggregates/batch') {
        // Per-query access: the batch answers 200 with a 403 problem in the office's slot.
        if (res.status !== 403 && res.body?.results?.[0]?.error?.status !== 403)
          outcomes.push(`${route}: ${res.status}`);
      } else if (res.status !== 403) {
        outcomes.push(`${route}: ${res.status}`);
      }
    }
    expect(outcomes).toEqual([]);
    // Nothing of the office changed.
    const current = await stack.api('GET', '/api/submissions/office/2023-01/history', { token: admin });
    expect(current.body.revisions).toHaveLength(1);
    const office = (await stack.api('GET', '/api/departments', { token: admin })).body.departments.find(
      (d: { departmentId: string }) => d.departmentId === 'office',
    );
    expect(office.parentId).toBe('street');
    expect(JSON.stringify(office.contacts)).not.toContain('evil');
  });
});

describe('secrets never reach the logs', () => {
  it('no token, JWT secret, webhook key or signing secret appears in anything the process wrote', async () => {
    const webhookKey = 'WEBHOOKKEY7f3a9c';
    const robotToken = 'ROBOTTOKEN51be2d';
    const signing = 'SECd41d8cd98f00b204e9800998ecf8427e';
    const robotUrl = `http://127.0.0.1:9/robot/send?access_token=${robotToken}`;
    await stack.api('PUT', '/api/departments/judicial', {
      token: admin,
      body: {
        name: { 'zh-CN': '司法所', en: 'Judicial' },
        parentId: 'street',
        metrics: ['lectures'],
        contacts: [
          { channel: 'webhook', address: `http://127.0.0.1:9/cgi-bin/webhook/send?key=${webhookKey}` },
        ],
      },
    });
    // Requests that log: refused tokens, a storage failure's 500 path is not reachable from outside,
    // so also a scheduled reminder run whose webhooks all fail (failures are logged).
    const token = await stack.token({ role: 'coordinator', sub: 'admin' });
    await stack.api('GET', '/api/metrics', { token: `${token}x` });
    await stack.api('GET', '/api/metrics', { token });
    const deps = buildDeps({
      tableName: stack.tableName,
      endpoint: process.env.DYNAMODB_ENDPOINT,
      reminders: {
        channels: ['webhook'],
        webhook: {
          timeoutMs: 500,
          retries: 0,
          coordinatorUrls: [robotUrl],
          fallbackUrls: [robotUrl],
          signingSecrets: { [robotUrl]: signing },
        },
      },
    });
    const result = await runScheduled(
      {
        source: 'legal-reporting.scheduler',
        kind: 'run-reminders',
        scheduledTime: '2023-02-01T09:30:00+08:00',
      },
      deps,
    );
    // The run really tried (and failed) to deliver, so the failure path was logged.
    expect(result.failed.length).toBeGreaterThan(0);
    expect(captured).toContain('reminder');

    const secretB64 = Buffer.from(stack.auth.secret).toString('base64');
    const secretHex = Buffer.from(stack.auth.secret).toString('hex');
    for (const secret of [
      token,
      judicialClerk,
      admin,
      secretB64,
      secretHex,
      webhookKey,
      robotToken,
      signing,
    ]) {
      expect(captured).not.toContain(secret);
    }
    expect(captured).not.toMatch(/eyJ[\w-]+\.eyJ[\w-]+\.[\w-]+/);
  });
});

describe('redactSecrets', () => {
  it.each([
    [
      'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abc123',
      'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?[redacted]',
    ],
    ['to http://h/robot/send?access_token=t0k&x=1 failed', 'to http://h/robot/send?[redacted] failed'],
    ['Bearer abc.def.ghi', 'Bearer [redacted]'],
    ['token eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln here', 'token [redacted-jwt] here'],
    ['secret SECd41d8cd98f00b204e9800998ecf8427e', 'secret SEC[redacted]'],
    ['nothing secret in 2023-01 for office', 'nothing secret in 2023-01 for office'],
  ])('%s', (input, expected) => {
    expect(redactSecrets(input)).toBe(expected);
  });
});
